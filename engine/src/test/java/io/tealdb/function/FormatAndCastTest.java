package io.tealdb.function;

import io.tealdb.error.ConversionException;
import io.tealdb.function.cast.ValueFormatter;
import io.tealdb.types.DateTimeUtil;
import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.tealdb.function.FnTestUtil.*;
import static io.tealdb.types.LogicalType.*;
import static org.junit.jupiter.api.Assertions.*;

/** Formatting and casts compared value by value with DuckDB's CAST(... AS VARCHAR). */
class FormatAndCastTest {
    static Connection duck;

    @BeforeAll
    static void open() {
        duck = duck();
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    private static List<String> duckValues(String selectExpr, List<String> literals) {
        StringBuilder sb = new StringBuilder("SELECT ").append(selectExpr).append(" FROM (VALUES ");
        for (int i = 0; i < literals.size(); i++) {
            sb.append(i > 0 ? "," : "").append('(').append(i).append(", ").append(literals.get(i)).append(')');
        }
        sb.append(") t(i, x) ORDER BY i");
        return column(duck, sb.toString());
    }

    @Test
    void doublesFormatLikeDuckDB() {
        Random rnd = new Random(42);
        List<Double> values = new ArrayList<>(List.of(0.1, 1e20, 1.0 / 3, 100.0, 1e-7, 123456789012345678.0, 1e16, 1e15, 5e-324,
                1e-5, 1e-4, 0.001, 123456.789, 1.5e300, -2.5, 9007199254740993.0, 0.5, 1e21, 12345678.9, -1e-10, Double.MAX_VALUE, Double.MIN_NORMAL));
        for (int i = 0; i < 300; i++) {
            double d = switch (i % 4) {
                case 0 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
                case 1 -> Double.longBitsToDouble(rnd.nextLong());
                case 2 -> rnd.nextInt(1_000_000) / 100.0;
                default -> (double) rnd.nextLong();
            };
            if (Double.isNaN(d) || Double.isInfinite(d)) continue;
            values.add(rnd.nextBoolean() ? d : -d);
        }
        List<String> lits = values.stream().map(d -> "'" + d + "'::DOUBLE").toList();
        List<String> expected = duckValues("x::VARCHAR", lits);
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (!expected.get(i).equals(ValueFormatter.formatDouble(values.get(i)))) {
                bad.add(values.get(i) + " duck=" + expected.get(i) + " ours=" + ValueFormatter.formatDouble(values.get(i)));
            }
        }
        assertEquals(List.of(), bad);
        assertEquals("inf", ValueFormatter.formatDouble(Double.POSITIVE_INFINITY));
        assertEquals("-inf", ValueFormatter.formatDouble(Double.NEGATIVE_INFINITY));
        assertEquals("nan", ValueFormatter.formatDouble(Double.NaN));
        assertEquals(row(duck, "SELECT '-0.0'::DOUBLE::VARCHAR").get(0), ValueFormatter.formatDouble(-0.0));
    }

    @Test
    void floatsFormatLikeDuckDB() {
        Random rnd = new Random(7);
        List<Float> values = new ArrayList<>(List.of(3.0f, 0.1f, 1e20f, 1.5e-7f, 123456.79f, 16777217f, 1e10f));
        for (int i = 0; i < 200; i++) {
            float f = Float.intBitsToFloat(rnd.nextInt());
            if (Float.isNaN(f) || Float.isInfinite(f)) continue;
            values.add(f);
        }
        List<String> lits = values.stream().map(f -> "'" + f + "'::FLOAT").toList();
        List<String> expected = duckValues("x::VARCHAR", lits);
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (!expected.get(i).equals(ValueFormatter.formatFloat(values.get(i)))) {
                bad.add(values.get(i) + " duck=" + expected.get(i) + " ours=" + ValueFormatter.formatFloat(values.get(i)));
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void decimalsFormatAndRescaleLikeDuckDB() {
        Random rnd = new Random(3);
        List<String> lits = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int p = 1 + rnd.nextInt(38);
            int s = rnd.nextInt(p + 1);
            BigInteger unscaled = new BigInteger(p * 3, rnd).mod(BigInteger.TEN.pow(p));
            if (rnd.nextBoolean()) unscaled = unscaled.negate();
            BigDecimal v = new BigDecimal(unscaled, s);
            LogicalType t = LogicalType.decimal(p, s);
            lits.add("('" + v.toPlainString() + "'::" + t + ")::VARCHAR");
            // also rescale into a random narrower/wider scale with the same integer digits
            int s2 = rnd.nextInt(Math.min(38 - (p - s), 20) + 1);
            LogicalType t2 = LogicalType.decimal(p - s + s2 == 0 ? 1 : p - s + s2, s2);
            lits.add("TRY_CAST('" + v.toPlainString() + "'::" + t + " AS " + t2 + ")::VARCHAR");
            ours.add(ValueFormatter.format(new io.tealdb.types.Value(t, v)));
            ours.add(cast(t, v, t2, true));
        }
        List<String> expected = duckValues("x", lits);
        assertEquals(expected, ours);
    }

    @Test
    void datesTimestampsIntervalsLikeDuckDB() {
        Random rnd = new Random(5);
        List<String> lits = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            int days = rnd.nextInt(2 * 800_000) - 800_000;
            lits.add("(DATE '1970-01-01' + " + days + ")::VARCHAR");
            String ds = DateTimeUtil.formatDate(days);
            ours.add(ds);
            // round trip through our parser
            assertEquals(days, DateTimeUtil.parseDate(ds), ds);
            long micros = rnd.nextLong() % (300L * 365 * 86_400_000_000L);
            if (i % 3 == 0) micros = micros / 1_000_000 * 1_000_000;
            lits.add("make_timestamp(" + micros + ")::VARCHAR");
            String ts = DateTimeUtil.formatTimestamp(micros);
            ours.add(ts);
            assertEquals(micros, DateTimeUtil.parseTimestamp(ts), ts);
            long tod = Math.floorMod(micros, 86_400_000_000L);
            lits.add("(TIME '00:00:00' + INTERVAL (" + tod + ") MICROSECOND)::VARCHAR");
            ours.add(DateTimeUtil.formatTime(tod));
            int months = rnd.nextInt(400) - 200;
            int d = rnd.nextInt(100) - 50;
            long us = rnd.nextLong() % 400_000_000_000L;
            if (i % 4 == 0) us = 0;
            if (i % 5 == 0) months = 0;
            lits.add("(INTERVAL (" + months + ") MONTH + INTERVAL (" + d + ") DAY + INTERVAL (" + us + ") MICROSECOND)::VARCHAR");
            String iv = DateTimeUtil.formatInterval(months, d, us);
            ours.add(iv);
            assertEquals(new Interval(months, d, us), DateTimeUtil.parseInterval(iv), iv);
        }
        assertEquals(duckValues("x", lits), ours);
    }

