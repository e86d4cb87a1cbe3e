package io.tealdb.catalog;

import io.tealdb.types.LogicalType;

/**
 * A table column. {@code defaultSql} is the DEFAULT expression as SQL text (re-bound when used),
 * or null; the catalog sits below the parser, so it keeps text rather than syntax trees.
 */
public record ColumnDefinition(String name, LogicalType type, boolean notNull, String defaultSql) {
}
