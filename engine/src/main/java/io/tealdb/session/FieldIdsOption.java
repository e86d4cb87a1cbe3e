package io.tealdb.session;

import io.tealdb.error.BinderException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.io.parquet.ParquetFieldIds;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeField;
import io.tealdb.types.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * COPY … TO parquet's FIELD_IDS option, as DuckDB reads it: {@code 'auto'} numbers every field, or a
 * STRUCT maps column names to ids — {@code {col: 42, nested: {__duckdb_field_id: 43, child: 44},
 * list_col: {element: 45}, map_col: {key: 46, value: 47}}} — with DuckDB's errors for unknown names,
 * nested ids on a column that has no children and values that are not integers.
 */
final class FieldIdsOption {
    private static final String OWN_ID = "__duckdb_field_id";
    private static final String EXPECTED = "Expected FIELD_IDS to be a STRUCT, e.g., {col1: 42, col2: {__duckdb_field_id: 43, nested_col: 44}, col3: 44}";

    private FieldIdsOption() {
    }

    static ParquetFieldIds parse(Value option, List<String> names, List<LogicalType> types) {
        if (option.object() instanceof String s && s.equalsIgnoreCase("auto")) return ParquetFieldIds.auto(names, types);
        Map<String, Value> spec = struct(option);
        if (spec == null) throw new BinderException(EXPECTED);
        Map<String, ParquetFieldIds> columns = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : spec.entrySet()) {
            if (e.getKey().equalsIgnoreCase(OWN_ID)) throw new BinderException("Cannot have a column named \"" + OWN_ID + "\" in FIELD_IDS");
            int column = indexOf(names, e.getKey());
            if (column < 0) throw notFound(e.getKey(), names);
            putOnce(columns, names.get(column), field(names.get(column), types.get(column), e.getValue()));
        }
        ParquetFieldIds ids = new ParquetFieldIds(null, columns);
        requireUnique(ids, new java.util.HashSet<>());
        return ids;
    }

    private static BinderException notFound(String name, List<String> available) {
        return new BinderException("Column name \"" + name + "\" specified in FIELD_IDS not found. Consider using"
                + " WRITE_PARTITION_COLUMNS if this column is a partition column. Available column names: " + available);
    }

    private static void requireUnique(ParquetFieldIds ids, java.util.Set<Integer> seen) {
        if (ids.id() != null && !seen.add(ids.id())) throw new BinderException("Duplicate field_id " + ids.id() + " found in FIELD_IDS");
        for (ParquetFieldIds c : ids.children().values()) requireUnique(c, seen);
    }

    /**
     * A STRUCT option value by field name: a struct literal arrives as a map of values, a STRUCT-typed
     * constant (a variable, a cast) as its field values in order. Null when the value is no STRUCT.
     */
    private static Map<String, Value> struct(Value v) {
        Map<String, Value> out = new LinkedHashMap<>();
        if (v.object() instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), e.getValue() instanceof Value val ? val : new Value(LogicalType.VARCHAR, e.getValue()));
            }
            return out;
        }
        if (v.type().id() == io.tealdb.types.TypeId.STRUCT && v.object() instanceof List<?> values) {
            List<TypeField> fields = v.type().children();
            for (int i = 0; i < fields.size(); i++) out.put(fields.get(i).name(), new Value(fields.get(i).type(), values.get(i)));
            return out;
        }
        return null;
    }

    /** One field's ids: a number, or a STRUCT with its own id under __duckdb_field_id and its children's by name. */
    private static ParquetFieldIds field(String name, LogicalType type, Value spec) {
        Map<String, Value> nested = struct(spec);
        if (nested == null) return new ParquetFieldIds(id(spec), Map.of());
        List<String> childNames = new ArrayList<>();
        List<LogicalType> childTypes = new ArrayList<>();
        switch (type.id()) {
            case STRUCT -> {
                for (TypeField f : type.children()) {
                    childNames.add(f.name());
                    childTypes.add(f.type());
                }
            }
            case LIST, ARRAY -> {
                childNames.add("element");
                childTypes.add(type.childType());
            }
            case MAP -> {
                childNames.add("key");
                childTypes.add(type.mapKey());
                childNames.add("value");
                childTypes.add(type.mapValue());
            }
            default -> {
                if (nested.size() != 1 || !nested.containsKey(OWN_ID)) {
                    throw new BinderException("Column \"" + name + "\" with type \"" + type + "\" cannot have a nested FIELD_IDS specification");
                }
            }
        }
        Integer own = null;
        Map<String, ParquetFieldIds> children = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : nested.entrySet()) {
            String key = e.getKey();
            if (key.equals(OWN_ID)) {
                own = id(e.getValue());
                continue;
            }
            int child = indexOf(childNames, key);
            if (child < 0) throw notFound(key, childNames);
            putOnce(children, childNames.get(child), field(childNames.get(child), childTypes.get(child), e.getValue()));
        }
        return new ParquetFieldIds(own, children);
    }

    private static void putOnce(Map<String, ParquetFieldIds> into, String name, ParquetFieldIds ids) {
        for (String k : into.keySet()) {
            if (k.equalsIgnoreCase(name)) throw new BinderException("Duplicate FIELD_IDS entry for \"" + name + "\"");
        }
        into.put(name, ids);
    }

    private static int indexOf(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) return i;
        }
        return -1;
    }

    private static int id(Value v) {
        Object o = v.object();
        if (o instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && n.longValue() >= Integer.MIN_VALUE && n.longValue() <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        String text = o == null ? "NULL" : String.valueOf(o);
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Failed to cast value: Could not convert string '" + text + "' to INT32");
        }
    }
}
