package io.tealdb.optimizer;

import io.tealdb.planner.LogicalPlans;

import io.tealdb.error.NotImplementedException;
import io.tealdb.planner.expression.BoundAggregate;
import io.tealdb.planner.expression.BoundCase;
import io.tealdb.planner.expression.BoundIsNull;
import io.tealdb.planner.expression.BoundCoalesce;
import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundComparison;
import io.tealdb.planner.expression.BoundConstant;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundNot;
import io.tealdb.planner.expression.BoundSubquery;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.planner.expression.SubqueryKind;
import io.tealdb.planner.logical.JoinCondition;
import io.tealdb.planner.logical.JoinType;
import io.tealdb.planner.logical.LogicalAggregate;
import io.tealdb.planner.logical.LogicalDependentJoin;
import io.tealdb.planner.logical.LogicalDistinct;
import io.tealdb.planner.logical.LogicalFilter;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.planner.logical.LogicalJoin;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.planner.logical.LogicalOrder;
import io.tealdb.planner.logical.LogicalProjection;
import io.tealdb.planner.logical.LogicalValues;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes every subquery expression from the plan, turning it into a join so that no subquery is
 * ever re-run per row:
 * <ul>
 * <li>{@code WHERE [NOT] EXISTS (...)} and {@code WHERE x IN (...)} at the top of a filter become
 * SEMI / ANTI joins;</li>
 * <li>other EXISTS / IN / ANY / ALL uses become MARK joins (a boolean column with SQL's NULL semantics;
 * {@code x op ALL (S)} is {@code NOT (x negate(op) ANY (S))});</li>
 * <li>scalar subqueries become SINGLE joins (a left join that fails on a second match).</li>
 * </ul>
 * Correlated subqueries are decorrelated by pulling the correlated predicates up out of the
 * subquery (through filters, projections, inner joins, sorts and DISTINCT; through an aggregate when
 * they are equalities, which become extra grouping keys) until they can serve as the join's
 * conditions — the classic unnesting of Kim (1982) and Neumann &amp; Kemper (2015) for the common,
 * equality-correlated case. Forms it cannot decorrelate fail with a NotImplementedException rather
 * than running per row.
 */
public final class SubqueryUnnesting implements OptimizerRule {
    private final boolean errorOnMultipleRows;
    private int nextTableIndex;

    public SubqueryUnnesting() {
        this(true);
    }

    /** @param errorOnMultipleRows false: a scalar subquery returning several rows yields one of them */
    public SubqueryUnnesting(boolean errorOnMultipleRows) {
        this.errorOnMultipleRows = errorOnMultipleRows;
    }

    @Override
    public String name() {
        return "subquery_unnesting";
    }

    @Override
    public LogicalOperator apply(LogicalOperator plan) {
        nextTableIndex = maxTableIndex(plan) + 1;
        return unnest(plan);
    }

    // ------------------------------------------------------------------ walking the plan

    private LogicalOperator unnest(LogicalOperator plan) {
        return LogicalPlans.transform(plan, this::rewriteOperator);
    }

    private LogicalOperator rewriteOperator(LogicalOperator op) {
        if (op instanceof LogicalDependentJoin dj) return rewriteDependentJoin(dj);
        if (!holdsSubquery(op)) return op;
        if (op.children().size() == 1) op = remapGroupedOuterReferences(op);
        if (op instanceof LogicalFilter f) return rewriteFilter(f);
        if (op instanceof LogicalJoin j) return rewriteJoinConditions(j);
        if (op instanceof LogicalValues v) return rewriteValues(v);
        if (op.children().size() != 1) {
            throw new NotImplementedException("subqueries in join conditions are not supported yet");
        }
        // Any other single-input operator: put the joins between it and its input and replace each
        // subquery by a reference to the join's output.
        LogicalOperator[] child = {op.children().get(0)};
        LogicalOperator rewritten = mapOwnExpressions(op, e -> replaceSubqueries(e, child));
        return LogicalPlans.withChildren(rewritten, List.of(child[0]));
    }

    private LogicalOperator rewriteFilter(LogicalFilter f) {
        LogicalOperator window = SubqueryAsWindow.rewrite(f, () -> nextTableIndex++,
                below -> below instanceof LogicalFilter lf && holdsSubquery(lf) ? rewriteFilter(lf) : below);
        if (window != null) return window;
        LogicalOperator[] child = {f.child()};
        List<BoundExpr> remaining = new ArrayList<>();
        for (BoundExpr cond : f.conditions()) {
            for (BoundExpr c : BoundExprs.conjuncts(cond)) {
                if (!containsSubquery(c)) {
                    remaining.add(c);
                    continue;
                }
                LogicalOperator semi = trySemiJoin(c, child[0]);
                if (semi != null) {
                    child[0] = semi;
                } else {
                    remaining.add(replaceSubqueries(c, child));
                }
            }
        }
        return remaining.isEmpty() ? child[0] : new LogicalFilter(remaining, child[0]);
    }

