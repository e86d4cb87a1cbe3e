package io.tealdb.optimizer;

import io.tealdb.planner.expression.BoundComparison;
import io.tealdb.planner.expression.BoundConstant;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;

/**
 * Decides filter conjuncts that reference no column, so a subtree whose filter is always false
 * can be replaced by an empty result instead of being computed and then thrown away.
 *
 * <p>They appear when a filter is pushed through a projection of constants: TPC-DS Q04/Q11/Q74
 * filter a CTE that is the UNION ALL of one aggregate per sales channel, each tagged with a literal
 * ({@code 's' sale_type}); pushed into the branches, {@code sale_type = 's'} becomes
 * {@code 'c' = 's'} in the catalog branch, whose whole aggregation can then be skipped.
 *
 * <p>Only exact cases are decided: a BOOLEAN constant, and a comparison of two constants of the same
 * type that is BOOLEAN, an integer type or plain VARCHAR (equality only for VARCHAR, whose order
 * depends on the collation). Anything else is left to the executor.
 */
final class ConstantPredicates {

    /** Outcome of a filter conjunct that is the same for every row. */
    enum Outcome {
        /** Keeps every row: the conjunct can be dropped. */
        ALWAYS,
        /** Keeps no row (false or NULL): the filtered input is empty. */
        NEVER,
        /** Depends on the row, or not decided here. */
        UNKNOWN
    }

    private ConstantPredicates() {}

    static Outcome evaluate(BoundExpr e) {
        if (e instanceof BoundConstant k && k.type().id() == TypeId.BOOLEAN) {
            return Boolean.TRUE.equals(k.value().object()) ? Outcome.ALWAYS : Outcome.NEVER;
        }
        if (e instanceof BoundComparison c && c.left() instanceof BoundConstant l && c.right() instanceof BoundConstant r
                && l.type().equals(r.type()) && decidable(l.type())) {
            Value a = l.value();
            Value b = r.value();
            Boolean result = switch (c.op()) {
                case DISTINCT_FROM -> a.isNull() || b.isNull() ? a.isNull() != b.isNull() : !a.object().equals(b.object());
                case NOT_DISTINCT_FROM -> a.isNull() || b.isNull() ? a.isNull() == b.isNull() : a.object().equals(b.object());
                default -> a.isNull() || b.isNull() ? null : compare(c, a.object(), b.object());
            };
            if (result == null) {
                // NULL (or an order this class does not decide)
                return a.isNull() || b.isNull() ? Outcome.NEVER : Outcome.UNKNOWN;
            }
            return result ? Outcome.ALWAYS : Outcome.NEVER;
        }
        return Outcome.UNKNOWN;
    }

    private static boolean decidable(LogicalType t) {
        return switch (t.id()) {
            case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT -> true;
            case VARCHAR -> t.equals(LogicalType.VARCHAR);
            default -> false;
        };
    }

    private static Boolean compare(BoundComparison c, Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && !(a instanceof Double) && !(b instanceof Double)) {
            int cmp = Long.compare(x.longValue(), y.longValue());
            return switch (c.op()) {
                case EQ -> cmp == 0;
                case NE -> cmp != 0;
                case LT -> cmp < 0;
                case LE -> cmp <= 0;
                case GT -> cmp > 0;
                case GE -> cmp >= 0;
                default -> null;
            };
        }
        if (a instanceof String || a instanceof Boolean) {
            if (!a.getClass().equals(b.getClass())) {
                return null;
            }
            return switch (c.op()) {
                case EQ -> a.equals(b);
                case NE -> !a.equals(b);
                default -> null;
            };
        }
        return null;
    }
}
