package io.tealdb.optimizer;

import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundConstant;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.planner.logical.JoinCondition;
import io.tealdb.planner.logical.JoinType;
import io.tealdb.planner.logical.LogicalAggregate;
import io.tealdb.planner.logical.LogicalDependentJoin;
import io.tealdb.planner.logical.LogicalDistinct;
import io.tealdb.planner.logical.LogicalEmptyResult;
import io.tealdb.planner.logical.LogicalFilter;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.planner.logical.LogicalJoin;
import io.tealdb.planner.logical.LogicalLimit;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.planner.logical.LogicalOrder;
import io.tealdb.planner.logical.LogicalProjection;
import io.tealdb.planner.logical.LogicalSetOperation;
import io.tealdb.planner.logical.LogicalTableFunction;
import io.tealdb.planner.logical.LogicalTopN;
import io.tealdb.planner.logical.LogicalValues;
import io.tealdb.planner.logical.LogicalWindow;

import java.util.List;

/**
 * Rough row-count estimates for join ordering. Base tables report their row counts; filters keep
 * the fraction {@link FilterSelectivity} derives from the columns' statistics; an
 * equi-join of |L| and |R| rows yields |L|·|R| / max(ndv), with each column's number of distinct
 * values taken from the storage statistics (key/foreign-key joins, the common analytical case, then
 * come out close to the size of the foreign-key side).
 */
public final class CardinalityEstimator {
    private CardinalityEstimator() {
    }

    public static double estimate(LogicalOperator op) {
        return switch (op) {
            case LogicalGet g -> Math.max(1, g.table().storage().estimatedRowCount()) * FilterSelectivity.of(g.filters(), g);
            case LogicalFilter f -> estimate(f.child()) * FilterSelectivity.of(f.conditions(), f.child());
            case LogicalProjection p -> estimate(p.child());
            case LogicalAggregate a -> a.groups().isEmpty() ? 1 : Math.max(1, estimate(a.child()) * 0.25);
            case LogicalJoin j -> joinEstimate(j.type(), j.left(), j.right(), j.conditions());
            case LogicalDependentJoin j -> joinEstimate(j.type(), j.left(), j.right(), j.conditions());
            case LogicalOrder o -> estimate(o.child());
            case io.tealdb.planner.logical.LogicalSample l -> l.sample().percentage()
                    ? (long) Math.ceil(estimate(l.child()) * l.sample().size() / 100)
                    : Math.min((long) l.sample().size(), estimate(l.child()));
            case LogicalLimit l -> l.limit() < 0 ? estimate(l.child()) : Math.min(l.limit(), estimate(l.child()));
            case LogicalTopN t -> Math.min(t.limit(), estimate(t.child()));
            case LogicalSetOperation s -> estimate(s.left()) + estimate(s.right());
            case io.tealdb.planner.logical.LogicalPositionalJoin p -> Math.max(estimate(p.left()), estimate(p.right()));
            case LogicalValues v -> v.rows().size();
            case LogicalTableFunction t -> t.function().estimatedRows() < 0 ? 1000 : t.function().estimatedRows();
            case LogicalWindow w -> estimate(w.child());
            case io.tealdb.planner.logical.LogicalExpand x -> estimate(x.child()) * x.rows().size();
            case io.tealdb.planner.logical.LogicalUnnest u -> estimate(u.child()) * 4;
            case LogicalEmptyResult e -> 0;
            case io.tealdb.planner.logical.LogicalCteRef r -> r.definition() != null ? estimate(r.definition()) : 100;
            case io.tealdb.planner.logical.LogicalRecursiveCte r -> estimate(r.anchor()) * 10;
            case LogicalDistinct d -> Math.max(1, estimate(d.child()) * 0.5);
        };
    }

    static double joinEstimate(JoinType type, LogicalOperator left, LogicalOperator right, List<JoinCondition> conditions) {
        double l = estimate(left);
        double r = estimate(right);
        return switch (type) {
            case SEMI -> l * semiJoinSelectivity(l, r, left, right, conditions);
            case ANTI -> l * Math.max(0.1, 1 - semiJoinSelectivity(l, r, left, right, conditions));
            case MARK, SINGLE -> l;
            default -> {
                double inner = innerJoinEstimate(l, r, left, right, conditions);
                yield switch (type) {
                    case LEFT -> Math.max(inner, l);
                    case RIGHT -> Math.max(inner, r);
                    case FULL -> Math.max(inner, l + r);
                    default -> inner;
                };
            }
        };
    }

    /**
     * The share of left rows that find a partner: for an equality, the right side's distinct keys
     * over the left side's (containment: the smaller key set lies within the larger one), the most
     * selective equality deciding; 1 without equalities.
     */
    static double semiJoinSelectivity(double l, double r, LogicalOperator left, LogicalOperator right, List<JoinCondition> conditions) {
        double keep = 1;
        for (JoinCondition c : conditions) {
            if (c.op() == ComparisonOp.EQ || c.op() == ComparisonOp.NOT_DISTINCT_FROM) {
                double leftKeys = Math.max(1, distinctEstimate(c.left(), left, l));
                double rightKeys = Math.max(1, distinctEstimate(c.right(), right, r));
                keep = Math.min(keep, Math.min(1, rightKeys / leftKeys));
            }
        }
        return keep;
    }

    static double innerJoinEstimate(double l, double r, LogicalOperator left, LogicalOperator right, List<JoinCondition> conditions) {
        double best = l * r;
        for (JoinCondition c : conditions) {
            if (c.op() == ComparisonOp.EQ || c.op() == ComparisonOp.NOT_DISTINCT_FROM) {
                double ndv = Math.max(distinctEstimate(c.left(), left, l), distinctEstimate(c.right(), right, r));
                best = Math.min(best, l * r / Math.max(1, ndv));
            } else {
                best = Math.min(best, l * r * 0.33);
            }
        }
        return Math.max(1, best);
    }

