package io.tealdb.persist;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The child process of {@link SmallHeapMemoryLimitTest}, run in a small heap with the default
 * memory_limit: {@code DB ROWS}. Runs {@link #STATEMENTS} on a database file and prints, per
 * statement, {@code ok|<rows>} (answer rows joined by {@code ;}, fields by {@code ,}) or
 * {@code error|<message>}. Its first line is {@code heap|<max heap bytes>|<memory_limit bytes>}.
 */
public final class SmallHeapChild {
    /** The table: about 110 MB in TealDB's column layout at 3 million rows. */
    static String table(long rows) {
        return "SELECT i AS k, 'value-' || (i % 100000) AS s, (i * 0.25)::DECIMAL(18,2) AS d, i % 97 AS g FROM range(" + rows + ") r(i)";
    }

    static final String[] STATEMENTS = {
            // a hash join whose build side alone is most of the heap: an answer or memory_limit's error
            "SELECT count(*), sum(a.d) FROM t a JOIN t b ON a.k = b.k",
            // a build side that fits
            "SELECT count(*), sum(a.d), max(b.s) FROM t a JOIN (SELECT * FROM t WHERE k % 30 = 0) b ON a.k = b.k",
            "SELECT g, count(*), sum(d), min(s) FROM t GROUP BY g ORDER BY g LIMIT 3",
            // a copy of the whole table in one transaction, then a checkpoint that writes it
            "CREATE TABLE u AS SELECT * FROM t",
            "CHECKPOINT",
            "SELECT count(*), sum(k), sum(d), max(s) FROM u",
            "SELECT count(*) FROM t JOIN u USING (k) WHERE u.g = 5 AND t.k % 2 = 0",
            // a window over the whole table with a wide default: an answer or memory_limit's error
            "SELECT count(*), sum(length(x)) FROM (SELECT lag(s, 1, repeat('x', 100)) OVER (ORDER BY k) AS x FROM t)",
            // a window that fits
            "SELECT g, sum(r), max(x) FROM (SELECT g, row_number() OVER (PARTITION BY g ORDER BY k) AS r,"
                    + " lead(s, 2, 'none') OVER (PARTITION BY g ORDER BY k) AS x FROM t WHERE k < 200000) GROUP BY g ORDER BY g LIMIT 3"};

    /** The statements that may fail, with memory_limit's error only. */
    static final java.util.Set<Integer> MAY_FAIL = java.util.Set.of(0, 7);

    private SmallHeapChild() {
    }

    public static void main(String[] args) throws Exception {
        String db = args[0];
        long rows = Long.parseLong(args[1]);
        try (Connection c = DriverManager.getConnection("jdbc:teal:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t AS " + table(rows));
            s.execute("CHECKPOINT");
            long limit = -1;
            try (ResultSet rs = s.executeQuery("PRAGMA storage_stats")) {
                while (rs.next()) {
                    if (rs.getString(1).equals("memory_limit")) limit = rs.getLong(2);
                }
            }
            System.out.println("heap|" + Runtime.getRuntime().maxMemory() + "|" + limit);
            for (String sql : STATEMENTS) {
                try {
                    if (s.execute(sql)) {
                        System.out.println("ok|" + answer(s.getResultSet()));
                    } else {
                        System.out.println("ok|");
                    }
                } catch (SQLException e) {
                    System.out.println("error|" + e.getMessage().replace('\n', ' '));
                }
            }
        }
    }

    static String answer(ResultSet rs) throws SQLException {
        StringBuilder sb = new StringBuilder();
        int cols = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            if (!sb.isEmpty()) sb.append(';');
            for (int i = 1; i <= cols; i++) sb.append(i > 1 ? "," : "").append(rs.getString(i));
        }
        rs.close();
        return sb.toString();
    }
}
