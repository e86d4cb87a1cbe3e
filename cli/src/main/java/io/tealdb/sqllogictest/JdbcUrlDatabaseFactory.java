package io.tealdb.sqllogictest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens test databases through {@link DriverManager} from a JDBC URL prefix.
 *
 * <ul>
 *   <li>{@code jdbc:teal:} (the default): each file gets a private in-memory database; a file
 *       that uses named connections gets a shared one, {@code jdbc:teal:memory:slt_<n>_<nanos>},
 *       and every connection opens that same URL.</li>
 *   <li>{@code jdbc:duckdb:} likewise, with {@code jdbc:duckdb:memory:slt_<n>_<nanos>} (to validate the runner).</li>
 *   <li>{@value #FORCE_STORAGE}: each file gets a fresh database file (DuckDB's {@code --force-storage}):
 *       every commit goes through the write-ahead log or a checkpoint.</li>
 *   <li>any other URL: every connection opens the URL as given (e.g. a file database).</li>
 * </ul>
 * Each new connection runs the {@code initSql} statements (with {@code {ROOT}} replaced by the
 * scratch root directory); failures of these are ignored, so an engine lacking e.g.
 * {@code file_search_path} still runs everything that does not read fixtures.
 */
public final class JdbcUrlDatabaseFactory implements TestDatabaseFactory {

    public static final String DEFAULT_URL = "jdbc:teal:";
    public static final String FORCE_STORAGE = "jdbc:teal:force-storage";
    public static final List<String> DEFAULT_INIT_SQL = List.of("SET file_search_path = '{ROOT}'");

    private static final AtomicLong COUNTER = new AtomicLong();

    private final String urlPrefix;
    private final List<String> initSql;

    public JdbcUrlDatabaseFactory(String urlPrefix, List<String> initSql) {
        this.urlPrefix = urlPrefix;
        this.initSql = List.copyOf(initSql);
    }

    @Override
    public TestDatabase open(Context context) throws SQLException {
        String url = urlPrefix;
        java.nio.file.Path storageDir = null;
        if (url.equals(FORCE_STORAGE)) {
            try {
                storageDir = java.nio.file.Files.createTempDirectory(context.rootDir().toAbsolutePath(), "storage");
            } catch (java.io.IOException e) {
                throw new SQLException("cannot create a database file for " + context.testName() + ": " + e, e);
            }
            url = "jdbc:teal:" + storageDir.resolve("test.db");
        } else if (context.sharedConnections()) {
            String unique = "slt_" + COUNTER.incrementAndGet() + "_" + System.nanoTime();
            if (url.equals("jdbc:teal:") || url.equals("jdbc:teal:memory:")) {
                url = "jdbc:teal:memory:" + unique;
            } else if (url.equals("jdbc:duckdb:")) {
                url = "jdbc:duckdb:memory:" + unique; // DuckDB's named in-memory database, for validation
            }
        }
        String finalUrl = url;
        String root = context.rootDir().toAbsolutePath().toString().replace("'", "''");
        // The first connection keeps a private in-memory database alive for the whole file.
        Connection first = connect(finalUrl, root);
        java.nio.file.Path dir = storageDir;
        return new TestDatabase() {
            private boolean firstHandedOut;

            @Override
            public synchronized Connection newConnection() throws SQLException {
                if (!firstHandedOut) {
                    firstHandedOut = true;
                    return first;
                }
                return connect(finalUrl, root);
            }

            @Override
            public void close() {
                try {
                    first.close();
                } catch (SQLException | RuntimeException ignored) {
                    // closing is best effort
                }
                if (dir != null) {
                    for (String f : new String[] {"test.db", "test.db.wal"}) {
                        try {
                            java.nio.file.Files.deleteIfExists(dir.resolve(f));
                        } catch (java.io.IOException ignored) {
                            // a scratch file; the runner removes its root at the end
                        }
                    }
                }
            }
        };
    }

    private Connection connect(String url, String root) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        for (String sql : initSql) {
            try (Statement s = c.createStatement()) {
                s.execute(sql.replace("{ROOT}", root));
            } catch (SQLException | RuntimeException ignored) {
                // optional engine setting, see class comment
            }
        }
        return c;
    }
}
