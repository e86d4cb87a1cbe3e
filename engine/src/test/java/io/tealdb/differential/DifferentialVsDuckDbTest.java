package io.tealdb.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * TealDB vs DuckDB on generated tables and queries. Aborted (skipped with reason) while no JDBC
 * driver accepts {@link #URL}; {@code -Dtealdb.requireDriver=true} turns that into a failure.
 */
class DifferentialVsDuckDbTest {

    /** The database under test. */
    static final String URL = "jdbc:teal:";
    static final long SEED = 20260821L;
    static final int ROWS = 300;
    static final int QUERIES = 300;

    @Test
    void sameResultsAsDuckDb() throws SQLException {
        if (!Boolean.getBoolean("tealdb.requireDriver")) {
            boolean present;
            try {
                DriverManager.getDriver(URL);
                present = true;
            } catch (SQLException e) {
                present = false;
            }
            assumeTrue(present, "no JDBC driver accepts " + URL + " yet");
        }
        try (Connection teal = DriverManager.getConnection(URL);
             Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            DifferentialRunner.Report r = DifferentialRunner.run(teal, "tealdb", duck, "duckdb", SEED, ROWS, QUERIES);
            assertTrue(r.failures().isEmpty(), r.failures().size() + " of " + r.queries() + " queries differ:\n"
                    + String.join("\n", r.failures().subList(0, Math.min(20, r.failures().size()))));
        }
    }
}
