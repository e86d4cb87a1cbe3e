package io.tealdb.optimizer;

import io.tealdb.planner.LogicalPlans;

import io.tealdb.error.NotImplementedException;
import io.tealdb.planner.expression.BoundAggregate;
import io.tealdb.planner.expression.BoundCoalesce;
import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundComparison;
import io.tealdb.planner.expression.BoundConstant;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundOrder;
import io.tealdb.planner.expression.BoundWindow;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.planner.expression.WindowFrame;
import io.tealdb.planner.logical.JoinCondition;
import io.tealdb.planner.logical.JoinType;
import io.tealdb.planner.logical.LogicalAggregate;
import io.tealdb.planner.logical.LogicalDistinct;
import io.tealdb.planner.logical.LogicalFilter;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.planner.logical.LogicalJoin;
import io.tealdb.planner.logical.LogicalLimit;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.planner.logical.LogicalOrder;
import io.tealdb.planner.logical.LogicalProjection;
import io.tealdb.planner.logical.LogicalSetOperation;
import io.tealdb.planner.logical.LogicalTopN;
import io.tealdb.planner.logical.LogicalValues;
import io.tealdb.planner.logical.LogicalWindow;
import io.tealdb.planner.logical.SetOperationKind;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * General decorrelation of a subquery (Neumann &amp; Kemper 2015, "Unnesting Arbitrary Queries"): the
 * dependent join between the outer input and the subquery is pushed down through the subquery's
 * operators. Every operator that depends on outer columns is evaluated once per distinct value of
 * those columns: the "domain" D = DISTINCT(correlated outer columns), which is cross-joined in where
 * the correlation starts, and carried up as extra columns (extra grouping keys, window partitions,
 * set-operation columns, join keys). The caller then joins the outer input to the result on
 * {@code outer.c IS NOT DISTINCT FROM D.c}.
 *
 * <p>This is the fallback for shapes the cheaper predicate pull-up of {@link SubqueryUnnesting}
 * cannot handle (correlated SELECT lists, non-equality correlation below aggregates, LIMIT, window,
 * set operations, LATERAL). The COUNT bug is handled where it arises: an ungrouped aggregate over a
 * correlated input is left-joined back to D so every outer value gets its row (COUNT gives 0).
 *
 * <p>The outer plan is used twice (as the outer input and under D); that subtree is shared, which is
 * fine because D's projection hides its bindings.
 */
final class DependentJoinPushdown {
    private final IntSupplier nextIndex;
    private final List<BoundColumnRef> correlated;
    private final Set<ColumnBinding> correlatedSet = new HashSet<>();
    private final LogicalOperator domainBase;
    private LogicalOperator root;

    /** A pushed-down plan: the original operator's bindings plus, per correlated column, the binding carrying it. */
    private record Pushed(LogicalOperator plan, Map<ColumnBinding, ColumnBinding> cmap) {
    }

    /** Result: the decorrelated plan and the join predicates (outer column IS NOT DISTINCT FROM D column). */
    record Result(LogicalOperator plan, List<BoundExpr> predicates) {
    }

    private DependentJoinPushdown(IntSupplier nextIndex, List<BoundColumnRef> correlated, LogicalOperator outer) {
        this.nextIndex = nextIndex;
        this.correlated = correlated;
        for (BoundColumnRef c : correlated) correlatedSet.add(c.binding());
        List<BoundExpr> cols = new ArrayList<>(correlated);
        int base = nextIndex.getAsInt();
        this.domainBase = new LogicalDistinct(List.of(), List.of(), new LogicalProjection(base, cols, outer));
    }

