package io.tealdb.storage;

import io.tealdb.types.Value;

import java.util.Objects;

/**
 * A predicate {@code column op constant} a scan may use to skip whole row groups whose zone map
 * (min/max, null flags) proves no row can match. Conservative: the executor still evaluates the
 * real predicate on the rows returned. {@code constant} must have the column's type (a filter whose
 * constant type differs, or is NULL for a comparison, is ignored for skipping); it is null for
 * IS NULL / IS NOT NULL.
 */
public record TableFilter(int columnId, Op op, Value constant) {
    public enum Op { EQ, NE, LT, LE, GT, GE, IS_NULL, IS_NOT_NULL }

    public TableFilter {
        Objects.requireNonNull(op, "op");
        if (op != Op.IS_NULL && op != Op.IS_NOT_NULL) {
            Objects.requireNonNull(constant, "constant");
        }
    }
}
