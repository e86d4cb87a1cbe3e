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
import io.tealdb.types.Value;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static io.tealdb.types.LogicalType.BIGINT;
import static io.tealdb.types.LogicalType.VARCHAR;

/**
 * Constructors and accessors of nested values: list_value ({@code [a, b]}), struct_pack
 * ({@code {'a': 1}}), map, element access ({@code l[i]}, {@code s.a}, {@code m[k]}), slices and
 * lengths. Kernels work on the child vectors: a LIST row is an (offset, length) window into its
 * element vector, a STRUCT row is the same row of every field vector.
 */
public final class NestedFunctions {
    private NestedFunctions() {
    }

    /**
     * Name of the placeholder the binder turns into a LogicalUnnest when it appears in a select
     * list; anywhere else its kernel reports that UNNEST is not allowed there.
     */
    public static final String UNNEST = "unnest";

    public static void register(FunctionRegistry r) {
        r.addScalar(new ScalarOverload(UNNEST, List.of(ArgSpec.ANY_LIST), null, (types, c) ->
                new ScalarFunction(UNNEST, types, types.get(0).childType(), (args, count, res) -> {
                    throw new BinderException("UNNEST not supported here");
                }, false)));
        r.addScalar(new ScalarOverload(UNNEST, List.of(ArgSpec.of(LogicalType.SQLNULL)), null, (types, c) ->
                new ScalarFunction(UNNEST, List.of(LogicalType.list(LogicalType.SQLNULL)), LogicalType.SQLNULL, (args, count, res) -> {
                    throw new BinderException("UNNEST not supported here");
                }, false)));
        r.addScalar(new ScalarOverload("array_value", List.of(), ArgSpec.ANY, (types, c) -> arrayValue(types)));
        for (String name : List.of("list_value", "list_pack")) {
            r.addScalar(new ScalarOverload(name, List.of(), ArgSpec.ANY, (types, c) -> listValue(types)));
        }
        for (String name : List.of("list_extract", "list_element", "array_extract")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST, ArgSpec.of(BIGINT)), null, (types, c) -> listExtract(name, types.get(0))));
        }
        r.addScalar(new ScalarOverload("array_extract", List.of(ArgSpec.of(VARCHAR), ArgSpec.of(BIGINT)), null, (types, c) -> stringExtract()));
        r.addScalar(new ScalarOverload("list_extract", List.of(ArgSpec.of(VARCHAR), ArgSpec.of(BIGINT)), null, (types, c) -> stringExtract()));
        r.addScalar(new ScalarOverload("list_element", List.of(ArgSpec.of(VARCHAR), ArgSpec.of(BIGINT)), null, (types, c) -> stringExtract()));
        for (String name : List.of("struct_extract", "array_extract")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_STRUCT, ArgSpec.of(VARCHAR)), null, (types, c) -> structExtract(types.get(0), c.get(1))));
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_STRUCT, ArgSpec.of(BIGINT)), null, (types, c) -> structExtractAt(types.get(0), c.get(1))));
        }
        r.addScalar(new ScalarOverload("struct_extract_at", List.of(ArgSpec.ANY_STRUCT, ArgSpec.of(BIGINT)), null, (types, c) -> structExtractAt(types.get(0), c.get(1))));
        for (String name : List.of("list_slice", "array_slice")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST, ArgSpec.of(BIGINT), ArgSpec.of(BIGINT)), null, (types, c) -> listSlice(types.get(0), false)));
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST, ArgSpec.of(BIGINT), ArgSpec.of(BIGINT), ArgSpec.of(BIGINT)), null, (types, c) -> listSlice(types.get(0), true)));
        }
        for (String name : List.of("len", "length", "array_length", "list_length")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST), null, (types, c) -> listLength(name, types.get(0))));
        }
        r.addScalar(new ScalarOverload("cardinality", List.of(ArgSpec.ANY_MAP), null, (types, c) -> listLength("cardinality", types.get(0))));
        r.addScalar(new ScalarOverload("map", List.of(), null, (types, c) -> mapFromLists(List.of(LogicalType.list(LogicalType.SQLNULL), LogicalType.list(LogicalType.SQLNULL)), true)));
        r.addScalar(new ScalarOverload("map", List.of(ArgSpec.ANY_LIST, ArgSpec.ANY_LIST), null, (types, c) -> mapFromLists(types, false)));
        r.addScalar(new ScalarOverload("map_keys", List.of(ArgSpec.ANY_MAP), null, (types, c) -> mapPart("map_keys", types.get(0), 0)));
        r.addScalar(new ScalarOverload("map_values", List.of(ArgSpec.ANY_MAP), null, (types, c) -> mapPart("map_values", types.get(0), 1)));
        r.addScalar(new ScalarOverload("map_entries", List.of(ArgSpec.ANY_MAP), null, (types, c) -> mapEntries(types.get(0))));
        for (String name : List.of("map_extract", "element_at")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_MAP, ArgSpec.ANY), null, (types, c) -> mapExtract(name, types, true)));
        }
        r.addScalar(new ScalarOverload("map_extract_value", List.of(ArgSpec.ANY_MAP, ArgSpec.ANY), null, (types, c) -> mapExtract("map_extract_value", types, false)));
        r.addScalar(new ScalarOverload("array_extract", List.of(ArgSpec.ANY_MAP, ArgSpec.ANY), null, (types, c) -> mapExtract("array_extract", types, false)));
        r.addScalar(new ScalarOverload("map_from_entries", List.of(ArgSpec.ANY_LIST), null, (types, c) -> mapFromEntries(types.get(0))));
    }

    // ------------------------------------------------------------------ constructors

    /** {@code [a, b, ...]}: the elements share their most general type. */
    static ScalarFunction listValue(List<LogicalType> types) {
        LogicalType element = LogicalType.SQLNULL;
        for (LogicalType t : types) element = CastRules.maxLogicalType(element, t);
        LogicalType elementType = element;
        List<LogicalType> params = Collections.nCopies(types.size(), elementType);
        return new ScalarFunction("list_value", params, LogicalType.list(elementType), (args, count, res) -> {
            int n = args.length;
            Vector child = res.children[0];
            for (int i = 0; i < count; i++) {
                int at = res.startList(i, n);
                for (int k = 0; k < n; k++) child.copyRow(args[k], i, at + k);
            }
        });
    }

    /**
     * {@code x op ANY(list)} / {@code x op ALL(list)} with SQL's three-valued logic: ANY is true
     * when some comparison is true, else NULL when x or some element is NULL, else false; ALL dually.
     */
    public static ScalarFunction quantifiedList(String op, boolean all, LogicalType element) {
        return new ScalarFunction(all ? "all" : "any", List.of(element, LogicalType.list(element)), LogicalType.BOOLEAN, (args, count, res) -> {
            Vector x = args[0];
            Vector l = args[1];
            Vector c = l.child();
            for (int i = 0; i < count; i++) {
                if (l.isNull(i)) {
                    // DuckDB treats a NULL list as empty here: ANY is false, ALL is true
                    res.bytes[i] = (byte) (all ? 1 : 0);
                    continue;
                }
                boolean decided = false;
                boolean unknown = false;
                for (int k = 0; k < l.lengths[i] && !decided; k++) {
                    int e = l.offsets[i] + k;
                    if (x.isNull(i) || c.isNull(e)) {
                        unknown = true;
                        continue;
                    }
                    int cmp = io.tealdb.vector.RowCompare.compare(x, i, c, e);
                    boolean r = switch (op) {
                        case "=" -> cmp == 0;
                        case "<>" -> cmp != 0;
                        case "<" -> cmp < 0;
                        case "<=" -> cmp <= 0;
                        case ">" -> cmp > 0;
                        default -> cmp >= 0;
                    };
                    decided = all != r;
                }
                if (decided) res.bytes[i] = (byte) (all ? 0 : 1);
                else if (unknown) res.setNull(i);
                else res.bytes[i] = (byte) (all ? 1 : 0);
            }
        });
    }

    /** array_value(a, b, ...): the fixed-size ARRAY of the arguments. */
    static ScalarFunction arrayValue(List<LogicalType> types) {
        if (types.isEmpty()) throw new BinderException("array_value requires at least one argument");
        ScalarFunction list = listValue(types);
        LogicalType element = list.returnType().childType();
        return new ScalarFunction("array_value", list.argumentTypes(), LogicalType.array(element, types.size()), list.kernel());
    }

    /** {@code {'name': value, ...}} / struct_pack(name := value, ...) / row(...): the struct of the arguments. */
    public static ScalarFunction structPack(String name, List<String> names, List<LogicalType> types) {
        List<TypeField> fields = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).isEmpty() && !seen.add(names.get(i).toLowerCase(Locale.ROOT))) throw new BinderException("Duplicate struct entry name \"" + names.get(i) + "\"");
            fields.add(new TypeField(names.get(i), types.get(i)));
        }
        if (fields.isEmpty()) throw new BinderException("Can't pack nothing into a struct");
        return new ScalarFunction(name, types, LogicalType.struct(fields), (args, count, res) -> {
            for (int k = 0; k < args.length; k++) res.children[k].copyRange(args[k], 0, 0, count);
        });
    }

    private static ScalarFunction mapFromLists(List<LogicalType> types, boolean empty) {
        LogicalType keyType = types.get(0).childType();
        LogicalType valueType = types.get(1).childType();
        LogicalType result = LogicalType.map(keyType, valueType);
        return new ScalarFunction("map", empty ? List.of() : List.of(LogicalType.list(keyType), LogicalType.list(valueType)), result, (args, count, res) -> {
            if (empty) {
                for (int i = 0; i < count; i++) res.startList(i, 0);
                return;
            }
            Vector keys = args[0];
            Vector values = args[1];
            Vector entries = res.children[0];
            for (int i = 0; i < count; i++) {
                if (keys.isNull(i) || values.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                int n = keys.lengths[i];
                if (values.lengths[i] != n) throw new InvalidInputException("The map key list does not align with the map value list");
                int at = res.startList(i, n);
                for (int k = 0; k < n; k++) {
                    int kr = keys.offsets[i] + k;
                    if (keys.child().isNull(kr)) throw new InvalidInputException("Map keys can not be NULL");
                    for (int j = 0; j < k; j++) {
                        if (io.tealdb.vector.RowCompare.equals(keys.child(), keys.offsets[i] + j, keys.child(), kr)) {
                            throw new InvalidInputException("Map keys must be unique.");
                        }
                    }
                    entries.setValid(at + k);
                    entries.children[0].copyRow(keys.child(), kr, at + k);
                    entries.children[1].copyRow(values.child(), values.offsets[i] + k, at + k);
                }
            }
        });
    }

    private static ScalarFunction mapFromEntries(LogicalType listType) {
        LogicalType entry = listType.childType();
        if (entry.id() == TypeId.SQLNULL) {
            LogicalType empty = LogicalType.map(LogicalType.SQLNULL, LogicalType.SQLNULL);
            return new ScalarFunction("map_from_entries", List.of(listType), empty, (args, count, res) -> {
                for (int i = 0; i < count; i++) {
                    if (args[0].isNull(i)) res.setNull(i);
                    else res.startList(i, 0);
                }
            });
        }
        if (entry.id() != TypeId.STRUCT || entry.children().size() != 2) {
            throw new BinderException("map_from_entries: the argument must be a list of structs with two fields (key, value), got " + listType);
        }
        LogicalType result = LogicalType.map(entry.children().get(0).type(), entry.children().get(1).type());
        return new ScalarFunction("map_from_entries", List.of(listType), result, (args, count, res) -> {
            Vector in = args[0];
            Vector src = in.child();
            Vector entries = res.children[0];
            for (int i = 0; i < count; i++) {
                if (in.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                int n = in.lengths[i];
                int at = res.startList(i, n);
                for (int k = 0; k < n; k++) {
                    int e = in.offsets[i] + k;
                    if (src.isNull(e)) throw new InvalidInputException("Map keys can not be NULL");
                    if (src.children[0].isNull(e)) throw new InvalidInputException("Map keys can not be NULL");
                    entries.setValid(at + k);
                    entries.children[0].copyRow(src.children[0], e, at + k);
                    entries.children[1].copyRow(src.children[1], e, at + k);
                }
            }
        });
    }

    // ------------------------------------------------------------------ accessors

    /** l[i]: 1-based, negative counts from the end; out of range is NULL. */
    private static ScalarFunction listExtract(String name, LogicalType listType) {
        LogicalType element = listType.childType();
        return new ScalarFunction(name, List.of(listType, BIGINT), element, (args, count, res) -> {
            Vector l = args[0];
            Vector idx = args[1];
            Vector child = l.child();
            for (int i = 0; i < count; i++) {
                if (l.isNull(i) || idx.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                long k = idx.longs[i];
                int len = l.lengths[i];
                long pos = k > 0 ? k - 1 : len + k;
                if (k == 0 || pos < 0 || pos >= len) {
                    res.setNull(i);
                } else {
                    res.copyRow(child, l.offsets[i] + (int) pos, i);
                }
            }
        });
    }

    /** 'abc'[2] = 'b' (DuckDB's array_extract on strings: one character, 1-based, negative from the end). */
    private static ScalarFunction stringExtract() {
        return new ScalarFunction("array_extract", List.of(VARCHAR, BIGINT), VARCHAR, (args, count, res) -> {
            for (int i = 0; i < count; i++) {
                if (args[0].isNull(i) || args[1].isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                String s = args[0].getString(i);
                int cps = s.codePointCount(0, s.length());
                long k = args[1].longs[i];
                long pos = k > 0 ? k - 1 : cps + k;
                if (k == 0 || pos < 0 || pos >= cps) {
                    res.setString(i, "");
                } else {
                    int start = s.offsetByCodePoints(0, (int) pos);
                    res.setString(i, s.substring(start, s.offsetByCodePoints(start, 1)));
                }
            }
        });
    }

    private static ScalarFunction structExtract(LogicalType structType, Value key) {
        if (key == null || key.isNull()) throw new BinderException("Key name for struct_extract needs to be a constant string");
        String name = (String) key.object();
        if (!structType.children().isEmpty() && structType.children().get(0).name().isEmpty()) {
            throw new BinderException("struct_extract with a string key cannot be used on an unnamed struct, use a numeric index instead");
        }
        List<TypeField> fields = structType.children();
        for (int k = 0; k < fields.size(); k++) {
            if (fields.get(k).name().equalsIgnoreCase(name)) return fieldAccess(structType, k, VARCHAR);
        }
        StringBuilder candidates = new StringBuilder();
        for (TypeField f : fields) candidates.append(candidates.isEmpty() ? "" : ", ").append(f.name());
        throw new BinderException("Could not find key \"" + name.toLowerCase(Locale.ROOT) + "\" in struct\n\nCandidate Entries: \"" + candidates + "\"");
    }

    private static ScalarFunction structExtractAt(LogicalType structType, Value index) {
        if (index == null || index.isNull()) throw new BinderException("Key index for struct_extract needs to be a constant integer");
        long k = ((Number) index.object()).longValue();
        if (k < 1 || k > structType.children().size()) {
            throw new BinderException("Key index " + k + " for struct_extract out of range - expected an index between 1 and " + structType.children().size());
        }
        return fieldAccess(structType, (int) k - 1, BIGINT);
    }

    private static ScalarFunction fieldAccess(LogicalType structType, int field, LogicalType keyType) {
        LogicalType t = structType.children().get(field).type();
        return new ScalarFunction("struct_extract", List.of(structType, keyType), t, (args, count, res) -> {
            Vector s = args[0];
            res.copyRange(s.children[field], 0, 0, count);
            if (s.validity != null) {
                for (int i = 0; i < count; i++) if (s.isNull(i)) res.setNull(i);
            }
        });
    }

    /** l[a:b] / list_slice(l, a, b[, step]): 1-based inclusive bounds, negative from the end, clamped. */
    private static ScalarFunction listSlice(LogicalType listType, boolean withStep) {
        List<LogicalType> params = withStep ? List.of(listType, BIGINT, BIGINT, BIGINT) : List.of(listType, BIGINT, BIGINT);
        return new ScalarFunction("list_slice", params, listType, (args, count, res) -> {
            Vector l = args[0];
            Vector child = l.child();
            for (int i = 0; i < count; i++) {
                if (l.isNull(i) || args[1].isNull(i) || args[2].isNull(i) || (withStep && args[3].isNull(i))) {
                    res.setNull(i);
                    continue;
                }
                int len = l.lengths[i];
                long step = withStep ? args[3].longs[i] : 1;
                if (step == 0) throw new InvalidInputException("Slice step cannot be zero");
                // 1-based inclusive bounds (0 reads as 1), negative from the end; a negative step walks
                // from 'from' down to 'to'. The binder turns omitted bounds of l[a:b] into 0 and -1.
                long from = args[1].longs[i];
                long to = args[2].longs[i];
                long first = from < 0 ? len + from + 1 : from;
                long last = to < 0 ? len + to + 1 : to;
                if (step < 0) {
                    long swap = first;
                    first = last;
                    last = swap;
                }
                long begin = Math.max(first - 1, 0);
                long end = Math.min(last, len);
                if (begin >= end) {
                    res.startList(i, 0);
                    continue;
                }
                int n = (int) ((end - begin + Math.abs(step) - 1) / Math.abs(step));
                int at = res.startList(i, n);
                Vector out = res.child();
                for (int k = 0; k < n; k++) {
                    long pos = step > 0 ? begin + k * step : end - 1 + k * step;
                    out.copyRow(child, l.offsets[i] + (int) pos, at + k);
                }
            }
        });
    }

    private static ScalarFunction listLength(String name, LogicalType listType) {
        return new ScalarFunction(name, List.of(listType), BIGINT, (args, count, res) -> {
            Vector l = args[0];
            for (int i = 0; i < count; i++) {
                if (l.isNull(i)) res.setNull(i);
                else res.longs[i] = l.lengths[i];
            }
        });
    }

    private static ScalarFunction mapPart(String name, LogicalType mapType, int part) {
        LogicalType element = part == 0 ? mapType.mapKey() : mapType.mapValue();
        return new ScalarFunction(name, List.of(mapType), LogicalType.list(element), (args, count, res) -> {
            Vector m = args[0];
            Vector src = m.child().children[part];
            Vector out = res.child();
            for (int i = 0; i < count; i++) {
                if (m.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                int at = res.startList(i, m.lengths[i]);
                out.copyRange(src, m.offsets[i], at, m.lengths[i]);
            }
        });
    }

    private static ScalarFunction mapEntries(LogicalType mapType) {
        LogicalType result = LogicalType.list(mapType.childType());
        return new ScalarFunction("map_entries", List.of(mapType), result, (args, count, res) -> {
            Vector m = args[0];
            for (int i = 0; i < count; i++) {
                if (m.isNull(i)) res.setNull(i);
                else res.appendList(m, m.offsets[i], m.lengths[i], i);
            }
        });
    }

    /**
     * map_extract / element_at: the list of values under the key (empty when absent); m[k] and
     * map_extract_value: the value itself (NULL when absent).
     */
    private static ScalarFunction mapExtract(String name, List<LogicalType> types, boolean asList) {
        LogicalType mapType = types.get(0);
        LogicalType keyType = mapType.mapKey();
        LogicalType probeType = types.get(1);
        if (!probeType.equals(keyType) && probeType.id() != TypeId.SQLNULL && CastRules.tryMaxLogicalType(keyType, probeType) == null
                && probeType.id() != TypeId.VARCHAR) {
            String signature = asList ? "map_extract(MAP(K, V), K) -> V[]" : "map_extract_value(MAP(K, V), K) -> V";
            throw new BinderException("Cannot deduce template type 'K' in function: '" + signature + "'\nType 'K' was inferred to be:\n - '"
                    + keyType + "', from first occurrence\n - '" + probeType + "', which is incompatible with previously inferred type!");
        }
        LogicalType valueType = mapType.mapValue();
        LogicalType result = asList ? LogicalType.list(valueType) : valueType;
        // an empty MAP() has NULL-typed keys: nothing is ever found, the probe keeps its own type
        LogicalType probeParam = keyType.id() == TypeId.SQLNULL ? probeType : keyType;
        return new ScalarFunction(name, List.of(mapType, probeParam), result, (args, count, res) -> {
            Vector m = args[0];
            Vector key = args[1];
            Vector keys = m.child().children[0];
            Vector values = m.child().children[1];
            for (int i = 0; i < count; i++) {
                if (m.isNull(i) || key.isNull(i)) {
                    // a NULL map gives NULL; a NULL key is found in no map: [] (map_extract) or NULL (the value forms)
                    if (asList && !m.isNull(i)) res.startList(i, 0);
                    else res.setNull(i);
                    continue;
                }
                int found = -1;
                for (int k = 0; k < m.lengths[i] && found < 0 && keys.type.equals(key.type); k++) {
                    int e = m.offsets[i] + k;
                    if (!keys.isNull(e) && io.tealdb.vector.RowCompare.equals(keys, e, key, i)) found = e;
                }
                if (asList) {
                    if (found < 0) {
                        res.startList(i, 0);
                    } else {
                        int at = res.startList(i, 1);
                        res.child().copyRow(values, found, at);
                    }
                } else if (found < 0) {
                    res.setNull(i);
                } else {
                    res.copyRow(values, found, i);
                }
            }
        });
    }
}