    /**
     * Decorrelates {@code sub} (whose outer references have depth 0 and name bindings of {@code outer}).
     * Returns null when {@code sub} references no column of {@code outer}.
     */
    static Result decorrelate(LogicalOperator sub, LogicalOperator outer, IntSupplier nextIndex) {
        Set<ColumnBinding> outerBindings = new HashSet<>(outer.bindings());
        Map<ColumnBinding, BoundColumnRef> found = new LinkedHashMap<>();
        walk(sub, op -> LogicalPlans.forEachExpression(op, e -> BoundExprs.transform(e, x -> {
            if (x instanceof BoundColumnRef r && r.depth() == 0 && outerBindings.contains(r.binding())) {
                found.putIfAbsent(r.binding(), new BoundColumnRef(r.binding(), r.type(), r.name()));
            }
            return x;
        })));
        if (found.isEmpty()) return null;
        DependentJoinPushdown p = new DependentJoinPushdown(nextIndex, new ArrayList<>(found.values()), outer);
        p.root = sub;
        Pushed pushed = p.push(sub);
        // The pushed plan still produces every binding of `sub` (plus the domain columns).
        List<BoundExpr> predicates = new ArrayList<>();
        for (BoundColumnRef c : p.correlated) {
            predicates.add(new BoundComparison(ComparisonOp.NOT_DISTINCT_FROM, c,
                    new BoundColumnRef(pushed.cmap().get(c.binding()), c.type(), c.name())));
        }
        return new Result(pushed.plan(), predicates);
    }

    // ------------------------------------------------------------------ the domain

    private Pushed domain() {
        int idx = nextIndex.getAsInt();
        List<BoundExpr> refs = new ArrayList<>();
        Map<ColumnBinding, ColumnBinding> cmap = new HashMap<>();
        List<ColumnBinding> base = domainBase.bindings();
        for (int i = 0; i < correlated.size(); i++) {
            BoundColumnRef c = correlated.get(i);
            refs.add(new BoundColumnRef(base.get(i), c.type(), c.name()));
            cmap.put(c.binding(), new ColumnBinding(idx, i));
        }
        return new Pushed(new LogicalProjection(idx, refs, domainBase), cmap);
    }

    private List<BoundExpr> domainRefs(Map<ColumnBinding, ColumnBinding> cmap) {
        List<BoundExpr> out = new ArrayList<>();
        for (BoundColumnRef c : correlated) out.add(new BoundColumnRef(cmap.get(c.binding()), c.type(), c.name()));
        return out;
    }

    private static BoundExpr rewrite(BoundExpr e, Map<ColumnBinding, ColumnBinding> cmap) {
        if (e == null) return null;
        return BoundExprs.transform(e, x -> x instanceof BoundColumnRef r && r.depth() == 0 && cmap.containsKey(r.binding())
                ? new BoundColumnRef(cmap.get(r.binding()), r.type(), r.name()) : x);
    }

    private static List<BoundExpr> rewriteAll(List<BoundExpr> es, Map<ColumnBinding, ColumnBinding> cmap) {
        List<BoundExpr> out = new ArrayList<>(es.size());
        for (BoundExpr e : es) out.add(rewrite(e, cmap));
        return out;
    }

    private static List<BoundOrder> rewriteOrders(List<BoundOrder> orders, Map<ColumnBinding, ColumnBinding> cmap) {
        return BoundExprs.mapOrders(orders, e -> rewrite(e, cmap));
    }

    private boolean dependent(BoundExpr e) {
        boolean[] found = {false};
        BoundExprs.transform(e, x -> {
            if (x instanceof BoundColumnRef r && r.depth() == 0 && correlatedSet.contains(r.binding())) found[0] = true;
            return x;
        });
        return found[0];
    }

    private boolean dependent(LogicalOperator op) {
        boolean[] found = {false};
        walk(op, o -> {
            // inside a correlated recursive CTE, its working table carries the domain columns
            if (o instanceof io.tealdb.planner.logical.LogicalCteRef ref && carryingCtes.contains(ref.cteIndex())) found[0] = true;
            LogicalPlans.forEachExpression(o, e -> BoundExprs.transform(e, x -> {
                if (x instanceof BoundColumnRef r && r.depth() == 0 && correlatedSet.contains(r.binding())) found[0] = true;
                return x;
            }));
        });
        return found[0];
    }

