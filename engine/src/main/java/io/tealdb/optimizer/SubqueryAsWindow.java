package io.tealdb.optimizer;

import io.tealdb.planner.LogicalPlans;
import io.tealdb.planner.expression.BoundAggregate;
import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundComparison;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundSubquery;
import io.tealdb.planner.expression.BoundWindow;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.planner.expression.SubqueryKind;
import io.tealdb.planner.expression.WindowFrame;
import io.tealdb.planner.logical.JoinType;
import io.tealdb.planner.logical.LogicalAggregate;
import io.tealdb.planner.logical.LogicalFilter;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.planner.logical.LogicalJoin;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.planner.logical.LogicalProjection;
import io.tealdb.planner.logical.LogicalWindow;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.UnaryOperator;

/**
 * A scalar subquery that aggregates over the query's own join becomes a window aggregate over that
 * join. TPC-H Q2 filters {@code part ⋈ partsupp ⋈ supplier ⋈ nation ⋈ region} by
 * {@code ps_supplycost = (SELECT min(ps_supplycost) FROM partsupp, supplier, nation, region WHERE
 * p_partkey = ps_partkey AND <the query's own conditions on those tables>)}: the subquery's rows for
 * an outer row are exactly the query's joined rows with the same {@code p_partkey}, so
 * {@code min(ps_supplycost) OVER (PARTITION BY p_partkey)} over the query's join answers it, and
 * partsupp is scanned and joined once instead of twice (DuckDB reaches the same plan by reusing its
 * delim join's input). Q17 ({@code avg(l_quantity)} per part) and TPC-DS Q32/Q92 have the shape too.
 *
 * <p>Why it is exact. Let the query's tables be M (those the subquery also reads, each table once on
 * both sides) and U (the others), its conjuncts C_M (on M only), C_X (on M and U) and C_U (on U
 * only). The rewrite requires the subquery's conjuncts, with its tables renamed to the query's and
 * its correlated references made local, to be exactly C_M and C_X, and partitions by the U columns
 * that C_X reads (P). For an outer row (u, m), the subquery aggregates {m' : C_M(m') ∧ C_X(u, m')}.
 * The window partition of that row holds every joined row (u', m') with P(u') = P(u); C_X sees u' only
 * through P, so each such m' is in the subquery's set, and every m' of that set occurs paired with u
 * itself. Each m' occurs equally often (once per u' of the partition), so MIN, MAX and AVG see the
 * same values as the subquery; SUM and COUNT would not and are left to the general unnesting. The
 * set is never empty (it holds m), and NULL partition keys group together exactly as their C_X
 * values agree. Partition keys must compare equal only when identical (integers, dates, decimals,
 * VARCHAR without collation), since C_X may read them through any expression.
 */
final class SubqueryAsWindow {
    private static final Set<String> FUNCTIONS = Set.of("min", "max", "avg");

    private SubqueryAsWindow() {
    }

    /**
     * The filter with one scalar-subquery conjunct answered by a window, or null when none has the
     * shape. {@code lower} finishes the filter that then sits under the window (it keeps the other
     * conjuncts, which may hold further subqueries).
     */
    static LogicalOperator rewrite(LogicalFilter f, IntSupplier nextTableIndex, UnaryOperator<LogicalOperator> lower) {
        List<LogicalGet> outerGets = new ArrayList<>();
        if (!crossProductOf(f.child(), outerGets)) return null;
        List<BoundExpr> conjuncts = new ArrayList<>();
        for (BoundExpr c : f.conditions()) conjuncts.addAll(BoundExprs.conjuncts(c));
        for (int i = 0; i < conjuncts.size(); i++) {
            if (!(conjuncts.get(i) instanceof BoundComparison cmp)) continue;
            boolean subqueryRight = cmp.right() instanceof BoundSubquery;
            BoundExpr other = subqueryRight ? cmp.left() : cmp.right();
            if (!((subqueryRight ? cmp.right() : cmp.left()) instanceof BoundSubquery s) || s.kind() != SubqueryKind.SCALAR
                    || SubqueryUnnesting.containsSubquery(other)) {
                continue;
            }
            List<BoundExpr> rest = new ArrayList<>(conjuncts);
            rest.remove(i);
            Match m = match(s.plan(), outerGets, rest, new HashSet<>(f.child().bindings()));
            if (m == null) continue;
            int windowIndex = nextTableIndex.getAsInt();
            List<BoundWindow> windows = new ArrayList<>();
            Map<ColumnBinding, BoundExpr> results = new HashMap<>();
            WindowFrame whole = new WindowFrame(WindowFrame.Mode.ROWS, null, true, null, false, WindowFrame.Exclude.NO_OTHERS);
            for (int j = 0; j < m.aggregate().aggregates().size(); j++) {
                BoundAggregate a = m.aggregate().aggregates().get(j);
                windows.add(new BoundWindow(null, a.function(), BoundExprs.map(a.args(), m.rename()), m.partitions(), List.of(),
                        whole, false, a.distinct(), null, a.type()));
                results.put(new ColumnBinding(m.aggregate().aggregateIndex(), j),
                        new BoundColumnRef(new ColumnBinding(windowIndex, j), a.type(), a.function().name()));
            }
            BoundExpr value = BoundExprs.substitute(m.value(), results);
            BoundExpr replaced = subqueryRight ? new BoundComparison(cmp.op(), other, value) : new BoundComparison(cmp.op(), value, other);
            LogicalOperator below = rest.isEmpty() ? f.child() : lower.apply(new LogicalFilter(rest, f.child()));
            return new LogicalFilter(List.of(replaced), new LogicalWindow(windowIndex, windows, below));
        }
        return null;
    }

