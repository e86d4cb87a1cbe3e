package io.tealdb.parser.ast;

import java.util.List;

/**
 * A column definition with its inline constraints. type may be null for a generated column
 * written without a type. generated is the {@code GENERATED ALWAYS AS (e)} / {@code AS (e)}
 * expression; stored is true for STORED (VIRTUAL is the default). hidden (TealDB's {@code HIDDEN}, for
 * generated columns) leaves the column out of {@code SELECT *}, as ClickHouse's ALIAS/MATERIALIZED columns.
 */
public record ColumnDef(
        Identifier name,
        TypeName type,
        boolean notNull,
        Expr defaultValue,
        boolean primaryKey,
        boolean unique,
        List<Expr> checks,
        ForeignKeyRef references,
        Expr generated,
        boolean stored,
        boolean hidden,
        String collation,
        int pos) implements Node {}