    /** Recursive CTEs being decorrelated: their working tables ({@code LogicalCteRef}s) carry the domain columns. */
    private final Set<Integer> carryingCtes = new HashSet<>();

    /**
     * A correlated recursive CTE: it is evaluated once per domain value by carrying the domain
     * columns through it. The anchor gets them from the domain; the recursive part gets them from
     * the working table, whose rows now end with them, so each round stays with its own outer value
     * (and UNION's duplicate elimination compares them too).
     */
    private Pushed pushRecursiveCte(io.tealdb.planner.logical.LogicalRecursiveCte cte) {
        Pushed anchor = push(cte.anchor());
        carryingCtes.add(cte.cteIndex());
        Pushed recursive;
        try {
            recursive = push(cte.recursive());
        } finally {
            carryingCtes.remove(cte.cteIndex());
        }
        List<LogicalType> types = new ArrayList<>(cte.types());
        for (BoundColumnRef c : correlated) types.add(c.type());
        return new Pushed(new io.tealdb.planner.logical.LogicalRecursiveCte(cte.tableIndex(), cte.cteIndex(), cte.all(),
                withDomain(cte.anchor(), anchor), withDomain(cte.recursive(), recursive), types),
                mapTo(cte.tableIndex(), cte.types().size()));
    }

    // ------------------------------------------------------------------ pushing the dependent join down