    /** The subquery's aggregate, its result expression and how its columns map onto the query's. */
    private record Match(LogicalAggregate aggregate, BoundExpr value, UnaryOperator<BoundExpr> rename,
                         List<BoundExpr> partitions) {
    }

    private static Match match(LogicalOperator plan, List<LogicalGet> outerGets, List<BoundExpr> outerConjuncts,
                               Set<ColumnBinding> outerBindings) {
        if (!(plan instanceof LogicalProjection p) || p.expressions().size() != 1
                || !(p.child() instanceof LogicalAggregate a) || !a.groups().isEmpty() || a.groupingSets() != null) {
            return null;
        }
        BoundExpr value = p.expressions().get(0);
        if (!localRefsOnly(value, bindingsOf(a)) || BoundExprs.hasSideEffectsOrVolatile(value)) return null;
        for (BoundAggregate agg : a.aggregates()) {
            if (!FUNCTIONS.contains(agg.function().name()) || agg.filter() != null || !agg.orderBy().isEmpty()) return null;
        }
        LogicalOperator input = a.child();
        List<BoundExpr> subConjuncts = new ArrayList<>();
        if (input instanceof LogicalFilter sf) {
            for (BoundExpr c : sf.conditions()) subConjuncts.addAll(BoundExprs.conjuncts(c));
            input = sf.child();
        }
        List<LogicalGet> subGets = new ArrayList<>();
        if (!crossProductOf(input, subGets)) return null;
        // each table of the subquery is one table of the query, both read once
        Map<Integer, Integer> tableMap = new HashMap<>();
        for (LogicalGet g : subGets) {
            LogicalGet target = null;
            for (LogicalGet o : outerGets) {
                if (!o.table().equals(g.table())) continue;
                if (target != null) return null;
                target = o;
            }
            if (target == null) return null;
            for (LogicalGet other : subGets) if (other != g && other.table().equals(g.table())) return null;
            tableMap.put(g.tableIndex(), target.tableIndex());
        }
        Set<Integer> mapped = new HashSet<>(tableMap.values());
        boolean[] ok = {true};
        UnaryOperator<BoundExpr> rename = e -> BoundExprs.transform(e, x -> {
            if (x instanceof BoundSubquery) ok[0] = false;
            if (!(x instanceof BoundColumnRef r)) return x;
            if (r.depth() == 1 && outerBindings.contains(r.binding())) return new BoundColumnRef(r.binding(), r.type(), r.name(), 0);
            Integer t = tableMap.get(r.binding().tableIndex());
            if (r.depth() != 0 || t == null) {
                ok[0] = false;
                return x;
            }
            ColumnBinding b = new ColumnBinding(t, r.binding().columnIndex());
            if (!outerBindings.contains(b)) ok[0] = false;
            return new BoundColumnRef(b, r.type(), r.name(), 0);
        });
        Set<BoundExpr> subOwn = new HashSet<>();
        Set<BoundExpr> subCorrelated = new HashSet<>();
        for (BoundExpr c : subConjuncts) {
            if (BoundExprs.hasSideEffectsOrVolatile(c)) return null;
            BoundExpr r = rename.apply(c);
            Set<ColumnBinding> refs = BoundExprs.referencedBindings(r);
            if (refs.isEmpty()) return null;
            (tablesOf(refs).stream().allMatch(mapped::contains) ? subOwn : subCorrelated).add(canonical(r));
        }
        for (BoundAggregate agg : a.aggregates()) {
            for (BoundExpr arg : agg.args()) {
                if (!tablesOf(BoundExprs.referencedBindings(rename.apply(arg))).stream().allMatch(mapped::contains)) return null;
            }
        }
        if (!ok[0]) return null;
        Set<BoundExpr> outerOwn = new HashSet<>();
        Set<BoundExpr> outerCorrelated = new HashSet<>();
        Set<ColumnBinding> partitionKeys = new LinkedHashSet<>();
        for (BoundExpr c : outerConjuncts) {
            Set<ColumnBinding> refs = BoundExprs.referencedBindings(c);
            Set<Integer> tables = tablesOf(refs);
            if (tables.stream().noneMatch(mapped::contains)) continue;
            if (SubqueryUnnesting.containsSubquery(c) || BoundExprs.hasSideEffectsOrVolatile(c)) return null;
            if (tables.stream().allMatch(mapped::contains)) {
                outerOwn.add(canonical(c));
            } else {
                outerCorrelated.add(canonical(c));
                for (ColumnBinding b : refs) if (!mapped.contains(b.tableIndex())) partitionKeys.add(b);
            }
        }
        if (!outerOwn.equals(subOwn) || !outerCorrelated.equals(subCorrelated) || partitionKeys.isEmpty()) return null;
        Map<ColumnBinding, BoundColumnRef> refsByBinding = new HashMap<>();
        for (BoundExpr c : outerConjuncts) collectRefs(c, refsByBinding);
        List<BoundExpr> partitions = new ArrayList<>();
        for (ColumnBinding b : partitionKeys) {
            BoundColumnRef r = refsByBinding.get(b);
            if (r == null || !identityEquality(r.type())) return null;
            partitions.add(r);
        }
        return new Match(a, value, rename, partitions);
    }

