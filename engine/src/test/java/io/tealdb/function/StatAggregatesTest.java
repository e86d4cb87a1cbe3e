package io.tealdb.function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Statistical aggregates (covar, corr, regr_*, sem, skewness, kurtosis, weighted_avg, favg, fsum) vs DuckDB. */
class StatAggregatesTest {
    static Connection duck;
    static Connection teal;

    @BeforeAll
    static void setUp() throws Exception {
        duck = FnTestUtil.duck();
        teal = DriverManager.getConnection("jdbc:teal:");
        Random rnd = new Random(7);
        StringBuilder sb = new StringBuilder("CREATE TABLE t AS SELECT * FROM (VALUES ");
        for (int i = 0; i < 5000; i++) {
            String y = rnd.nextInt(12) == 0 ? "NULL" : Double.toString(Math.round(rnd.nextGaussian() * 800) / 4.0);
            String x = rnd.nextInt(12) == 0 ? "NULL" : Integer.toString(rnd.nextInt(1000) - 300);
            sb.append(i > 0 ? "," : "").append('(').append(rnd.nextInt(9)).append(',').append(y).append("::DOUBLE,").append(x).append("::INTEGER)");
        }
        sb.append(") v(g, y, x)");
        for (Connection c : List.of(duck, teal)) {
            try (Statement s = c.createStatement()) {
                s.execute(sb.toString());
            }
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
        teal.close();
    }

    private static List<String> rows(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    Object o = r.getObject(i);
                    b.append(o instanceof Double d ? String.format("%.6g", d) : String.valueOf(o)).append('|');
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    private static void same(String sql) throws Exception {
        assertEquals(rows(duck, sql), rows(teal, sql), sql);
    }

    @Test
    void groupedBinaryStatisticsMatchDuckDb() throws Exception {
        for (String f : List.of("covar_pop", "covar_samp", "corr", "regr_avgx", "regr_avgy", "regr_slope",
                "regr_intercept", "regr_r2", "regr_sxx", "regr_syy", "regr_sxy", "weighted_avg")) {
            same("SELECT g, " + f + "(y, x), " + f + "(x, y) FROM t GROUP BY g ORDER BY g");
            same("SELECT " + f + "(y, x) FROM t");
        }
    }

    @Test
    void groupedUnaryStatisticsMatchDuckDb() throws Exception {
        for (String f : List.of("sem", "skewness", "kurtosis", "kurtosis_pop", "favg", "fsum")) {
            same("SELECT g, " + f + "(y), " + f + "(x) FROM t GROUP BY g ORDER BY g");
            same("SELECT " + f + "(y) FROM t");
        }
    }

    @Test
    void cornerCasesMatchDuckDb() throws Exception {
        same("SELECT corr(1, 1), covar_pop(3, 3), covar_samp(3, 3), regr_slope(1, 1), regr_intercept(1, 1), regr_r2(1, 1), sem(1), skewness(1), kurtosis(1)");
        same("SELECT regr_count(y, x)::BIGINT, regr_count(NULL, NULL)::BIGINT FROM t");
        same("SELECT weighted_avg(3, 0), weighted_avg(0, 3), weighted_avg(NULL, 3)");
        same("SELECT sum(true), sum(x > 0) FROM t");
        same("SELECT g, count_if(x > 0), countif(y IS NULL) FROM t GROUP BY g ORDER BY g");
        same("SELECT favg(n) - 2251799813685248.5::DOUBLE FROM (VALUES (9007199254740992::DOUBLE), (1), (1), (0)) v(n)");
    }

    @Test
    void overflowingMomentsRaiseOutOfRange() {
        Exception e = assertThrows(Exception.class, () -> rows(teal, "SELECT skewness(i) FROM (VALUES (-2e307), (0), (2e307)) v(i)"));
        assertTrue(e.getMessage().contains("SKEWNESS is out of range"), e.getMessage());
    }
}