    /**
     * Distinct values of {@code e} over {@code input}: for a plain column of a stored table the
     * storage's HyperLogLog estimate (so {@code c_nationkey = s_nationkey} is known to match 25 ways,
     * not 150,000), capped by the rows actually flowing; otherwise the input's row count.
     */
    static double distinctEstimate(BoundExpr e, LogicalOperator input, double inputRows) {
        if (e instanceof BoundColumnRef ref) {
            double ndv = columnDistinct(ref.binding(), input, 0);
            if (ndv > 0) return Math.max(1, Math.min(ndv, Math.max(inputRows, 1)));
        }
        return inputRows;
    }

    /**
     * Distinct values of the column {@code b} somewhere below {@code op}, or -1 if unknown: a stored
     * column's HyperLogLog estimate, followed through the operators that pass a column on —
     * projections (a column reference; a constant has 1 value), UNION branches (the sum of both
     * branches' column), aggregate group keys — so that e.g. TPC-DS Q05's
     * {@code UNION ALL of store_sales and store_returns JOIN store} is estimated from the sales'
     * {@code ss_store_sk} values, not as one row per distinct input row.
     */
    private static double columnDistinct(ColumnBinding b, LogicalOperator op, int depth) {
        if (depth > 64) return -1;
        switch (op) {
            case LogicalGet g when g.tableIndex() == b.tableIndex() -> {
                if (b.columnIndex() < 0) return -1;
                if (pinnedByFilter(g, b)) return 1;
                long ndv = g.table().storage().statistics(b.columnIndex()).distinctEstimate();
                return ndv > 0 ? ndv : Math.max(1, g.table().storage().estimatedRowCount());
            }
            case LogicalTableFunction t when t.tableIndex() == b.tableIndex() -> {
                io.tealdb.storage.ColumnStatistics st = t.function().statistics(b.columnIndex());
                return st != null && st.distinctEstimate() > 0 ? st.distinctEstimate() : -1;
            }
            case LogicalProjection p when p.tableIndex() == b.tableIndex() -> {
                if (b.columnIndex() < 0 || b.columnIndex() >= p.expressions().size()) return -1;
                return expressionDistinct(p.expressions().get(b.columnIndex()), p.child(), depth);
            }
            case LogicalAggregate a when a.groupIndex() == b.tableIndex() -> {
                if (b.columnIndex() < 0 || b.columnIndex() >= a.groups().size()) return -1;
                return expressionDistinct(a.groups().get(b.columnIndex()), a.child(), depth);
            }
            case io.tealdb.planner.logical.LogicalCteRef r when r.tableIndex() == b.tableIndex() && r.definition() != null -> {
                List<ColumnBinding> defined = r.definition().bindings();
                if (b.columnIndex() < 0 || b.columnIndex() >= defined.size()) return -1;
                return columnDistinct(defined.get(b.columnIndex()), r.definition(), depth + 1);
            }
            case LogicalSetOperation s when s.tableIndex() == b.tableIndex() -> {
                int c = b.columnIndex();
                if (c < 0 || c >= s.left().bindings().size()) return -1;
                double l = columnDistinct(s.left().bindings().get(c), s.left(), depth + 1);
                double r = columnDistinct(s.right().bindings().get(c), s.right(), depth + 1);
                return l < 0 || r < 0 ? -1 : l + r;
            }
            default -> {
                for (LogicalOperator child : op.children()) {
                    if (child.bindings().contains(b)) return columnDistinct(b, child, depth + 1);
                }
                return -1;
            }
        }
    }

    /** Whether a scan filter {@code column = constant} leaves the column one value (d_year = 2001). */
    private static boolean pinnedByFilter(LogicalGet g, ColumnBinding b) {
        for (BoundExpr f : g.filters()) {
            if (f instanceof io.tealdb.planner.expression.BoundComparison c && c.op() == ComparisonOp.EQ
                    && (isColumn(c.left(), b) && c.right() instanceof BoundConstant || isColumn(c.right(), b) && c.left() instanceof BoundConstant)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isColumn(BoundExpr e, ColumnBinding b) {
        return e instanceof BoundColumnRef r && r.depth() == 0 && r.binding().equals(b);
    }

    private static double expressionDistinct(BoundExpr e, LogicalOperator child, int depth) {
        if (e instanceof BoundConstant) return 1;
        if (e instanceof BoundColumnRef ref) return columnDistinct(ref.binding(), child, depth + 1);
        return -1;
    }

    /**
     * The statistics of the column {@code binding} of the table or table function scanned below
     * {@code op} (a Parquet file knows its columns from its footer), or null.
     */
    static io.tealdb.storage.ColumnStatistics columnStatistics(LogicalOperator op, ColumnBinding binding) {
        if (binding.columnIndex() < 0) return null;
        if (op instanceof LogicalGet g) return g.tableIndex() == binding.tableIndex() ? g.table().storage().statistics(binding.columnIndex()) : null;
        if (op instanceof LogicalTableFunction t) return t.tableIndex() == binding.tableIndex() ? t.function().statistics(binding.columnIndex()) : null;
        for (LogicalOperator c : op.children()) {
            io.tealdb.storage.ColumnStatistics st = columnStatistics(c, binding);
            if (st != null) return st;
        }
        return null;
    }

    static LogicalGet findGet(LogicalOperator op, ColumnBinding binding) {
        if (op instanceof LogicalGet g) return g.tableIndex() == binding.tableIndex() ? g : null;
        for (LogicalOperator c : op.children()) {
            LogicalGet g = findGet(c, binding);
            if (g != null) return g;
        }
        return null;
    }
}
