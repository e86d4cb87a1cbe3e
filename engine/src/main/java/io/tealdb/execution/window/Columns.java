package io.tealdb.execution.window;

import io.tealdb.error.InvalidInputException;
import io.tealdb.types.PhysicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Vector;

/** Whole-column conversions used once per window (never per value in a hot loop). */
final class Columns {
    private Columns() {
    }

    /** Integer (or DECIMAL/floating, truncated toward zero at its scale) column as longs. */
    static long[] toLongs(Vector v, int n) {
        long[] out = new long[n];
        switch (v.physical) {
            case BOOL, INT8 -> {
                for (int i = 0; i < n; i++) out[i] = v.bytes[i];
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) out[i] = v.shorts[i];
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) out[i] = v.ints[i];
            }
            case INT64 -> System.arraycopy(v.longs, 0, out, 0, n);
            case INT128 -> {
                for (int i = 0; i < n; i++) out[i] = v.longs[i];
            }
            case FLOAT -> {
                for (int i = 0; i < n; i++) out[i] = (long) v.floats[i];
            }
            case DOUBLE -> {
                for (int i = 0; i < n; i++) out[i] = (long) v.doubles[i];
            }
            default -> throw new InvalidInputException("Window offset must be an integer, got " + v.type);
        }
        if (v.type.id() == TypeId.DECIMAL && v.type.scale() > 0 && v.physical == PhysicalType.INT64) {
            long div = pow10(v.type.scale());
            for (int i = 0; i < n; i++) out[i] /= div;
        }
        return out;
    }

    /** Numeric column as doubles (DECIMAL scaled). */
    static double[] toDoubles(Vector v, int n) {
        double[] out = new double[n];
        switch (v.physical) {
            case BOOL, INT8 -> {
                for (int i = 0; i < n; i++) out[i] = v.bytes[i];
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) out[i] = v.shorts[i];
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) out[i] = v.ints[i];
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) out[i] = v.longs[i];
            }
            case INT128 -> {
                for (int i = 0; i < n; i++) out[i] = v.highs[i] * 0x1p64 + (double) (v.longs[i] >>> 1) * 2.0 + (v.longs[i] & 1);
            }
            case FLOAT -> {
                for (int i = 0; i < n; i++) out[i] = v.floats[i];
            }
            case DOUBLE -> System.arraycopy(v.doubles, 0, out, 0, n);
            default -> throw new InvalidInputException("Expected a numeric column, got " + v.type);
        }
        if (v.type.id() == TypeId.DECIMAL && v.type.scale() > 0) {
            double div = Math.pow(10, v.type.scale());
            for (int i = 0; i < n; i++) out[i] /= div;
        }
        return out;
    }

    static long pow10(int e) {
        long r = 1;
        for (int i = 0; i < e; i++) r *= 10;
        return r;
    }

    /** Validity of a column as one boolean per row (true = valid), or null when all rows are valid. */
    static boolean[] validity(Vector v, int n) {
        if (v.validity == null) return null;
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) out[i] = v.isValid(i);
        return out;
    }
}
