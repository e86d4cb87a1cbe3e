package io.tealdb.tpch;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves the TPC-H harness (data generation, JDBC loading, answer comparison) by running it
 * against DuckDB JDBC, which produced answers-trino: all 22 queries must pass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TpchDuckDbOracleTest {

    private TpchHarness harness;

    @BeforeAll
    void load() throws SQLException {
        harness = new TpchHarness("jdbc:duckdb:");
    }

    @AfterAll
    void close() throws SQLException {
        harness.close();
    }

    static java.util.stream.IntStream queries() {
        return TpchQueriesTest.queries();
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void query(int q) throws Exception {
        harness.check(q);
    }
}
