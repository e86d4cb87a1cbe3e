package io.tealdb;

import io.tealdb.error.ConversionException;
import io.tealdb.error.OutOfRangeException;
import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.Vector;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class JavaValuesTest {
    @Test
    void javaToSqlForEveryListedType() {
        assertEquals(Value.nullOf(LogicalType.SQLNULL), JavaValues.toValue(null, 1));
        assertEquals(new Value(LogicalType.BOOLEAN, true), JavaValues.toValue(true, 1));
        assertEquals(new Value(LogicalType.TINYINT, (byte) 1), JavaValues.toValue((byte) 1, 1));
        assertEquals(new Value(LogicalType.SMALLINT, (short) 2), JavaValues.toValue((short) 2, 1));
        assertEquals(new Value(LogicalType.INTEGER, 3), JavaValues.toValue(3, 1));
        assertEquals(new Value(LogicalType.BIGINT, 4L), JavaValues.toValue(4L, 1));
        assertEquals(new Value(LogicalType.FLOAT, 1.5f), JavaValues.toValue(1.5f, 1));
        assertEquals(new Value(LogicalType.DOUBLE, 2.5), JavaValues.toValue(2.5, 1));
        assertEquals(new Value(LogicalType.decimal(3, 2), new BigDecimal("1.25")), JavaValues.toValue(new BigDecimal("1.25"), 1));
        assertEquals(new Value(LogicalType.decimal(2, 2), new BigDecimal("0.05")), JavaValues.toValue(new BigDecimal("0.05"), 1));
        assertEquals(new Value(LogicalType.decimal(3, 0), new BigDecimal("100")), JavaValues.toValue(new BigDecimal("1E+2"), 1));
        assertEquals(new Value(LogicalType.VARCHAR, "x"), JavaValues.toValue("x", 1));
        Value blob = JavaValues.toValue(new byte[]{1, 2}, 1);
        assertEquals(LogicalType.BLOB, blob.type());
        assertArrayEquals(new byte[]{1, 2}, (byte[]) blob.object());
        assertEquals(new Value(LogicalType.DATE, 18263), JavaValues.toValue(LocalDate.of(2020, 1, 2), 1));
        assertEquals(new Value(LogicalType.TIME, 3_723_000_004L), JavaValues.toValue(LocalTime.of(1, 2, 3, 4000), 1));
        assertEquals(new Value(LogicalType.TIMESTAMP, 1_577_923_200_000_001L), JavaValues.toValue(LocalDateTime.of(2020, 1, 2, 0, 0, 0, 1000), 1));
        assertEquals(new Value(LogicalType.TIMESTAMP, -1_000_000L), JavaValues.toValue(LocalDateTime.of(1969, 12, 31, 23, 59, 59), 1));
        assertEquals(new Value(LogicalType.INTERVAL, new Interval(0, 0, 90_000_000L)), JavaValues.toValue(Duration.ofSeconds(90), 1));
        assertEquals(new Value(LogicalType.INTERVAL, new Interval(14, 3, 0)), JavaValues.toValue(Period.of(1, 2, 3), 1));
        assertEquals(new Value(LogicalType.DATE, 18263), JavaValues.toValue(java.sql.Date.valueOf("2020-01-02"), 1));
    }

    @Test
    void bigIntegerFollowsDuckDbsIntegerRule() {
        // BIGINT if it fits, else UBIGINT, else HUGEINT, else UHUGEINT, else an error
        assertEquals(new Value(LogicalType.BIGINT, Long.MAX_VALUE), JavaValues.toValue(BigInteger.valueOf(Long.MAX_VALUE), 1));
        assertEquals(new Value(LogicalType.BIGINT, Long.MIN_VALUE), JavaValues.toValue(BigInteger.valueOf(Long.MIN_VALUE), 1));
        BigInteger justAbove = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);
        assertEquals(new Value(LogicalType.UBIGINT, justAbove), JavaValues.toValue(justAbove, 1));
        BigInteger maxUbigint = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        assertEquals(LogicalType.UBIGINT, JavaValues.toValue(maxUbigint, 1).type());
        assertEquals(LogicalType.HUGEINT, JavaValues.toValue(maxUbigint.add(BigInteger.ONE), 1).type());
        assertEquals(LogicalType.HUGEINT, JavaValues.toValue(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE), 1).type());
        BigInteger maxHuge = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
        assertEquals(LogicalType.HUGEINT, JavaValues.toValue(maxHuge, 1).type());
        assertEquals(LogicalType.HUGEINT, JavaValues.toValue(maxHuge.add(BigInteger.ONE).negate(), 1).type());
        assertEquals(LogicalType.UHUGEINT, JavaValues.toValue(maxHuge.add(BigInteger.ONE), 1).type());
        BigInteger maxUhuge = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        assertEquals(new Value(LogicalType.UHUGEINT, maxUhuge), JavaValues.toValue(maxUhuge, 1));
        OutOfRangeException e = assertThrows(OutOfRangeException.class, () -> JavaValues.toValue(maxUhuge.add(BigInteger.ONE), 3));
        assertTrue(e.getMessage().contains("parameter 3"), e.getMessage());
        assertThrows(OutOfRangeException.class, () -> JavaValues.toValue(maxHuge.add(BigInteger.TWO).negate(), 1));
        assertThrows(OutOfRangeException.class, () -> JavaValues.toValue(new BigDecimal("1" + "0".repeat(40)), 1));
    }

    @Test
    void unsupportedClassNamesClassAndIndex() {
        ConversionException e = assertThrows(ConversionException.class, () -> JavaValues.toValue(new StringBuilder("x"), 2));
        assertTrue(e.getMessage().contains("parameter 2"), e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.StringBuilder"), e.getMessage());
    }

    @Test
    void sqlToJavaIsTheReverse() {
        Object[] javaValues = {true, (byte) 1, (short) 2, 3, 4L, BigInteger.TWO.pow(100), 1.5f, 2.5, new BigDecimal("12.34"),
                new BigDecimal("123456789012345678901.5"), "héllo", LocalDate.of(1969, 7, 20), LocalTime.of(23, 59, 59, 999_999_000),
                LocalDateTime.of(1900, 1, 1, 12, 0, 0, 5000), Period.of(0, 14, 3)};
        for (Object o : javaValues) {
            Value v = JavaValues.toValue(o, 0);
            Vector vec = new Vector(v.type(), 4);
            vec.setObject(2, v.object());
            Object back = JavaValues.toJava(vec, 2);
            if (o instanceof Period p) {
                assertEquals(p, JavaValues.toPeriod((Interval) back));
            } else {
                assertEquals(o, back, "round trip of " + o.getClass().getSimpleName());
            }
            assertEquals(back, JavaValues.toJava(v));
        }
        byte[] bytes = {0, -1, 65};
        Vector b = new Vector(LogicalType.BLOB, 1);
        b.setObject(0, JavaValues.toValue(bytes, 0).object());
        assertArrayEquals(bytes, (byte[]) JavaValues.toJava(b, 0));
        assertEquals(Duration.ofSeconds(90), JavaValues.toDuration((Interval) JavaValues.toValue(Duration.ofSeconds(90), 0).object()));
        assertThrows(ConversionException.class, () -> JavaValues.toDuration(new Interval(1, 0, 0)));
        assertThrows(ConversionException.class, () -> JavaValues.toPeriod(new Interval(0, 0, 1)));
    }

    @Test
    void sqlLiteralsQuoteAndType() {
        assertEquals("'it''s'", JavaValues.toSqlLiteral(Value.ofVarchar("it's")));
        assertEquals("CAST(5 AS TINYINT)", JavaValues.toSqlLiteral(JavaValues.toValue((byte) 5, 0)));
        assertEquals("CAST('\\x00\\xFF' AS BLOB)", JavaValues.toSqlLiteral(JavaValues.toValue(new byte[]{0, -1}, 0)));
        assertEquals("TIMESTAMP '2020-01-02 03:04:05.5'", JavaValues.toSqlLiteral(JavaValues.toValue(LocalDateTime.of(2020, 1, 2, 3, 4, 5, 500_000_000), 0)));
        assertEquals("CAST(NULL AS INTEGER)", JavaValues.toSqlLiteral(Value.nullOf(LogicalType.INTEGER)));
        assertEquals("CAST('NaN' AS DOUBLE)", JavaValues.toSqlLiteral(Value.ofDouble(Double.NaN)).replace("nan", "NaN"));
        assertEquals(List.of(), List.of());
    }
}
