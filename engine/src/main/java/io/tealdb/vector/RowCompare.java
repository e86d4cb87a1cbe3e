package io.tealdb.vector;

import io.tealdb.types.Interval;

import java.util.Arrays;

/**
 * Three-way comparison of single values inside vectors, per physical type, with DuckDB semantics:
 * VARCHAR/BLOB by unsigned bytes, HUGEINT signed 128-bit, INTERVAL normalised (1 month = 30 days,
 * 1 day = 24 h), FLOAT/DOUBLE with NaN greatest and equal to itself. Nulls are the caller's job.
 * Shared by comparison kernels, sort and the hash operators (key equality).
 */
public final class RowCompare {
    private RowCompare() {
    }

    public static int compareVarlen(Vector a, int ra, Vector b, int rb) {
        int ao = a.offsets[ra];
        int bo = b.offsets[rb];
        return Arrays.compareUnsigned(a.heap, ao, ao + a.lengths[ra], b.heap, bo, bo + b.lengths[rb]);
    }

    public static boolean equalsVarlen(Vector a, int ra, Vector b, int rb) {
        int la = a.lengths[ra];
        if (la != b.lengths[rb]) return false;
        return bytesEqual(a.heap, a.offsets[ra], b.heap, b.offsets[rb], la);
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * Equal byte ranges of length {@code len}; up to 64 bytes (names, codes, flags: TPC-DS's day
     * names, categories, warehouse names) compare inline eight bytes at a time, cheaper than the
     * intrinsic's setup when it runs once per row against the same few values.
     */
    public static boolean bytesEqual(byte[] a, int ao, byte[] b, int bo, int len) {
        if (len <= 64) {
            int i = 0;
            for (; i + 8 <= len; i += 8) {
                if ((long) LONGS.get(a, ao + i) != (long) LONGS.get(b, bo + i)) return false;
            }
            for (; i < len; i++) {
                if (a[ao + i] != b[bo + i]) return false;
            }
            return true;
        }
        return Arrays.equals(a, ao, ao + len, b, bo, bo + len);
    }

    public static int compareInt128(long ah, long al, long bh, long bl) {
        int c = Long.compare(ah, bh);
        return c != 0 ? c : Long.compareUnsigned(al, bl);
    }

    /** Months part of the normalised interval. */
    public static long normMonths(int months, int days, long micros) {
        long totalDays = days + Math.floorDiv(micros, Interval.MICROS_PER_DAY);
        return months + Math.floorDiv(totalDays, Interval.DAYS_PER_MONTH);
    }

    public static long normDays(int days, long micros) {
        long totalDays = days + Math.floorDiv(micros, Interval.MICROS_PER_DAY);
        return Math.floorMod(totalDays, Interval.DAYS_PER_MONTH);
    }

    public static long normMicros(long micros) {
        return Math.floorMod(micros, Interval.MICROS_PER_DAY);
    }

    public static int compareInterval(int am, int ad, long aus, int bm, int bd, long bus) {
        int c = Long.compare(normMonths(am, ad, aus), normMonths(bm, bd, bus));
        if (c != 0) return c;
        c = Long.compare(normDays(ad, aus), normDays(bd, bus));
        if (c != 0) return c;
        return Long.compare(normMicros(aus), normMicros(bus));
    }

    public static int compareDouble(double a, double b) {
        if (a < b) return -1;
        if (a > b) return 1;
        if (a == b) return 0; // also -0.0 == 0.0
        boolean an = a != a;
        boolean bn = b != b;
        return an == bn ? 0 : (an ? 1 : -1);
    }

    /** Compares row {@code ra} of {@code a} with row {@code rb} of {@code b} (same physical type, both non-null). */
    public static int compare(Vector a, int ra, Vector b, int rb) {
        return switch (a.physical) {
            case BOOL, INT8 -> Byte.compare(a.bytes[ra], b.bytes[rb]);
            case INT16 -> Short.compare(a.shorts[ra], b.shorts[rb]);
            case INT32 -> Integer.compare(a.ints[ra], b.ints[rb]);
            case INT64 -> Long.compare(a.longs[ra], b.longs[rb]);
            case INT128 -> compareInt128(a.highs[ra], a.longs[ra], b.highs[rb], b.longs[rb]);
            case FLOAT -> compareDouble(a.floats[ra], b.floats[rb]);
            case DOUBLE -> compareDouble(a.doubles[ra], b.doubles[rb]);
            case VARLEN -> compareVarlen(a, ra, b, rb);
            case INTERVAL -> compareInterval(a.ints[ra], a.days[ra], a.longs[ra], b.ints[rb], b.days[rb], b.longs[rb]);
            case LIST -> compareList(a, ra, b, rb);
            case STRUCT -> compareStruct(a, ra, b, rb);
        };
    }

    /**
     * Nested values compare element by element (DuckDB): the first difference decides, a NULL
     * element sorts after every value and equals another NULL, and a list that is a prefix of the
     * other is smaller. MAPs compare as their lists of (key, value) entries.
     */
    private static int compareList(Vector a, int ra, Vector b, int rb) {
        Vector ac = a.children[0];
        Vector bc = b.children[0];
        int la = a.lengths[ra];
        int lb = b.lengths[rb];
        int n = Math.min(la, lb);
        for (int k = 0; k < n; k++) {
            int c = compareElement(ac, a.offsets[ra] + k, bc, b.offsets[rb] + k);
            if (c != 0) return c;
        }
        return Integer.compare(la, lb);
    }

    private static int compareStruct(Vector a, int ra, Vector b, int rb) {
        for (int k = 0; k < a.children.length; k++) {
            int c = compareElement(a.children[k], ra, b.children[k], rb);
            if (c != 0) return c;
        }
        return 0;
    }

    private static int compareElement(Vector a, int ra, Vector b, int rb) {
        boolean an = a.isNull(ra);
        boolean bn = b.isNull(rb);
        if (an || bn) return an == bn ? 0 : (an ? 1 : -1);
        return compare(a, ra, b, rb);
    }

    /** Equality of two non-null values (cheaper than compare for VARLEN). */
    public static boolean equals(Vector a, int ra, Vector b, int rb) {
        return switch (a.physical) {
            case BOOL, INT8 -> a.bytes[ra] == b.bytes[rb];
            case INT16 -> a.shorts[ra] == b.shorts[rb];
            case INT32 -> a.ints[ra] == b.ints[rb];
            case INT64 -> a.longs[ra] == b.longs[rb];
            case INT128 -> a.longs[ra] == b.longs[rb] && a.highs[ra] == b.highs[rb];
            case FLOAT, DOUBLE, INTERVAL, STRUCT -> compare(a, ra, b, rb) == 0;
            case VARLEN -> equalsVarlen(a, ra, b, rb);
            case LIST -> a.lengths[ra] == b.lengths[rb] && compare(a, ra, b, rb) == 0;
        };
    }

    /**
     * Full row comparison over key columns with null placement: -1/0/1. Nulls compare equal to each
     * other (as in ORDER BY / GROUP BY).
     */
    public static int compareRows(Vector[] a, int ra, Vector[] b, int rb, boolean[] ascending, boolean[] nullsFirst) {
        for (int k = 0; k < a.length; k++) {
            boolean an = a[k].isNull(ra);
            boolean bn = b[k].isNull(rb);
            if (an || bn) {
                if (an && bn) continue;
                return an == nullsFirst[k] ? -1 : 1;
            }
            int c = compare(a[k], ra, b[k], rb);
            if (c != 0) return ascending[k] ? c : -c;
        }
        return 0;
    }
}