    /** Leaves of a tree of inner joins without conditions ({@code FROM a, b, c}), all plain table scans. */
    private static boolean crossProductOf(LogicalOperator op, List<LogicalGet> out) {
        if (op instanceof LogicalGet g) {
            out.add(g);
            return g.filters().isEmpty();
        }
        return op instanceof LogicalJoin j && j.type() == JoinType.INNER && j.conditions().isEmpty() && j.residual() == null
                && crossProductOf(j.left(), out) && crossProductOf(j.right(), out);
    }

    /** Types whose values are grouped together by a window partition only when they are identical. */
    private static boolean identityEquality(LogicalType t) {
        if (t.isInteger()) return true;
        return switch (t.id()) {
            case DATE, DECIMAL, BOOLEAN -> true;
            case VARCHAR -> t.collation() == null;
            default -> false;
        };
    }

    private static Set<ColumnBinding> bindingsOf(LogicalOperator op) {
        return new HashSet<>(op.bindings());
    }

    /** True if every column reference of {@code e} is local (depth 0) and in {@code allowed}. */
    private static boolean localRefsOnly(BoundExpr e, Set<ColumnBinding> allowed) {
        boolean[] ok = {true};
        BoundExprs.transform(e, x -> {
            if (x instanceof BoundSubquery) ok[0] = false;
            if (x instanceof BoundColumnRef r && (r.depth() != 0 || !allowed.contains(r.binding()))) ok[0] = false;
            return x;
        });
        return ok[0];
    }

    private static Set<Integer> tablesOf(Set<ColumnBinding> refs) {
        Set<Integer> out = new HashSet<>();
        for (ColumnBinding b : refs) out.add(b.tableIndex());
        return out;
    }

    private static void collectRefs(BoundExpr e, Map<ColumnBinding, BoundColumnRef> out) {
        BoundExprs.transform(e, x -> {
            if (x instanceof BoundColumnRef r && r.depth() == 0) out.putIfAbsent(r.binding(), r);
            return x;
        });
    }

    /**
     * The conjunct in a form where the query's and the subquery's spelling of the same condition
     * compare equal: column names dropped (aliases differ), equalities with their sides in a fixed order.
     */
    private static BoundExpr canonical(BoundExpr e) {
        return BoundExprs.transform(e, x -> {
            if (x instanceof BoundColumnRef r) return new BoundColumnRef(r.binding(), r.type(), "", r.depth());
            if (x instanceof BoundComparison c && (c.op() == ComparisonOp.EQ || c.op() == ComparisonOp.NE)
                    && c.left().toString().compareTo(c.right().toString()) > 0) {
                return new BoundComparison(c.op(), c.right(), c.left());
            }
            return x;
        });
    }
}
