package io.tealdb.optimizer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An OR whose every branch restricts one relation implies a filter on that relation alone (TPC-H
 * Q7's nation pairs, Q19's part/lineitem branches): the filter reaches the scan, the OR stays, and
 * results equal DuckDB's, NULLs included.
 */
class OrImpliedFiltersTest {
    static final String[] SETUP = {
            "CREATE TABLE nation (n_key INTEGER, n_name VARCHAR)",
            "INSERT INTO nation VALUES (0, 'FRANCE'), (1, 'GERMANY'), (2, 'PERU'), (3, NULL), (4, 'CHINA')",
            "CREATE TABLE trade (src INTEGER, dst INTEGER, amount INTEGER)",
            "INSERT INTO trade SELECT range % 5, (range * 7) % 5, range FROM range(200)",
            "INSERT INTO trade VALUES (NULL, 1, 1000), (0, NULL, 1001)",
    };

    static Connection duck;
    static Connection teal;

    @BeforeAll
    static void setUp() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        teal = DriverManager.getConnection("jdbc:teal:");
        try (Statement d = duck.createStatement(); Statement s = teal.createStatement()) {
            for (String sql : SETUP) {
                d.execute(sql);
                s.execute(sql);
            }
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        teal.close();
        duck.close();
    }

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
    })
    void sameAsDuckDb(String sql) throws Exception {
        assertEquals(rows(duck, sql), rows(teal, sql), sql);
    }

    @Test
    void impliedFiltersReachBothNationScans() throws Exception {
        String plan = rows(teal, "EXPLAIN SELECT count(*) FROM trade, nation n1, nation n2 WHERE src = n1.n_key AND dst = n2.n_key "
                + "AND ((n1.n_name = 'FRANCE' AND n2.n_name = 'GERMANY') OR (n1.n_name = 'GERMANY' AND n2.n_name = 'FRANCE'))")
                .get(0).get(1);
        int scansWithNameFilter = plan.split("Filters: \\(\\(n_name = '", -1).length - 1;
        assertEquals(2, scansWithNameFilter, plan);
        assertTrue(plan.contains("OR"), plan);
    }

    private static List<List<String>> rows(Connection c, String sql) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(rs.getString(i));
                out.add(row);
            }
        }
        return out;
    }
}