    /** A top-level filter conjunct EXISTS / NOT EXISTS / x IN (...) as a SEMI/ANTI join, or null. */
    private LogicalOperator trySemiJoin(BoundExpr c, LogicalOperator input) {
        boolean negated = false;
        if (c instanceof BoundNot n && n.child() instanceof BoundSubquery) {
            negated = true;
            c = n.child();
        }
        if (!(c instanceof BoundSubquery s)) return null;
        if (containsSubquery(s.left())) return null;
        return switch (s.kind()) {
            case EXISTS -> joinSubquery(input, s, negated ? JoinType.ANTI : JoinType.SEMI, null, false);
            case NOT_EXISTS -> joinSubquery(input, s, negated ? JoinType.SEMI : JoinType.ANTI, null, false);
            case ANY -> negated ? null : joinSubquery(input, s, JoinType.SEMI, null, true);
            default -> null;
        };
    }

    /** Replaces subqueries inside {@code e} (bottom-up) by references to joins stacked onto {@code input[0]}. */
    private BoundExpr replaceSubqueries(BoundExpr e, LogicalOperator[] input) {
        return BoundExprs.transform(e, x -> {
            if (!(x instanceof BoundSubquery s)) return x;
            return switch (s.kind()) {
                case SCALAR -> {
                    ScalarJoin sj = scalarJoin(input[0], s);
                    input[0] = sj.plan();
                    yield sj.value();
                }
                case EXISTS, NOT_EXISTS, ANY, ALL -> markSubquery(input, s);
            };
        });
    }

    /**
     * EXISTS / ANY / ALL as MARK joins onto {@code input[0]}; returns the boolean expression.
     * Only the uncorrelated {@code x IN (S)} with a hashable key relies on the hash join's IN NULL
     * semantics (a NULL anywhere in S counts, which is right without correlation). Everything else
     * uses "existence" marks (true iff some pair matches, never NULL): {@code x op ANY (S)} is TRUE if
     * some {@code x op s} is true, else NULL if some {@code x op s} is NULL, else FALSE — both checks
     * restricted to the outer row's correlated group.
     */
    private BoundExpr markSubquery(LogicalOperator[] input, BoundSubquery s) {
        Decorrelated d = decorrelate(s.plan(), input[0], s.kind());
        if (s.kind() == SubqueryKind.EXISTS || s.kind() == SubqueryKind.NOT_EXISTS) {
            int mark = nextTableIndex++;
            input[0] = existenceJoin(input[0], d, null, mark);
            BoundExpr ref = new BoundColumnRef(new ColumnBinding(mark, 0), LogicalType.BOOLEAN, "exists");
            return s.kind() == SubqueryKind.EXISTS ? ref : new BoundNot(ref);
        }
        ComparisonOp op = s.kind() == SubqueryKind.ALL ? s.op().negate() : s.op();
        BoundExpr cmp = new BoundComparison(op, s.left(), new BoundColumnRef(d.value(), d.valueType(), "subquery"));
        BoundExpr result;
        if (d.predicates().isEmpty() && op == ComparisonOp.EQ && FilterPushdown.asJoinCondition(cmp,
                new HashSet<>(input[0].bindings()), new HashSet<>(d.plan().bindings())) != null) {
            int mark = nextTableIndex++;
            input[0] = join(JoinType.MARK, input[0], d, cmp, mark);
            result = new BoundColumnRef(new ColumnBinding(mark, 0), LogicalType.BOOLEAN, "any");
        } else {
            int found = nextTableIndex++;
            input[0] = existenceJoin(input[0], d, cmp, found);
            int unknown = nextTableIndex++;
            input[0] = existenceJoin(input[0], d, new BoundIsNull(cmp, false), unknown);
            result = new BoundCase(
                    List.of(new BoundColumnRef(new ColumnBinding(found, 0), LogicalType.BOOLEAN, "any"),
                            new BoundColumnRef(new ColumnBinding(unknown, 0), LogicalType.BOOLEAN, "any_null")),
                    List.of(new BoundConstant(Value.ofBoolean(true)), new BoundConstant(Value.nullOf(LogicalType.BOOLEAN))),
                    new BoundConstant(Value.ofBoolean(false)), LogicalType.BOOLEAN);
        }
        return s.kind() == SubqueryKind.ALL ? new BoundNot(result) : result;
    }

