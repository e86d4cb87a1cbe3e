package io.tealdb.planner;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * USING SAMPLE and TABLESAMPLE, with DuckDB's syntax and rules, over a 100,000-row table (49
 * chunks, several morsels, two threads). Samples are random, so DuckDB is the oracle for what is
 * deterministic (exact row counts, empty and full samples, error messages); the rest checks the
 * properties a sample must have: a subset without repeats, the expected size, REPEATABLE
 * reproducible, sampled before WHERE.
 */
class SampleDuckDbTest {
    private static final int ROWS = 100_000;
    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, "CREATE TABLE t AS SELECT i, i % 7 AS g FROM range(" + ROWS + ") r(i)");

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT count(*) FROM t USING SAMPLE 50 ROWS",
            "SELECT count(*) FROM t USING SAMPLE 50",
            "SELECT count(*) FROM t USING SAMPLE reservoir(3000 ROWS)",
            "SELECT count(*) FROM t USING SAMPLE reservoir(10%)",
            "SELECT count(*) FROM t USING SAMPLE reservoir(5%) REPEATABLE (2)",
            "SELECT count(*) FROM t USING SAMPLE 10 ROWS (system)",
            "SELECT count(*) FROM t USING SAMPLE 10.5 ROWS",
            "SELECT count(*) FROM t USING SAMPLE 0%",
            "SELECT count(*) FROM t USING SAMPLE 0 ROWS",
            "SELECT count(*), sum(i) FROM t USING SAMPLE 100%",
            "SELECT count(*), sum(i) FROM t USING SAMPLE 100 PERCENT (bernoulli)",
            "SELECT count(*) FROM t USING SAMPLE 200000 ROWS",
            "SELECT count(*) FROM t TABLESAMPLE SYSTEM(10)",
            "SELECT count(*) FROM t AS x TABLESAMPLE 5 ROWS",
            "SELECT count(*) FROM t TABLESAMPLE 7 JOIN t t2 USING (i)",
            "SELECT count(*) FROM (SELECT * FROM t USING SAMPLE 5 ROWS) s",
            "SELECT count(*) FROM range(100) a, range(100) b USING SAMPLE 7",
            "SELECT count(DISTINCT i), count(*) FROM (SELECT * FROM t USING SAMPLE 1000 ROWS)",
    })
    void sameCountsAsDuckDb(String sql) throws SQLException {
        assertEquals(DuckDbTwins.rows(db.duck(), sql), DuckDbTwins.rows(db.teal(), sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT count(*) FROM t USING SAMPLE 10 ROWS (bernoulli)",
            "SELECT count(*) FROM t USING SAMPLE 150%",
            "SELECT count(*) FROM t USING SAMPLE 100.5 PERCENT",
    })
    void sameErrorsAsDuckDb(String sql) {
        SQLException duck = assertThrows(SQLException.class, () -> DuckDbTwins.rows(db.duck(), sql));
        SQLException teal = assertThrows(SQLException.class, () -> DuckDbTwins.rows(db.teal(), sql));
        String expected = duck.getMessage().lines().findFirst().orElseThrow();
        assertTrue(teal.getMessage().startsWith(expected), teal.getMessage() + " should start with " + expected);
    }

    @Test
    void badSamplesAreParserErrors() {
        for (String sql : List.of("SELECT * FROM t USING SAMPLE 10% (foo)", "SELECT * FROM t USING SAMPLE 1e20 ROWS",
                "SELECT * FROM t USING SAMPLE -1%", "SELECT * FROM t USING SAMPLE x",
                "SELECT * FROM t USING SAMPLE 5 ROWS REPEATABLE (x)")) {
            SQLException e = assertThrows(SQLException.class, () -> DuckDbTwins.rows(db.teal(), sql), sql);
            assertTrue(e.getMessage().startsWith("Parser Error: "), sql + ": " + e.getMessage());
        }
    }

    @Test
    void aSampleIsASubsetWithoutRepeats() throws SQLException {
        // SYSTEM at 30% keeps some of the 49 chunks but for a chance of 0.7^49; an empty sample still holds (bool_and of nothing is NULL)
        for (String sample : List.of("2000 ROWS", "30%", "4 PERCENT (bernoulli)", "reservoir(2%)")) {
            String sql = "SELECT count(*) = count(DISTINCT s.i), coalesce(bool_and(s.i = t.i AND s.g = t.g), true), count(t.i) = count(*) "
                    + "FROM (SELECT * FROM t USING SAMPLE " + sample + ") s LEFT JOIN t ON s.i = t.i";
            assertEquals(List.of(List.of("true", "true", "true")), DuckDbTwins.rows(db.teal(), sql), sample);
        }
    }

    @Test
    void bernoulliAndSystemKeepAboutTheShareAsked() throws SQLException {
        long bernoulli = count("SELECT count(*) FROM t USING SAMPLE 10 PERCENT (bernoulli)");
        assertTrue(bernoulli > 8_500 && bernoulli < 11_500, "bernoulli 10% of 100,000 rows gave " + bernoulli);
        // SYSTEM keeps whole chunks: over 20 draws of 10% the total is near 10% of 20 x 100,000 rows
        long system = 0;
        for (int i = 0; i < 20; i++) system += count("SELECT count(*) FROM t USING SAMPLE 10%");
        assertTrue(system > 100_000 && system < 300_000, "20 system samples of 10% gave " + system + " rows");
        long table = count("SELECT count(*) FROM t TABLESAMPLE BERNOULLI(50%)");
        assertTrue(table > 45_000 && table < 55_000, "TABLESAMPLE BERNOULLI(50%) gave " + table);
    }

    @Test
    void aReservoirSampleIsUniform() throws SQLException {
        // the mean of 5,000 uniformly drawn values of 0..99,999 is 49,999.5 with a standard error of ~408
        long mean = count("SELECT avg(i)::BIGINT FROM (SELECT i FROM t USING SAMPLE 5000 ROWS)");
        assertTrue(Math.abs(mean - 49_999) < 3_000, "mean of a reservoir sample " + mean);
    }

    @Test
    void repeatableGivesTheSameSampleAgain() throws SQLException {
        for (String sample : List.of("reservoir(20 ROWS) REPEATABLE (7)", "20 ROWS (reservoir, 7)", "1% (bernoulli, 7)",
                "10% (system, 7)", "reservoir(0.5%) REPEATABLE (7)")) {
            String sql = "SELECT list(i ORDER BY i) FROM (SELECT i FROM t USING SAMPLE " + sample + ")";
            assertEquals(DuckDbTwins.rows(db.teal(), sql), DuckDbTwins.rows(db.teal(), sql), sample);
        }
        assertNotEquals(DuckDbTwins.rows(db.teal(), "SELECT list(i ORDER BY i) FROM (SELECT i FROM t USING SAMPLE 20 ROWS (reservoir, 1))"),
                DuckDbTwins.rows(db.teal(), "SELECT list(i ORDER BY i) FROM (SELECT i FROM t USING SAMPLE 20 ROWS (reservoir, 2))"));
    }

    @Test
    void theSampleIsDrawnBeforeWhere() throws SQLException {
        assertEquals(10, count("SELECT count(*) FROM t WHERE i < 10 USING SAMPLE 100%"));
        assertEquals(10, count("SELECT count(*) FROM t USING SAMPLE 100% WHERE i < 10"));
        // 5 rows drawn from 100,000, then filtered: far fewer than the 5 a LIMIT after WHERE would give
        long after = 0;
        for (int i = 0; i < 10; i++) after += count("SELECT count(*) FROM t WHERE i < 1000 USING SAMPLE 5");
        assertTrue(after < 10, "sampling after WHERE would give 50, got " + after);
    }

    @Test
    void aViewKeepsItsSample() throws SQLException {
        try (Statement s = db.teal().createStatement()) {
            s.execute("CREATE VIEW sampled AS SELECT * FROM t USING SAMPLE 25 ROWS (reservoir, 3)");
            s.execute("CREATE VIEW joined AS SELECT * FROM t TABLESAMPLE 9 ROWS JOIN t u USING (i)");
        }
        assertEquals(25, count("SELECT count(*) FROM sampled"));
        assertEquals(DuckDbTwins.rows(db.teal(), "SELECT list(i ORDER BY i) FROM sampled"),
                DuckDbTwins.rows(db.teal(), "SELECT list(i ORDER BY i) FROM sampled"));
        assertEquals(9, count("SELECT count(*) FROM joined"));
    }

    private static long count(String sql) throws SQLException {
        return Long.parseLong(DuckDbTwins.rows(db.teal(), sql).get(0).get(0));
    }
}
