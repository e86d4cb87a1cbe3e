package io.tealdb.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * All 99 TPC-DS queries at SF 0.01 against DuckDB's answers (shared/tpcds/answers/sf0.01), on data
 * generated in-process with DuckDB's row counts ({@link TpcdsData}) and loaded with COPY: the check
 * that keeps every speed-up honest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TpcdsAnswersTest {

    private static final String SF = "0.01";

    @TempDir
    static Path dir;

    private Path tpcds;
    private Connection teal;

    @BeforeAll
    void load() throws Exception {
        tpcds = TpcdsData.shared();
        TpcdsData.generate(tpcds, Double.parseDouble(SF), dir, 2);
        teal = DriverManager.getConnection(TpchBench.TEAL_URL);
        TpcdsData.load(teal, tpcds, dir);
    }

    @AfterAll
    void close() throws Exception {
        if (teal != null) {
            teal.close();
        }
    }

    static IntStream queries() {
        return IntStream.rangeClosed(1, 99);
    }

    @ParameterizedTest(name = "TPC-DS Q{0}")
    @MethodSource("queries")
    void answerMatchesDuckDb(int q) throws Exception {
        String sql = TpcdsData.query(tpcds, q);
        String diff;
        try (Statement s = teal.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            diff = AnswerCheck.compare(TpcdsData.answer(tpcds, "sf" + SF, q), rs, "NULL");
        }
        assertNull(diff, () -> "TPC-DS Q" + q + " at SF " + SF + ": " + diff);
    }

    /** DuckDB's row counts at SF 0.01 (shared/tpcds/README.md), not io.trino.tpcds' own. */
    @ParameterizedTest(name = "{0} has {1} rows")
    @CsvSource({"store_sales, 28810", "item, 180", "customer_demographics, 19208", "customer_address, 500",
            "inventory, 23490", "store, 1", "reason, 1"})
    void rowCountsAreDuckDbs(String table, long rows) throws Exception {
        try (Statement s = teal.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            assertEquals(rows, rs.getLong(1));
        }
    }
}