    /** A MARK join whose mark is true iff some pair satisfies the predicates (no NULL marks). */
    private LogicalOperator existenceJoin(LogicalOperator input, Decorrelated d, BoundExpr extra, int mark) {
        Set<ColumnBinding> left = new HashSet<>(input.bindings());
        Set<ColumnBinding> right = new HashSet<>(d.plan().bindings());
        List<JoinCondition> conditions = new ArrayList<>();
        List<BoundExpr> residual = new ArrayList<>();
        for (BoundExpr p : d.predicates()) {
            JoinCondition jc = FilterPushdown.asJoinCondition(p, left, right);
            if (jc != null && jc.op() == ComparisonOp.NOT_DISTINCT_FROM) {
                conditions.add(jc);
            } else if (jc != null && jc.op() == ComparisonOp.EQ) {
                // hash on the key without '=''s NULL marks; the equality itself filters the candidates
                conditions.add(new JoinCondition(jc.left(), ComparisonOp.NOT_DISTINCT_FROM, jc.right()));
                residual.add(p);
            } else {
                residual.add(p);
            }
        }
        if (extra != null) residual.add(extra);
        return new LogicalJoin(JoinType.MARK, input, d.plan(), conditions, BoundExprs.and(residual), mark);
    }

    /**
     * Subqueries in a join's ON clause: conjuncts of an inner join become a filter above it; for
     * outer joins, conjuncts that only restrict the non-preserved side filter that input.
     */
    private LogicalOperator rewriteJoinConditions(LogicalJoin j) {
        List<BoundExpr> all = new ArrayList<>();
        for (JoinCondition c : j.conditions()) all.add(new BoundComparison(c.op(), c.left(), c.right()));
        if (j.residual() != null) all.addAll(BoundExprs.conjuncts(j.residual()));
        Set<ColumnBinding> leftSet = new HashSet<>(j.left().bindings());
        Set<ColumnBinding> rightSet = new HashSet<>(j.right().bindings());
        List<BoundExpr> keep = new ArrayList<>();
        List<BoundExpr> above = new ArrayList<>();
        List<BoundExpr> toLeft = new ArrayList<>();
        List<BoundExpr> toRight = new ArrayList<>();
        for (BoundExpr c : all) {
            if (!containsSubquery(c)) {
                keep.add(c);
            } else if (j.type() == JoinType.INNER) {
                above.add(c);
            } else if ((j.type() == JoinType.LEFT || j.type() == JoinType.SEMI || j.type() == JoinType.ANTI
                    || j.type() == JoinType.SINGLE) && localRefsWithin(c, rightSet)) {
                toRight.add(c);
            } else if (j.type() == JoinType.RIGHT && localRefsWithin(c, leftSet)) {
                toLeft.add(c);
            } else {
                throw new NotImplementedException("subqueries in " + j.type() + " join conditions are not supported yet");
            }
        }
        LogicalOperator left = toLeft.isEmpty() ? j.left() : rewriteFilter(new LogicalFilter(toLeft, j.left()));
        LogicalOperator right = toRight.isEmpty() ? j.right() : rewriteFilter(new LogicalFilter(toRight, j.right()));
        Set<ColumnBinding> l = new HashSet<>(left.bindings());
        Set<ColumnBinding> r = new HashSet<>(right.bindings());
        List<JoinCondition> conditions = new ArrayList<>();
        List<BoundExpr> residual = new ArrayList<>();
        for (BoundExpr c : keep) {
            JoinCondition jc = FilterPushdown.asJoinCondition(c, l, r);
            if (jc != null) conditions.add(jc);
            else residual.add(c);
        }
        LogicalOperator joined = new LogicalJoin(j.type(), left, right, conditions, BoundExprs.and(residual), j.markIndex());
        return above.isEmpty() ? joined : rewriteFilter(new LogicalFilter(above, joined));
    }

    /** True if every depth-0 column reference in {@code e}, including inside subquery plans (depth 1), is in {@code set}. */
    private static boolean localRefsWithin(BoundExpr e, Set<ColumnBinding> set) {
        boolean[] ok = {true};
        checkRefs(e, 0, set, ok);
        return ok[0];
    }

    private static void checkRefs(BoundExpr e, int level, Set<ColumnBinding> set, boolean[] ok) {
        BoundExprs.transform(e, x -> {
            if (x instanceof BoundColumnRef r && r.depth() == level && !set.contains(r.binding())) ok[0] = false;
            if (x instanceof BoundSubquery s) {
                walk(s.plan(), o -> LogicalPlans.forEachExpression(o, y -> checkRefs(y, level + 1, set, ok)));
            }
            return x;
        });
    }

