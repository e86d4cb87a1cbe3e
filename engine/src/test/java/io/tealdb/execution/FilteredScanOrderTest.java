package io.tealdb.execution;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A filtered scan returns the surviving rows in table order with every column intact, for filters
 * whose selection is built in several steps (OR over a comparison that meets NULLs, AND under OR).
 * The selection used to put a comparison's NULL rows in front of its false rows, so these rows came
 * back out of table order; a scan compacting filtered rows in place (tried once) even duplicated rows
 * and gave wrong NULLs (differential query 288:
 * {@code SELECT m + 1.25, m * k, d * 2.5 FROM t2 WHERE m = 649.25 OR NOT (dt IS NULL)}).
 */
class FilteredScanOrderTest {
    static final int ROWS = 5000;

    /** Row r: id r, m NULL every 3rd row else r/4, d NULL every 5th row else r*1.5, dt NULL every 7th row. */
    private static Object[] row(int r) {
        return new Object[]{r, r % 3 == 0 ? null : r / 4, r % 5 == 0 ? null : r * 1.5, r % 7 == 0 ? null : r};
    }

    @Test
    void orAndAndUnderOrKeepTableOrderAndValues() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:teal:"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER, m INTEGER, d DOUBLE, dt INTEGER)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?)")) {
                for (int r = 0; r < ROWS; r++) {
                    Object[] v = row(r);
                    for (int i = 0; i < v.length; i++) p.setObject(i + 1, v[i]);
                    p.addBatch();
                }
                p.executeBatch();
            }
            // m = -5 matches nothing but rejects the NULL rows of m first; dt IS NOT NULL then selects
            check(s, "SELECT id, m, d * 2, dt FROM t WHERE m = -5 OR dt IS NOT NULL", r -> r % 7 != 0);
            check(s, "SELECT id, m, d * 2, dt FROM t WHERE m = -5 OR NOT (dt IS NULL)", r -> r % 7 != 0);
            check(s, "SELECT id, m, d * 2, dt FROM t WHERE m = 10 OR dt > 2500", r -> (r % 3 != 0 && r / 4 == 10)
                    || (r % 7 != 0 && r > 2500));
            // the AND selects nothing and rejects rows child by child (m < 600, then d < -1); the
            // OR's next child takes them all
            check(s, "SELECT id, m, d * 2, dt FROM t WHERE (m < 600 AND d < -1) OR id >= 0", r -> true);
            check(s, "SELECT id, m, d * 2, dt FROM t WHERE (m < 600 AND d > 30) OR id % 2 = 0",
                    r -> (r % 3 != 0 && r / 4 < 600 && r % 5 != 0 && r * 1.5 > 30) || r % 2 == 0);
        }
    }

    private static void check(Statement s, String sql, java.util.function.IntPredicate keep) throws Exception {
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            if (!keep.test(r)) continue;
            Object[] v = row(r);
            expected.add(v[0] + "|" + v[1] + "|" + (v[2] == null ? null : (Double) v[2] * 2) + "|" + v[3]);
        }
        List<String> actual = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                actual.add(rs.getObject(1) + "|" + rs.getObject(2) + "|" + rs.getObject(3) + "|" + rs.getObject(4));
            }
        }
        assertEquals(expected.size(), actual.size(), sql);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), sql + ": result row " + i);
        }
    }
}
