package io.tealdb.execution.operator;

import io.tealdb.vector.RowCompare;
import io.tealdb.types.PhysicalType;
import io.tealdb.vector.Vector;

import java.util.List;

/**
 * Normalised sort keys (as in DuckDB's sorting): every row's ORDER BY keys are encoded into a
 * fixed number of 64-bit words such that comparing the words as unsigned integers, in order, gives
 * the ORDER BY order — NULL placement, DESC and type semantics included. Per key: one null byte
 * (nulls-first/last) then the value big-endian with the sign flipped (bytes inverted for DESC).
 * FLOAT/DOUBLE use the IEEE total-order trick (NaN greatest, -0.0 = 0.0); VARCHAR/BLOB store an
 * 8-byte prefix, so equal words need a full comparison ({@link #needsTiebreak()}). Keys after the
 * first VARCHAR/BLOB key are not encoded at all: two rows whose prefixes are equal but whose strings
 * differ must be ordered by the rest of the string before any later key, which only the full
 * comparison can do.
 */
public final class SortKeyEncoder {
    static final int VARLEN_PREFIX = 8;

    private final PhysicalType[] types;
    private final boolean[] ascending;
    private final boolean[] nullsFirst;
    private final int[] offsets;
    private final int width;
    private final int words;
    private final boolean tiebreak;
    /** Number of leading keys present in the normalised words. */
    private final int encodedKeys;

    public SortKeyEncoder(List<PhysicalType> types, boolean[] ascending, boolean[] nullsFirst) {
        this.types = types.toArray(new PhysicalType[0]);
        this.ascending = ascending;
        this.nullsFirst = nullsFirst;
        offsets = new int[this.types.length];
        int w = 0;
        boolean tb = false;
        int encoded = this.types.length;
        for (int k = 0; k < this.types.length; k++) {
            offsets[k] = w;
            w += 1 + valueWidth(this.types[k]);
            // nested keys encode only their null byte: the full comparison (RowCompare) orders them
            if (this.types[k] == PhysicalType.VARLEN || this.types[k] == PhysicalType.LIST || this.types[k] == PhysicalType.STRUCT) {
                tb = true;
                encoded = k + 1;
                break;
            }
        }
        this.encodedKeys = encoded;
        width = w;
        words = Math.max(1, (w + 7) / 8);
        tiebreak = tb;
    }

    static int valueWidth(PhysicalType t) {
        return switch (t) {
            case BOOL, INT8 -> 1;
            case INT16 -> 2;
            case INT32, FLOAT -> 4;
            case INT64, DOUBLE -> 8;
            case INT128 -> 16;
            case VARLEN -> VARLEN_PREFIX;
            case INTERVAL -> 24;
            case LIST, STRUCT -> 0;
        };
    }

    public int words() {
        return words;
    }

    public boolean needsTiebreak() {
        return tiebreak;
    }

    /**
     * Encodes rows [0,count) of {@code keys} into {@code out[(outRow + i) * words ...]}.
     * {@code scratch} must hold count * words * 8 bytes.
     */
    public void encode(Vector[] keys, int count, long[] out, int outRow, byte[] scratch) {
        int rowBytes = words * 8;
        java.util.Arrays.fill(scratch, 0, count * rowBytes, (byte) 0);
        for (int k = 0; k < encodedKeys; k++) {
            Vector v = keys[k];
            int base = offsets[k];
            byte nullByte = (byte) (nullsFirst[k] ? 0 : 2);
            boolean desc = !ascending[k];
            int vw = valueWidth(types[k]);
            for (int i = 0; i < count; i++) {
                int p = i * rowBytes + base;
                if (v.isNull(i)) {
                    scratch[p] = nullByte;
                    continue;
                }
                scratch[p] = 1;
                int q = p + 1;
                switch (types[k]) {
                    case BOOL, INT8 -> scratch[q] = (byte) (v.bytes[i] ^ 0x80);
                    case INT16 -> putShort(scratch, q, (short) (v.shorts[i] ^ 0x8000));
                    case INT32 -> putInt(scratch, q, v.ints[i] ^ 0x80000000);
                    case INT64 -> putLong(scratch, q, v.longs[i] ^ Long.MIN_VALUE);
                    case INT128 -> {
                        putLong(scratch, q, v.highs[i] ^ Long.MIN_VALUE);
                        putLong(scratch, q + 8, v.longs[i]);
                    }
                    case FLOAT -> {
                        float f = v.floats[i];
                        int bits = Float.floatToIntBits(f == 0f ? 0f : f);
                        putInt(scratch, q, bits < 0 ? ~bits : bits ^ 0x80000000);
                    }
                    case DOUBLE -> {
                        double d = v.doubles[i];
                        long bits = Double.doubleToLongBits(d == 0d ? 0d : d);
                        putLong(scratch, q, bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
                    }
                    case VARLEN -> {
                        int len = Math.min(VARLEN_PREFIX, v.lengths[i]);
                        System.arraycopy(v.heap, v.offsets[i], scratch, q, len);
                    }
                    case INTERVAL -> {
                        putLong(scratch, q, RowCompare.normMonths(v.ints[i], v.days[i], v.longs[i]) ^ Long.MIN_VALUE);
                        putLong(scratch, q + 8, RowCompare.normDays(v.days[i], v.longs[i]) ^ Long.MIN_VALUE);
                        putLong(scratch, q + 16, RowCompare.normMicros(v.longs[i]) ^ Long.MIN_VALUE);
                    }
                    case LIST, STRUCT -> {
                    }
                }
                if (desc) {
                    for (int b = q; b < q + vw; b++) scratch[b] = (byte) ~scratch[b];
                }
            }
        }
        for (int i = 0; i < count; i++) {
            int p = i * rowBytes;
            int o = (outRow + i) * words;
            for (int w = 0; w < words; w++) out[o + w] = getLong(scratch, p + w * 8);
        }
    }

    private static void putShort(byte[] b, int p, short v) {
        b[p] = (byte) (v >>> 8);
        b[p + 1] = (byte) v;
    }

    private static void putInt(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
    }

    private static void putLong(byte[] b, int p, long v) {
        putInt(b, p, (int) (v >>> 32));
        putInt(b, p + 4, (int) v);
    }

    private static long getLong(byte[] b, int p) {
        long r = 0;
        for (int i = 0; i < 8; i++) r = (r << 8) | (b[p + i] & 0xFFL);
        return r;
    }
}