    /**
     * VALUES rows holding subqueries: each row becomes a projection over the single empty row (where
     * subqueries are unnested as usual), and the rows are concatenated with UNION ALL.
     */
    private LogicalOperator rewriteValues(LogicalValues v) {
        LogicalOperator plan = null;
        int n = v.rows().size();
        for (int i = 0; i < n; i++) {
            LogicalOperator single = new LogicalValues(nextTableIndex++, List.of(), List.of(List.of()));
            int idx = n == 1 ? v.tableIndex() : nextTableIndex++;
            LogicalOperator row = rewriteOperator(new LogicalProjection(idx, v.rows().get(i), single));
            plan = plan == null ? row : new io.tealdb.planner.logical.LogicalSetOperation(i == n - 1 ? v.tableIndex() : nextTableIndex++,
                    io.tealdb.planner.logical.SetOperationKind.UNION, true, plan, row, v.types());
        }
        return plan;
    }

    /**
     * A subquery above an aggregate (HAVING, or the SELECT list of a grouped query) may name a
     * grouped column of the outer query by its pre-aggregation binding; the aggregate only outputs
     * the group key, so such references are redirected to the group binding.
     */
    private static LogicalOperator remapGroupedOuterReferences(LogicalOperator op) {
        LogicalOperator input = op.children().get(0);
        LogicalAggregate agg = null;
        for (LogicalOperator x = input; ; x = x.children().get(0)) {
            if (x instanceof LogicalAggregate a) {
                agg = a;
                break;
            }
            if (!(x instanceof LogicalFilter || x instanceof LogicalOrder || x instanceof io.tealdb.planner.logical.LogicalWindow)) break;
        }
        if (agg == null) return op;
        java.util.Map<ColumnBinding, ColumnBinding> map = new java.util.HashMap<>();
        Set<ColumnBinding> visible = new HashSet<>(input.bindings());
        for (int i = 0; i < agg.groups().size(); i++) {
            if (agg.groups().get(i) instanceof BoundColumnRef r && r.depth() == 0 && !visible.contains(r.binding())) {
                map.put(r.binding(), new ColumnBinding(agg.groupIndex(), i));
            }
        }
        if (map.isEmpty()) return op;
        return mapOwnExpressions(op, e -> remapRefs(e, map, 0));
    }

    private static BoundExpr remapRefs(BoundExpr e, java.util.Map<ColumnBinding, ColumnBinding> map, int level) {
        return BoundExprs.transform(e, x -> {
            if (x instanceof BoundColumnRef r && r.depth() == level && map.containsKey(r.binding())) {
                return new BoundColumnRef(map.get(r.binding()), r.type(), r.name(), r.depth());
            }
            if (x instanceof BoundSubquery s) {
                LogicalOperator plan = LogicalPlans.transform(s.plan(), o -> mapOwnExpressions(o, y -> remapRefs(y, map, level + 1)));
                return new BoundSubquery(s.kind(), plan, s.left(), s.op(), s.type());
            }
            return x;
        });
    }

    /** LATERAL: the right side is decorrelated against the left input, then joined normally. */
    private LogicalOperator rewriteDependentJoin(LogicalDependentJoin dj) {
        LogicalOperator right = shiftDepth(dj.right());
        List<BoundExpr> predicates = new ArrayList<>();
        DependentJoinPushdown.Result r = DependentJoinPushdown.decorrelate(right, dj.left(), () -> nextTableIndex++);
        if (r != null) {
            right = r.plan();
            predicates.addAll(r.predicates());
        }
        for (JoinCondition c : dj.conditions()) predicates.add(new BoundComparison(c.op(), c.left(), c.right()));
        if (dj.residual() != null) predicates.addAll(BoundExprs.conjuncts(dj.residual()));
        Set<ColumnBinding> left = new HashSet<>(dj.left().bindings());
        Set<ColumnBinding> rightSet = new HashSet<>(right.bindings());
        List<JoinCondition> conditions = new ArrayList<>();
        List<BoundExpr> residual = new ArrayList<>();
        for (BoundExpr p : predicates) {
            JoinCondition jc = FilterPushdown.asJoinCondition(p, left, rightSet);
            if (jc != null) conditions.add(jc);
            else residual.add(p);
        }
        return new LogicalJoin(dj.type(), dj.left(), right, conditions, BoundExprs.and(residual), dj.markIndex());
    }

    private record ScalarJoin(LogicalOperator plan, BoundExpr value) {
    }

    private ScalarJoin scalarJoin(LogicalOperator input, BoundSubquery s) {
        LogicalOperator plan = errorOnMultipleRows ? s.plan() : new io.tealdb.planner.logical.LogicalLimit(1, 0, s.plan());
        Decorrelated d = decorrelate(plan, input, s.kind());
        BoundExpr value = new BoundColumnRef(d.value(), s.type(), "subquery");
        if (d.countBugColumn()) {
            // A correlated count over no rows is 0, but the join finds no group and yields NULL.
            value = new BoundCoalesce(List.of(value, new BoundConstant(zeroOf(s.type()))), s.type());
        }
        return new ScalarJoin(join(JoinType.SINGLE, input, d, null, -1), value);
    }

