package io.tealdb.catalog;

import java.util.List;
import java.util.Map;

/**
 * A macro (CREATE MACRO / CREATE FUNCTION): positional parameter names, named parameters with
 * default values as SQL text, and the body as SQL text — an expression for a scalar macro, a query
 * for a table macro ({@code AS TABLE ...}).
 */
public record MacroEntry(String schema, String name, List<String> parameters, Map<String, String> defaults,
                         String sql, boolean tableMacro) implements CatalogEntry {
    public MacroEntry {
        parameters = List.copyOf(parameters);
        defaults = Map.copyOf(defaults);
    }

    @Override
    public EntryKind kind() {
        return tableMacro ? EntryKind.TABLE_MACRO : EntryKind.MACRO;
    }
}
