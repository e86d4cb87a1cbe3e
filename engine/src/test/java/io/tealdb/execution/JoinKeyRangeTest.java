package io.tealdb.execution;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hash join's build key range (smallest and largest key) filters the scan that feeds its probe
 * (TPC-DS Q21/Q22: inventory stored in date order joined with a few weeks of date_dim). Only joins
 * where a probe row without partner disappears get it; results equal DuckDB's for every join kind,
 * with NULL keys on both sides, keys through projections and several joins in one pipeline.
 */
class JoinKeyRangeTest {
    static final String[] SETUP = {
            "CREATE TABLE fact (d INTEGER, item BIGINT, q INTEGER)",
            "INSERT INTO fact SELECT range // 10, range % 700, range % 13 FROM range(60000)",
            "INSERT INTO fact VALUES (NULL, 5, 1), (NULL, NULL, 2)",
            "CREATE TABLE dates (d_sk INTEGER, d_year INTEGER)",
            "INSERT INTO dates SELECT range, 1990 + range // 365 FROM range(6000)",
            "INSERT INTO dates VALUES (NULL, 2000)",
            "CREATE TABLE items (i_sk BIGINT, i_class VARCHAR)",
            "INSERT INTO items SELECT range, 'c' || (range % 7) FROM range(700)",
    };
    static final String INNER = "SELECT d_year, count(*), sum(q) FROM fact, dates WHERE d = d_sk AND d_sk BETWEEN 3000 AND 3100 "
            + "GROUP BY d_year ORDER BY d_year";

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            INNER,
            "SELECT i_class, count(*), sum(q) FROM fact, dates, items WHERE d = d_sk AND item = i_sk AND d_year = 2001 "
                    + "AND i_sk BETWEEN 100 AND 120 GROUP BY i_class ORDER BY i_class",
            "SELECT count(*) FROM fact LEFT JOIN dates ON d = d_sk AND d_year = 2001",
            "SELECT count(*), count(d_sk) FROM fact RIGHT JOIN (SELECT * FROM dates WHERE d_year = 2002) x ON d = d_sk",
            "SELECT count(*), count(d) FROM fact FULL JOIN (SELECT * FROM dates WHERE d_year = 2002) x ON d = d_sk",
            "SELECT count(*) FROM fact WHERE d IN (SELECT d_sk FROM dates WHERE d_year = 1999)",
            "SELECT count(*) FROM fact WHERE d NOT IN (SELECT d_sk FROM dates WHERE d_year = 1999)",
            "SELECT count(*) FROM fact WHERE NOT EXISTS (SELECT 1 FROM dates WHERE d_sk = d AND d_year = 1999)",
            "SELECT count(*) FROM fact WHERE EXISTS (SELECT 1 FROM dates WHERE d_sk = d AND d_year = 1999)",
            "SELECT count(*) FROM dates WHERE d_year = 1995 AND EXISTS (SELECT 1 FROM fact WHERE d = d_sk)",
            "SELECT count(*) FROM dates WHERE d_year = 1995 AND NOT EXISTS (SELECT 1 FROM fact WHERE d = d_sk)",
            "SELECT count(*) FROM fact JOIN dates ON d IS NOT DISTINCT FROM d_sk WHERE d_year = 2000",
            "SELECT count(*), sum(x) FROM (SELECT d + 0 AS x, q FROM fact) f JOIN dates ON x = d_sk WHERE d_year = 1998",
            "SELECT count(*) FROM (SELECT d AS dd, q FROM fact WHERE q > 3) f JOIN dates ON dd = d_sk WHERE d_year = 1998",
            "SELECT count(*) FROM fact JOIN (SELECT * FROM dates WHERE d_year = 3000) x ON d = d_sk",
    })
    void sameAsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    @Test
    void probeScanReadsOnlyRowsInTheBuildKeyRange() throws Exception {
        String plan = db.explain(INNER);
        assertTrue(plan.contains("Join key range"), plan);
        String analyzed = rows(db.teal(), "EXPLAIN ANALYZE " + INNER).get(0).get(1);
        // the 1010 rows with d in [3000, 3100] leave the scan of fact, not all 60002
        Matcher m = Pattern.compile("TABLE_SCAN[^\\n]*\\[rows: ([0-9,]+)").matcher(analyzed);
        boolean small = false;
        while (m.find()) {
            long rows = Long.parseLong(m.group(1).replace(",", ""));
            assertTrue(rows < 10_000, analyzed);
            small |= rows == 1010;
        }
        assertTrue(small, analyzed);
    }

    @Test
    void leftJoinKeepsItsProbeRows() throws Exception {
        assertFalse(db.explain("SELECT count(*) FROM fact LEFT JOIN dates ON d = d_sk AND d_year = 2001")
                .contains("Join key range"));
    }
}
