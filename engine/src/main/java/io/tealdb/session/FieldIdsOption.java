package io.tealdb.session;

import io.tealdb.error.BinderException;
import io.tealdb.error.ConversionException;
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
        if (!(option.object() instanceof Map<?, ?> spec)) throw new BinderException(EXPECTED);
        Map<String, ParquetFieldIds> columns = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : spec.entrySet()) {
            String name = String.valueOf(e.getKey());
            int column = indexOf(names, name);
            if (column < 0) {
                throw new BinderException("Column name \"" + name + "\" specified in FIELD_IDS not found. Consider using"
                        + " WRITE_PARTITION_COLUMNS if this column is a partition column. Available column names: " + names);
            }
            putOnce(columns, names.get(column), field(names.get(column), types.get(column), (Value) e.getValue()));
        }
        return new ParquetFieldIds(null, columns);
    }

    /** One field's ids: a number, or a STRUCT with its own id under __duckdb_field_id and its children's by name. */
    private static ParquetFieldIds field(String name, LogicalType type, Value spec) {
        if (!(spec.object() instanceof Map<?, ?> nested)) return new ParquetFieldIds(id(spec), Map.of());
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
            default -> throw new BinderException("Column \"" + name + "\" with type \"" + type + "\" cannot have a nested FIELD_IDS specification");
        }
        Integer own = null;
        Map<String, ParquetFieldIds> children = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : nested.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equalsIgnoreCase(OWN_ID)) {
                own = id((Value) e.getValue());
                continue;
            }
            int child = indexOf(childNames, key);
            if (child < 0) {
                throw new BinderException("Column name \"" + key + "\" specified in FIELD_IDS not found. Available column names: " + childNames);
            }
            putOnce(children, childNames.get(child), field(childNames.get(child), childTypes.get(child), (Value) e.getValue()));
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
            throw new ConversionException("Failed to cast value: Could not convert string '" + text + "' to INT32");
        }
    }
}