    private Pushed push(LogicalOperator op) {
        if (!dependent(op)) {
            Pushed d = domain();
            return new Pushed(new LogicalJoin(JoinType.INNER, op, d.plan(), List.of(), null), d.cmap());
        }
        return switch (op) {
            case LogicalFilter f -> {
                Pushed c = push(f.child());
                yield new Pushed(new LogicalFilter(rewriteAll(f.conditions(), c.cmap()), c.plan()), c.cmap());
            }
            case LogicalGet g -> {
                List<BoundExpr> keep = new ArrayList<>();
                List<BoundExpr> dep = new ArrayList<>();
                for (BoundExpr x : g.filters()) (dependent(x) ? dep : keep).add(x);
                Pushed c = push(new LogicalGet(g.tableIndex(), g.table(), g.columnIds(), keep));
                yield new Pushed(new LogicalFilter(rewriteAll(dep, c.cmap()), c.plan()), c.cmap());
            }
            case LogicalProjection p -> {
                Pushed c = push(p.child());
                List<BoundExpr> exprs = rewriteAll(p.expressions(), c.cmap());
                yield new Pushed(new LogicalProjection(p.tableIndex(), append(exprs, domainRefs(c.cmap())), c.plan()),
                        mapTo(p.tableIndex(), p.expressions().size()));
            }
            case LogicalAggregate a -> pushAggregate(a);
            case LogicalWindow w -> {
                Pushed c = push(w.child());
                List<BoundWindow> windows = new ArrayList<>();
                for (BoundWindow x : w.windows()) {
                    BoundWindow r = (BoundWindow) rewrite(x, c.cmap());
                    windows.add(new BoundWindow(r.name(), r.aggregate(), r.args(), append(r.partitions(), domainRefs(c.cmap())),
                            r.orders(), r.frame(), r.ignoreNulls(), r.distinct(), r.filter(), r.type(), r.argOrders()));
                }
                yield new Pushed(new LogicalWindow(w.tableIndex(), windows, c.plan()), c.cmap());
            }
            case io.tealdb.planner.logical.LogicalUnnest u -> {
                // the unnest repeats its input columns, the correlated domain columns included
                Pushed c = push(u.child());
                yield new Pushed(new io.tealdb.planner.logical.LogicalUnnest(u.tableIndex(), rewriteAll(u.lists(), c.cmap()), c.plan()), c.cmap());
            }
            case LogicalOrder o -> {
                Pushed c = push(o.child());
                yield new Pushed(new LogicalOrder(rewriteOrders(o.orders(), c.cmap()), c.plan()), c.cmap());
            }
            case LogicalDistinct d -> {
                Pushed c = push(d.child());
                List<BoundExpr> keys = d.onKeys().isEmpty() ? List.of() : append(rewriteAll(d.onKeys(), c.cmap()), domainRefs(c.cmap()));
                yield new Pushed(new LogicalDistinct(keys, rewriteOrders(d.orders(), c.cmap()), c.plan()), c.cmap());
            }
            case LogicalLimit l -> {
                if (l.child() instanceof LogicalOrder o) {
                    yield limitPerGroup(push(o.child()), o.orders(), l.limit(), l.offset());
                }
                yield limitPerGroup(push(l.child()), List.of(), l.limit(), l.offset());
            }
            case io.tealdb.planner.logical.LogicalSample l -> throw new NotImplementedException(
                    "USING SAMPLE / TABLESAMPLE inside a correlated subquery is not supported yet", l.sample().pos());
            case io.tealdb.planner.logical.LogicalPositionalJoin p -> throw new NotImplementedException(
                    "POSITIONAL JOIN inside a correlated subquery is not supported yet");
            case LogicalTopN t -> limitPerGroup(push(t.child()), t.orders(), t.limit(), t.offset());
            case LogicalSetOperation s -> {
                Pushed l = push(s.left());
                Pushed r = push(s.right());
                List<LogicalType> types = new ArrayList<>(s.types());
                for (BoundColumnRef c : correlated) types.add(c.type());
                yield new Pushed(new LogicalSetOperation(s.tableIndex(), s.kind(), s.all(), withDomain(s.left(), l),
                        withDomain(s.right(), r), types), mapTo(s.tableIndex(), s.types().size()));
            }
            case LogicalValues v -> {
                LogicalOperator plan = null;
                for (int i = 0; i < v.rows().size(); i++) {
                    Pushed d = domain();
                    int idx = v.rows().size() == 1 ? v.tableIndex() : nextIndex.getAsInt();
                    LogicalOperator row = new LogicalProjection(idx, append(rewriteAll(v.rows().get(i), d.cmap()),
                            domainRefs(d.cmap())), d.plan());
                    if (plan == null) {
                        plan = row;
                    } else {
                        List<LogicalType> types = new ArrayList<>(v.types());
                        for (BoundColumnRef c : correlated) types.add(c.type());
                        int out = i == v.rows().size() - 1 ? v.tableIndex() : nextIndex.getAsInt();
                        plan = new LogicalSetOperation(out, SetOperationKind.UNION, true, plan, row, types);
                    }
                }
                yield new Pushed(plan, mapTo(v.tableIndex(), v.types().size()));
            }
            case LogicalJoin j -> pushJoin(j);
            case io.tealdb.planner.logical.LogicalRecursiveCte cte -> pushRecursiveCte(cte);
            case io.tealdb.planner.logical.LogicalCteRef ref when carryingCtes.contains(ref.cteIndex()) -> {
                List<LogicalType> types = new ArrayList<>(ref.types());
                for (BoundColumnRef c : correlated) types.add(c.type());
                yield new Pushed(new io.tealdb.planner.logical.LogicalCteRef(ref.tableIndex(), ref.cteIndex(), types),
                        mapTo(ref.tableIndex(), ref.types().size()));
            }
            default -> throw new NotImplementedException("correlated subquery with "
                    + op.getClass().getSimpleName().replace("Logical", "") + " is not supported yet");
        };
    }

    private Map<ColumnBinding, ColumnBinding> mapTo(int tableIndex, int offset) {
        Map<ColumnBinding, ColumnBinding> m = new HashMap<>();
        for (int i = 0; i < correlated.size(); i++) m.put(correlated.get(i).binding(), new ColumnBinding(tableIndex, offset + i));
        return m;
    }

