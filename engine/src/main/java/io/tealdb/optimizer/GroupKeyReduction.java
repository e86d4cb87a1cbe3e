package io.tealdb.optimizer;

import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.planner.logical.JoinCondition;
import io.tealdb.planner.logical.JoinType;
import io.tealdb.planner.logical.LogicalAggregate;
import io.tealdb.planner.logical.LogicalFilter;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.planner.logical.LogicalJoin;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.planner.LogicalPlans;
import io.tealdb.planner.logical.LogicalProjection;
import io.tealdb.planner.logical.LogicalTableFunction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Semi-join reduction of grouped aggregates ("magic sets"): when a join keeps only the groups whose
 * key equals a column of a small, filtered base table (or a filtered Parquet file, or another table
 * function that can be read twice), the aggregate need not compute the others.
 * The aggregate's input gets a semi join with that table's (filtered) key column, so only matching
 * rows are grouped. This is what decorrelated subqueries need: TPC-H Q17 joins
 * {@code avg(l_quantity) GROUP BY l_partkey} over all 6M lineitems with the ~200 parts of one brand
 * and container; reduced, only those parts' lineitems are aggregated. Q2 likewise.
 *
 * <p>Correct because the join condition {@code group key = t.c} (an equality, so NULL keys never
 * match) can only hold for key values that occur in {@code t.c} after t's filters, and each group's
 * aggregate depends only on that group's rows. The scan of t is repeated (with fresh bindings) under
 * the aggregate; it pays only when t is much smaller than the aggregate's input, and t must carry a
 * filter (an unfiltered t has all the keys). Runs after join ordering, and orders the aggregate's
 * input again so the new semi join can move onto the relation it filters.
 */
final class GroupKeyReduction implements OptimizerRule {
    /** The filtered table must be at most this share of the aggregate's input. */
    private static final double MAX_SHARE = 0.25;

    private int nextTableIndex;

    @Override
    public String name() {
        return "group_key_reduction";
    }

    @Override
    public LogicalOperator apply(LogicalOperator plan) {
        nextTableIndex = SubqueryUnnesting.maxTableIndex(plan) + 1;
        return LogicalPlans.transform(plan, this::rewrite);
    }

    private LogicalOperator rewrite(LogicalOperator op) {
        if (!(op instanceof LogicalJoin j)) return op;
        if (j.type() == JoinType.INNER) {
            LogicalOperator right = reduceSide(j.right(), j.left(), j.conditions(), false);
            if (right != null) return new LogicalJoin(j.type(), j.left(), right, j.conditions(), j.residual(), j.markIndex());
            LogicalOperator left = reduceSide(j.left(), j.right(), j.conditions(), true);
            if (left != null) return new LogicalJoin(j.type(), left, j.right(), j.conditions(), j.residual(), j.markIndex());
        } else if (j.type() == JoinType.SEMI || j.type() == JoinType.SINGLE || j.type() == JoinType.LEFT) {
            // Right rows whose key matches no left row never show: they may go. (Not for MARK joins,
            // whose NULL result depends on NULL keys on the right.)
            LogicalOperator right = reduceSide(j.right(), j.left(), j.conditions(), false);
            if (right != null) return new LogicalJoin(j.type(), j.left(), right, j.conditions(), j.residual(), j.markIndex());
        }
        return op;
    }

    /**
     * {@code side} with its aggregate reduced by a key table found in {@code other}, or null.
     * {@code sideIsLeft}: whether {@code side} is the left input (the conditions' left expressions).
     */
    private LogicalOperator reduceSide(LogicalOperator side, LogicalOperator other, List<JoinCondition> conditions, boolean sideIsLeft) {
        for (JoinCondition c : conditions) {
            if (c.op() != ComparisonOp.EQ) continue;
            BoundExpr mine = sideIsLeft ? c.left() : c.right();
            BoundExpr theirs = sideIsLeft ? c.right() : c.left();
            if (!(mine instanceof BoundColumnRef key) || !(theirs instanceof BoundColumnRef column) || column.depth() != 0) continue;
            for (BoundColumnRef source : keySources(other, column)) {
                LogicalOperator table = findScan(other, source.binding().tableIndex());
                List<BoundExpr> filters = scanFilters(table);
                if (filters == null || filters.isEmpty() || source.binding().columnIndex() < 0) continue;
                // a second scan must see the same keys: no random() or other volatile filters
                if (filters.stream().anyMatch(BoundExprs::hasSideEffectsOrVolatile)) continue;
                LogicalOperator reduced = reduce(side, key.binding(), table, source);
                if (reduced != null) return reduced;
            }
        }
        return null;
    }