    /**
     * Joins {@code input} with the subquery of {@code s}; for ANY adds {@code left op column0} as a
     * condition.
     */
    private LogicalOperator joinSubquery(LogicalOperator input, BoundSubquery s, JoinType type, Integer mark, boolean compare) {
        Decorrelated d = decorrelate(s.plan(), input, s.kind());
        BoundExpr comparison = null;
        if (compare) {
            comparison = new BoundComparison(s.op(), s.left(), new BoundColumnRef(d.value(), d.valueType(), "subquery"));
        }
        return join(type, input, d, comparison, mark == null ? -1 : mark);
    }

    private LogicalOperator join(JoinType type, LogicalOperator input, Decorrelated d, BoundExpr extra, int mark) {
        Set<ColumnBinding> left = new HashSet<>(input.bindings());
        Set<ColumnBinding> right = new HashSet<>(d.plan().bindings());
        List<BoundExpr> predicates = new ArrayList<>(d.predicates());
        if (extra != null) predicates.add(extra);
        List<JoinCondition> conditions = new ArrayList<>();
        List<BoundExpr> residual = new ArrayList<>();
        for (BoundExpr p : predicates) {
            JoinCondition jc = FilterPushdown.asJoinCondition(p, left, right);
            // Only equalities may drive a MARK join's hash lookup without changing NULL semantics of
            // the other comparisons; others are evaluated on candidate pairs.
            if (jc != null && (jc.op() == ComparisonOp.EQ || jc.op() == ComparisonOp.NOT_DISTINCT_FROM || type != JoinType.MARK)) {
                conditions.add(jc);
            } else {
                residual.add(p);
            }
        }
        return new LogicalJoin(type, input, d.plan(), conditions, BoundExprs.and(residual), mark);
    }

    // ------------------------------------------------------------------ decorrelation

    /**
     * A subquery plan free of outer references plus the predicates pulled out of it, which refer
     * to its output and to the outer input's columns.
     */
    private record Decorrelated(LogicalOperator plan, List<BoundExpr> predicates, boolean countBugColumn,
                                ColumnBinding value, LogicalType valueType) {
    }

    /**
     * Decorrelates a subquery against {@code outer}. Fast path: pull the correlated predicates up
     * (equality-correlated shapes such as TPC-H's). When that is impossible, or when it turned an
     * ungrouped aggregate into a grouped one whose empty-group value the join could not reproduce,
     * falls back to pushing a dependent join down (see {@link DependentJoinPushdown}).
     */
    private Decorrelated decorrelate(LogicalOperator subqueryPlan, LogicalOperator outer, SubqueryKind kind) {
        // Inner subqueries first; then references one level up become references into `outer`.
        LogicalOperator sub = shiftDepth(unnest(subqueryPlan));
        ColumnBinding value = sub.bindings().get(0);
        LogicalType valueType = sub.types().get(0);
        Pulled p;
        try {
            p = pullUp(sub);
        } catch (NotImplementedException e) {
            p = null;
        }
        if (p != null) {
            if (p.predicates().isEmpty() || !p.madeGrouped()) {
                return new Decorrelated(p.plan(), p.predicates(), false, value, valueType);
            }
            if (kind == SubqueryKind.SCALAR && firstOutputIsCount(p.plan())) {
                return new Decorrelated(p.plan(), p.predicates(), true, value, valueType);
            }
            if (kind == SubqueryKind.SCALAR && firstOutputNullOnEmpty(p.plan())) {
                return new Decorrelated(p.plan(), p.predicates(), false, value, valueType);
            }
        }
        DependentJoinPushdown.Result r = DependentJoinPushdown.decorrelate(sub, outer, () -> nextTableIndex++);
        if (r == null) {
            if (p == null) return new Decorrelated(sub, List.of(), false, value, valueType);
            return new Decorrelated(p.plan(), p.predicates(), false, value, valueType);
        }
        return new Decorrelated(r.plan(), r.predicates(), false, value, valueType);
    }

