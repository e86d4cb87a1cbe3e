package io.tealdb.execution;

import io.tealdb.execution.expression.PhysicalExpr;

/** One compiled ORDER BY key. */
public record SortKey(PhysicalExpr expr, boolean ascending, boolean nullsFirst) {
    @Override
    public String toString() {
        return expr + (ascending ? " ASC" : " DESC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
    }
}
