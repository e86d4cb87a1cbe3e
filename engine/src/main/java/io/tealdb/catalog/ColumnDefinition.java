package io.tealdb.catalog;

import io.tealdb.types.LogicalType;

/**
 * A table column. {@code defaultSql} is the DEFAULT expression as SQL text (re-bound when used),
 * or null; the catalog sits below the parser, so it keeps text rather than syntax trees.
 * {@code generatedSql} is the expression of a VIRTUAL generated column ({@code b AS (a * 2)}), or
 * null for an ordinary column; generated columns are computed from the others whenever the table is
 * read, so storage never holds meaningful values for them.
 */
public record ColumnDefinition(String name, LogicalType type, boolean notNull, String defaultSql, String generatedSql) {
    public ColumnDefinition(String name, LogicalType type, boolean notNull, String defaultSql) {
        this(name, type, notNull, defaultSql, null);
    }

    public boolean generated() {
        return generatedSql != null;
    }
}
