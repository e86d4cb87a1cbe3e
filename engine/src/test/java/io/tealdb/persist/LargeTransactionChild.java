package io.tealdb.persist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The child process of {@link LargeTransactionTest}, run in a small heap: {@code MODE DB ROWS}.
 * Modes: {@code commit} (one transaction inserts ROWS rows, commits, closes), {@code crash-open}
 * (commits 1,000 rows, then inserts ROWS rows in statements of 500,000 in an open transaction and
 * halts the JVM without closing), {@code crash-committed} (as commit, but with a checkpoint threshold
 * that keeps the log, and halts after the commit returned), {@code rollback} (inserts ROWS rows,
 * rolls back, checkpoints, prints the count and the file size), {@code query} (prints the answers of
 * {@link #QUERIES}, with a memory_limit well under the heap). The writing modes keep the default
 * memory_limit (half of this small heap). Prints one line per answer row, fields separated by {@code |}.
 */
public final class LargeTransactionChild {
    /** The rows the tests insert; DuckDB computes the answers over the same expression. */
    static String rows(long from, long to) {
        return "SELECT i AS a, 'row ' || i || ' ' || repeat('x', 40) AS b, i * 0.25 AS c FROM range(" + from + ", " + to + ") t(i)";
    }

    static final String[] QUERIES = {
            "SELECT count(*), sum(a), sum(length(b)), sum(c), min(b), max(b) FROM t",
            "SELECT a % 7 AS g, count(*), sum(c), max(length(b)) FROM t GROUP BY g ORDER BY g",
            "SELECT a, b, c FROM t WHERE a IN (0, 122879, 122880, 999999, 2999999) ORDER BY a"};

    private LargeTransactionChild() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path db = Path.of(args[1]);
        long n = Long.parseLong(args[2]);
        Connection c = DriverManager.getConnection("jdbc:teal:" + db);
        Statement s = c.createStatement();
        switch (mode) {
            case "commit" -> {
                s.execute("CREATE TABLE t (a BIGINT, b VARCHAR, c DECIMAL(18,2))");
                s.execute("BEGIN");
                s.execute("INSERT INTO t " + rows(0, n));
                s.execute("COMMIT");
                System.out.println("committed");
                c.close();
            }
            case "crash-committed" -> {
                s.execute("SET checkpoint_threshold = '100GB'");
                s.execute("CREATE TABLE t (a BIGINT, b VARCHAR, c DECIMAL(18,2))");
                s.execute("BEGIN");
                s.execute("INSERT INTO t " + rows(0, n));
                s.execute("COMMIT");
                System.out.println("committed");
                System.out.flush();
                Runtime.getRuntime().halt(0);
            }
            case "crash-open" -> {
                s.execute("CREATE TABLE t (a BIGINT, b VARCHAR, c DECIMAL(18,2))");
                s.execute("INSERT INTO t " + rows(0, 1000));
                s.execute("BEGIN");
                for (long from = 1000; from < n; from += 500_000) {
                    s.execute("INSERT INTO t " + rows(from, Math.min(n, from + 500_000)));
                    System.out.println("inserted " + Math.min(n, from + 500_000));
                }
                System.out.flush();
                Runtime.getRuntime().halt(0);
            }
            case "rollback" -> {
                s.execute("CREATE TABLE t (a BIGINT, b VARCHAR, c DECIMAL(18,2))");
                s.execute("INSERT INTO t " + rows(0, 1000));
                s.execute("BEGIN");
                s.execute("INSERT INTO t " + rows(1000, n));
                s.execute("ROLLBACK");
                s.execute("CHECKPOINT");
                print(s, "SELECT count(*) FROM t");
                System.out.println("size|" + Files.size(db));
                // the freed space is used again
                s.execute("INSERT INTO t " + rows(1000, 2000));
                c.close();
            }
            case "query" -> {
                // scans cache what they read up to memory_limit: leave the small heap room for the rest
                s.execute("SET memory_limit = '48MB'");
                for (String q : QUERIES) print(s, q);
                c.close();
            }
            default -> throw new IllegalArgumentException(mode);
        }
    }

    static void print(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= cols; i++) sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                System.out.println(sb);
            }
        }
    }
}