    /**
     * Base-table columns that hold every value {@code column} takes in {@code other}'s output:
     * {@code column} itself (seen through projections that pass it on), then the columns inner and
     * semi joins inside {@code other} equate it with. TPC-H Q20's partsupp rows are semi-joined with
     * the parts named 'forest%': {@code ps_partkey} is unfiltered, but its values are among those
     * parts' keys, so the aggregate over lineitem joined on {@code ps_partkey} needs only their groups.
     * Only joins whose output rows all satisfy their condition count (INNER and SEMI, reached through
     * filters, projections and such joins); a LEFT join's NULL-supplied side is not entered.
     */
    private List<BoundColumnRef> keySources(LogicalOperator other, BoundColumnRef column) {
        Map<ColumnBinding, ColumnBinding> parent = new HashMap<>();
        Map<ColumnBinding, BoundColumnRef> refs = new HashMap<>();
        collectEqualities(other, parent, refs);
        refs.putIfAbsent(column.binding(), column);
        ColumnBinding root = ColumnClasses.find(parent, column.binding());
        List<BoundColumnRef> out = new ArrayList<>();
        out.add(column);
        for (Map.Entry<ColumnBinding, BoundColumnRef> e : refs.entrySet()) {
            if (!e.getKey().equals(column.binding()) && ColumnClasses.find(parent, e.getKey()).equals(root)) out.add(e.getValue());
        }
        // the direct column first, then the smallest tables
        out.subList(1, out.size()).sort(java.util.Comparator.comparingDouble(r -> {
            LogicalOperator g = findScan(other, r.binding().tableIndex());
            if (g instanceof LogicalGet) return CardinalityEstimator.estimate(g);
            return scanFilters(g) == null ? Double.MAX_VALUE : CardinalityEstimator.estimate(copyWithFreshBindings(g, -1, false));
        }));
        return out;
    }

    private static void collectEqualities(LogicalOperator op, Map<ColumnBinding, ColumnBinding> parent,
                                          Map<ColumnBinding, BoundColumnRef> refs) {
        switch (op) {
            case LogicalFilter f -> collectEqualities(f.child(), parent, refs);
            case LogicalProjection p -> {
                for (int i = 0; i < p.expressions().size(); i++) {
                    if (p.expressions().get(i) instanceof BoundColumnRef r && r.depth() == 0) {
                        ColumnClasses.union(parent, new ColumnBinding(p.tableIndex(), i), r.binding());
                        refs.putIfAbsent(r.binding(), r);
                    }
                }
                collectEqualities(p.child(), parent, refs);
            }
            case LogicalJoin j when j.type() == JoinType.INNER || j.type() == JoinType.SEMI -> {
                for (JoinCondition c : j.conditions()) {
                    if (c.op() == ComparisonOp.EQ && c.left() instanceof BoundColumnRef l && l.depth() == 0
                            && c.right() instanceof BoundColumnRef r && r.depth() == 0 && l.type().equals(r.type())) {
                        ColumnClasses.union(parent, l.binding(), r.binding());
                        refs.putIfAbsent(l.binding(), l);
                        refs.putIfAbsent(r.binding(), r);
                    }
                }
                collectEqualities(j.left(), parent, refs);
                collectEqualities(j.right(), parent, refs);
            }
            default -> { }
        }
    }

