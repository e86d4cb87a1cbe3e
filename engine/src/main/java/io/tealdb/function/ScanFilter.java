package io.tealdb.function;

import io.tealdb.types.Value;

/**
 * A pushed-down filter in the form a data source can check against statistics or partition values:
 * {@code column op constant} (the constant already has the column's type), or a null test.
 */
public record ScanFilter(int column, Op op, Value constant) {
    public enum Op { EQ, NE, LT, LE, GT, GE, IS_NULL, IS_NOT_NULL }
}
