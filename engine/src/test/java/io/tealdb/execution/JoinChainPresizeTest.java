package io.tealdb.execution;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/**
 * A long chain of hash joins over a selectively filtered fact table (TPC-DS Q64: 18 joins, a few
 * hundred rows after the item filter) builds each level on the small intermediate result. Each
 * join's estimate and its build buffers' presize come from the optimizer's estimate of its build
 * side, not from the largest input below it: presizing every level for the fact table's rows ran
 * Q64 out of memory at SF1. Here the chain runs within a memory limit far below what eight
 * levels presized for the fact table would reserve, and its answer equals DuckDB's.
 */
class JoinChainPresizeTest {
    static final int FACT_ROWS = 400_000;
    static final String[] SETUP = {
            "CREATE TABLE fact (item INTEGER, a INTEGER, b INTEGER, c INTEGER, d INTEGER, e INTEGER, f INTEGER, g INTEGER, v BIGINT)",
            "INSERT INTO fact SELECT range % 5000, range % 30011, range % 30013, range % 30017, range % 30019, range % 30023,"
                    + " range % 30029, range % 30031, range FROM range(" + FACT_ROWS + ")",
            "CREATE TABLE item (i_sk INTEGER, i_color VARCHAR)",
            "INSERT INTO item SELECT range, CASE WHEN range % 1000 = 7 THEN 'purple' ELSE 'c' || (range % 97) END FROM range(5000)",
            "CREATE TABLE da AS SELECT range::INTEGER AS k, 'a' || range AS s FROM range(30011)",
            "CREATE TABLE db AS SELECT range::INTEGER AS k, 'b' || range AS s FROM range(30013)",
            "CREATE TABLE dc AS SELECT range::INTEGER AS k, 'c' || range AS s FROM range(30017)",
            "CREATE TABLE dd AS SELECT range::INTEGER AS k, 'd' || range AS s FROM range(30019)",
            "CREATE TABLE de AS SELECT range::INTEGER AS k, 'e' || range AS s FROM range(30023)",
            "CREATE TABLE df AS SELECT range::INTEGER AS k, 'f' || range AS s FROM range(30029)",
            "CREATE TABLE dg AS SELECT range::INTEGER AS k, 'g' || range AS s FROM range(30031)",
    };
    static final String CHAIN = "SELECT count(*), sum(v), min(da.s), max(db.s), min(dc.s), max(dd.s), min(de.s), max(df.s), min(dg.s) "
            + "FROM fact, item, da, db, dc, dd, de, df, dg WHERE item = i_sk AND i_color = 'purple' AND a = da.k AND b = db.k "
            + "AND c = dc.k AND d = dd.k AND e = de.k AND f = df.k AND g = dg.k";

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @Test
    void chainRunsWithinASmallMemoryLimit() throws Exception {
        try (Statement s = db.teal().createStatement()) {
            s.execute("SET memory_limit = '24MB'");
        }
        try {
            assertEquals(rows(db.duck(), CHAIN), rows(db.teal(), CHAIN));
        } finally {
            try (Statement s = db.teal().createStatement()) {
                s.execute("RESET memory_limit");
            }
        }
    }

    @Test
    void joinEstimatesFollowTheFilteredBuildSide() throws Exception {
        String plan = db.explain(CHAIN);
        Matcher m = Pattern.compile("HASH_JOIN\\s+\\(~(\\d+) rows\\)").matcher(plan);
        int joins = 0;
        while (m.find()) {
            joins++;
            long est = Long.parseLong(m.group(1));
            assertTrue(est < FACT_ROWS / 10, "join estimated at the fact table's size: " + est + "\n" + plan);
        }
        assertEquals(8, joins, plan);
    }
}
