package io.tealdb.parser.ast;

import java.util.List;

/**
 * One entry of a PIVOT/UNPIVOT IN list: {@code value [AS alias]} or {@code (v1, v2) [AS alias]}.
 * For PIVOT the expressions are constants (or bare names, taken as strings); for UNPIVOT they are
 * the columns to unpivot (column names, {@code COLUMNS(..)}, {@code *}). alias may be null.
 */
public record PivotEntry(
        List<Expr> values,
        Identifier alias,
        int pos) implements Node {}
