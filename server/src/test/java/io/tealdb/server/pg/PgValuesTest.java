package io.tealdb.server.pg;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** PostgreSQL's text forms (as captured from PostgreSQL 15) and the binary numeric layout. */
class PgValuesTest {
    @Test
    void floatTextMatchesPostgres() {
        assertEquals("100000000000000", PgValues.formatDouble(1e14));
        assertEquals("1e+15", PgValues.formatDouble(1e15));
        assertEquals("0.0001", PgValues.formatDouble(1e-4));
        assertEquals("1e-05", PgValues.formatDouble(1e-5));
        assertEquals("1.5e+300", PgValues.formatDouble(1.5e300));
        assertEquals("-0", PgValues.formatDouble(-0.0));
        assertEquals("NaN", PgValues.formatDouble(Double.NaN));
        assertEquals("-Infinity", PgValues.formatDouble(Double.NEGATIVE_INFINITY));
        assertEquals("0.1", PgValues.formatDouble(0.1));
        assertEquals("123.456", PgValues.formatDouble(123.456));
        assertEquals("-2.5", PgValues.formatDouble(-2.5));
        assertEquals("0.30000000000000004", PgValues.formatDouble(0.1 + 0.2));
        assertEquals("1234567", PgValues.formatDouble(1234567.0));
        assertEquals("12345678", PgValues.formatDouble(12345678.0));
        assertEquals("0.001", PgValues.formatDouble(0.001));
        assertEquals("3.4028235e+38", PgValues.formatFloat(Float.MAX_VALUE));
        assertEquals("0.1", PgValues.formatFloat(0.1f));
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) continue;
            assertEquals(d, Double.parseDouble(PgValues.formatDouble(d)), "round trip of " + d);
        }
    }

    @Test
    void intervalText() {
        assertEquals("1 year 2 mons 3 days 04:05:06.5", PgValues.interval(14, 3, ((4 * 60 + 5) * 60 + 6) * 1_000_000L + 500_000));
        assertEquals("-1 days -00:00:01", PgValues.interval(0, -1, -1_000_000L));
        assertEquals("00:00:00", PgValues.interval(0, 0, 0));
    }

    @Test
    void numericBinaryRoundTrips() {
        io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.buffer();
        PgValues.writeNumeric(b, new BigDecimal("1.5"));
        byte[] bytes = new byte[b.readableBytes()];
        b.getBytes(0, bytes);
        // ndigits 2, weight 0, sign +, dscale 1, digits 1 and 5000
        assertEquals("0002000000000001" + "00011388", java.util.HexFormat.of().formatHex(bytes));
        for (String v : new String[]{"0", "0.00", "-12.3400", "123456789012345678901234.5678", "0.0001", "10000", "-0.5"}) {
            b.clear();
            PgValues.writeNumeric(b, new BigDecimal(v));
            byte[] raw = new byte[b.readableBytes()];
            b.getBytes(0, raw);
            assertEquals(new BigDecimal(v), PgValues.readNumeric(new MessageReader(raw)), v);
        }
    }
}
