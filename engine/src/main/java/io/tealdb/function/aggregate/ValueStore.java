package io.tealdb.function.aggregate;

import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.vector.RowCompare;
import io.tealdb.vector.Vector;

import java.util.Arrays;

/**
 * One value slot per group for any physical type (min/max/first/last/arg_min ...), stored
 * columnar: primitive arrays per physical type and a byte[] per group for strings.
 */
final class ValueStore {
    final LogicalType type;
    final PhysicalType p;
    long[] longs = new long[0];
    long[] highs = new long[0];
    double[] doubles = new double[0];
    int[] months = new int[0];
    int[] days = new int[0];
    byte[][] strings = new byte[0][];
    /** 1 when the group holds a value. */
    byte[] has = new byte[0];
    /**
     * LIST/STRUCT: one row per group in a growing {@link Vector}, so nested values are copied and
     * compared by the vector primitives. A replaced list leaves its old entries behind in the child
     * vector (bounded by the input read).
     */
    Vector nested;

    ValueStore(LogicalType type) {
        this.type = type;
        this.p = type.physical();
    }

    void ensure(int n) {
        if (has.length >= n) {
            return;
        }
        int cap = BaseAggregate.grow(has.length, n);
        // one slot per group (and, for strings, the bytes counted as they are stored): memory_limit first
        io.tealdb.memory.StatementGuard.reserve((long) (cap - has.length) * bytesPerSlot(), "an aggregate's values");
        has = Arrays.copyOf(has, cap);
        switch (p) {
            case FLOAT, DOUBLE -> doubles = Arrays.copyOf(doubles, cap);
            case INT128 -> {
                longs = Arrays.copyOf(longs, cap);
                highs = Arrays.copyOf(highs, cap);
            }
            case VARLEN -> strings = Arrays.copyOf(strings, cap);
            case INTERVAL -> {
                longs = Arrays.copyOf(longs, cap);
                months = Arrays.copyOf(months, cap);
                days = Arrays.copyOf(days, cap);
            }
            case LIST, STRUCT -> {
                if (nested == null) nested = new Vector(type, cap);
                else nested.reserve(cap);
            }
            default -> longs = Arrays.copyOf(longs, cap);
        }
    }

    /** The bytes of one group's slot in the arrays (a nested value's are its vector's). */
    private int bytesPerSlot() {
        return 1 + switch (p) {
            case INT128, INTERVAL -> 16;
            case LIST, STRUCT -> 16;
            default -> 8;
        };
    }

    /** has[g]: 0 = nothing stored, 1 = a value, 2 = a NULL value (first/last keep NULLs). */
    void set(int g, Vector v, int row) {
        if (v.isNull(row)) {
            has[g] = 2;
            return;
        }
        has[g] = 1;
        switch (p) {
            case BOOL, INT8 -> longs[g] = v.bytes[row];
            case INT16 -> longs[g] = v.shorts[row];
            case INT32 -> longs[g] = v.ints[row];
            case INT64 -> longs[g] = v.longs[row];
            case INT128 -> {
                longs[g] = v.longs[row];
                highs[g] = v.highs[row];
            }
            case FLOAT -> doubles[g] = v.floats[row];
            case DOUBLE -> doubles[g] = v.doubles[row];
            case VARLEN -> {
                if (strings[g] == null) io.tealdb.memory.StatementGuard.reserve(16L + v.lengths[row], "an aggregate's values");
                strings[g] = Arrays.copyOfRange(v.heap, v.offsets[row], v.offsets[row] + v.lengths[row]);
            }
            case INTERVAL -> {
                months[g] = v.ints[row];
                days[g] = v.days[row];
                longs[g] = v.longs[row];
            }
            case LIST, STRUCT -> nested.copyRow(v, row, g);
        }
    }

    void setFrom(int g, ValueStore s, int sg) {
        has[g] = s.has[sg];
        if (has[g] != 1) return;
        switch (p) {
            case FLOAT, DOUBLE -> doubles[g] = s.doubles[sg];
            case INT128 -> {
                longs[g] = s.longs[sg];
                highs[g] = s.highs[sg];
            }
            case VARLEN -> strings[g] = s.strings[sg];
            case INTERVAL -> {
                months[g] = s.months[sg];
                days[g] = s.days[sg];
                longs[g] = s.longs[sg];
            }
            case LIST, STRUCT -> nested.copyRow(s.nested, sg, g);
            default -> longs[g] = s.longs[sg];
        }
    }

