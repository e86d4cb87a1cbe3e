package io.tealdb.function.cast;

import io.tealdb.error.ConversionException;
import io.tealdb.function.ScalarKernel;
import io.tealdb.types.BigNum;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Casts to and from BIGNUM with DuckDB's rules: text (a sign and digits, a fraction rounded half
 * away from zero; no spaces) and JSON; every integer type (out of range: "BIGNUM value v is out of
 * range for type INT8"); FLOAT and DOUBLE (rounded half to even; NaN and infinities fail, and a
 * BIGNUM beyond DOUBLE's range does). Every other pair is DuckDB's "Unimplemented type for cast".
 */
final class BigNumCasts {
    private BigNumCasts() {
    }

    /** The kernel for a cast with BIGNUM on one side (the types differ); null when DuckDB has none. */
    static ScalarKernel kernel(LogicalType from, LogicalType to, boolean tryCast) {
        RowCast row = from.id() == TypeId.BIGNUM ? fromBigNum(to) : toBigNum(from);
        return row == null ? null : RowCast.kernel(row, tryCast);
    }

    private static RowCast toBigNum(LogicalType from) {
        TypeId f = from.id();
        if (f == TypeId.VARCHAR || f == TypeId.JSON) {
            return (in, r, out) -> {
                String s = in.getString(r);
                BigInteger v = BigNum.parse(s);
                if (v == null) throw new ConversionException("Could not convert string '" + s + "' to BIGNUM");
                out.setBytes(r, BigNum.encode(v));
            };
        }
        if (f == TypeId.FLOAT || f == TypeId.DOUBLE) {
            return (in, r, out) -> {
                double d = f == TypeId.FLOAT ? in.floats[r] : in.doubles[r];
                if (!Double.isFinite(d)) {
                    throw new ConversionException("Type " + CastRules.internalName(from) + " with value "
                            + ValueFormatter.formatDouble(d) + " can't be cast to the destination type BIGNUM");
                }
                out.setBytes(r, BigNum.encode(new BigDecimal(Math.rint(d)).toBigInteger()));
            };
        }
        if (f.isInteger()) {
            return (in, r, out) -> {
                Object v = in.getObject(r);
                out.setBytes(r, BigNum.encode(v instanceof BigInteger b ? b : BigInteger.valueOf(((Number) v).longValue())));
            };
        }
        return null;
    }

    private static RowCast fromBigNum(LogicalType to) {
        TypeId t = to.id();
        return switch (t) {
            case VARCHAR, JSON -> (in, r, out) -> out.setString(r, BigNum.toText(in.heap, in.offsets[r], in.lengths[r]));
            case DOUBLE, FLOAT -> (in, r, out) -> {
                BigInteger v = BigNum.decode(in.heap, in.offsets[r], in.lengths[r]);
                double d = v.doubleValue();
                if (Double.isInfinite(d) || (t == TypeId.FLOAT && Float.isInfinite((float) d))) {
                    throw new ConversionException("Could not convert bignum '" + v + "' to " + (t == TypeId.FLOAT ? "Float" : "Double"));
                }
                if (t == TypeId.FLOAT) {
                    out.floats[r] = (float) d;
                } else {
                    out.doubles[r] = d;
                }
            };
            default -> {
                if (!t.isInteger()) yield null;
                int bits = switch (t) {
                    case TINYINT, UTINYINT -> 8;
                    case SMALLINT, USMALLINT -> 16;
                    case INTEGER, UINTEGER -> 32;
                    case BIGINT, UBIGINT -> 64;
                    default -> 128;
                };
                BigInteger min = t.isUnsigned() ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
                BigInteger max = t.isUnsigned() ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE) : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
                boolean big = t == TypeId.HUGEINT || t == TypeId.UBIGINT || t == TypeId.UHUGEINT;
                yield (in, r, out) -> {
                    BigInteger v = BigNum.decode(in.heap, in.offsets[r], in.lengths[r]);
                    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
                        throw new ConversionException("BIGNUM value " + v + " is out of range for type " + CastRules.internalName(to));
                    }
                    out.setObject(r, big ? v : (Object) v.longValue());
                };
            }
        };
    }
}
