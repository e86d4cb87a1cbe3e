package io.tealdb.catalog;

import io.tealdb.types.LogicalType;

/**
 * A table column. {@code defaultSql} is the DEFAULT expression as SQL text (re-bound when used),
 * or null; the catalog sits below the parser, so it keeps text rather than syntax trees.
 * {@code generatedSql} is the expression of a VIRTUAL generated column ({@code b AS (a * 2)}), or
 * null for an ordinary column; generated columns are computed from the others whenever the table is
 * read, so storage never holds meaningful values for them. A {@code hidden} (generated) column is left
 * out of {@code SELECT *} and is read only when named, as ClickHouse's ALIAS and MATERIALIZED columns.
 * A {@code stored} generated column (TealDB's {@code AS (e) STORED HIDDEN}, ClickHouse's MATERIALIZED) is
 * the opposite: its expression is evaluated over the row when the row is inserted (and again when an
 * UPDATE changes a column it reads) and the value is kept in storage, so reads return what was stored.
 */
public record ColumnDefinition(String name, LogicalType type, boolean notNull, String defaultSql, String generatedSql, boolean hidden,
                               boolean stored) {
    public ColumnDefinition(String name, LogicalType type, boolean notNull, String defaultSql, String generatedSql, boolean hidden) {
        this(name, type, notNull, defaultSql, generatedSql, hidden, false);
    }

    public ColumnDefinition(String name, LogicalType type, boolean notNull, String defaultSql, String generatedSql) {
        this(name, type, notNull, defaultSql, generatedSql, false);
    }

    public ColumnDefinition(String name, LogicalType type, boolean notNull, String defaultSql) {
        this(name, type, notNull, defaultSql, null, false);
    }

    public boolean generated() {
        return generatedSql != null;
    }

    /** A generated column computed whenever the table is read (nothing meaningful in storage). */
    public boolean virtual() {
        return generatedSql != null && !stored;
    }

    /** A generated column whose value is computed when the row is written and kept in storage. */
    public boolean storedGenerated() {
        return generatedSql != null && stored;
    }

    public ColumnDefinition withName(String newName) {
        return new ColumnDefinition(newName, type, notNull, defaultSql, generatedSql, hidden, stored);
    }

    public ColumnDefinition withType(LogicalType newType) {
        return new ColumnDefinition(name, newType, notNull, defaultSql, generatedSql, hidden, stored);
    }

    public ColumnDefinition withDefault(String newDefaultSql) {
        return new ColumnDefinition(name, type, notNull, newDefaultSql, generatedSql, hidden, stored);
    }

    public ColumnDefinition withNotNull(boolean newNotNull) {
        return new ColumnDefinition(name, type, newNotNull, defaultSql, generatedSql, hidden, stored);
    }
}
