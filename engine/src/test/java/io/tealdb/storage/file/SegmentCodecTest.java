package io.tealdb.storage.file;

import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every encoding of every physical type round-trips exactly, across shapes that pick each method. */
class SegmentCodecTest {
    private static final int N = 5000;

    private static void roundTrip(Vector v, int n) {
        ByteOut out = new ByteOut();
        SegmentCodec.encode(v, n, out);
        Vector back = SegmentCodec.decode(v.type, new ByteIn(out.toByteArray()));
        for (int i = 0; i < n; i++) {
            Object a = v.getObject(i);
            Object b = back.getObject(i);
            if (a instanceof byte[] x && b instanceof byte[] y) {
                assertEquals(java.util.Arrays.toString(x), java.util.Arrays.toString(y), v.type + " row " + i);
            } else {
                assertEquals(a, b, v.type + " row " + i);
            }
        }
    }

    /** Values from {@code gen} with every {@code nullEvery}-th row NULL (0: none). */
    private static Vector vector(LogicalType t, java.util.function.IntFunction<Object> gen, int nullEvery) {
        Vector v = new Vector(t, N);
        for (int i = 0; i < N; i++) {
            v.setObject(i, nullEvery > 0 && i % nullEvery == 0 ? null : gen.apply(i));
        }
        return v;
    }

    @Test
    void integersConstantRunsAndBitPacked() {
        Random r = new Random(7);
        for (int nulls : new int[] {0, 3, 1}) {
            roundTrip(vector(LogicalType.BIGINT, i -> 42L, nulls), N);
            roundTrip(vector(LogicalType.BIGINT, i -> (long) (i / 500), nulls), N);
            roundTrip(vector(LogicalType.BIGINT, i -> r.nextLong(), nulls), N);
            roundTrip(vector(LogicalType.BIGINT, i -> i % 2 == 0 ? Long.MIN_VALUE : Long.MAX_VALUE, nulls), N);
            roundTrip(vector(LogicalType.INTEGER, i -> 1_000_000 + r.nextInt(1000), nulls), N);
            roundTrip(vector(LogicalType.SMALLINT, i -> (short) r.nextInt(), nulls), N);
            roundTrip(vector(LogicalType.TINYINT, i -> (byte) (i % 7), nulls), N);
            roundTrip(vector(LogicalType.BOOLEAN, i -> r.nextBoolean(), nulls), N);
            roundTrip(vector(LogicalType.HUGEINT, i -> BigInteger.valueOf(r.nextLong()).shiftLeft(40), nulls), N);
            roundTrip(vector(LogicalType.decimal(18, 2), i -> BigDecimal.valueOf(r.nextInt(100000), 2), nulls), N);
            roundTrip(vector(LogicalType.decimal(38, 5), i -> new BigDecimal(BigInteger.valueOf(r.nextLong()).pow(2), 5), nulls), N);
            roundTrip(vector(LogicalType.FLOAT, i -> r.nextFloat(), nulls), N);
            roundTrip(vector(LogicalType.DOUBLE, i -> i % 10 == 0 ? Double.NaN : r.nextGaussian(), nulls), N);
            roundTrip(vector(LogicalType.DOUBLE, i -> -0.0, nulls), N);
            roundTrip(vector(LogicalType.INTERVAL, i -> new Interval(i % 13, i % 31, r.nextLong() % 100000), nulls), N);
        }
        roundTrip(new Vector(LogicalType.BIGINT, 1), 0);
    }

    @Test
    void everyBitWidthRoundTrips() {
        Random r = new Random(13);
        for (int width = 1; width <= 63; width++) {
            long range = 1L << width;
            long base = -(1L << 62) + width;
            for (int n : new int[] {N, 4999, 63, 1}) {
                Vector v = new Vector(LogicalType.BIGINT, n);
                for (int i = 0; i < n; i++) v.setObject(i, base + (r.nextLong() & (range - 1)));
                // the largest difference, so that the packing uses exactly this width
                v.setObject(n / 2, base + range - 1);
                v.setObject(0, base);
                roundTrip(v, n);
            }
        }
    }

    @Test
    void stringsDictionaryPlainAndCompressed() {
        Random r = new Random(11);
        List<String> few = List.of("AIR", "MAIL", "SHIP", "TRUCK", "", "ünïcödé ✓");
        for (int nulls : new int[] {0, 4, 1}) {
            roundTrip(vector(LogicalType.VARCHAR, i -> few.get(i % few.size()), nulls), N);
            roundTrip(vector(LogicalType.VARCHAR, i -> "unique value number " + i + " " + r.nextInt(), nulls), N);
            roundTrip(vector(LogicalType.VARCHAR, i -> Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong()), nulls), N);
            roundTrip(vector(LogicalType.BLOB, i -> new byte[] {(byte) i, (byte) (i >> 8), 0, -1}, nulls), N);
        }
        roundTrip(vector(LogicalType.VARCHAR, i -> "x", 0), 1);
    }
}
