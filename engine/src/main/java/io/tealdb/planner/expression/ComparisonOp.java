package io.tealdb.planner.expression;

/** Binary comparison operators. DISTINCT FROM variants treat NULL as a comparable value. */
public enum ComparisonOp {
    EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">="), DISTINCT_FROM("IS DISTINCT FROM"), NOT_DISTINCT_FROM("IS NOT DISTINCT FROM");

    public final String sql;

    ComparisonOp(String sql) {
        this.sql = sql;
    }

    /** The operator with operands swapped: a op b == b flip(op) a. */
    public ComparisonOp flip() {
        return switch (this) {
            case LT -> GT;
            case LE -> GE;
            case GT -> LT;
            case GE -> LE;
            default -> this;
        };
    }

    /** The negation: NOT (a op b) == a negate(op) b (for non-null operands). */
    public ComparisonOp negate() {
        return switch (this) {
            case EQ -> NE;
            case NE -> EQ;
            case LT -> GE;
            case LE -> GT;
            case GT -> LE;
            case GE -> LT;
            case DISTINCT_FROM -> NOT_DISTINCT_FROM;
            case NOT_DISTINCT_FROM -> DISTINCT_FROM;
        };
    }
}
