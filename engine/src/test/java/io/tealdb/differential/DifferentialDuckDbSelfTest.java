package io.tealdb.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Validates the differential framework with DuckDB on both sides (two separate databases): the
 * generator must produce only valid SQL, results must be deterministic, most queries must return
 * rows (so comparisons are not vacuous), and the comparison must detect real differences.
 */
class DifferentialDuckDbSelfTest {

    @Test
    void generatedQueriesAreValidAndDeterministic() throws Exception {
        try (Connection a = DriverManager.getConnection("jdbc:duckdb:");
             Connection b = DriverManager.getConnection("jdbc:duckdb:")) {
            DifferentialRunner.Report r = DifferentialRunner.run(a, "duckdb-1", b, "duckdb-2",
                    DifferentialVsDuckDbTest.SEED, DifferentialVsDuckDbTest.ROWS, DifferentialVsDuckDbTest.QUERIES);
            assertTrue(r.failures().isEmpty(), String.join("\n", r.failures()));
            assertTrue(r.nonEmptyResults() >= r.queries() * 0.7,
                    "only " + r.nonEmptyResults() + " of " + r.queries() + " queries return rows");
        }
    }

    @Test
    void comparisonDetectsDifferences() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            assertNull(read(s, "SELECT 3::INTEGER, 1.0::DOUBLE, 'x'").diff(
                    read(s, "SELECT 3.00::DECIMAL(10,2), 1.0000000000001::DOUBLE, 'x'"), "l", "r"));
            assertNull(read(s, "SELECT * FROM (VALUES (1), (2), (NULL))").diff(
                    read(s, "SELECT * FROM (VALUES (NULL), (2), (1))"), "l", "r"));
            assertNotNull(read(s, "SELECT 1.0::DOUBLE").diff(read(s, "SELECT 1.00001::DOUBLE"), "l", "r"));
            assertNotNull(read(s, "SELECT * FROM (VALUES (1), (1), (2))").diff(
                    read(s, "SELECT * FROM (VALUES (1), (2), (2))"), "l", "r"));
            assertNotNull(read(s, "SELECT NULL::INTEGER").diff(read(s, "SELECT 0"), "l", "r"));
            assertNotNull(read(s, "SELECT 'a'").diff(read(s, "SELECT 'a', 'b'"), "l", "r"));
            assertNotNull(read(s, "SELECT 1").diff(read(s, "SELECT 1 WHERE false"), "l", "r"));
            assertEquals(2, read(s, "SELECT 1 UNION ALL SELECT 2").rows().size());
        }
    }

    private static ResultMultiset read(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            return ResultMultiset.read(rs);
        }
    }
}