    @Test
    void stringToTypesLikeDuckDB() {
        String[] ints = {"12", " 12 ", "1e2", "1.5", "2.5", "-2.5", "0x1F", "1_000", "+5", "", "abc", "300", "-129", "127",
                "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1.", ".5", "1e", "--1", "0b101"};
        for (LogicalType t : List.of(TINYINT, INTEGER, BIGINT)) {
            for (String s : ints) {
                String expected = row(duck, "SELECT TRY_CAST('" + s + "' AS " + t + ")").get(0);
                assertEquals(expected, cast(VARCHAR, s, t, true), s + " -> " + t);
            }
        }
        String[] dbls = {"1.5", "1e400", "inf", "-Infinity", "NaN", "abc", " 2 ", "1_0.5", "0x10", "1e-3"};
        for (String s : dbls) {
            String expected = row(duck, "SELECT TRY_CAST('" + s + "' AS DOUBLE)::VARCHAR").get(0);
            assertEquals(expected, cast(VARCHAR, s, DOUBLE, true), s);
        }
        String[] decs = {"1.25", "1.35", "-0.05", "1e2", "999.95", "1000", "abc", "  3.14159 "};
        for (String s : decs) {
            String expected = row(duck, "SELECT TRY_CAST('" + s + "' AS DECIMAL(5,1))::VARCHAR").get(0);
            assertEquals(expected, cast(VARCHAR, s, LogicalType.decimal(5, 1), true), s);
        }
        String[] bools = {"true", "T", "yes", "y", "1", "false", "f", "no", "N", "0", "off", "maybe"};
        for (String s : bools) {
            String expected = row(duck, "SELECT TRY_CAST('" + s + "' AS BOOLEAN)::VARCHAR").get(0);
            assertEquals(expected, cast(VARCHAR, s, BOOLEAN, true), s);
        }
        String[] dates = {"1992-01-01", "1992-1-5", "1992/01/05", " 1992-01-05 ", "1992-02-30", "x", "infinity", "0044-03-15 (BC)", "2000-02-29", "1900-02-29"};
        for (String s : dates) {
            String expected = row(duck, "SELECT TRY_CAST('" + s + "' AS DATE)::VARCHAR").get(0);
            assertEquals(expected, cast(VARCHAR, s, DATE, true), s);
        }
        String[] tss = {"1992-01-01 10:00:00", "1992-01-01 10:00:00.123", "1992-01-05T10:00:00Z", "1992-01-05 10:00", "1992-01-05",
                "1992-01-05 10:00:00+02", "1992-01-01 25:00:00", "x"};
        for (String s : tss) {
            String expected = row(duck, "SELECT TRY_CAST('" + s + "' AS TIMESTAMP)::VARCHAR").get(0);
            assertEquals(expected, cast(VARCHAR, s, TIMESTAMP, true), s);
        }
        String[] ivs = {"1 day", "2 hours 3 minutes", "1h", "01:02:03", "1.5 days", "1 week", "1 day ago", "-1:30", "1 year 2 mons", "x", "P1D"};
        for (String s : ivs) {
            String expected = row(duck, "SELECT TRY_CAST('" + s + "' AS INTERVAL)::VARCHAR").get(0);
            assertEquals(expected, cast(VARCHAR, s, INTERVAL, true), s);
        }
    }

