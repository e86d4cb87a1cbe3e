package io.tealdb.execution;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Besides its key range, a finished hash join build hands the scan feeding its probe the set of
 * its INTEGER/BIGINT key values as a bitmap over that range (TPC-DS: a few dozen items or a month of
 * dates out of a dense surrogate key): the scan drops rows whose key is not in the set, before the
 * other columns are read. Results equal DuckDB's for sparse and dense key sets, NULL keys on both
 * sides, BIGINT and negative keys, several joins feeding one scan, every join kind that may use the
 * filter and those that must not (LEFT/FULL/ANTI/MARK keep probe rows without partner).
 */
class JoinKeyBitsTest {
    static final String[] SETUP = {
            "CREATE TABLE fact (item INTEGER, d BIGINT, q INTEGER, s VARCHAR)",
            "INSERT INTO fact SELECT range % 5003, (range % 3001) - 1500, range % 17, 's' || (range % 11) FROM range(200000)",
            "INSERT INTO fact VALUES (NULL, 7, 1, 'n'), (14, NULL, 2, 'n')",
            "CREATE TABLE items (i_sk INTEGER, i_cat VARCHAR)",
            "INSERT INTO items SELECT range, 'c' || (range % 50) FROM range(5003)",
            "INSERT INTO items VALUES (NULL, 'c7')",
            "CREATE TABLE days (d_sk BIGINT, d_moy INTEGER)",
            "INSERT INTO days SELECT range - 1500, range % 12 FROM range(3001)",
            // TPC-H Q12's shape: a few rows of a large table build, their keys spread over a wide span
            "CREATE TABLE ord (o_k BIGINT, o_p INTEGER)",
            "INSERT INTO ord SELECT range * 5, range % 7 FROM range(300000)",
            "INSERT INTO ord VALUES (NULL, 1)",
            "CREATE TABLE li (l_k BIGINT, l_flag VARCHAR)",
            "INSERT INTO li SELECT (range * 37 % 300000) * 5, CASE WHEN range % 200 = 0 THEN 'x' ELSE 'y' END FROM range(100000)",
            "INSERT INTO li VALUES (NULL, 'x')",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT count(*), sum(q), min(s) FROM fact, items WHERE item = i_sk AND i_cat = 'c7'",
            // key 0 is in the set: a NULL key's slot must not pass (the bitmap pass tests NULLs itself)
            "SELECT count(*), sum(q), count(item) FROM fact, items WHERE item = i_sk AND i_cat = 'c0'",
            "SELECT count(*), sum(q) FROM fact, days WHERE d = d_sk AND d_sk BETWEEN -3 AND 3",
            "SELECT i_cat, count(*), sum(q) FROM fact, items WHERE item = i_sk AND i_cat IN ('c1', 'c2', 'c49') GROUP BY i_cat ORDER BY i_cat",
            "SELECT count(*), sum(q) FROM fact, items WHERE item = i_sk AND i_cat <> 'c3'",
            "SELECT d_moy, count(*), sum(q) FROM fact, days WHERE d = d_sk AND d_moy = 3 GROUP BY d_moy",
            "SELECT i_cat, d_moy, count(*), max(s) FROM fact, items, days WHERE item = i_sk AND d = d_sk AND i_cat = 'c9' "
                    + "AND d_moy IN (1, 11) GROUP BY i_cat, d_moy ORDER BY i_cat, d_moy",
            "SELECT count(*), count(i_sk) FROM fact LEFT JOIN (SELECT * FROM items WHERE i_cat = 'c7') x ON item = i_sk",
            "SELECT count(*), count(item) FROM fact RIGHT JOIN (SELECT * FROM items WHERE i_cat = 'c7') x ON item = i_sk",
            "SELECT count(*), count(item), count(i_sk) FROM fact FULL JOIN (SELECT * FROM items WHERE i_cat = 'c7') x ON item = i_sk",
            "SELECT count(*), sum(q) FROM fact WHERE item IN (SELECT i_sk FROM items WHERE i_cat = 'c8')",
            "SELECT count(*), sum(q) FROM fact WHERE item NOT IN (SELECT i_sk FROM items WHERE i_cat = 'c8')",
            "SELECT count(*), sum(q) FROM fact WHERE NOT EXISTS (SELECT 1 FROM items WHERE i_sk = item AND i_cat = 'c8')",
            "SELECT count(*) FROM fact WHERE EXISTS (SELECT 1 FROM days WHERE d_sk = d AND d_moy = 5)",
            "SELECT count(*), sum(q) FROM fact, (SELECT i_sk FROM items WHERE i_sk % 1000 = 14) x WHERE item = i_sk",
            // through UNION ALL into both branches (TPC-DS Q05), also with a constant and an expression column
            "SELECT i_cat, count(*), sum(q) FROM (SELECT item AS k, q FROM fact UNION ALL SELECT CAST(d AS INTEGER), 100 FROM fact) u, items "
                    + "WHERE k = i_sk AND i_cat IN ('c4', 'c40') GROUP BY i_cat ORDER BY i_cat",
            "SELECT count(*), sum(q) FROM (SELECT item AS k, q FROM fact UNION ALL SELECT 14, 1 UNION ALL SELECT item + 1, q FROM fact) u, items "
                    + "WHERE k = i_sk AND i_cat = 'c14'",
            "SELECT count(*), count(k) FROM (SELECT item AS k FROM fact UNION ALL SELECT item FROM fact WHERE q = 3) u LEFT JOIN "
                    + "(SELECT * FROM items WHERE i_cat = 'c7') x ON k = i_sk",
    })
    void equalsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    /** The probe scan emits only rows whose item is one of the 100 built keys, though they span almost the whole range. */
    @Test
    void scanDropsRowsOutsideTheKeySet() throws Exception {
        assertFactScanAtMost("SELECT count(*), sum(q) FROM fact, items WHERE item = i_sk AND i_cat = 'c7'", 200_000 / 50 + 100);
    }

    /**
     * A handful of built keys spread over the whole key range (TPC-DS Q03: 39 of 18,000 items) still
     * make a bitmap: the 2 keys 14 and 4900 span 4,887 values, 611 bytes, and the key range alone drops
     * next to nothing.
     */
    @Test
    void fewKeysOverAWideSpanStillFilterTheScan() throws Exception {
        String sql = "SELECT count(*), sum(q) FROM fact, (SELECT i_sk FROM items WHERE i_sk % 4886 = 14) x WHERE item = i_sk";
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
        assertFactScanAtMost(sql, 200_000 * 2 / 5003 + 100);
    }

    /**
     * Few build rows whose keys span 1,500,000 values: more than 64 bits per built row, but the
     * probe side is large (300,000 rows), so the bitmap still pays (TPC-H Q12: 31,000 lineitems over
     * all 6,000,000 order keys filter the 1,500,000 orders).
     */
    @Test
    void largeProbeSideAffordsAWideBitmap() throws Exception {
        String sql = "SELECT o_p, count(*) FROM ord, li WHERE o_k = l_k AND l_flag = 'x' GROUP BY o_p ORDER BY o_p";
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
        assertScanAtMost(sql, "ord", 1000);
    }

    private static void assertFactScanAtMost(String sql, long most) throws Exception {
        assertScanAtMost(sql, "fact", most);
    }

    private static void assertScanAtMost(String sql, String table, long most) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Statement st = db.teal().createStatement(); ResultSet rs = st.executeQuery("EXPLAIN ANALYZE " + sql)) {
            while (rs.next()) plan.append(rs.getString(rs.getMetaData().getColumnCount())).append('\n');
        }
        Matcher m = Pattern.compile("TABLE_SCAN[^\\n]*\\[rows: (\\d+)[^\\n]*\\n[^\\n]*Table: " + table + "\\n").matcher(plan);
        assertTrue(m.find(), plan.toString());
        long scanned = Long.parseLong(m.group(1));
        assertTrue(scanned <= most, table + " scan emitted " + scanned + " rows\n" + plan);
    }

    /** Both scans under a UNION ALL probe side take the build's key set. */
    @Test
    void keySetReachesBothInputsOfAUnion() throws Exception {
        String plan = db.explain("SELECT count(*) FROM (SELECT item AS k FROM fact UNION ALL SELECT item FROM fact WHERE q = 3) u, items "
                + "WHERE k = i_sk AND i_cat = 'c7'");
        assertEquals(2, plan.split("Join key range", -1).length - 1, plan);
    }
}
