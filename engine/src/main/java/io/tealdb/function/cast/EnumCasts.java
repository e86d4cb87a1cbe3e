package io.tealdb.function.cast;

import io.tealdb.error.ConversionException;
import io.tealdb.function.ScalarKernel;
import io.tealdb.types.EnumDictionary;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Vector;

import java.nio.charset.StandardCharsets;

/**
 * Casts to and from ENUM, with DuckDB's rules: an enum becomes its label (VARCHAR), and any other
 * target is reached through that label; only VARCHAR (and another ENUM) cast into an enum, by label.
 * Per row everything is an array lookup: labels are read from the dictionary's shared heap and
 * text is matched on its bytes, never through a String.
 */
final class EnumCasts {
    private EnumCasts() {
    }

    /** The kernel for a cast with an ENUM on either side (the two types differ); null when DuckDB has none. */
    static ScalarKernel kernel(LogicalType from, LogicalType to, boolean tryCast, java.time.ZoneId zone) {
        if (from.id() == TypeId.ENUM && to.id() == TypeId.ENUM) return enumToEnum(from, to, tryCast);
        if (from.id() == TypeId.ENUM && to.id() == TypeId.VARCHAR) return toVarchar(from.dictionary());
        if (from.id() == TypeId.VARCHAR) return fromVarchar(to, tryCast);
        if (from.id() == TypeId.ENUM) {
            ScalarKernel label = toVarchar(from.dictionary());
            ScalarKernel rest = Casts.kernel(LogicalType.VARCHAR, to, tryCast, zone);
            return (args, count, result) -> {
                Vector text = new Vector(LogicalType.VARCHAR, Math.max(count, 1));
                label.execute(args, count, text);
                rest.execute(new Vector[]{text}, count, result);
            };
        }
        return null;
    }

    private static ScalarKernel toVarchar(EnumDictionary d) {
        return (args, count, result) -> {
            Vector in = args[0];
            result.borrowHeap(d.heap());
            boolean nulls = in.validity != null;
            for (int i = 0; i < count; i++) {
                if (nulls && in.isNull(i)) {
                    result.setNull(i);
                    continue;
                }
                int code = in.ints[i];
                result.offsets[i] = d.heapOffset(code);
                result.lengths[i] = d.labelBytes(code).length;
            }
        };
    }

    private static ScalarKernel fromVarchar(LogicalType to, boolean tryCast) {
        EnumDictionary d = to.dictionary();
        return (args, count, result) -> {
            Vector in = args[0];
            boolean nulls = in.validity != null;
            for (int i = 0; i < count; i++) {
                if (nulls && in.isNull(i)) {
                    result.setNull(i);
                    continue;
                }
                int code = d.code(in.heap, in.offsets[i], in.lengths[i]);
                if (code < 0) {
                    if (!tryCast) {
                        throw new ConversionException("Could not convert string '"
                                + new String(in.heap, in.offsets[i], in.lengths[i], StandardCharsets.UTF_8) + "' to " + to);
                    }
                    result.setNull(i);
                    continue;
                }
                result.ints[i] = code;
            }
        };
    }

    private static ScalarKernel enumToEnum(LogicalType from, LogicalType to, boolean tryCast) {
        EnumDictionary src = from.dictionary();
        EnumDictionary dst = to.dictionary();
        int[] map = new int[src.size()];
        for (int c = 0; c < map.length; c++) {
            byte[] b = src.labelBytes(c);
            map[c] = dst.code(b, 0, b.length);
        }
        return (args, count, result) -> {
            Vector in = args[0];
            boolean nulls = in.validity != null;
            for (int i = 0; i < count; i++) {
                if (nulls && in.isNull(i)) {
                    result.setNull(i);
                    continue;
                }
                int code = map[in.ints[i]];
                if (code < 0) {
                    if (!tryCast) {
                        throw new ConversionException("Type " + from + " with value " + src.label(in.ints[i])
                                + " can't be cast to the destination type " + to);
                    }
                    result.setNull(i);
                    continue;
                }
                result.ints[i] = code;
            }
        };
    }
}
