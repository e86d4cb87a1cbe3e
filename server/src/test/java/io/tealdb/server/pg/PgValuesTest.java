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
    private static String text(java.util.function.Consumer<io.netty.buffer.ByteBuf> w) {
        io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.buffer();
        w.accept(b);
        return b.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String hex(java.util.function.Consumer<io.netty.buffer.ByteBuf> w) {
        io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.buffer();
        w.accept(b);
        byte[] raw = new byte[b.readableBytes()];
        b.getBytes(0, raw);
        return java.util.HexFormat.of().formatHex(raw);
    }

    @Test
    void directTextEqualsTheStringForms() {
        Random r = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            double d = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(r.nextLong());
                case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(24) - 8);
                case 2 -> -r.nextInt(100_000) / 4.0;
                default -> (float) (r.nextGaussian() * 1000);
            };
            float f = (float) d;
            assertEquals(PgValues.formatDouble(d), text(b -> PgValues.writeDouble(b, d, new byte[PgValues.SCRATCH])), "double " + d);
            assertEquals(PgValues.formatFloat(f), text(b -> PgValues.writeFloat(b, f, new byte[PgValues.SCRATCH])), "float " + f);
            long unscaled = switch (i % 3) {
                case 0 -> r.nextLong();
                case 1 -> r.nextInt();
                default -> r.nextInt(20_000) - 10_000;
            };
            assertEquals(Long.toString(unscaled), text(b -> { byte[] a = new byte[PgValues.SCRATCH]; b.writeBytes(a, 0, PgValues.putLong(a, 0, unscaled)); }));
            int scale = r.nextInt(19);
            assertEquals(BigDecimal.valueOf(unscaled, scale).toPlainString(), text(b -> { byte[] a = new byte[PgValues.SCRATCH]; b.writeBytes(a, 0, PgValues.putDecimal(a, 0, unscaled, scale)); }),
                    unscaled + " scale " + scale);
            // timestamps from 1 AD to 9999 AD, then beyond (BC, infinity) through the String path
            long micros = i % 100 == 0 ? io.tealdb.types.DateTimeUtil.TS_POS_INF
                    : (long) ((r.nextDouble() * 2 - 1) * (i % 10 == 0 ? 1e17 : 6.2e16)) / (i % 2 == 0 ? 1 : 1_000_000) * (i % 2 == 0 ? 1 : 1_000_000);
            assertEquals(PgValues.timestamp(micros), text(b -> PgValues.writeTimestamp(b, micros, new byte[PgValues.SCRATCH])), "timestamp " + micros);
            for (java.time.ZoneId zone : new java.time.ZoneId[]{java.time.ZoneOffset.UTC, java.time.ZoneId.of("America/New_York"),
                    java.time.ZoneId.of("Asia/Kolkata"), java.time.ZoneId.of("Europe/Amsterdam")}) {
                assertEquals(io.tealdb.types.TimeZones.formatTimestampTz(micros, zone), text(b -> PgValues.writeTimestampTz(b, micros, zone, new byte[PgValues.SCRATCH])),
                        "timestamptz " + micros + " " + zone);
            }
        }
        assertEquals("-9223372036854775808", text(b -> { byte[] a = new byte[PgValues.SCRATCH]; b.writeBytes(a, 0, PgValues.putLong(a, 0, Long.MIN_VALUE)); }));
        assertEquals("100", text(b -> PgValues.writeDouble(b, 100.0, new byte[PgValues.SCRATCH])));
        // New York's local mean time before 1883 is an offset with seconds
        assertEquals("1881-12-20 19:03:58-04:56:02", text(b -> PgValues.writeTimestampTz(b, -2777932800000000L, java.time.ZoneId.of("America/New_York"), new byte[PgValues.SCRATCH])));
    }

    @Test
    void numericFromLongEqualsTheBigDecimalLayout() {
        Random r = new Random(5);
        for (int i = 0; i < 50_000; i++) {
            long unscaled = switch (i % 4) {
                case 0 -> r.nextLong();
                case 1 -> r.nextInt();
                case 2 -> r.nextInt(20_000) - 10_000;
                default -> (long) r.nextInt(1000) * pow10(r.nextInt(16));
            };
            int scale = r.nextInt(PgValues.MAX_FAST_SCALE + 1);
            assertEquals(hex(b -> PgValues.writeNumeric(b, BigDecimal.valueOf(unscaled, scale))), hex(b -> PgValues.writeNumeric(b, unscaled, scale)),
                    unscaled + " scale " + scale);
        }
        assertEquals(hex(b -> PgValues.writeNumeric(b, new BigDecimal("0.00"))), hex(b -> PgValues.writeNumeric(b, 0, 2)));
        assertEquals(hex(b -> PgValues.writeNumeric(b, BigDecimal.valueOf(Long.MIN_VALUE, 3))), hex(b -> PgValues.writeNumeric(b, Long.MIN_VALUE, 3)));
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) p *= 10;
        return p;
    }
}
