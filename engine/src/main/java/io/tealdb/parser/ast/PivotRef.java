package io.tealdb.parser.ast;

import java.util.List;

/**
 * {@code source PIVOT (aggregates FOR pivots [GROUP BY groups])}, also the PIVOT statement's
 * {@code PIVOT source ON pivots USING aggregates GROUP BY groups}. Each aggregate is an expression
 * holding exactly one aggregate call, with an optional alias; groups empty means "every column
 * not pivoted on or aggregated". alias may be null.
 */
public record PivotRef(
        TableRef source,
        List<SelectItem> aggregates,
        List<PivotColumn> pivots,
        List<Identifier> groups,
        TableAlias alias,
        int pos) implements TableRef {}
