package io.tealdb.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Bulk insert throughput: N rows (BIGINT, DOUBLE, VARCHAR), default 10M, through DuckDB's appender
 * and through {@code PreparedStatement.executeBatch()} for DuckDB and TealDB.
 *
 * <pre>  InsertBench [--rows 10000000] [--batch-rows N]</pre>
 * {@code --batch-rows} limits the rows of the executeBatch variants (DuckDB's JDBC batch path does
 * roughly 10^4 rows/s, so 10M rows would take a quarter of an hour); default: min(--rows, 1M).
 * The TealDB appender variant is {@link #tealAppender}; enable it once
 * {@code io.tealdb.Connection.appender(String)} exists.
 */
public final class InsertBench {

    static final String TEAL_URL = "jdbc:teal:";
    static final String DDL = "CREATE TABLE t (a BIGINT, b DOUBLE, c VARCHAR)";
    static final int BATCH = 10_000;

    private InsertBench() {}

    public static void main(String[] args) throws Exception {
        long rows = 10_000_000L;
        long duckBatchRows = 200_000L;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                // DuckDB's JDBC batch path runs at a few thousand rows/s: its rate is measured on fewer rows.
                case "--duckdb-batch-rows" -> duckBatchRows = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("usage: InsertBench [--rows N] [--duckdb-batch-rows N]");
            }
        }
        if (!TpchBench.driverPresent(TEAL_URL)) {
            throw new IllegalStateException("no JDBC driver accepts " + TEAL_URL);
        }
        report("TealDB appender", rows, tealAppender(rows));
        report("DuckDB appender", rows, duckAppender(rows));
        report("TealDB executeBatch", rows, jdbcBatch(TEAL_URL, rows));
        report("DuckDB executeBatch", Math.min(rows, duckBatchRows), jdbcBatch("jdbc:duckdb:", Math.min(rows, duckBatchRows)));
    }

    private static void report(String what, long rows, long nanos) {
        System.out.printf(Locale.ROOT, "%-22s %,12d rows %8.2f s %,14.0f rows/s%n", what, rows, nanos / 1e9,
                rows / (nanos / 1e9));
    }

    /** Deterministic row content shared by all variants. */
    static long a(long i) {
        return i * 7919;
    }

    static double b(long i) {
        return i * 0.25;
    }

    static String c(long i) {
        return "value-" + (i % 1000);
    }

    static long duckAppender(long rows) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = c.createStatement()) {
                s.execute(DDL);
            }
            long t = System.nanoTime();
            try (DuckDBAppender app = c.unwrap(DuckDBConnection.class).createAppender("t")) {
                for (long i = 0; i < rows; i++) {
                    app.beginRow().append(a(i)).append(b(i)).append(c(i)).endRow();
                }
            }
            long elapsed = System.nanoTime() - t;
            verifyCount(c, rows);
            return elapsed;
        }
    }

    static long jdbcBatch(String url, long rows) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                s.execute(DDL);
            }
            long t = System.nanoTime();
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
                int pending = 0;
                for (long i = 0; i < rows; i++) {
                    p.setLong(1, a(i));
                    p.setDouble(2, b(i));
                    p.setString(3, c(i));
                    p.addBatch();
                    if (++pending == BATCH) {
                        p.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    p.executeBatch();
                }
            }
            c.commit();
            c.setAutoCommit(true);
            long elapsed = System.nanoTime() - t;
            verifyCount(c, rows);
            return elapsed;
        }
    }

    /** TealDB's native appender ({@code io.tealdb.Connection.appender}), reached through JDBC unwrap. */
    static long tealAppender(long rows) throws SQLException {
        try (Connection c = DriverManager.getConnection(TEAL_URL)) {
            try (Statement s = c.createStatement()) {
                s.execute(DDL);
            }
            io.tealdb.Connection tc = c.unwrap(io.tealdb.Connection.class);
            long t = System.nanoTime();
            try (var app = tc.appender("t")) {
                for (long i = 0; i < rows; i++) {
                    app.append(a(i));
                    app.append(b(i));
                    app.append(c(i));
                    app.endRow();
                }
            }
            long elapsed = System.nanoTime() - t;
            verifyCount(c, rows);
            return elapsed;
        }
    }

    static void verifyCount(Connection c, long rows) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT count(*), sum(a) FROM t")) {
            rs.next();
            long n = rs.getLong(1);
            if (n != rows) {
                throw new IllegalStateException("expected " + rows + " rows in t but found " + n);
            }
        }
    }
}
