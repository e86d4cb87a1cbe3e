package io.tealdb.parser.ast;

import java.util.List;

/**
 * One pivot: the expressions pivoted on (several for {@code FOR (a, b) IN ((1, 'x'), ..)}) and the
 * values that become columns. Exactly one source of values: {@code entries} (an explicit IN list),
 * {@code subquery} ({@code IN (SELECT ..)}), {@code enumName} ({@code IN type_name}), or none of
 * them (the distinct values of the data, computed up front like DuckDB does).
 */
public record PivotColumn(
        List<Expr> expressions,
        List<PivotEntry> entries,
        QueryNode subquery,
        Identifier enumName,
        int pos) implements Node {
    /** True when the values come from the data (no IN clause). */
    public boolean fromData() {
        return entries.isEmpty() && subquery == null && enumName == null;
    }
}
