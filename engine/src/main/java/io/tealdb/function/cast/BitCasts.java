package io.tealdb.function.cast;

import io.tealdb.function.ScalarKernel;
import io.tealdb.types.BitString;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Vector;

import java.math.BigInteger;

/**
 * Casts to and from BIT with DuckDB's rules: text of '0'/'1'; BLOB bytes as eight bits each (and
 * back, padding bits cleared); an integer as the two's complement bits of its type's width (and
 * back: at most that many bits, else "Bitstring doesn't fit inside of INT32"); FLOAT and DOUBLE as
 * their IEEE bits. Every other pair is DuckDB's "Unimplemented type for cast".
 */
final class BitCasts {
    private BitCasts() {
    }

    /** The kernel for a cast with BIT on one side (the types differ); null when DuckDB has none. */
    static ScalarKernel kernel(LogicalType from, LogicalType to, boolean tryCast) {
        RowCast row = from.id() == TypeId.BIT ? fromBit(to) : toBit(from);
        return row == null ? null : RowCast.kernel(row, tryCast);
    }

    /** Bits of an integer type (DuckDB's physical name for errors), 0 when not an integer type. */
    private static int width(TypeId t) {
        return switch (t) {
            case TINYINT, UTINYINT -> 8;
            case SMALLINT, USMALLINT -> 16;
            case INTEGER, UINTEGER, FLOAT -> 32;
            case BIGINT, UBIGINT, DOUBLE -> 64;
            case HUGEINT, UHUGEINT -> 128;
            default -> 0;
        };
    }

    private static String physicalName(TypeId t) {
        return switch (t) {
            case FLOAT -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            default -> (t.isUnsigned() ? "UINT" : "INT") + width(t);
        };
    }

    private static RowCast toBit(LogicalType from) {
        TypeId f = from.id();
        return switch (f) {
            case VARCHAR -> (in, r, out) -> out.setBytes(r, BitString.parse(in.getString(r)));
            case BLOB -> (in, r, out) -> out.setBytes(r, BitString.ofBlob(in.heap, in.offsets[r], in.lengths[r]));
            case FLOAT -> (in, r, out) -> out.setBytes(r, BitString.ofInteger(BigInteger.valueOf(Float.floatToRawIntBits(in.floats[r])), 32));
            case DOUBLE -> (in, r, out) -> out.setBytes(r, BitString.ofInteger(BigInteger.valueOf(Double.doubleToRawLongBits(in.doubles[r])), 64));
            default -> {
                int w = width(f);
                if (w == 0) yield null;
                yield (in, r, out) -> {
                    Object v = in.getObject(r);
                    BigInteger b = v instanceof BigInteger bi ? bi : BigInteger.valueOf(((Number) v).longValue());
                    out.setBytes(r, BitString.ofInteger(b, w));
                };
            }
        };
    }

    private static RowCast fromBit(LogicalType to) {
        TypeId t = to.id();
        return switch (t) {
            case VARCHAR -> (in, r, out) -> out.setString(r, BitString.toText(in.heap, in.offsets[r], in.lengths[r]));
            // a JSON string of the bits ('0'/'1' need no escaping)
            case JSON -> (in, r, out) -> out.setString(r, '"' + BitString.toText(in.heap, in.offsets[r], in.lengths[r]) + '"');
            case BLOB -> (in, r, out) -> out.setBytes(r, BitString.toBlob(in.heap, in.offsets[r], in.lengths[r]));
            case FLOAT -> (in, r, out) -> out.floats[r] = Float.intBitsToFloat(
                    BitString.toInteger(in.heap, in.offsets[r], in.lengths[r], 32, true, "FLOAT").intValue());
            case DOUBLE -> (in, r, out) -> out.doubles[r] = Double.longBitsToDouble(
                    BitString.toInteger(in.heap, in.offsets[r], in.lengths[r], 64, true, "DOUBLE").longValue());
            default -> {
                int w = width(t);
                if (w == 0) yield null;
                String name = physicalName(t);
                yield (in, r, out) -> {
                    BigInteger v = BitString.toInteger(in.heap, in.offsets[r], in.lengths[r], w, t.isUnsigned(), name);
                    out.setObject(r, t == TypeId.HUGEINT || t == TypeId.UBIGINT || t == TypeId.UHUGEINT ? v : (Object) v.longValue());
                };
            }
        };
    }
}
