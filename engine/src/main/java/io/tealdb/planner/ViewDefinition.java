package io.tealdb.planner;

import java.util.List;

/**
 * A stored view: its defining query as SQL text (re-parsed and bound at each use) and the column
 * names given in CREATE VIEW v(a, b) (empty: the query's own names). {@code database} is the
 * attached database that holds it (null: the current one); its query binds there, as in DuckDB.
 */
public record ViewDefinition(String schema, String name, List<String> columnNames, String sql, String database) {
    public ViewDefinition(String schema, String name, List<String> columnNames, String sql) {
        this(schema, name, columnNames, sql, null);
    }
}
