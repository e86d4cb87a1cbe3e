package io.tealdb.optimizer;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An OR whose every branch restricts one relation implies a filter on that relation alone (TPC-H
 * Q7's nation pairs, Q19's part/lineitem branches): the filter reaches the scan, the OR stays, and
 * results equal DuckDB's, NULLs included. Likewise an OR above an aggregate whose every branch
 * restricts group keys implies the OR of those restrictions below it (TPC-DS Q04's shared CTE:
 * {@code (d_year = 2001 AND sum(..) > 0) OR d_year = 2002}).
 */
class OrImpliedFiltersTest {
    static final String[] SETUP = {
            "CREATE TABLE nation (n_key INTEGER, n_name VARCHAR)",
            "INSERT INTO nation VALUES (0, 'FRANCE'), (1, 'GERMANY'), (2, 'PERU'), (3, NULL), (4, 'CHINA')",
            "CREATE TABLE trade (src INTEGER, dst INTEGER, amount INTEGER)",
            "INSERT INTO trade SELECT range % 5, (range * 7) % 5, range FROM range(200)",
            "INSERT INTO trade VALUES (NULL, 1, 1000), (0, NULL, 1001)",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT n1.n_name, n2.n_name, sum(amount) FROM trade, nation n1, nation n2 WHERE src = n1.n_key AND dst = n2.n_key "
                    + "AND ((n1.n_name = 'FRANCE' AND n2.n_name = 'GERMANY') OR (n1.n_name = 'GERMANY' AND n2.n_name = 'FRANCE')) "
                    + "GROUP BY ALL ORDER BY ALL",
            // a branch without a restriction on n2: only n1 (and trade) get implied filters
            "SELECT n1.n_name, n2.n_name, count(*) FROM trade, nation n1, nation n2 WHERE src = n1.n_key AND dst = n2.n_key "
                    + "AND ((n1.n_name = 'PERU' AND amount > 100) OR (n1.n_name = 'CHINA' AND n2.n_name IS NULL)) GROUP BY ALL ORDER BY ALL",
            // common conjunct plus per-relation branches, NULLs in the ORed columns
            "SELECT count(*), sum(amount) FROM trade, nation WHERE src = n_key AND ((src = n_key AND n_name = 'FRANCE' AND amount < 50) "
                    + "OR (src = n_key AND n_name IS NULL AND amount BETWEEN 60 AND 120) OR (src = n_key AND n_name > 'G'))",
            "SELECT src, dst FROM trade WHERE (src = 1 AND dst = 2) OR (src = 2 AND dst IS NULL) OR src IS NULL ORDER BY ALL",
            // ORs over group keys and aggregates: the group-key part goes below the aggregate
            "SELECT * FROM (SELECT src, dst, sum(amount) AS total FROM trade GROUP BY src, dst) "
                    + "WHERE (src = 1 AND total > 2000) OR (src = 3 AND dst = 1) OR src IS NULL ORDER BY ALL",
            "SELECT * FROM (SELECT src, count(*) AS n, sum(amount) AS total FROM trade GROUP BY src) "
                    + "WHERE (src = 0 AND n > 10) OR (src IN (2, 4) AND total < 4500) ORDER BY ALL",
            // a branch on aggregates only: nothing implied, results the same
            "SELECT * FROM (SELECT src, sum(amount) AS total FROM trade GROUP BY src) WHERE src = 1 OR total > 4000 ORDER BY ALL",
            // grouping sets: group keys are NULL in some sets, so nothing goes below
            "SELECT * FROM (SELECT src, dst, sum(amount) AS total FROM trade GROUP BY ROLLUP (src, dst)) "
                    + "WHERE (src = 1 AND total > 0) OR (src IS NULL AND dst IS NULL) ORDER BY ALL",
    })
    void sameAsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    @Test
    void impliedFiltersReachBothNationScans() throws Exception {
        String plan = db.explain("SELECT count(*) FROM trade, nation n1, nation n2 WHERE src = n1.n_key AND dst = n2.n_key "
                + "AND ((n1.n_name = 'FRANCE' AND n2.n_name = 'GERMANY') OR (n1.n_name = 'GERMANY' AND n2.n_name = 'FRANCE'))");
        int scansWithNameFilter = plan.split("Filters: \\(\\(n_name = '", -1).length - 1;
        assertEquals(2, scansWithNameFilter, plan);
        assertTrue(plan.contains("OR"), plan);
    }

    @Test
    void groupKeyPartOfAnOrGoesBelowTheAggregate() throws Exception {
        String plan = db.explain("SELECT * FROM (SELECT src, dst, sum(amount) AS total FROM trade GROUP BY src, dst) "
                + "WHERE (src = 1 AND total > 2000) OR (src = 3 AND dst = 1)");
        String scan = plan.substring(plan.indexOf("Table: trade"));
        assertTrue(scan.contains("Filters: ((src = 1) OR ((src = 3) AND (dst = 1)))"), plan);
        // the whole OR stays above the aggregate
        int filter = plan.indexOf("FILTER");
        int aggregate = plan.indexOf("HASH_GROUP_BY");
        assertTrue(filter >= 0 && filter < aggregate && plan.substring(filter, aggregate).contains("> 2000"), plan);
    }
}
