package io.tealdb.session;

import io.tealdb.error.TealException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks and semantics DuckDB applies that are easy to miss: statements that must fail (read-only
 * transactions, expression depth, DATE/TIMESTAMP range, misused window functions) and results of
 * date/interval arithmetic and argument-ordered window functions, the latter compared with DuckDB.
 */
class SemanticChecksTest {
    private Database db;
    private ClientContext c;

    @BeforeEach
    void open() {
        db = Database.open(null, Map.of("threads", "2"));
        c = db.connect();
    }

    @AfterEach
    void close() {
        c.close();
        db.close();
    }

    private String error(String sql) {
        TealException e = assertThrows(TealException.class, () -> SessionTestUtil.rows(c, sql), sql);
        return e.describe();
    }

    private String text(String sql) {
        return String.valueOf(SessionTestUtil.scalar(c, "SELECT (" + sql + ")::VARCHAR"));
    }

    @Test
    void readOnlyTransactionRefusesWritesButReads() {
        SessionTestUtil.update(c, "CREATE TABLE a(i INTEGER)");
        SessionTestUtil.update(c, "INSERT INTO a VALUES (42)");
        SessionTestUtil.update(c, "BEGIN TRANSACTION READ ONLY");
        assertEquals(42, SessionTestUtil.scalar(c, "SELECT i FROM a"));
        assertTrue(error("INSERT INTO a VALUES (1)").contains("transaction is launched in read-only mode"));
        SessionTestUtil.update(c, "ROLLBACK"); // the refused write aborted the transaction, as in DuckDB
        SessionTestUtil.update(c, "BEGIN TRANSACTION READ ONLY");
        assertTrue(error("CREATE TABLE b(i INTEGER)").contains("read-only mode"));
        SessionTestUtil.update(c, "COMMIT");
        SessionTestUtil.update(c, "BEGIN TRANSACTION READ WRITE");
        assertEquals(1L, SessionTestUtil.update(c, "INSERT INTO a VALUES (1)"));
        SessionTestUtil.update(c, "COMMIT");
    }

    @Test
    void expressionDepthLimitFollowsTheSetting() {
        String deep = "SELECT (1+(1+(1+(1+(1+(1+(1+1)))))))";
        assertEquals(8, SessionTestUtil.scalar(c, deep));
        SessionTestUtil.update(c, "SET max_expression_depth TO 7");
        assertTrue(error(deep).startsWith("Parser Error: Max expression depth limit of 7 exceeded"));
        SessionTestUtil.update(c, "SET max_expression_depth TO 1000");
        assertEquals(8, SessionTestUtil.scalar(c, deep));
    }

    @Test
    void stringAfterAnExpressionIsATypedLiteralNotAnAlias() {
        SessionTestUtil.update(c, "CREATE TABLE integers(i INTEGER)");
        assertTrue(error("SELECT i 'hello world' FROM integers").startsWith("Catalog Error: Type with name i does not exist"));
        assertEquals(List.of(), SessionTestUtil.rows(c, "SELECT i AS 'hello world' FROM integers"));
    }

    @Test
    void dateRangeIsChecked() {
        assertTrue(error("SELECT '290309-01-01 (BC)'::DATE::TIMESTAMP").startsWith("Conversion Error"));
        assertEquals("290308-01-01 (BC) 00:00:00", text("'290308-01-01 (BC)'::DATE::TIMESTAMP"));
        assertEquals(true, SessionTestUtil.scalar(c, "SELECT TRY_CAST('294247-01-11'::DATE AS TIMESTAMP) IS NULL"));
        assertTrue(error("SELECT '5881580-07-10'::DATE + 1").contains("Date out of range"));
        assertEquals("5881580-07-09", text("'5881580-07-10'::DATE - 1"));
        assertTrue(error("SELECT '294247-01-10'::DATE + INTERVAL 1 DAY").contains("not in timestamp range"));
        assertTrue(error("SELECT DATE '0000-01-01 (BC)'").startsWith("Conversion Error"));
        assertTrue(error("SELECT date_trunc('month', DATE '-2005205-7-28')").contains("not in timestamp range"));
    }

    @Test
    void dateDiffCoversTheWholeDateRange() {
        assertEquals(613566756L, SessionTestUtil.scalar(c, "SELECT datediff('week', DATE '-5877641-06-25', DATE '5881580-07-10')"));
        assertEquals(4294967292L, SessionTestUtil.scalar(c, "SELECT datediff('day', DATE '-5877641-06-25', DATE '5881580-07-10')"));
        assertEquals(86400000000L, SessionTestUtil.scalar(c, "SELECT datediff('microsecond', DATE '2000-01-01', DATE '2000-01-02')"));
        assertTrue(error("SELECT datediff('microsecond', DATE '-290000-01-01', DATE '290000-01-01')").contains("Overflow"));
    }

