package io.tealdb.execution.expression;

import io.tealdb.error.ConversionException;
import io.tealdb.error.TealException;
import io.tealdb.function.ScalarKernel;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Vector;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Finds the cast kernel for (from, to). The real casts are the functions package's
 * {@code io.tealdb.function.Casts.kernel(LogicalType from, LogicalType to, boolean tryCast)}; it is
 * looked up reflectively so that execution builds before that class lands, with a small boxed
 * fallback for numeric/varchar casts meanwhile. TODO(exec): call Casts directly once it is on main.
 */
final class CastLookup {
    private static final MethodHandle CASTS = find();

    private CastLookup() {
    }

    private static MethodHandle find() {
        try {
            Class<?> c = Class.forName("io.tealdb.function.Casts");
            return MethodHandles.publicLookup().findStatic(c, "kernel",
                    MethodType.methodType(ScalarKernel.class, LogicalType.class, LogicalType.class, boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    static ScalarKernel kernel(LogicalType from, LogicalType to, boolean tryCast) {
        if (CASTS != null) {
            try {
                return (ScalarKernel) CASTS.invoke(from, to, tryCast);
            } catch (TealException e) {
                throw e;
            } catch (Throwable t) {
                throw new ConversionException("Unimplemented type for cast (" + from + " -> " + to + ")");
            }
        }
        return fallback(from, to, tryCast);
    }

    /** Boxed per-row fallback (not for performance): numerics, booleans and VARCHAR. */
    static ScalarKernel fallback(LogicalType from, LogicalType to, boolean tryCast) {
        return (args, count, result) -> {
            Vector in = args[0];
            for (int i = 0; i < count; i++) {
                Object o = in.getObject(i);
                if (o == null) {
                    result.setNull(i);
                    continue;
                }
                try {
                    result.setObject(i, convert(o, from, to));
                } catch (RuntimeException e) {
                    if (tryCast) {
                        result.setNull(i);
                    } else if (e instanceof TealException te) {
                        throw te;
                    } else {
                        throw new ConversionException("Could not convert " + o + " to " + to);
                    }
                }
            }
        };
    }

    private static Object convert(Object o, LogicalType from, LogicalType to) {
        TypeId t = to.id();
        if (t == TypeId.VARCHAR) {
            if (o instanceof BigDecimal bd) return bd.toPlainString();
            return String.valueOf(o);
        }
        BigDecimal d;
        if (o instanceof String s) {
            d = new BigDecimal(s.trim());
        } else if (o instanceof Boolean b) {
            d = b ? BigDecimal.ONE : BigDecimal.ZERO;
        } else if (o instanceof BigDecimal bd) {
            d = bd;
        } else if (o instanceof BigInteger bi) {
            d = new BigDecimal(bi);
        } else if (o instanceof Number n) {
            d = (o instanceof Double || o instanceof Float) ? BigDecimal.valueOf(n.doubleValue()) : BigDecimal.valueOf(n.longValue());
        } else {
            throw new ConversionException("Unimplemented type for cast (" + from + " -> " + to + ")");
        }
        return switch (t) {
            case BOOLEAN -> d.signum() != 0;
            case TINYINT -> d.setScale(0, RoundingMode.HALF_UP).byteValueExact();
            case SMALLINT -> d.setScale(0, RoundingMode.HALF_UP).shortValueExact();
            case INTEGER -> d.setScale(0, RoundingMode.HALF_UP).intValueExact();
            case BIGINT -> d.setScale(0, RoundingMode.HALF_UP).longValueExact();
            case HUGEINT -> d.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
            case FLOAT -> d.floatValue();
            case DOUBLE -> d.doubleValue();
            case DECIMAL -> d.setScale(to.scale(), RoundingMode.HALF_UP);
            default -> throw new ConversionException("Unimplemented type for cast (" + from + " -> " + to + ")");
        };
    }
}
