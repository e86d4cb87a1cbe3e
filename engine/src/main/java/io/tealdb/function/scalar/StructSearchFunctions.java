package io.tealdb.function.scalar;

import io.tealdb.error.BinderException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.function.ArgSpec;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarFunction;
import io.tealdb.function.ScalarOverload;
import io.tealdb.function.cast.CastRules;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeField;
import io.tealdb.types.TypeId;
import io.tealdb.vector.RowCompare;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;

/**
 * Searching inside a value: struct_contains / struct_has and struct_position / struct_indexof over
 * the fields of an unnamed STRUCT (a tuple), map_contains over a MAP's keys, and the STRUCT and
 * MAP forms of {@code contains} (the function {@code x IN expr} without parentheses becomes).
 *
 * <p>DuckDB compares the entry only with the fields it is comparable with: numbers (and BOOLEAN)
 * with numbers, text with text, dates with timestamps, nested values child by child. A field of
 * another kind never matches (a VARCHAR '1' is not found in {@code ROW(1, 2)}). The comparable
 * fields and the entry are cast to one common type at bind time, so the kernel compares equal
 * physical types with {@link RowCompare}, where NULLs nested inside values equal each other.
 */
final class StructSearchFunctions {
    private StructSearchFunctions() {
    }

    static void register(FunctionRegistry r) {
        for (String name : List.of("struct_contains", "struct_has")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY, ArgSpec.ANY), null, (types, c) -> struct(name, types, false)));
        }
        for (String name : List.of("struct_position", "struct_indexof")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY, ArgSpec.ANY), null, (types, c) -> struct(name, types, true)));
        }
        r.addScalar(new ScalarOverload("contains", List.of(ArgSpec.ANY_STRUCT, ArgSpec.ANY), null, (types, c) -> struct("contains", types, false)));
        r.addScalar(new ScalarOverload("map_contains", List.of(ArgSpec.ANY_MAP, ArgSpec.ANY), null, (types, c) -> mapContains("map_contains", types)));
        r.addScalar(new ScalarOverload("contains", List.of(ArgSpec.ANY_MAP, ArgSpec.ANY), null, (types, c) -> mapContains("contains", types)));
    }

    /**
     * struct_contains (BOOLEAN) / struct_position (1-based INTEGER): a NULL struct gives NULL; a NULL
     * entry gives NULL for struct_contains and the first NULL field for struct_position; a NULL
     * field never matches a non-NULL entry.
     */
    private static ScalarFunction struct(String name, List<LogicalType> types, boolean position) {
        LogicalType structType = types.get(0);
        LogicalType entry = types.get(1);
        LogicalType result = position ? LogicalType.INTEGER : LogicalType.BOOLEAN;
        if (structType.id() == TypeId.SQLNULL) {
            return new ScalarFunction(name, types, result, (args, count, res) -> {
                for (int i = 0; i < count; i++) res.setNull(i);
            });
        }
        if (structType.id() != TypeId.STRUCT) {
            throw new InvalidInputException("\"" + name + "\" can only be used on STRUCT values");
        }
        List<TypeField> fields = structType.children();
        if (!fields.isEmpty() && !fields.get(0).name().isEmpty()) {
            throw new BinderException("\"" + name + "\" can only be used on unnamed structs");
        }
        // the entry's type widened by every comparable field; fields it cannot absorb stay out
        int n = fields.size();
        boolean[] comparable = new boolean[n];
        LogicalType common = entry;
        if (entry.id() != TypeId.SQLNULL) {
            for (int k = 0; k < n; k++) {
                LogicalType f = fields.get(k).type();
                if (!comparable(f, entry)) continue;
                LogicalType widened = widen(common, f);
                if (widened == null) continue;
                comparable[k] = true;
                common = widened;
            }
        }
        List<TypeField> cast = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            TypeField f = fields.get(k);
            cast.add(comparable[k] ? new TypeField(f.name(), common) : f);
        }
        LogicalType entryType = common;
        return new ScalarFunction(name, List.of(LogicalType.struct(cast), entryType), result, (args, count, res) -> {
            Vector s = args[0];
            Vector x = args[1];
            Vector[] children = s.children;
            for (int i = 0; i < count; i++) {
                if (s.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                int found = -1;
                if (x.isNull(i)) {
                    if (!position) {
                        res.setNull(i);
                        continue;
                    }
                    for (int k = 0; k < n && found < 0; k++) if (children[k].isNull(i)) found = k;
                } else {
                    for (int k = 0; k < n && found < 0; k++) {
                        if (comparable[k] && children[k].isValid(i) && RowCompare.equals(children[k], i, x, i)) found = k;
                    }
                }
                if (position) {
                    if (found < 0) res.setNull(i);
                    else res.ints[i] = found + 1;
                } else {
                    res.bytes[i] = (byte) (found >= 0 ? 1 : 0);
                }
            }
        });
    }

    /**
     * Whether a field of type {@code a} can equal an entry of type {@code b}: text only with text,
     * nested values of the same kind with comparable children, and otherwise when a common type exists.
     */
    static boolean comparable(LogicalType a, LogicalType b) {
        if (a.id() == TypeId.SQLNULL || b.id() == TypeId.SQLNULL) return true;
        boolean listA = a.id() == TypeId.LIST || a.id() == TypeId.ARRAY;
        boolean listB = b.id() == TypeId.LIST || b.id() == TypeId.ARRAY;
        if (listA || listB) return listA && listB && comparable(a.childType(), b.childType());
        if (a.id() == TypeId.MAP || b.id() == TypeId.MAP) {
            return a.id() == b.id() && comparable(a.mapKey(), b.mapKey()) && comparable(a.mapValue(), b.mapValue());
        }
        if (a.id() == TypeId.STRUCT || b.id() == TypeId.STRUCT) {
            if (a.id() != b.id() || a.children().size() != b.children().size()) return false;
            for (int k = 0; k < a.children().size(); k++) {
                if (!comparable(a.children().get(k).type(), b.children().get(k).type())) return false;
            }
            return true;
        }
        if (text(a) != text(b)) return false;
        return widen(a, b) != null;
    }

    /** The common type of two comparable types; a BOOLEAN meets a number as that number (TRUE = 1). */
    private static LogicalType widen(LogicalType a, LogicalType b) {
        if (a.id() == TypeId.BOOLEAN && b.isNumeric()) return b;
        if (b.id() == TypeId.BOOLEAN && a.isNumeric()) return a;
        return CastRules.tryMaxLogicalType(a, b);
    }

    private static boolean text(LogicalType t) {
        return t.id() == TypeId.VARCHAR || t.id() == TypeId.JSON || t.id() == TypeId.ENUM;
    }

    /** map_contains(m, k): whether k is one of m's keys (NULL for a NULL map or key). */
    private static ScalarFunction mapContains(String name, List<LogicalType> types) {
        LogicalType mapType = types.get(0);
        LogicalType key = types.get(1);
        if (mapType.id() == TypeId.SQLNULL) {
            return new ScalarFunction(name, types, LogicalType.BOOLEAN, (args, count, res) -> {
                for (int i = 0; i < count; i++) res.setNull(i);
            });
        }
        LogicalType common = CastRules.tryMaxLogicalType(mapType.mapKey(), key);
        if (common == null || !comparable(mapType.mapKey(), key)) {
            throw new BinderException("Cannot search a map with keys of type " + mapType.mapKey() + " for a key of type " + key);
        }
        LogicalType castMap = LogicalType.map(common, mapType.mapValue());
        return new ScalarFunction(name, List.of(castMap, common), LogicalType.BOOLEAN, (args, count, res) -> {
            Vector m = args[0];
            Vector x = args[1];
            Vector keys = m.child().children[0];
            for (int i = 0; i < count; i++) {
                if (m.isNull(i) || x.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                boolean found = false;
                for (int k = 0; k < m.lengths[i] && !found; k++) {
                    int e = m.offsets[i] + k;
                    found = keys.isValid(e) && RowCompare.equals(keys, e, x, i);
                }
                res.bytes[i] = (byte) (found ? 1 : 0);
            }
        });
    }
}
