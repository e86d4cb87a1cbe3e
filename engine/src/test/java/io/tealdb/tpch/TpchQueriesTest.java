package io.tealdb.tpch;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 22 TPC-H queries at SF 0.01 against TealDB, compared with shared/tpch/answers-trino/sf0.01.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TpchQueriesTest {

    /** The one place that says which database these tests run against. */
    static final String URL = "jdbc:teal:";

    private TpchHarness harness;

    @BeforeAll
    void load() throws SQLException {
        harness = new TpchHarness(URL);
    }

    @AfterAll
    void close() throws SQLException {
        if (harness != null) {
            harness.close();
        }
    }

    static java.util.stream.IntStream queries() {
        return java.util.stream.IntStream.rangeClosed(1, 22);
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void query(int q) throws Exception {
        harness.check(q);
    }

    /** Join ordering must connect every table through predicates: no query may run a cross product. */
    @ParameterizedTest(name = "Q{0} plan")
    @MethodSource("queries")
    void planHasNoCrossProduct(int q) throws Exception {
        String plan = harness.explain(q);
        org.junit.jupiter.api.Assertions.assertFalse(plan.contains("CROSS_PRODUCT"),
                () -> "TPC-H Q" + q + " plans a cross product:\n" + plan);
    }
}
