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
 * <p>DuckDB compares the entry only with the fields it is comparable with: the entry's type is
 * widened by every field it has a common type with (numbers and BOOLEAN with numbers, text with
 * text, dates with timestamps, nested values child by child), and the fields whose common type with
 * that target is the target itself are cast to it; the others never match (a VARCHAR '1' is not
 * found in {@code ROW(1, 2)}). The kernel then compares equal physical types with
 * {@link RowCompare}, where NULLs nested inside values equal each other.
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
     * entry gives NULL for struct_contains and the first NULL comparable field for struct_position;
     * a NULL field never matches a non-NULL entry.
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
        // DuckDB's rule: the target type is the entry's type widened by every field it has a common
        // type with; the fields whose common type with the target is the target itself are the
        // candidates (cast to it), the others never match
        int n = fields.size();
        LogicalType target = entry;
        for (TypeField f : fields) {
            LogicalType widened = maxType(f.type(), target);
            if (widened != null) target = widened;
        }
        boolean[] comparable = new boolean[n];
        List<TypeField> cast = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            TypeField f = fields.get(k);
            LogicalType widened = maxType(f.type(), target);
            comparable[k] = widened != null && widened.equals(target);
            cast.add(comparable[k] && target.id() != TypeId.SQLNULL ? new TypeField(f.name(), target) : f);
        }
        LogicalType common = target;
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
                    for (int k = 0; k < n && found < 0; k++) if (comparable[k] && children[k].isNull(i)) found = k;
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
        return maxType(a, b) != null;
    }

    /**
     * The common type of a field and the entry, or null: text meets only text, a BOOLEAN meets an
     * integer or floating-point number as that number (TRUE = 1) but no DECIMAL (DuckDB).
     */
    static LogicalType maxType(LogicalType a, LogicalType b) {
        if (a.id() == TypeId.SQLNULL) return b;
        if (b.id() == TypeId.SQLNULL) return a;
        if (a.isNested() || b.isNested()) return comparable(a, b) ? CastRules.tryMaxLogicalType(a, b) : null;
        if (text(a) != text(b)) return null;
        if (a.id() == TypeId.BOOLEAN && b.id() != TypeId.BOOLEAN) return b.isNumeric() && b.id() != TypeId.DECIMAL ? b : null;
        if (b.id() == TypeId.BOOLEAN && a.id() != TypeId.BOOLEAN) return a.isNumeric() && a.id() != TypeId.DECIMAL ? a : null;
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