    /** Sign of (row value - stored value of g). */
    int compareRow(Vector v, int row, int g) {
        return switch (p) {
            case BOOL, INT8 -> Long.compare(v.bytes[row], longs[g]);
            case INT16 -> Long.compare(v.shorts[row], longs[g]);
            case INT32 -> Long.compare(v.ints[row], longs[g]);
            case INT64 -> Long.compare(v.longs[row], longs[g]);
            case INT128 -> compare128(v.highs[row], v.longs[row], highs[g], longs[g]);
            case FLOAT -> compareDouble(v.floats[row], doubles[g]);
            case DOUBLE -> compareDouble(v.doubles[row], doubles[g]);
            case VARLEN -> Arrays.compareUnsigned(v.heap, v.offsets[row], v.offsets[row] + v.lengths[row], strings[g], 0, strings[g].length);
            case INTERVAL -> compareInterval(v.ints[row], v.days[row], v.longs[row], months[g], days[g], longs[g]);
            case LIST, STRUCT -> RowCompare.compare(v, row, nested, g);
        };
    }

    /** Sign of (value sg of s - stored value of g). */
    int compareStore(ValueStore s, int sg, int g) {
        return switch (p) {
            case FLOAT, DOUBLE -> compareDouble(s.doubles[sg], doubles[g]);
            case INT128 -> compare128(s.highs[sg], s.longs[sg], highs[g], longs[g]);
            case VARLEN -> Arrays.compareUnsigned(s.strings[sg], strings[g]);
            case INTERVAL -> compareInterval(s.months[sg], s.days[sg], s.longs[sg], months[g], days[g], longs[g]);
            case LIST, STRUCT -> RowCompare.compare(s.nested, sg, nested, g);
            default -> Long.compare(s.longs[sg], longs[g]);
        };
    }

    /** Writes group g (or NULL) into row of out. */
    void write(int g, Vector out, int row) {
        if (g >= has.length || has[g] != 1) {
            out.setNull(row);
            return;
        }
        switch (p) {
            case BOOL, INT8 -> out.bytes[row] = (byte) longs[g];
            case INT16 -> out.shorts[row] = (short) longs[g];
            case INT32 -> out.ints[row] = (int) longs[g];
            case INT64 -> out.longs[row] = longs[g];
            case INT128 -> {
                out.longs[row] = longs[g];
                out.highs[row] = highs[g];
            }
            case FLOAT -> out.floats[row] = (float) doubles[g];
            case DOUBLE -> out.doubles[row] = doubles[g];
            case VARLEN -> out.setBytes(row, strings[g]);
            case INTERVAL -> {
                out.ints[row] = months[g];
                out.days[row] = days[g];
                out.longs[row] = longs[g];
            }
            case LIST, STRUCT -> out.copyRow(nested, g, row);
        }
    }

    /** NaN sorts above everything (DuckDB's total order for floating point). */
    static int compareDouble(double a, double b) {
        if (Double.isNaN(a)) {
            return Double.isNaN(b) ? 0 : 1;
        }
        if (Double.isNaN(b)) {
            return -1;
        }
        return a < b ? -1 : a > b ? 1 : 0;
    }

    static int compare128(long ah, long al, long bh, long bl) {
        int c = Long.compare(ah, bh);
        return c != 0 ? c : Long.compareUnsigned(al, bl);
    }

    static int compareInterval(int am, int ad, long au, int bm, int bd, long bu) {
        // DuckDB normalises: months*30 days, days, micros; compare via 128-bit-safe decomposition
        long aDays = am * 30L + ad + Math.floorDiv(au, 86_400_000_000L);
        long bDays = bm * 30L + bd + Math.floorDiv(bu, 86_400_000_000L);
        if (aDays != bDays) {
            return Long.compare(aDays, bDays);
        }
        return Long.compare(Math.floorMod(au, 86_400_000_000L), Math.floorMod(bu, 86_400_000_000L));
    }
}