    @Test
    void numericCastsRoundLikeDuckDB() {
        double[] ds = {2.5, 3.5, -2.5, 0.5, 1.4999999, -0.5, 2147483647.4, 1e10};
        for (double d : ds) {
            String expected = row(duck, "SELECT TRY_CAST('" + d + "'::DOUBLE AS INTEGER)").get(0);
            assertEquals(expected, cast(DOUBLE, d, INTEGER, true), "double " + d);
        }
        String[][] decs = {{"2.5", "DECIMAL(3,1)"}, {"-2.5", "DECIMAL(3,1)"}, {"-2.45", "DECIMAL(4,2)"}, {"99999.5", "DECIMAL(6,1)"}};
        for (String[] d : decs) {
            BigDecimal v = new BigDecimal(d[0]);
            LogicalType t = LogicalType.decimal(Integer.parseInt(d[1].substring(8, d[1].indexOf(','))), v.scale());
            for (LogicalType target : List.of(INTEGER, SMALLINT, LogicalType.decimal(3, 1), DOUBLE)) {
                String expected = row(duck, "SELECT TRY_CAST(" + d[0] + "::" + d[1] + " AS " + target + ")::VARCHAR").get(0);
                assertEquals(expected, cast(t, v, target, true), d[0] + " -> " + target);
            }
        }
        assertEquals(row(duck, "SELECT 2.675::DOUBLE::DECIMAL(5,2)::VARCHAR").get(0), cast(DOUBLE, 2.675, LogicalType.decimal(5, 2), false));
    }

    @Test
    void castErrorsUseDuckDBWording() {
        assertError("SELECT 3000000000::BIGINT::TINYINT", () -> cast(BIGINT, 3000000000L, TINYINT, false));
        assertError("SELECT 'abc'::INTEGER", () -> cast(VARCHAR, "abc", INTEGER, false));
        assertError("SELECT '300'::TINYINT", () -> cast(VARCHAR, "300", TINYINT, false));
        assertError("SELECT 1e30::DOUBLE::BIGINT", () -> cast(DOUBLE, 1e30, BIGINT, false));
        assertError("SELECT 'nan'::DOUBLE::INTEGER", () -> cast(DOUBLE, Double.NaN, INTEGER, false));
        assertError("SELECT 12345.678::DECIMAL(10,3)::DECIMAL(4,1)", () -> cast(LogicalType.decimal(10, 3), new BigDecimal("12345.678"), LogicalType.decimal(4, 1), false));
        assertError("SELECT 1000::INTEGER::DECIMAL(3,1)", () -> cast(INTEGER, 1000, LogicalType.decimal(3, 1), false));
        assertError("SELECT 99999.5::DECIMAL(6,1)::SMALLINT", () -> cast(LogicalType.decimal(6, 1), new BigDecimal("99999.5"), SMALLINT, false));
        assertError("SELECT 'abc'::DECIMAL(3,1)", () -> cast(VARCHAR, "abc", LogicalType.decimal(3, 1), false));
        assertError("SELECT '1992-02-30'::DATE", () -> cast(VARCHAR, "1992-02-30", DATE, false));
        assertError("SELECT 'x'::DATE", () -> cast(VARCHAR, "x", DATE, false));
        assertError("SELECT 'x'::TIMESTAMP", () -> cast(VARCHAR, "x", TIMESTAMP, false));
        assertError("SELECT 'x'::INTERVAL", () -> cast(VARCHAR, "x", INTERVAL, false));
        assertError("SELECT 'off'::BOOLEAN", () -> cast(VARCHAR, "off", BOOLEAN, false));
        assertError("SELECT 1e40::DOUBLE::FLOAT", () -> cast(DOUBLE, 1e40, FLOAT, false));
    }

    private static void assertError(String duckSql, org.junit.jupiter.api.function.Executable ours) {
        String expected = duckError(duck, duckSql);
        assertNotNull(expected, duckSql);
        ConversionException e = assertThrows(ConversionException.class, ours, duckSql);
        assertEquals(expected, e.getMessage(), duckSql);
    }

    @Test
    void blobsAndBooleans() {
        assertEquals(row(duck, "SELECT '\\xAA\\x00hello''\"\\x5C'::BLOB::VARCHAR").get(0),
                cast(BLOB, new byte[]{(byte) 0xAA, 0, 'h', 'e', 'l', 'l', 'o', '\'', '"', '\\'}, VARCHAR, false));
        assertArrayEquals(new byte[]{(byte) 0xAA, 0, 'h'}, (byte[]) io.tealdb.function.cast.Casts.castValue(new io.tealdb.types.Value(VARCHAR, "\\xAA\\x00h"), BLOB, false).object());
        assertEquals("true", cast(INTEGER, 2, BOOLEAN, false));
        assertEquals("1", cast(BOOLEAN, true, INTEGER, false));
        assertEquals("true", cast(BOOLEAN, true, VARCHAR, false));
        assertEquals(row(duck, "SELECT 170141183460469231731687303715884105727::HUGEINT::DOUBLE::VARCHAR").get(0),
                cast(HUGEINT, BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE), DOUBLE, false));
    }
}
