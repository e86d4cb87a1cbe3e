package io.tealdb;

import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.Vector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Compares our text of values with DuckDB's (JDBC getString, and CAST(... AS VARCHAR)) as the oracle. */
class ValueFormatterOracleTest {
    private static Connection duck;

    @BeforeAll
    static void open() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    private static String[] duck(String literal) throws Exception {
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery("SELECT " + literal + ", CAST(" + literal + " AS VARCHAR)")) {
            rs.next();
            return new String[]{rs.getString(1), rs.getString(2)};
        }
    }

    private static void check(String literal, LogicalType type, Object canonical) throws Exception {
        Vector v = new Vector(type, 1);
        v.setObject(0, canonical);
        String[] expected = duck(literal);
        assertEquals(expected[0], ValueFormatter.jdbcString(v, 0), "JDBC getString of " + literal);
        assertEquals(expected[1], ValueFormatter.sqlString(v, 0), "VARCHAR text of " + literal);
    }

    private static Object canon(Object java) {
        return JavaValues.toValue(java, 0).object();
    }

    @Test
    void matchesDuckDb() throws Exception {
        check("true", LogicalType.BOOLEAN, true);
        check("(-5)::TINYINT", LogicalType.TINYINT, (byte) -5);
        check("300::SMALLINT", LogicalType.SMALLINT, (short) 300);
        check("(-7)::INTEGER", LogicalType.INTEGER, -7);
        check("9223372036854775807::BIGINT", LogicalType.BIGINT, Long.MAX_VALUE);
        check("(-170141183460469231731687303715884105728)::HUGEINT", LogicalType.HUGEINT, BigInteger.ONE.shiftLeft(127).negate());
        check("1.25::DECIMAL(15,2)", LogicalType.decimal(15, 2), new BigDecimal("1.25"));
        check("(-0.5)::DECIMAL(4,3)", LogicalType.decimal(4, 3), new BigDecimal("-0.500"));
        check("0.0000001::DECIMAL(18,9)", LogicalType.decimal(18, 9), new BigDecimal("0.000000100"));
        check("12345678901234567890.5::DECIMAL(38,1)", LogicalType.decimal(38, 1), new BigDecimal("12345678901234567890.5"));
        check("'héllo'::VARCHAR", LogicalType.VARCHAR, "héllo");
        check("'\\xAA\\x41\\x00'::BLOB", LogicalType.BLOB, new byte[]{(byte) 0xAA, 0x41, 0});
        check("DATE '2020-01-02'", LogicalType.DATE, canon(LocalDate.of(2020, 1, 2)));
        check("DATE '0001-01-01'", LogicalType.DATE, canon(LocalDate.of(1, 1, 1)));
        check("TIME '10:11:12.5'", LogicalType.TIME, canon(LocalTime.of(10, 11, 12, 500_000_000)));
        check("TIME '00:00:00'", LogicalType.TIME, 0L);
        check("TIME '23:59:59.000123'", LogicalType.TIME, canon(LocalTime.of(23, 59, 59, 123_000)));
        check("TIMESTAMP '2020-01-02 03:04:05'", LogicalType.TIMESTAMP, canon(LocalDateTime.of(2020, 1, 2, 3, 4, 5)));
        check("TIMESTAMP '1960-01-02 03:04:05.123456'", LogicalType.TIMESTAMP, canon(LocalDateTime.of(1960, 1, 2, 3, 4, 5, 123_456_000)));
        check("INTERVAL '1 month 2 days 3 seconds'", LogicalType.INTERVAL, new Interval(1, 2, 3_000_000));
        check("INTERVAL '14 months'", LogicalType.INTERVAL, new Interval(14, 0, 0));
        check("INTERVAL '-1 day'", LogicalType.INTERVAL, new Interval(0, -1, 0));
        check("INTERVAL '-3 hours'", LogicalType.INTERVAL, new Interval(0, 0, -3 * 3_600_000_000L));
        check("INTERVAL '0 seconds'", LogicalType.INTERVAL, new Interval(0, 0, 0));
        check("INTERVAL '25 hours 1000 microseconds'", LogicalType.INTERVAL, new Interval(0, 0, 25 * 3_600_000_000L + 1000));
        for (double d : new double[]{0.1, 100.0, 1e20, 1e-5, 123456789.0, 1e15, 1e16, -2.5, 0.0001, 1.7976931348623157e308, 2.2250738585072014E-308}) {
            check(d + "::DOUBLE", LogicalType.DOUBLE, d);
        }
        check("'nan'::DOUBLE", LogicalType.DOUBLE, Double.NaN);
        check("'-inf'::DOUBLE", LogicalType.DOUBLE, Double.NEGATIVE_INFINITY);
        check("'-0.0'::DOUBLE", LogicalType.DOUBLE, -0.0);
        for (float f : new float[]{1.5f, 0.1f, 3.4028235e38f, 1e-3f}) {
            check(f + "::FLOAT", LogicalType.FLOAT, f);
        }
        assertEquals("2020-01-02", ValueFormatter.sqlString(LogicalType.DATE, Value.ofInteger(18263).object()));
    }
}
