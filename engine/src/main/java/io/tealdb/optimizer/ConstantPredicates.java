package io.tealdb.optimizer;

import io.tealdb.planner.expression.BoundComparison;
import io.tealdb.planner.expression.BoundConjunction;
import io.tealdb.planner.expression.BoundConstant;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides filter conjuncts that reference no column, so a subtree whose filter is always false
 * can be replaced by an empty result instead of being computed and then thrown away.
 *
 * <p>They appear when a filter is pushed through a projection of constants: TPC-DS Q04/Q11/Q74
 * filter a CTE that is the UNION ALL of one aggregate per sales channel, each tagged with a literal
 * ({@code 's' sale_type}); pushed into the branches, {@code sale_type = 's'} becomes
 * {@code 'c' = 's'} in the catalog branch, whose whole aggregation can then be skipped.
 *
 * <p>Inside a filter conjunct's ANDs and ORs (not below NOT, CASE or a function) the decided parts
 * are folded by {@link #simplify}: a shared CTE's definition receives the OR of its references'
 * filters (Q04: six branches such as {@code sale_type = 's' AND dyear = 2001}), which becomes
 * {@code ('c' = 's' AND d_year = 2001) OR ('c' = 'c' AND d_year = 2002) ...} in the catalog branch;
 * folded, only that branch's own years remain, and they can reach its scans.
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

    /**
     * {@code e}, a filter conjunct, with the decided parts of its AND/OR tree folded: an AND without
     * its always-true children (a never-true child makes it never true), an OR without its
     * never-true children (an always-true child makes it always true); a BOOLEAN constant when the
     * whole is decided. NULL and false both reject a row and only AND/OR lie above the folded parts,
     * so the filter keeps the same rows.
     */
    static BoundExpr simplify(BoundExpr e) {
        if (!(e instanceof BoundConjunction c)) return e;
        List<BoundExpr> kept = new ArrayList<>(c.children().size());
        boolean changed = false;
        for (BoundExpr child : c.children()) {
            BoundExpr s = simplify(child);
            changed |= s != child;
            Outcome o = evaluate(s);
            if (o == (c.and() ? Outcome.NEVER : Outcome.ALWAYS)) return new BoundConstant(Value.ofBoolean(!c.and()));
            if (o == Outcome.UNKNOWN) kept.add(s);
            else changed = true;
        }
        if (kept.isEmpty()) return new BoundConstant(Value.ofBoolean(c.and()));
        if (!changed) return e;
        return kept.size() == 1 ? kept.get(0) : new BoundConjunction(c.and(), List.copyOf(kept));
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