    /**
     * True if the subquery's first output is NULL whenever its (ungrouped) aggregate saw no rows:
     * a non-COUNT aggregate, possibly under casts, comparisons and arithmetic — so the NULL the
     * join produces for a missing group is the right answer.
     */
    private static boolean firstOutputNullOnEmpty(LogicalOperator plan) {
        LogicalOperator op = plan;
        BoundExpr e = null;
        while (true) {
            if (op instanceof LogicalProjection p) {
                if (e == null) {
                    e = p.expressions().get(0);
                } else {
                    java.util.Map<ColumnBinding, BoundExpr> m = new java.util.HashMap<>();
                    for (int i = 0; i < p.expressions().size(); i++) m.put(new ColumnBinding(p.tableIndex(), i), p.expressions().get(i));
                    e = BoundExprs.substitute(e, m);
                }
                op = p.child();
            } else if (op instanceof LogicalFilter || op instanceof LogicalOrder) {
                op = op.children().get(0);
            } else if (op instanceof LogicalAggregate a) {
                if (e == null) return false;
                return nullOnEmpty(e, a);
            } else {
                return false;
            }
        }
    }

    private static boolean nullOnEmpty(BoundExpr e, LogicalAggregate a) {
        return switch (e) {
            case BoundColumnRef r -> r.depth() == 0 && r.binding().tableIndex() == a.aggregateIndex()
                    && DependentJoinPushdown.emptyValue(a.aggregates().get(r.binding().columnIndex())) == null;
            case io.tealdb.planner.expression.BoundCast c -> nullOnEmpty(c.child(), a);
            case BoundComparison c -> c.op() != ComparisonOp.NOT_DISTINCT_FROM && c.op() != ComparisonOp.DISTINCT_FROM
                    && (nullOnEmpty(c.left(), a) || nullOnEmpty(c.right(), a));
            case io.tealdb.planner.expression.BoundFunction f -> STRICT_OPERATORS.contains(f.function().name())
                    && f.args().stream().anyMatch(x -> nullOnEmpty(x, a));
            default -> false;
        };
    }

    private static final Set<String> STRICT_OPERATORS = Set.of("+", "-", "*", "/", "//", "%", "add", "subtract",
            "multiply", "divide", "mod", "abs", "round");

    private record Pulled(LogicalOperator plan, List<BoundExpr> predicates, boolean madeGrouped) {
    }

