package io.tealdb.execution;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hash join's output strings point into the build's heap (payload) and into the probe input's
 * borrowed heap (storage) instead of being copied. Checked against DuckDB where the shared strings
 * flow on: grouped, sorted, windowed, joined again, concatenated, NULL-padded by outer joins,
 * unioned, filtered and inserted into a table, over many 2048-row chunks.
 */
class JoinStringSharingTest {
    static final String[] SETUP = {
            "CREATE TABLE sales (item INTEGER, cust INTEGER, qty INTEGER, note VARCHAR)",
            "INSERT INTO sales SELECT range % 3001, range % 997, range % 13, CASE WHEN range % 7 = 0 THEN NULL ELSE 'note-' || (range % 211) END "
                    + "FROM range(60000)",
            "CREATE TABLE item (i_sk INTEGER, i_name VARCHAR, i_brand VARCHAR, i_cat VARCHAR)",
            "INSERT INTO item SELECT range, 'item name number ' || range, CASE WHEN range % 11 = 0 THEN NULL ELSE 'brand#' || (range % 40) END, "
                    + "'cat' || (range % 9) FROM range(2500)",
            "CREATE TABLE cust (c_sk INTEGER, c_name VARCHAR)",
            "INSERT INTO cust SELECT range, 'customer with a rather long name ' || range FROM range(900)",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i_brand, i_cat, count(*), sum(qty) FROM sales, item WHERE item = i_sk GROUP BY ROLLUP (i_brand, i_cat) ORDER BY 1, 2, 3",
            "SELECT i_name, note, c_name FROM sales, item, cust WHERE item = i_sk AND cust = c_sk ORDER BY i_name, note NULLS FIRST, c_name LIMIT 50",
            "SELECT count(DISTINCT i_name || '/' || c_name), max(i_brand || note), min(length(c_name)) FROM sales, item, cust "
                    + "WHERE item = i_sk AND cust = c_sk",
            "SELECT i_cat, c_name, row_number() OVER (PARTITION BY i_cat ORDER BY c_name, qty, note NULLS LAST) rn FROM sales, item, cust "
                    + "WHERE item = i_sk AND cust = c_sk AND qty = 3 ORDER BY i_cat, rn LIMIT 40",
            "SELECT count(*), count(i_name), count(i_brand), max(i_name), max(note) FROM sales LEFT JOIN item ON item = i_sk",
            "SELECT count(*), count(note), min(i_name), max(c_name) FROM sales RIGHT JOIN item ON item = i_sk FULL JOIN cust ON cust = c_sk",
            "SELECT i_brand, count(*) FROM (SELECT i_brand, note FROM sales, item WHERE item = i_sk UNION ALL "
                    + "SELECT c_name, note FROM sales, cust WHERE cust = c_sk) u WHERE note LIKE 'note-1%' GROUP BY i_brand ORDER BY 1 NULLS FIRST",
            "SELECT a.i_name, count(*) FROM (SELECT i_name, i_cat FROM sales, item WHERE item = i_sk) a, item b "
                    + "WHERE a.i_name = b.i_name AND a.i_cat = b.i_cat GROUP BY a.i_name ORDER BY 2 DESC, 1 LIMIT 20",
            "SELECT i_cat, string_agg(DISTINCT i_brand, ',' ORDER BY i_brand) FROM sales, item WHERE item = i_sk GROUP BY i_cat ORDER BY i_cat",
    })
    void equalsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    @Test
    void insertedJoinOutputReadsBack() throws Exception {
        String table = "joined";
        String create = "CREATE TABLE " + table + " AS SELECT i_name, note, c_name FROM sales, item, cust WHERE item = i_sk AND cust = c_sk";
        try (var t = db.teal().createStatement(); var d = db.duck().createStatement()) {
            t.execute(create);
            d.execute(create);
        }
        String sql = "SELECT i_name, note, c_name, count(*) FROM " + table + " GROUP BY ALL ORDER BY ALL NULLS FIRST LIMIT 100";
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
        String sum = "SELECT count(*), sum(length(i_name) + length(c_name)), count(note) FROM " + table;
        assertEquals(rows(db.duck(), sum), rows(db.teal(), sum), sum);
    }
}
