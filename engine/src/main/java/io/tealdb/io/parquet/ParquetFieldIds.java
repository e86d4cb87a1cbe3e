package io.tealdb.io.parquet;

import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeField;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code field_id}s COPY … TO writes into a Parquet schema (FIELD_IDS): the id of one schema
 * element (null: none) and those of its children by name — a STRUCT's fields, a LIST's
 * {@code element}, a MAP's {@code key} and {@code value}. The repeated groups between ({@code list},
 * {@code key_value}) carry none, as in DuckDB's files.
 */
public record ParquetFieldIds(Integer id, Map<String, ParquetFieldIds> children) {
    public ParquetFieldIds {
        Map<String, ParquetFieldIds> lower = new LinkedHashMap<>();
        children.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        children = java.util.Collections.unmodifiableMap(lower);
    }

    /** The ids of the child named {@code name} (case-insensitive), or null when it has none. */
    public ParquetFieldIds child(String name) {
        return children.get(name.toLowerCase(Locale.ROOT));
    }

    /** FIELD_IDS 'auto': 0, 1, 2, … in schema order, depth first, over the columns and every nested field. */
    public static ParquetFieldIds auto(List<String> names, List<LogicalType> types) {
        int[] next = {0};
        Map<String, ParquetFieldIds> columns = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) columns.put(names.get(i), auto(types.get(i), next));
        return new ParquetFieldIds(null, columns);
    }

    private static ParquetFieldIds auto(LogicalType type, int[] next) {
        int id = next[0]++;
        Map<String, ParquetFieldIds> kids = new LinkedHashMap<>();
        switch (type.id()) {
            case STRUCT -> {
                for (TypeField f : type.children()) kids.put(f.name(), auto(f.type(), next));
            }
            case LIST, ARRAY -> kids.put("element", auto(type.childType(), next));
            case MAP -> {
                kids.put("key", auto(type.mapKey(), next));
                kids.put("value", auto(type.mapValue(), next));
            }
            default -> {
            }
        }
        return new ParquetFieldIds(id, kids);
    }
}
