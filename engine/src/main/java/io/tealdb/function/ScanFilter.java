package io.tealdb.function;

import io.tealdb.types.Value;

/**
 * A pushed-down filter in the form a data source can check against statistics or partition values:
 * {@code column op constant} (the constant already has the column's type), or a null test.
 */
public record ScanFilter(int column, Op op, Value constant) {
    public enum Op {
        EQ, NE, LT, LE, GT, GE, IS_NULL, IS_NOT_NULL;

        /**
         * Whether a value passes that compares {@code comparison} (negative, zero, positive) with the
         * constant; the null tests are not decided by a comparison and pass.
         */
        public boolean holds(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
                case IS_NULL, IS_NOT_NULL -> true;
            };
        }
    }
}
