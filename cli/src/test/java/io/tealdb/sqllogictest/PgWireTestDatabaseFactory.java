package io.tealdb.sqllogictest;

import io.tealdb.server.ServerConfig;
import io.tealdb.server.TealServer;

import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * TealDB reached the way a PostgreSQL client reaches it: each test file gets its own {@link TealServer}
 * (a fresh in-memory database, the PostgreSQL endpoint on an ephemeral loopback port), and every
 * connection is a pgjdbc connection to it. pgjdbc keeps its defaults, so a statement run often
 * enough switches to a named server-side statement with binary results, as in applications.
 */
final class PgWireTestDatabaseFactory implements TestDatabaseFactory {

    @Override
    public TestDatabase open(Context context) throws SQLException {
        TealServer server;
        try {
            server = TealServer.start(ServerConfig.defaults().withPort(0), new PrintStream(OutputStream.nullOutputStream()));
        } catch (RuntimeException e) {
            throw new SQLException("cannot start a server for " + context.testName() + ": " + e.getMessage(), e);
        }
        String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/teal";
        String root = context.rootDir().toAbsolutePath().toString().replace("'", "''");
        return new TestDatabase() {
            @Override
            public Connection newConnection() throws SQLException {
                Properties p = new Properties();
                p.setProperty("user", "teal");
                Connection c = PgWireConnection.wrap(DriverManager.getConnection(url, p));
                try (Statement s = c.createStatement()) {
                    s.execute("SET file_search_path = '" + root + "'");
                    // the corpus is DuckDB SQL: its BLOB literals mean DuckDB's escapes, not PostgreSQL's bytea text
                    s.execute("SET bytea_input = 'duckdb'");
                }
                return c;
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