    /** Pulls predicates that reference columns from outside {@code op} to above it. */
    private Pulled pullUp(LogicalOperator op) {
        if (!hasOuterReferences(op)) return new Pulled(op, List.of(), false);
        return switch (op) {
            case LogicalFilter f -> {
                Pulled c = pullUp(f.child());
                List<BoundExpr> keep = new ArrayList<>();
                List<BoundExpr> pulled = new ArrayList<>(c.predicates());
                Set<ColumnBinding> local = producedBindings(c.plan());
                for (BoundExpr cond : f.conditions()) {
                    for (BoundExpr x : BoundExprs.conjuncts(cond)) {
                        if (isCorrelated(x, local)) pulled.add(x);
                        else keep.add(x);
                    }
                }
                yield new Pulled(keep.isEmpty() ? c.plan() : new LogicalFilter(keep, c.plan()), pulled, c.madeGrouped());
            }
            case LogicalGet g -> {
                Set<ColumnBinding> local = producedBindings(g);
                List<BoundExpr> keep = new ArrayList<>();
                List<BoundExpr> pulled = new ArrayList<>();
                for (BoundExpr x : g.filters()) (isCorrelated(x, local) ? pulled : keep).add(x);
                yield new Pulled(new LogicalGet(g.tableIndex(), g.table(), g.columnIds(), keep), pulled, false);
            }
            case LogicalProjection p -> {
                Pulled c = pullUp(p.child());
                Set<ColumnBinding> childLocal = producedBindings(c.plan());
                for (BoundExpr e : p.expressions()) {
                    if (isCorrelated(e, childLocal)) {
                        throw new NotImplementedException("correlated expressions in a subquery's SELECT list are not supported yet");
                    }
                }
                // The pulled predicates need the child's columns above the projection: pass them through.
                List<BoundExpr> exprs = new ArrayList<>(p.expressions());
                List<BoundExpr> rewritten = new ArrayList<>();
                for (BoundExpr pred : c.predicates()) {
                    rewritten.add(BoundExprs.transform(pred, x -> {
                        if (x instanceof BoundColumnRef ref && ref.depth() == 0 && childLocal.contains(ref.binding())) {
                            int idx = indexOfRef(exprs, ref);
                            if (idx < 0) {
                                exprs.add(ref);
                                idx = exprs.size() - 1;
                            }
                            return new BoundColumnRef(new ColumnBinding(p.tableIndex(), idx), ref.type(), ref.name());
                        }
                        return x;
                    }));
                }
                yield new Pulled(new LogicalProjection(p.tableIndex(), exprs, c.plan()), rewritten, c.madeGrouped());
            }
            case LogicalAggregate a -> {
                if (a.groupingSets() != null) {
                    throw new NotImplementedException("correlated subqueries with GROUPING SETS are not supported yet");
                }
                Pulled c = pullUp(a.child());
                Set<ColumnBinding> childLocal = producedBindings(c.plan());
                for (BoundExpr g : a.groups()) {
                    if (isCorrelated(g, childLocal)) {
                        throw new NotImplementedException("correlated grouping keys are not supported by predicate pull-up");
                    }
                }
                for (BoundAggregate agg : a.aggregates()) {
                    if (isCorrelated(agg, childLocal)) {
                        throw new NotImplementedException("correlated aggregate arguments are not supported yet");
                    }
                }
                List<BoundExpr> groups = new ArrayList<>(a.groups());
                List<BoundExpr> rewritten = new ArrayList<>();
                for (BoundExpr pred : c.predicates()) {
                    // Only equalities inner = outer can be pulled through grouping: the inner side becomes a group key.
                    if (!(pred instanceof BoundComparison cmp) || cmp.op() != ComparisonOp.EQ) {
                        throw new NotImplementedException("correlated non-equality predicates below an aggregate are not supported yet");
                    }
                    BoundExpr inner;
                    BoundExpr outerSide;
                    if (!isCorrelated(cmp.left(), childLocal) && !isCorrelated(cmp.right(), Set.of())) {
                        throw new NotImplementedException("unsupported correlated predicate shape below an aggregate");
                    }
                    if (!isCorrelated(cmp.left(), childLocal)) {
                        inner = cmp.left();
                        outerSide = cmp.right();
                    } else if (!isCorrelated(cmp.right(), childLocal)) {
                        inner = cmp.right();
                        outerSide = cmp.left();
                    } else {
                        throw new NotImplementedException("unsupported correlated predicate shape below an aggregate");
                    }
                    if (!BoundExprs.referencedBindings(outerSide).isEmpty() && refersToAny(outerSide, childLocal)) {
                        throw new NotImplementedException("unsupported correlated predicate shape below an aggregate");
                    }
                    int idx = groups.indexOf(inner);
                    if (idx < 0) {
                        groups.add(inner);
                        idx = groups.size() - 1;
                    }
                    rewritten.add(new BoundComparison(ComparisonOp.EQ,
                            new BoundColumnRef(new ColumnBinding(a.groupIndex(), idx), inner.type(), "key"), outerSide));
                }
                boolean madeGrouped = c.madeGrouped() || (a.groups().isEmpty() && !groups.isEmpty());
                yield new Pulled(new LogicalAggregate(a.groupIndex(), a.aggregateIndex(), groups, a.aggregates(), c.plan()),
                        rewritten, madeGrouped);
            }
            case LogicalJoin j when j.type() == JoinType.INNER -> {
                Pulled l = pullUp(j.left());
                Pulled r = pullUp(j.right());
                List<BoundExpr> pulled = new ArrayList<>(l.predicates());
                pulled.addAll(r.predicates());
                Set<ColumnBinding> local = new HashSet<>(producedBindings(l.plan()));
                local.addAll(producedBindings(r.plan()));
                List<JoinCondition> conditions = new ArrayList<>();
                for (JoinCondition jc : j.conditions()) {
                    BoundExpr asExpr = new BoundComparison(jc.op(), jc.left(), jc.right());
                    if (isCorrelated(asExpr, local)) pulled.add(asExpr);
                    else conditions.add(jc);
                }
                List<BoundExpr> residual = new ArrayList<>();
                if (j.residual() != null) {
                    for (BoundExpr x : BoundExprs.conjuncts(j.residual())) (isCorrelated(x, local) ? pulled : residual).add(x);
                }
                yield new Pulled(new LogicalJoin(JoinType.INNER, l.plan(), r.plan(), conditions, BoundExprs.and(residual)),
                        pulled, l.madeGrouped() || r.madeGrouped());
            }
            case LogicalOrder o -> {
                Pulled c = pullUp(o.child());
                yield new Pulled(new LogicalOrder(o.orders(), c.plan()), c.predicates(), c.madeGrouped());
            }
            case LogicalDistinct d when d.onKeys().isEmpty() -> {
                Pulled c = pullUp(d.child());
                yield new Pulled(new LogicalDistinct(d.onKeys(), d.orders(), c.plan()), c.predicates(), c.madeGrouped());
            }
            default -> throw new NotImplementedException("correlated subquery with "
                    + op.getClass().getSimpleName().replace("Logical", "") + " is not supported yet");
        };
    }

    private static boolean refersToAny(BoundExpr e, Set<ColumnBinding> bindings) {
        for (ColumnBinding b : BoundExprs.referencedBindings(e)) if (bindings.contains(b)) return true;
        return false;
    }

    private static int indexOfRef(List<BoundExpr> exprs, BoundColumnRef ref) {
        for (int i = 0; i < exprs.size(); i++) {
            if (exprs.get(i) instanceof BoundColumnRef r && r.depth() == 0 && r.binding().equals(ref.binding())) return i;
        }
        return -1;
    }