    @Test
    void intervalsCompareByTheirTotalLength() {
        assertEquals(true, SessionTestUtil.scalar(c, "SELECT interval '1 month' - interval '4 days' = interval '26 days'"));
        assertEquals(true, SessionTestUtil.scalar(c, "SELECT interval '-1 month' + interval '4 days' = interval '-26 days'"));
        assertEquals(false, SessionTestUtil.scalar(c, "SELECT interval '26 days' < (interval '1 month' - interval '4 days')"));
        assertEquals(1L, SessionTestUtil.scalar(c,
                "SELECT count(DISTINCT i) FROM (VALUES (interval '1 month' - interval '4 days'), (interval '26 days')) t(i)"));
    }

    @Test
    void intervalScalingCascadesLikePostgres() {
        assertEquals("2 months 13 days 01:22:28.8", text("interval '9 months -27 days 12:34:56' * 0.3"));
        assertEquals("25 days -15:32:30.4", text("interval '9 months -27 days 12:34:56' / 10"));
        assertEquals("2 years", text("to_years(2)"));
        assertEquals("00:00:01.5", text("to_seconds(1.5)"));
        assertEquals("2 days", text("interval (1 + 1) days"));
        assertTrue(error("SELECT to_years(300000000)").contains("Interval value 300000000 years out of range"));
    }

    @Test
    void epochOfAConstantPartIsFractional() {
        assertEquals(63115200.0, SessionTestUtil.scalar(c, "SELECT extract(epoch FROM interval '2 years')"));
        assertEquals(3600.5, SessionTestUtil.scalar(c, "SELECT date_part('epoch', TIME '01:00:00.5')"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT avg(row_number() OVER ()) OVER ()|window function calls cannot be nested",
            "SELECT avg(42) OVER (PARTITION BY row_number() OVER ())|Parser Error: window functions are not allowed in window definitions",
            "SELECT rank() FILTER (WHERE i > 1) OVER (ORDER BY i) FROM range(3) t(i)|FILTER is not implemented for the window function \"rank\"",
            "SELECT dense_rank(ORDER BY i) OVER (ORDER BY i) FROM range(3) t(i)|ORDER BY is not supported for the window function \"dense_rank\"",
            "SELECT lead(i ORDER BY i) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW) FROM range(3) t(i)"
                    + "|EXCLUDE is not supported for the window function \"lead\"",
            "SELECT string_agg(s, s) FROM (VALUES ('a')) t(s)|The \"arg\" argument in function \"string_agg\" must be a constant expression",
            "PREPARE p AS SELECT DISTINCT ON (?) 42|Parameter Not Allowed Error: Parameter not supported in DISTINCT ON clause",
            "CREATE VIEW v AS SELECT ?|Values were not provided",
    })
    void misuseIsAnError(String sqlAndMessage) {
        String[] parts = sqlAndMessage.split("\\|");
        String message = error(parts[0]);
        assertTrue(message.contains(parts[1]), message);
    }

    @Test
    void alterTypeOfACheckedColumnIsRefused() {
        SessionTestUtil.update(c, "CREATE TABLE t(i INTEGER CHECK (i < 10), j INTEGER)");
        assertTrue(error("ALTER TABLE t ALTER i SET DATA TYPE VARCHAR").contains("CHECK constraint"));
        SessionTestUtil.update(c, "ALTER TABLE t ALTER j SET DATA TYPE VARCHAR");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i, row_number(ORDER BY i // 2 DESC) OVER w, rank(ORDER BY i // 2 DESC) OVER w, ntile(3 ORDER BY i // 2 DESC) OVER w"
                    + " FROM range(10) t(i) WINDOW w AS (ORDER BY (i * 29) % 11) ORDER BY i",
            "SELECT i, percent_rank(ORDER BY i // 2) OVER w, cume_dist(ORDER BY i // 2) OVER w"
                    + " FROM range(10) t(i) WINDOW w AS (ORDER BY i // 2 ROWS BETWEEN 3 PRECEDING AND 3 FOLLOWING) ORDER BY i",
            "SELECT i, first_value(i ORDER BY i % 3 DESC) OVER w, last_value(i ORDER BY i % 3) OVER w, nth_value(i, 2 ORDER BY i % 4) OVER w,"
                    + " lead(i ORDER BY i % 3, i) OVER w, lag(i, 2 ORDER BY i % 3, i) OVER w"
                    + " FROM range(12) t(i) WINDOW w AS (PARTITION BY i % 2 ORDER BY i) ORDER BY i",
    })
    void argumentOrderedWindowFunctionsMatchDuckDb(String sql) throws Exception {
        List<String> expected = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(SessionTestUtil.normalize(rs.getObject(i)));
                expected.add(String.join("|", row));
            }
        }
        List<String> actual = new ArrayList<>();
        for (List<Object> row : SessionTestUtil.rows(c, sql)) {
            List<String> r = new ArrayList<>();
            for (Object o : row) r.add(SessionTestUtil.normalize(o));
            actual.add(String.join("|", r));
        }
        assertEquals(expected, actual, sql);
    }
}