    /**
     * Walks from {@code op} down through projections and filters to the aggregate that defines
     * {@code binding} as a group key, and rebuilds the path with the aggregate's input semi-joined
     * with {@code table.column}; null when the binding is not a plain group key or it doesn't pay.
     */
    private LogicalOperator reduce(LogicalOperator op, ColumnBinding binding, LogicalOperator table, BoundColumnRef column) {
        return switch (op) {
            case LogicalProjection p when p.tableIndex() == binding.tableIndex() -> {
                if (!(p.expressions().get(binding.columnIndex()) instanceof BoundColumnRef inner) || inner.depth() != 0) yield null;
                LogicalOperator child = reduce(p.child(), inner.binding(), table, column);
                yield child == null ? null : new LogicalProjection(p.tableIndex(), p.expressions(), child);
            }
            case LogicalProjection p -> null;
            case LogicalFilter f -> {
                LogicalOperator child = reduce(f.child(), binding, table, column);
                yield child == null ? null : new LogicalFilter(f.conditions(), child);
            }
            case LogicalAggregate a when a.groupIndex() == binding.tableIndex() && a.groupingSets() == null -> {
                double input = CardinalityEstimator.estimate(a.child());
                if (CardinalityEstimator.estimate(copyWithFreshBindings(table, column.binding().columnIndex(), false)) > MAX_SHARE * input) {
                    yield null;
                }
                BoundExpr group = a.groups().get(binding.columnIndex());
                if (!group.type().equals(column.type())) yield null;
                LogicalOperator keys = copyWithFreshBindings(table, column.binding().columnIndex(), true);
                BoundColumnRef keyRef = new BoundColumnRef(new ColumnBinding(nextTableIndex - 1, column.binding().columnIndex()),
                        column.type(), column.name(), 0);
                LogicalOperator semi = new LogicalJoin(JoinType.SEMI, a.child(), keys,
                        List.of(new JoinCondition(group, ComparisonOp.EQ, keyRef)), null);
                LogicalOperator child = new JoinOrder().apply(semi);
                yield new LogicalAggregate(a.groupIndex(), a.aggregateIndex(), a.groups(), a.aggregates(), a.groupingSets(),
                        a.groupingIndex(), child);
            }
            default -> null;
        };
    }

    /**
     * The scan {@code scan} again under a new table index (taken only when {@code take}, else the next
     * one is only looked at), reading its key column (none when negative) and what its filters need:
     * a table with its filters, or a table function below a filter of its filter conjuncts.
     */
    private LogicalOperator copyWithFreshBindings(LogicalOperator scan, int keyColumn, boolean take) {
        int index = take ? nextTableIndex++ : nextTableIndex;
        int source = scan instanceof LogicalGet g ? g.tableIndex() : ((LogicalTableFunction) scan).tableIndex();
        List<BoundExpr> original = scanFilters(scan);
        Set<Integer> columns = new LinkedHashSet<>();
        if (keyColumn >= 0) columns.add(keyColumn);
        List<BoundExpr> filters = new ArrayList<>();
        for (BoundExpr f : original) {
            for (ColumnBinding b : BoundExprs.referencedBindings(f)) {
                if (b.tableIndex() == source) columns.add(b.columnIndex());
            }
        }
        for (BoundExpr f : original) {
            filters.add(BoundExprs.transform(f, x -> x instanceof BoundColumnRef r && r.binding().tableIndex() == source
                    ? new BoundColumnRef(new ColumnBinding(index, r.binding().columnIndex()), r.type(), r.name(), r.depth()) : x));
        }
        if (scan instanceof LogicalGet get) return new LogicalGet(index, get.table(), List.copyOf(columns), filters);
        LogicalTableFunction tf = (LogicalTableFunction) scan;
        // the hints are the filter's conjuncts; the filter above keeps the copy exact
        LogicalTableFunction copy = new LogicalTableFunction(index, tf.function(), tf.names(), tf.columnTypes(), List.copyOf(columns), filters);
        return new LogicalFilter(filters, copy);
    }

    /** The filters of a scan that can be read again (a table, or a repeatable table function's filter hints); null otherwise. */
    private static List<BoundExpr> scanFilters(LogicalOperator scan) {
        if (scan instanceof LogicalGet g) return g.filters();
        if (scan instanceof LogicalTableFunction tf && tf.function().repeatable()) return tf.filters();
        return null;
    }

    /** The table scan or table function with table index {@code tableIndex} in {@code op}, or null. */
    private static LogicalOperator findScan(LogicalOperator op, int tableIndex) {
        if (op instanceof LogicalGet g) return g.tableIndex() == tableIndex ? g : null;
        if (op instanceof LogicalTableFunction t) return t.tableIndex() == tableIndex ? t : null;
        for (LogicalOperator c : op.children()) {
            LogicalOperator g = findScan(c, tableIndex);
            if (g != null) return g;
        }
        return null;
    }
}