    /** True if {@code e} references anything not produced locally (an outer column at any depth). */
    private static boolean isCorrelated(BoundExpr e, Set<ColumnBinding> local) {
        if (e instanceof BoundColumnRef ref) return ref.depth() > 0 || !local.contains(ref.binding());
        for (BoundExpr c : BoundExprs.children(e)) if (isCorrelated(c, local)) return true;
        return false;
    }

    private static boolean hasOuterReferences(LogicalOperator op) {
        Set<ColumnBinding> local = producedBindings(op);
        boolean[] found = {false};
        walk(op, o -> LogicalPlans.forEachExpression(o, e -> found[0] |= isCorrelated(e, local)));
        return found[0];
    }

    /** Every binding produced anywhere inside {@code op} (including below projections). */
    private static Set<ColumnBinding> producedBindings(LogicalOperator op) {
        Set<ColumnBinding> out = new HashSet<>();
        walk(op, o -> out.addAll(o.bindings()));
        // Scans expose only pruned column ids; their filters may use any column of the table.
        walk(op, o -> {
            if (o instanceof LogicalGet g) {
                for (int i = 0; i < g.table().columns().size(); i++) out.add(new ColumnBinding(g.tableIndex(), i));
                out.add(new ColumnBinding(g.tableIndex(), LogicalGet.ROW_ID));
            }
        });
        return out;
    }

    private static void walk(LogicalOperator op, java.util.function.Consumer<LogicalOperator> f) {
        f.accept(op);
        for (LogicalOperator c : op.children()) walk(c, f);
    }

    private static boolean firstOutputIsCount(LogicalOperator plan) {
        LogicalOperator op = plan;
        BoundExpr first = null;
        while (true) {
            if (op instanceof LogicalProjection p) {
                first = p.expressions().get(0);
                if (!(first instanceof BoundColumnRef)) return false;
                op = p.child();
            } else if (op instanceof LogicalFilter || op instanceof LogicalOrder) {
                op = op.children().get(0);
            } else if (op instanceof LogicalAggregate a) {
                ColumnBinding target = first instanceof BoundColumnRef r ? r.binding() : a.bindings().get(0);
                if (target.tableIndex() != a.aggregateIndex()) return false;
                String name = a.aggregates().get(target.columnIndex()).function().name().toLowerCase();
                return name.startsWith("count");
            } else {
                return false;
            }
        }
    }

    private static Value zeroOf(LogicalType type) {
        return switch (type.id()) {
            case INTEGER -> new Value(type, 0);
            case HUGEINT -> new Value(type, java.math.BigInteger.ZERO);
            default -> new Value(type, 0L);
        };
    }

    // ------------------------------------------------------------------ helpers

    /** Decrements the depth of outer references (depth &gt;= 1) in every expression of the plan. */
    private static LogicalOperator shiftDepth(LogicalOperator plan) {
        return LogicalPlans.transform(plan, op -> mapOwnExpressions(op, e -> BoundExprs.transform(e, x ->
                x instanceof BoundColumnRef r && r.depth() > 0
                        ? new BoundColumnRef(r.binding(), r.type(), r.name(), r.depth() - 1) : x)));
    }

    private static boolean holdsSubquery(LogicalOperator op) {
        boolean[] found = {false};
        LogicalPlans.forEachExpression(op, e -> found[0] |= containsSubquery(e));
        return found[0];
    }

    static boolean containsSubquery(BoundExpr e) {
        if (e == null) return false;
        if (e instanceof BoundSubquery) return true;
        for (BoundExpr c : BoundExprs.children(e)) if (containsSubquery(c)) return true;
        return false;
    }

    /** Rebuilds {@code op} with {@code f} applied to each expression it holds (not its children's). */
    static LogicalOperator mapOwnExpressions(LogicalOperator op, java.util.function.UnaryOperator<BoundExpr> f) {
        return LogicalPlans.mapOwnExpressions(op, f);
    }

    static int maxTableIndex(LogicalOperator plan) {
        int[] max = {0};
        walk(plan, op -> {
            for (ColumnBinding b : op.bindings()) max[0] = Math.max(max[0], b.tableIndex());
            if (op instanceof LogicalGet g) max[0] = Math.max(max[0], g.tableIndex());
            LogicalPlans.forEachExpression(op, e -> BoundExprs.transform(e, x -> {
                if (x instanceof BoundSubquery s) max[0] = Math.max(max[0], maxTableIndex(s.plan()));
                if (x instanceof BoundColumnRef r) max[0] = Math.max(max[0], r.binding().tableIndex());
                return x;
            }));
        });
        return max[0];
    }
}