    private static List<BoundExpr> append(List<BoundExpr> a, List<BoundExpr> b) {
        List<BoundExpr> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** A set-operation input: its original columns, then the domain columns. */
    private LogicalOperator withDomain(LogicalOperator original, Pushed p) {
        List<BoundExpr> exprs = new ArrayList<>();
        List<ColumnBinding> b = original.bindings();
        List<LogicalType> t = original.types();
        for (int i = 0; i < b.size(); i++) exprs.add(new BoundColumnRef(b.get(i), t.get(i), "c" + i));
        exprs.addAll(domainRefs(p.cmap()));
        return new LogicalProjection(nextIndex.getAsInt(), exprs, p.plan());
    }

    private Pushed pushAggregate(LogicalAggregate a) {
        if (a.groupingSets() != null) return pushGroupingSets(a);
        Pushed c = push(a.child());
        List<BoundAggregate> aggs = new ArrayList<>();
        for (BoundAggregate x : a.aggregates()) aggs.add((BoundAggregate) rewrite(x, c.cmap()));
        List<BoundExpr> groups = append(rewriteAll(a.groups(), c.cmap()), domainRefs(c.cmap()));
        if (!a.groups().isEmpty()) {
            return new Pushed(new LogicalAggregate(a.groupIndex(), a.aggregateIndex(), groups, aggs, c.plan()),
                    mapTo(a.groupIndex(), a.groups().size()));
        }
        // Ungrouped: one row per domain value even when its group is empty (the COUNT bug).
        int g2 = nextIndex.getAsInt();
        int a2 = nextIndex.getAsInt();
        LogicalAggregate grouped = new LogicalAggregate(g2, a2, groups, aggs, c.plan());
        Pushed d = domain();
        List<JoinCondition> conditions = new ArrayList<>();
        for (int i = 0; i < correlated.size(); i++) {
            BoundColumnRef col = correlated.get(i);
            conditions.add(new JoinCondition(new BoundColumnRef(d.cmap().get(col.binding()), col.type(), col.name()),
                    ComparisonOp.NOT_DISTINCT_FROM, new BoundColumnRef(new ColumnBinding(g2, i), col.type(), col.name())));
        }
        LogicalJoin join = new LogicalJoin(JoinType.LEFT, d.plan(), grouped, conditions, null);
        List<BoundExpr> exprs = new ArrayList<>();
        for (int j = 0; j < aggs.size(); j++) {
            BoundAggregate x = aggs.get(j);
            BoundExpr ref = new BoundColumnRef(new ColumnBinding(a2, j), x.type(), "agg" + j);
            Value empty = emptyValue(x);
            exprs.add(empty == null ? ref : new BoundCoalesce(List.of(ref, new BoundConstant(empty)), x.type()));
        }
        exprs.addAll(domainRefs(d.cmap()));
        return new Pushed(new LogicalProjection(a.aggregateIndex(), exprs, join), mapTo(a.aggregateIndex(), aggs.size()));
    }

    /**
     * GROUPING SETS: the domain columns join every set. An empty set {@code ()} must still yield its
     * row for a domain value without input rows, so then the input is left-joined to the domain
     * (a row_number column tells real rows from the NULL-extended one; aggregates skip the latter)
     * and the rows the NULL-extended row produces for non-empty sets are filtered out again.
     */
    private Pushed pushGroupingSets(LogicalAggregate a) {
        ColumnBinding groupingId = new ColumnBinding(a.groupingIndex(), 0);
        boolean[] usesGrouping = {false};
        walk(root, o -> LogicalPlans.forEachExpression(o, e -> BoundExprs.transform(e, x -> {
            if (x instanceof BoundColumnRef r && r.binding().equals(groupingId) && o != a) usesGrouping[0] = true;
            return x;
        })));
        if (usesGrouping[0]) throw new NotImplementedException("GROUPING() in correlated subqueries is not supported yet");
        int ng = a.groups().size();
        int nd = correlated.size();
        boolean hasEmpty = a.groupingSets().stream().anyMatch(List::isEmpty);
        Pushed c = push(a.child());
        LogicalOperator input = c.plan();
        Map<ColumnBinding, ColumnBinding> inner = c.cmap();
        Map<ColumnBinding, ColumnBinding> domainCols = c.cmap();
        BoundExpr realRow = null;
        if (hasEmpty) {
            int w = nextIndex.getAsInt();
            WindowFrame frame = new WindowFrame(WindowFrame.Mode.ROWS, null, true, null, false, WindowFrame.Exclude.NO_OTHERS);
            LogicalWindow numbered = new LogicalWindow(w, List.of(new BoundWindow("row_number", null, List.of(), List.of(),
                    List.of(), frame, false, false, null, LogicalType.BIGINT)), input);
            Pushed d = domain();
            List<JoinCondition> conditions = new ArrayList<>();
            for (BoundColumnRef col : correlated) {
                conditions.add(new JoinCondition(new BoundColumnRef(d.cmap().get(col.binding()), col.type(), col.name()),
                        ComparisonOp.NOT_DISTINCT_FROM, new BoundColumnRef(inner.get(col.binding()), col.type(), col.name())));
            }
            input = new LogicalJoin(JoinType.LEFT, d.plan(), numbered, conditions, null);
            domainCols = d.cmap();
            realRow = new io.tealdb.planner.expression.BoundIsNull(new BoundColumnRef(new ColumnBinding(w, 0), LogicalType.BIGINT, "rn"), true);
        }
        List<BoundAggregate> aggs = new ArrayList<>();
        for (BoundAggregate x : a.aggregates()) {
            BoundAggregate r = (BoundAggregate) rewrite(x, inner);
            if (realRow != null) {
                BoundExpr filter = r.filter() == null ? realRow : new io.tealdb.planner.expression.BoundConjunction(true, List.of(r.filter(), realRow));
                r = new BoundAggregate(r.function(), r.args(), r.distinct(), filter, r.orderBy());
            }
            aggs.add(r);
        }
        List<BoundExpr> groups = append(rewriteAll(a.groups(), inner), domainRefs(domainCols));
        if (realRow != null) groups.add(realRow);
        List<List<Integer>> sets = new ArrayList<>();
        for (List<Integer> set : a.groupingSets()) {
            List<Integer> x = new ArrayList<>(set);
            for (int i = 0; i < nd; i++) x.add(ng + i);
            if (realRow != null) x.add(ng + nd);
            sets.add(x);
        }
        LogicalOperator plan = new LogicalAggregate(a.groupIndex(), a.aggregateIndex(), groups, aggs, sets, a.groupingIndex(), input);
        if (realRow != null) {
            // keep real groups, and the empty set's row (all original keys rolled up) of every domain value
            long emptySetId = ((1L << ng) - 1) << (nd + 1);
            BoundExpr real = new BoundColumnRef(new ColumnBinding(a.groupIndex(), ng + nd), LogicalType.BOOLEAN, "real");
            BoundExpr emptySet = new BoundComparison(ComparisonOp.EQ, new BoundColumnRef(groupingId, LogicalType.BIGINT, "grouping_id"),
                    new BoundConstant(Value.ofBigint(emptySetId)));
            plan = new LogicalFilter(List.of(new io.tealdb.planner.expression.BoundConjunction(false, List.of(real, emptySet))), plan);
        }
        return new Pushed(plan, mapTo(a.groupIndex(), ng));
    }

    /** The value of an aggregate over no rows when it is not NULL (COUNT: 0). */
    static Value emptyValue(BoundAggregate a) {
        String name = a.function().name().toLowerCase(java.util.Locale.ROOT);
        if (!name.equals("count") && !name.equals("count_star")) return null;
        return switch (a.type().id()) {
            case INTEGER -> new Value(a.type(), 0);
            case HUGEINT -> new Value(a.type(), java.math.BigInteger.ZERO);
            default -> new Value(a.type(), 0L);
        };
    }

    /** LIMIT/OFFSET per domain value: row_number() partitioned by the domain columns. */
    private Pushed limitPerGroup(Pushed c, List<BoundOrder> orders, long limit, long offset) {
        int w = nextIndex.getAsInt();
        WindowFrame frame = new WindowFrame(WindowFrame.Mode.ROWS, null, true, null, false, WindowFrame.Exclude.NO_OTHERS);
        BoundWindow rn = new BoundWindow("row_number", null, List.of(), domainRefs(c.cmap()), rewriteOrders(orders, c.cmap()),
                frame, false, false, null, LogicalType.BIGINT);
        LogicalWindow window = new LogicalWindow(w, List.of(rn), c.plan());
        BoundExpr rowNumber = new BoundColumnRef(new ColumnBinding(w, 0), LogicalType.BIGINT, "row_number");
        List<BoundExpr> conds = new ArrayList<>();
        if (offset > 0) conds.add(new BoundComparison(ComparisonOp.GT, rowNumber, new BoundConstant(Value.ofBigint(offset))));
        if (limit >= 0) conds.add(new BoundComparison(ComparisonOp.LE, rowNumber, new BoundConstant(Value.ofBigint(limit > Long.MAX_VALUE - offset ? Long.MAX_VALUE : offset + limit))));
        LogicalOperator plan = conds.isEmpty() ? window : new LogicalFilter(conds, window);
        if (!orders.isEmpty()) plan = new LogicalOrder(rewriteOrders(orders, c.cmap()), plan);
        return new Pushed(plan, c.cmap());
    }

    private Pushed pushJoin(LogicalJoin j) {
        boolean ld = dependent(j.left());
        boolean rd = dependent(j.right());
        JoinType t = j.type();
        Pushed l;
        Pushed r;
        LogicalOperator left = j.left();
        LogicalOperator right = j.right();
        Map<ColumnBinding, ColumnBinding> cmap;
        List<BoundExpr> predicates = new ArrayList<>();
        for (JoinCondition c : j.conditions()) predicates.add(new BoundComparison(c.op(), c.left(), c.right()));
        if (j.residual() != null) predicates.addAll(BoundExprs.conjuncts(j.residual()));
        boolean both;
        switch (t) {
            case INNER -> both = ld && rd;
            case LEFT, SEMI, ANTI, MARK, SINGLE -> both = rd;
            case RIGHT -> both = ld;
            default -> throw new NotImplementedException("correlated subquery with a " + t + " join is not supported yet");
        }
        if (both) {
            l = push(left);
            r = push(right);
            left = l.plan();
            right = r.plan();
            cmap = t == JoinType.RIGHT ? r.cmap() : l.cmap();
            for (BoundColumnRef c : correlated) {
                predicates.add(new BoundComparison(ComparisonOp.NOT_DISTINCT_FROM,
                        new BoundColumnRef(l.cmap().get(c.binding()), c.type(), c.name()),
                        new BoundColumnRef(r.cmap().get(c.binding()), c.type(), c.name())));
            }
        } else if (t == JoinType.RIGHT || (t == JoinType.INNER && rd)) {
            r = push(right);
            right = r.plan();
            cmap = r.cmap();
        } else {
            l = push(left);
            left = l.plan();
            cmap = l.cmap();
        }
        Set<ColumnBinding> lb = new HashSet<>(left.bindings());
        Set<ColumnBinding> rb = new HashSet<>(right.bindings());
        List<JoinCondition> conditions = new ArrayList<>();
        List<BoundExpr> residual = new ArrayList<>();
        for (BoundExpr p : predicates) {
            BoundExpr x = rewrite(p, cmap);
            JoinCondition jc = FilterPushdown.asJoinCondition(x, lb, rb);
            if (jc != null && (t != JoinType.MARK || jc.op() == ComparisonOp.NOT_DISTINCT_FROM)) conditions.add(jc);
            else residual.add(x);
        }
        return new Pushed(new LogicalJoin(t, left, right, conditions, BoundExprs.and(residual), j.markIndex()), cmap);
    }

    private static void walk(LogicalOperator op, java.util.function.Consumer<LogicalOperator> f) {
        f.accept(op);
        for (LogicalOperator c : op.children()) walk(c, f);
    }
}
