package io.tealdb.function;

import io.tealdb.error.InvalidInputException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.error.OutOfRangeException;
import io.tealdb.error.TealException;
import io.tealdb.types.DateTimeUtil;
import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;

import static io.tealdb.function.FnTestUtil.*;
import static io.tealdb.types.LogicalType.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Encoding, string distance, byte-size formatting, IEEE math, hugeint bit operations and
 * time_bucket, compared with DuckDB where it prints the same text.
 */
class MoreScalarFunctionsTest {
    static Connection duck;

    @BeforeAll
    static void open() {
        duck = duck();
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    private static String q(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    @Test
    void stringDistancesMatchDuckDB() {
        String[] words = {"", "a", "kitten", "sitting", "ca", "abc", "hallo", "hello", "flaw", "lawn", "üäö", "uao", "abcdef", "badcfe"};
        for (String x : words) {
            for (String y : words) {
                String dl = call1("damerau_levenshtein", List.of(VARCHAR, VARCHAR), x, y);
                String l = call1("levenshtein", List.of(VARCHAR, VARCHAR), x, y);
                assertEquals(column(duck, "SELECT damerau_levenshtein(" + q(x) + ", " + q(y) + ")").get(0), dl, x + " / " + y);
                assertEquals(column(duck, "SELECT levenshtein(" + q(x) + ", " + q(y) + ")").get(0), l, x + " / " + y);
                if (!x.isEmpty() && !y.isEmpty()) {
                    double j = Double.parseDouble(call1("jaccard", List.of(VARCHAR, VARCHAR), x, y));
                    assertEquals(Double.parseDouble(column(duck, "SELECT jaccard(" + q(x) + ", " + q(y) + ")").get(0)), j, 1e-12);
                }
            }
        }
        assertThrows(InvalidInputException.class, () -> call1("jaccard", List.of(VARCHAR, VARCHAR), "", "a"));
        assertThrows(InvalidInputException.class, () -> call1("mismatches", List.of(VARCHAR, VARCHAR), "ab", "abc"));
        assertEquals("1", call1("hamming", List.of(VARCHAR, VARCHAR), "abc", "abd"));
    }

    @Test
    void encodingsMatchDuckDB() {
        for (String s : List.of("", "a", "ab", "abc", "üäabcdef", "iJWERiuhjruhwuiehr8493231")) {
            String b64 = call1("base64", List.of(BLOB), (Object) s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(column(duck, "SELECT base64(encode(" + q(s) + "))").get(0), b64);
            assertEquals(column(duck, "SELECT hex(" + q(s) + ")").get(0), call1("hex", List.of(VARCHAR), s));
            assertEquals(column(duck, "SELECT sha1(" + q(s) + ")").get(0), call1("sha1", List.of(VARCHAR), s));
            assertEquals(column(duck, "SELECT strip_accents(" + q(s) + ")").get(0), call1("strip_accents", List.of(VARCHAR), s));
            assertEquals(column(duck, "SELECT unicode(" + q(s) + ")").get(0), call1("unicode", List.of(VARCHAR), s));
        }
        assertEquals("abc", call1("from_base64", List.of(VARCHAR), "YWJj"));
        TealException e = assertThrows(TealException.class, () -> call1("from_base64", List.of(VARCHAR), "ab"));
        assertTrue(e.getMessage().contains("Could not decode string"), e.getMessage());
        for (long v : new long[]{0, 1, 255, 123456789, Long.MAX_VALUE}) {
            assertEquals(column(duck, "SELECT hex(" + v + ")").get(0), call1("hex", List.of(BIGINT), v));
            assertEquals(column(duck, "SELECT to_base(" + v + ", 36, 5)").get(0), call1("to_base", List.of(BIGINT, INTEGER, INTEGER), v, 36, 5));
        }
        assertThrows(InvalidInputException.class, () -> call1("to_base", List.of(BIGINT, INTEGER), -1L, 2));
    }

    @Test
    void formatBytesMatchesDuckDB() {
        long[] values = {0, 1, -1, 1023, 1024, 1024 * 1024 - 1, 1_000_000_000L, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE, 500_000};
        for (long v : values) {
            assertEquals(column(duck, "SELECT format_bytes((" + v + ")::BIGINT)").get(0), call1("format_bytes", List.of(BIGINT), v), "" + v);
            assertEquals(column(duck, "SELECT formatReadableDecimalSize((" + v + ")::BIGINT)").get(0),
                    call1("formatreadabledecimalsize", List.of(BIGINT), v), "" + v);
        }
    }

    @Test
    void ieeeMathByDefaultAndStrictVariants() {
        assertEquals("nan", call1("asin", List.of(DOUBLE), 2.0));
        assertEquals("-inf", call1("ln", List.of(DOUBLE), 0.0));
        assertEquals("inf", call1("atanh", List.of(DOUBLE), 1.0));
        assertThrows(InvalidInputException.class, () -> call1("asin" + FunctionRegistry.STRICT_MATH_SUFFIX, List.of(DOUBLE), 2.0));
        assertThrows(OutOfRangeException.class, () -> call1("ln" + FunctionRegistry.STRICT_MATH_SUFFIX, List.of(DOUBLE), 0.0));
        assertThrows(OutOfRangeException.class, () -> call1("gamma" + FunctionRegistry.STRICT_MATH_SUFFIX, List.of(DOUBLE), 0.0));
        for (double x : new double[]{0.5, 1, 2.5, 10, -0.1, -1.5, 30}) {
            double g = Double.parseDouble(call1("gamma", List.of(DOUBLE), x));
            double lg = Double.parseDouble(call1("lgamma", List.of(DOUBLE), x));
            double dg = Double.parseDouble(column(duck, "SELECT gamma(" + x + ")").get(0));
            double dlg = Double.parseDouble(column(duck, "SELECT lgamma(" + x + ")").get(0));
            assertEquals(dg, g, Math.abs(dg) * 1e-12, "gamma " + x);
            assertEquals(dlg, lg, Math.abs(dlg) * 1e-12 + 1e-12, "lgamma " + x);
        }
        assertEquals("1.0000001", call1("nextafter", List.of(FLOAT, FLOAT), 1f, 2f));
    }

    @Test
    void hugeintBitOperations() {
        java.math.BigInteger one = java.math.BigInteger.ONE;
        assertEquals("1267650600228229401496703205376", call1("<<", List.of(HUGEINT, HUGEINT), one, java.math.BigInteger.valueOf(100)));
        assertEquals("0", call1(">>", List.of(HUGEINT, HUGEINT), one, java.math.BigInteger.valueOf(1000)));
        assertEquals("-14", call1(">>", List.of(HUGEINT, HUGEINT), java.math.BigInteger.valueOf(-27), one));
        assertThrows(OutOfRangeException.class, () -> call1("<<", List.of(HUGEINT, HUGEINT), one, java.math.BigInteger.valueOf(200)));
        assertEquals("2", call1("bit_count", List.of(HUGEINT), new java.math.BigInteger("-148873535527910577765226390751398592512")));
        assertEquals("1", call1("gcd", List.of(BIGINT, BIGINT), Long.MIN_VALUE, 1L));
    }

    @Test
    void timeBucketMatchesDuckDB() {
        String[] widths = {"3 days", "1 week", "56 seconds", "5 hours", "1 month", "3 months", "3 years"};
        String[] timestamps = {"2019-04-05 10:11:12", "1969-12-31 23:59:59", "2000-01-03 00:00:00", "1812-06-01 01:02:03.5"};
        for (String w : widths) {
            for (String ts : timestamps) {
                Interval iv = DateTimeUtil.parseInterval(w);
                long micros = DateTimeUtil.parseTimestamp(ts);
                String sql = "SELECT time_bucket(INTERVAL '" + w + "', TIMESTAMP '" + ts + "')::VARCHAR";
                assertEquals(column(duck, sql).get(0), call1("time_bucket", List.of(INTERVAL, TIMESTAMP), iv, micros), sql);
                String sqlOffset = "SELECT time_bucket(INTERVAL '" + w + "', TIMESTAMP '" + ts + "', INTERVAL '6 hours')::VARCHAR";
                assertEquals(column(duck, sqlOffset).get(0), call1("time_bucket", List.of(INTERVAL, TIMESTAMP, INTERVAL), iv, micros,
                        DateTimeUtil.parseInterval("6 hours")), sqlOffset);
                String sqlOrigin = "SELECT time_bucket(INTERVAL '" + w + "', TIMESTAMP '" + ts + "', TIMESTAMP '1970-01-04 05:00:00')::VARCHAR";
                assertEquals(column(duck, sqlOrigin).get(0), call1("time_bucket", List.of(INTERVAL, TIMESTAMP, TIMESTAMP), iv, micros,
                        DateTimeUtil.parseTimestamp("1970-01-04 05:00:00")), sqlOrigin);
            }
        }
        assertThrows(NotImplementedException.class, () -> call1("time_bucket", List.of(INTERVAL, TIMESTAMP),
                DateTimeUtil.parseInterval("1 month 1 day"), 0L));
    }
}
