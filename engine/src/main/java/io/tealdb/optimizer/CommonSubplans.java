package io.tealdb.optimizer;

import io.tealdb.planner.LogicalPlans;
import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundSubquery;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.logical.JoinCondition;
import io.tealdb.planner.logical.LogicalAggregate;
import io.tealdb.planner.logical.LogicalCteRef;
import io.tealdb.planner.logical.LogicalFilter;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.planner.logical.LogicalJoin;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.planner.logical.LogicalProjection;
import io.tealdb.planner.logical.LogicalRecursiveCte;
import io.tealdb.planner.logical.LogicalSetOperation;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A subplan written twice in one statement is computed once: TPC-H Q11 compares each part's
 * {@code sum(ps_supplycost * ps_availqty)} over {@code partsupp ⋈ supplier ⋈ nation} with a scalar
 * subquery summing the same join, and TPC-DS Q65 aggregates {@code store_sales ⋈ date_dim} per store
 * and item in two derived tables. Each occurrence becomes a reference to one materialized CTE
 * ({@link LogicalCteRef}), which {@link CteMaterialization} then optimizes once and shares (DuckDB's
 * plans show the same as a {@code __common_subplan} CTE).
 *
 * <p>Two subplans are the same when they are equal operator by operator with the table indexes
 * defined inside them renamed (the binder gives each occurrence its own): same tables and columns,
 * same expressions ({@link io.tealdb.planner.BoundExprs#same}, which refuses volatile functions and
 * subqueries). Only scans, filters, projections, aggregates and joins take part, the subplan must be
 * worth sharing ({@link LogicalPlans#materializable}: it joins or aggregates and reads nothing of an
 * enclosing query), and a cross product inside it must sit under one of its filters (a bare cross
 * product whose conditions lie above it would be materialized whole). Larger subplans are matched
 * first, so the shared part is as large as possible; nothing below a UNION takes part (see
 * {@link #collect}). The shared definition outputs only the columns
 * some occurrence's consumers read, unless an occurrence's columns are consumed by position (a set
 * operation, a subquery's or the statement's result).
 */
final class CommonSubplans {
    private final Map<LogicalOperator, Boolean> positional = new IdentityHashMap<>();
    private final List<LogicalOperator> candidates = new ArrayList<>();
    private final Map<LogicalOperator, Integer> sizes = new IdentityHashMap<>();
    private final Set<LogicalOperator> covered = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<LogicalOperator, LogicalOperator> replacements = new IdentityHashMap<>();
    private final Map<ColumnBinding, ColumnBinding> renamed = new HashMap<>();
    private int nextIndex;

    private CommonSubplans() {
    }

    static LogicalOperator apply(LogicalOperator plan) {
        CommonSubplans c = new CommonSubplans();
        c.collect(plan, true, false);
        if (c.candidates.size() < 2) return plan;
        List<List<LogicalOperator>> classes = c.classes();
        if (classes.isEmpty()) return plan;
        c.nextIndex = Math.max(SubqueryUnnesting.maxTableIndex(plan), maxCteIndex(plan)) + 1;
        Set<ColumnBinding> read = new HashSet<>();
        c.readOutside(plan, read);
        for (List<LogicalOperator> occurrences : classes) c.share(occurrences, read);
        return c.rewrite(plan);
    }

    // ---- finding the candidates ----

    /**
     * Walks the statement and its subquery plans (not CTE definitions), noting candidate subplans.
     * Nothing below a set operation is a candidate: filters pushed through a UNION make each copy of
     * a branch its own (TPC-DS Q04/Q11/Q74 inline a tagged UNION ALL CTE six times; each reference's
     * channel and year filters prune it to one branch and one year, and its join partners reduce its
     * groups), which one shared computation would lose.
     */
    private int collect(LogicalOperator op, boolean consumedByPosition, boolean belowSetOperation) {
        positional.put(op, consumedByPosition);
        for (BoundExpr e : LogicalPlans.expressions(op)) {
            io.tealdb.planner.BoundExprs.visit(e, n -> {
                if (n instanceof BoundSubquery s) collect(s.plan(), true, belowSetOperation);
            });
        }
        int size = 1;
        boolean resets = op instanceof LogicalProjection || op instanceof LogicalAggregate;
        boolean setOperation = op instanceof LogicalSetOperation;
        for (LogicalOperator child : op.children()) {
            size += collect(child, setOperation || (!resets && consumedByPosition), belowSetOperation || setOperation);
        }
        sizes.put(op, size);
        if (!belowSetOperation && shareable(op) && LogicalPlans.materializable(op, false) && crossProductsFiltered(op, false)) {
            candidates.add(op);
        }
        return size;
    }

    /** Only scans, filters, projections, aggregates (without grouping sets) and joins, nothing volatile. */
    private static boolean shareable(LogicalOperator op) {
        boolean kind = switch (op) {
            case LogicalGet g -> true;
            case LogicalFilter f -> true;
            case LogicalProjection p -> true;
            case LogicalAggregate a -> a.groupingSets() == null;
            case LogicalJoin j -> true;
            default -> false;
        };
        if (!kind) return false;
        for (BoundExpr e : LogicalPlans.expressions(op)) if (BoundExprs.hasSideEffectsOrVolatile(e)) return false;
        for (LogicalOperator child : op.children()) if (!shareable(child)) return false;
        return true;
    }

    private static boolean crossProductsFiltered(LogicalOperator op, boolean filtered) {
        if (op instanceof LogicalJoin j) {
            if (!filtered && j.conditions().isEmpty() && j.residual() == null) return false;
            return crossProductsFiltered(j.left(), filtered) && crossProductsFiltered(j.right(), filtered);
        }
        boolean below = op instanceof LogicalFilter;
        for (LogicalOperator child : op.children()) if (!crossProductsFiltered(child, below)) return false;
        return true;
    }

    /** Groups of at least two equal candidates, larger subplans first, none inside another chosen one. */
    private List<List<LogicalOperator>> classes() {
        Map<String, List<LogicalOperator>> byShape = new LinkedHashMap<>();
        for (LogicalOperator op : candidates) byShape.computeIfAbsent(shape(op), k -> new ArrayList<>()).add(op);
        List<List<LogicalOperator>> groups = new ArrayList<>();
        for (List<LogicalOperator> g : byShape.values()) if (g.size() > 1) groups.add(g);
        groups.sort((a, b) -> Integer.compare(sizes.get(b.get(0)), sizes.get(a.get(0))));
        List<List<LogicalOperator>> out = new ArrayList<>();
        for (List<LogicalOperator> group : groups) {
            List<LogicalOperator> left = new ArrayList<>();
            for (LogicalOperator op : group) if (!covered.contains(op)) left.add(op);
            while (left.size() > 1) {
                LogicalOperator first = left.remove(0);
                List<LogicalOperator> same = new ArrayList<>(List.of(first));
                for (int i = 0; i < left.size(); i++) {
                    if (same(first, left.get(i), new HashMap<>())) same.add(left.remove(i--));
                }
                if (same.size() < 2) continue;
                for (LogicalOperator op : same) cover(op);
                out.add(same);
            }
        }
        return out;
    }

    private void cover(LogicalOperator op) {
        covered.add(op);
        for (LogicalOperator child : op.children()) cover(child);
    }

    /** A cheap key equal for equal subplans: operator kinds, tables and list sizes. */
    private static String shape(LogicalOperator op) {
        StringBuilder sb = new StringBuilder();
        shape(op, sb);
        return sb.toString();
    }

    private static void shape(LogicalOperator op, StringBuilder sb) {
        sb.append(op.getClass().getSimpleName()).append('(');
        switch (op) {
            case LogicalGet g -> sb.append(g.table().name()).append(g.columnIds()).append(g.filters().size());
            case LogicalFilter f -> sb.append(f.conditions().size());
            case LogicalProjection p -> sb.append(p.expressions().size());
            case LogicalAggregate a -> sb.append(a.groups().size()).append(',').append(a.aggregates().size());
            case LogicalJoin j -> sb.append(j.type()).append(j.conditions().size());
            default -> {
            }
        }
        for (LogicalOperator child : op.children()) shape(child, sb.append(' '));
        sb.append(')');
    }

    /**
     * Whether {@code a} equals {@code b} once the table indexes {@code a} defines are renamed to
     * {@code b}'s; {@code map} collects that renaming (children first, as expressions read them).
     */
    private static boolean same(LogicalOperator a, LogicalOperator b, Map<Integer, Integer> map) {
        if (a.getClass() != b.getClass() || a.children().size() != b.children().size()) return false;
        for (int i = 0; i < a.children().size(); i++) if (!same(a.children().get(i), b.children().get(i), map)) return false;
        return switch (a) {
            case LogicalGet x -> {
                LogicalGet y = (LogicalGet) b;
                map.put(x.tableIndex(), y.tableIndex());
                yield x.table().equals(y.table()) && x.columnIds().equals(y.columnIds()) && sameAll(x.filters(), y.filters(), map);
            }
            case LogicalFilter x -> sameAll(x.conditions(), ((LogicalFilter) b).conditions(), map);
            case LogicalProjection x -> {
                LogicalProjection y = (LogicalProjection) b;
                boolean ok = sameAll(x.expressions(), y.expressions(), map);
                map.put(x.tableIndex(), y.tableIndex());
                yield ok;
            }
            case LogicalAggregate x -> {
                LogicalAggregate y = (LogicalAggregate) b;
                boolean ok = y.groupingSets() == null && sameAll(x.groups(), y.groups(), map)
                        && sameAll(x.aggregates(), y.aggregates(), map);
                map.put(x.groupIndex(), y.groupIndex());
                map.put(x.aggregateIndex(), y.aggregateIndex());
                yield ok;
            }
            case LogicalJoin x -> {
                LogicalJoin y = (LogicalJoin) b;
                if (x.type() != y.type() || x.conditions().size() != y.conditions().size()
                        || (x.residual() == null) != (y.residual() == null)) {
                    yield false;
                }
                for (int i = 0; i < x.conditions().size(); i++) {
                    JoinCondition c = x.conditions().get(i), d = y.conditions().get(i);
                    if (c.op() != d.op() || !same(c.left(), d.left(), map) || !same(c.right(), d.right(), map)) yield false;
                }
                if (x.residual() != null && !same(x.residual(), y.residual(), map)) yield false;
                if (x.type() == io.tealdb.planner.logical.JoinType.MARK) map.put(x.markIndex(), y.markIndex());
                yield true;
            }
            default -> false;
        };
    }

    private static boolean sameAll(List<? extends BoundExpr> a, List<? extends BoundExpr> b, Map<Integer, Integer> map) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!same(a.get(i), b.get(i), map)) return false;
        return true;
    }

    private static boolean same(BoundExpr a, BoundExpr b, Map<Integer, Integer> map) {
        BoundExpr renamedA = io.tealdb.planner.BoundExprs.rewrite(a, n -> {
            if (!(n instanceof BoundColumnRef r)) return null;
            Integer t = map.get(r.binding().tableIndex());
            return t == null ? r : new BoundColumnRef(new ColumnBinding(t, r.binding().columnIndex()), r.type(), r.name(), r.depth());
        });
        return io.tealdb.planner.BoundExprs.same(renamedA, b);
    }

    // ---- sharing ----

    /** Column bindings read anywhere in the statement outside the chosen occurrences. */
    private void readOutside(LogicalOperator op, Set<ColumnBinding> out) {
        if (covered.contains(op)) return;
        for (BoundExpr e : LogicalPlans.expressions(op)) {
            io.tealdb.planner.BoundExprs.visit(e, n -> {
                if (n instanceof BoundColumnRef r) out.add(r.binding());
                if (n instanceof BoundSubquery s) readOutside(s.plan(), out);
            });
        }
        for (LogicalOperator child : op.children()) readOutside(child, out);
    }

    /** Makes the occurrences references of one CTE whose definition is the first of them. */
    private void share(List<LogicalOperator> occurrences, Set<ColumnBinding> read) {
        LogicalOperator definition = occurrences.get(0);
        List<ColumnBinding> defBindings = definition.bindings();
        List<LogicalType> defTypes = definition.types();
        List<Integer> columns = new ArrayList<>();
        boolean all = false;
        for (LogicalOperator op : occurrences) all |= positional.get(op);
        for (int k = 0; k < defBindings.size(); k++) {
            boolean used = all;
            for (LogicalOperator op : occurrences) used |= read.contains(op.bindings().get(k));
            if (used) columns.add(k);
        }
        if (columns.isEmpty()) columns.add(0);
        List<BoundExpr> outputs = new ArrayList<>();
        List<LogicalType> types = new ArrayList<>();
        for (int k : columns) {
            outputs.add(new BoundColumnRef(defBindings.get(k), defTypes.get(k), "#" + k, 0));
            types.add(defTypes.get(k));
        }
        LogicalOperator shared = new LogicalProjection(nextIndex++, outputs, definition);
        int cte = nextIndex++;
        for (LogicalOperator op : occurrences) {
            int tableIndex = nextIndex++;
            replacements.put(op, new LogicalCteRef(tableIndex, cte, types, shared));
            List<ColumnBinding> b = op.bindings();
            for (int j = 0; j < columns.size(); j++) renamed.put(b.get(columns.get(j)), new ColumnBinding(tableIndex, j));
        }
    }

    /** The statement with the occurrences replaced and every reference to their columns renamed. */
    private LogicalOperator rewrite(LogicalOperator plan) {
        LogicalOperator r = replacements.get(plan);
        if (r != null) return r;
        return LogicalPlans.mapOwnExpressions(LogicalPlans.mapChildren(plan, this::rewrite), this::rewrite);
    }

    private BoundExpr rewrite(BoundExpr e) {
        return io.tealdb.planner.BoundExprs.rewrite(e, n -> {
            if (n instanceof BoundColumnRef r) {
                ColumnBinding to = renamed.get(r.binding());
                return to == null ? r : new BoundColumnRef(to, r.type(), r.name(), r.depth());
            }
            if (n instanceof BoundSubquery s) {
                return new BoundSubquery(s.kind(), rewrite(s.plan()), s.left() == null ? null : rewrite(s.left()), s.op(), s.type());
            }
            return null;
        });
    }

    /** The largest CTE index in the statement, its subqueries and its CTE definitions. */
    private static int maxCteIndex(LogicalOperator op) {
        int max = switch (op) {
            case LogicalCteRef r -> Math.max(r.cteIndex(), r.definition() == null ? 0 : maxCteIndex(r.definition()));
            case LogicalRecursiveCte r -> r.cteIndex();
            default -> 0;
        };
        int[] m = {max};
        for (BoundExpr e : LogicalPlans.expressions(op)) {
            io.tealdb.planner.BoundExprs.visit(e, n -> {
                if (n instanceof BoundSubquery s) m[0] = Math.max(m[0], maxCteIndex(s.plan()));
            });
        }
        for (LogicalOperator child : op.children()) m[0] = Math.max(m[0], maxCteIndex(child));
        return m[0];
    }
}
