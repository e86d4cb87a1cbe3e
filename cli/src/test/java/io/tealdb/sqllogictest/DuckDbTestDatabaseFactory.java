package io.tealdb.sqllogictest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB JDBC as the engine under test: one in-memory database per file; further connections
 * are {@link DuckDBConnection#duplicate()}s of a holder connection, so they share it.
 */
final class DuckDbTestDatabaseFactory implements TestDatabaseFactory {

    @Override
    public TestDatabase open(Context context) throws SQLException {
        DuckDBConnection holder = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        String root = context.rootDir().toAbsolutePath().toString().replace("'", "''");
        return new TestDatabase() {
            @Override
            public Connection newConnection() throws SQLException {
                Connection c = holder.duplicate();
                try (Statement s = c.createStatement()) {
                    s.execute("SET file_search_path = '" + root + "'");
                }
                return c;
            }

            @Override
            public void close() {
                try {
                    holder.close();
                } catch (SQLException ignored) {
                    // best effort
                }
            }
        };
    }
}
