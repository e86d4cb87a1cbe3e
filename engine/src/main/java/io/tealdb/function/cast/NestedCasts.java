package io.tealdb.function.cast;

import io.tealdb.error.ConversionException;
import io.tealdb.function.ScalarKernel;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeField;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Vector;

import java.util.List;

/**
 * Casts between nested types, done on the child vectors: a LIST/ARRAY/MAP casts the entries its
 * rows reference with the element cast (one kernel call for the whole chunk), a STRUCT casts each
 * field vector with its field cast. STRUCT fields match by name when every target name exists in
 * the source, else by position.
 */
final class NestedCasts {
    private NestedCasts() {
    }

    static ScalarKernel kernel(LogicalType from, LogicalType to, boolean tryCast) {
        TypeId f = from.id();
        TypeId t = to.id();
        if (f.isListLike() && t.isListLike() && (f == TypeId.MAP) == (t == TypeId.MAP)) {
            return listKernel(from, to, tryCast);
        }
        if (f == TypeId.STRUCT && t == TypeId.STRUCT) {
            return structKernel(from, to, tryCast);
        }
        throw new ConversionException("Unimplemented type for cast (" + from + " -> " + to + ")");
    }

    private static ScalarKernel listKernel(LogicalType from, LogicalType to, boolean tryCast) {
        return listKernel(from, to, Casts.kernel(from.childType(), to.childType(), tryCast), tryCast);
    }

    /**
     * The kernel of a LIST/ARRAY/MAP whose entries go through {@code element} (one call for all the
     * entries the chunk's rows reference); the rows keep their lengths and NULLs.
     */
    static ScalarKernel listKernel(LogicalType from, LogicalType to, ScalarKernel element, boolean tryCast) {
        int arraySize = to.id() == TypeId.ARRAY ? to.arraySize() : -1;
        return (args, count, res) -> {
            Vector in = args[0];
            int total = 0;
            for (int i = 0; i < count; i++) {
                if (in.isNull(i)) continue;
                if (arraySize >= 0 && in.lengths[i] != arraySize) {
                    if (tryCast) continue;
                    throw new ConversionException(from.id() == TypeId.ARRAY
                            ? "Cannot cast array of size " + in.lengths[i] + " to array of size " + arraySize
                            : "Cannot cast list with length " + in.lengths[i] + " to array with length " + arraySize);
                }
                total += in.lengths[i];
            }
            // the referenced entries, in row order, so the element cast sees each once
            Vector entries = new Vector(from.childType(), Math.max(total, 1));
            int at = 0;
            for (int i = 0; i < count; i++) {
                if (in.isNull(i) || (arraySize >= 0 && in.lengths[i] != arraySize)) {
                    res.setNull(i);
                    continue;
                }
                entries.copyRange(in.child(), in.offsets[i], at, in.lengths[i]);
                res.offsets[i] = res.childUsed + at;
                res.lengths[i] = in.lengths[i];
                at += in.lengths[i];
            }
            Vector out = res.child();
            if (res.childUsed == 0 && total > 0) {
                out.reserve(total);
                element.execute(new Vector[]{entries}, total, out);
            } else if (total > 0) {
                Vector tmp = new Vector(to.childType(), total);
                element.execute(new Vector[]{entries}, total, tmp);
                out.reserve(res.childUsed + total);
                out.copyRange(tmp, 0, res.childUsed, total);
            }
            res.childUsed += total;
        };
    }

    private static ScalarKernel structKernel(LogicalType from, LogicalType to, boolean tryCast) {
        List<TypeField> src = from.children();
        List<TypeField> dst = to.children();
        int[] map = new int[dst.size()];
        // unnamed (ROW) fields all have the name "": they match by position
        boolean byName = dst.stream().noneMatch(d -> d.name().isEmpty()) && src.stream().noneMatch(d -> d.name().isEmpty());
        for (int k = 0; k < dst.size() && byName; k++) {
            map[k] = -1;
            for (int j = 0; j < src.size(); j++) {
                if (src.get(j).name().equalsIgnoreCase(dst.get(k).name())) map[k] = j;
            }
            byName = map[k] >= 0;
        }
        if (!byName) {
            if (src.size() != dst.size()) {
                throw new io.tealdb.error.MismatchTypeException("Type " + from + " does not match with " + to + ". Cannot cast STRUCTs of different size");
            }
            for (int k = 0; k < dst.size(); k++) map[k] = k;
        }
        ScalarKernel[] fields = new ScalarKernel[dst.size()];
        for (int k = 0; k < dst.size(); k++) fields[k] = Casts.kernel(src.get(map[k]).type(), dst.get(k).type(), tryCast);
        return (args, count, res) -> {
            Vector in = args[0];
            for (int k = 0; k < fields.length; k++) {
                fields[k].execute(new Vector[]{maskedField(in, map[k], count)}, count, res.children[k]);
            }
            if (in.validity != null) {
                for (int i = 0; i < count; i++) if (in.isNull(i)) res.setNull(i);
            }
        };
    }

    /**
     * Field {@code k} of the STRUCT vector {@code in}, NULL where the struct is NULL: a NULL struct's
     * field slots hold arbitrary values a field kernel must not see.
     */
    static Vector maskedField(Vector in, int k, int count) {
        Vector field = in.children[k];
        if (in.validity == null) return field;
        Vector masked = new Vector(field.type, Math.max(count, 1));
        masked.copyRange(field, 0, 0, count);
        for (int i = 0; i < count; i++) if (in.isNull(i)) masked.setNull(i);
        return masked;
    }
}
