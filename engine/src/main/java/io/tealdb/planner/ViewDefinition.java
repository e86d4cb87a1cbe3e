package io.tealdb.planner;

import java.util.List;

/**
 * A stored view: its defining query as SQL text (re-parsed and bound at each use) and the column
 * names given in CREATE VIEW v(a, b) (empty: the query's own names).
 */
public record ViewDefinition(String schema, String name, List<String> columnNames, String sql) {
}
