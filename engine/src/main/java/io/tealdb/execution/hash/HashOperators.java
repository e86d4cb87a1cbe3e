package io.tealdb.execution.hash;

import io.tealdb.error.InternalException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.execution.HashOperatorFactory;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.PhysicalPlanner;
import io.tealdb.execution.expression.ColumnRefs;
import io.tealdb.execution.expression.ExpressionCompiler;
import io.tealdb.execution.expression.PhysicalExpr;
import io.tealdb.execution.operator.UnionAllOperator;
import io.tealdb.planner.expression.BoundAggregate;
import io.tealdb.planner.expression.BoundComparison;
import io.tealdb.planner.expression.BoundConjunction;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.planner.logical.JoinCondition;
import io.tealdb.planner.logical.JoinType;
import io.tealdb.planner.logical.LogicalAggregate;
import io.tealdb.planner.logical.LogicalDistinct;
import io.tealdb.planner.logical.LogicalJoin;
import io.tealdb.planner.logical.LogicalSetOperation;
import io.tealdb.planner.logical.LogicalWindow;
import io.tealdb.planner.logical.SetOperationKind;
import io.tealdb.types.LogicalType;

import io.tealdb.function.AggregateFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans the hash-based operators; loaded by exec's {@link PhysicalPlanner} through
 * {@link HashOperatorFactory}. Every returned operator outputs exactly the logical operator's
 * bindings, in order.
 */
public final class HashOperators implements HashOperatorFactory {
    public HashOperators() {
    }

    @Override
    public PhysicalOperator planAggregate(LogicalAggregate op, PhysicalOperator child, PhysicalPlanner planner) {
        ExpressionCompiler compiler = new ExpressionCompiler(op.child().bindings());
        List<PhysicalExpr> groups = compiler.compileAll(op.groups());
        List<PhysicalExpr> inputs = new ArrayList<>();
        List<AggregateSpec> specs = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (PhysicalExpr g : groups) details.add("#" + g);
        for (BoundAggregate a : op.aggregates()) {
            AggregateFunction function = a.function();
            List<io.tealdb.planner.expression.BoundExpr> argExprs = new ArrayList<>(a.args());
            if (!a.orderBy().isEmpty()) {
                // ORDER BY inside the call: the wrapper sorts each group's rows before aggregating
                List<LogicalType> keyTypes = new ArrayList<>();
                boolean[] asc = new boolean[a.orderBy().size()];
                boolean[] nullsFirst = new boolean[asc.length];
                for (int i = 0; i < asc.length; i++) {
                    io.tealdb.planner.expression.BoundOrder o = a.orderBy().get(i);
                    keyTypes.add(o.expr().type());
                    asc[i] = o.ascending();
                    nullsFirst[i] = o.nullsFirst();
                    argExprs.add(o.expr());
                }
                function = new OrderedAggregate(a.function(), keyTypes, asc, nullsFirst);
            }
            int[] args = new int[argExprs.size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = inputs.size();
                inputs.add(compiler.compile(argExprs.get(i)));
            }
            int filter = -1;
            if (a.filter() != null) {
                filter = inputs.size();
                inputs.add(compiler.compile(a.filter()));
            }
            specs.add(new AggregateSpec(function, args, a.distinct(), filter));
            details.add(a.function().name() + (a.distinct() ? "(DISTINCT " : "(") + argsText(inputs, args) + ")");
        }
        String name = groups.isEmpty() && op.groupingSets() == null ? "UNGROUPED_AGGREGATE" : "HASH_GROUP_BY";
        return new PhysicalHashAggregate(name, op.types(), child, groups, inputs, specs, op.groupingSets(),
                groups.isEmpty() ? 1 : child.estimatedCardinality(), details);
    }

    private static String argsText(List<PhysicalExpr> inputs, int[] args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.length; i++) sb.append(i > 0 ? ", " : "").append(inputs.get(args[i]));
        return sb.toString();
    }

    /** DISTINCT over all columns of {@code child}: a group-by without aggregates. */
    static PhysicalOperator distinctAll(PhysicalOperator child) {
        List<PhysicalExpr> groups = new ArrayList<>();
        List<String> details = new ArrayList<>();
        List<LogicalType> types = child.types();
        for (int i = 0; i < types.size(); i++) {
            groups.add(new PhysicalExpr.ColumnRef(i, types.get(i), null));
            details.add("#" + i);
        }
        return new PhysicalHashAggregate("HASH_GROUP_BY", types, child, groups, List.of(), List.of(), null,
                child.estimatedCardinality(), details);
    }

    /**
     * A SEMI / ANTI join is planned as RIGHT_SEMI / RIGHT_ANTI (build on the left, outer side, probe
     * with the subquery side) when the right side is estimated at more than this many times the left:
     * building costs more per row than probing, and the build rows are scanned once more at the end.
     */
    static final double BUILD_LEFT_FACTOR = 2.0;

    @Override
    public PhysicalOperator planHashJoin(LogicalJoin op, PhysicalOperator left, PhysicalOperator right, PhysicalPlanner planner) {
        double leftRows = planner.estimatedRows(op.left());
        boolean buildLeft = buildsLeft(op, leftRows, planner.estimatedRows(op.right()));
        List<ColumnBinding> probeLayout = buildLeft ? op.right().bindings() : op.left().bindings();
        List<ColumnBinding> buildLayout = buildLeft ? op.left().bindings() : op.right().bindings();
        ExpressionCompiler pc = new ExpressionCompiler(probeLayout);
        ExpressionCompiler bc = new ExpressionCompiler(buildLayout);
        List<PhysicalExpr> probeKeys = new ArrayList<>();
        List<PhysicalExpr> buildKeys = new ArrayList<>();
        List<Boolean> nullsEqual = new ArrayList<>();
        List<BoundExpr> rest = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (JoinCondition c : op.conditions()) {
            boolean eq = c.op() == ComparisonOp.EQ || c.op() == ComparisonOp.NOT_DISTINCT_FROM;
            if (eq && c.left().type().physical() == c.right().type().physical()) {
                probeKeys.add(pc.compile(buildLeft ? c.right() : c.left()));
                buildKeys.add(bc.compile(buildLeft ? c.left() : c.right()));
                nullsEqual.add(c.op() == ComparisonOp.NOT_DISTINCT_FROM);
            } else {
                rest.add(new BoundComparison(c.op(), c.left(), c.right()));
            }
            details.add(probeKeysText(c));
        }
        if (probeKeys.isEmpty()) {
            throw new InternalException("hash join planned without an equality condition of matching types");
        }
        if (op.residual() != null) {
            rest.add(op.residual());
            details.add(op.residual().toString());
        }
        boolean outputsBuild = buildLeft || op.type().outputsRight();
        JoinResidual residual = null;
        int[] payload;
        if (rest.isEmpty()) {
            payload = outputsBuild ? JoinResidual.identity(buildLayout.size()) : new int[0];
        } else {
            BoundExpr r = rest.size() == 1 ? rest.get(0) : new BoundConjunction(true, rest);
            List<ColumnBinding> pairLayout = new ArrayList<>(probeLayout);
            pairLayout.addAll(buildLayout);
            PhysicalExpr predicate = ExpressionCompiler.compile(r, pairLayout);
            // store every build column when the join outputs them, else only what the residual reads
            payload = outputsBuild ? JoinResidual.identity(buildLayout.size())
                    : ColumnRefs.of(predicate).get(probeLayout.size(), pairLayout.size()).stream().toArray();
            residual = JoinResidual.compact(predicate, probeLayout.size(), buildLayout.size(), payload);
        }
        boolean[] ne = new boolean[nullsEqual.size()];
        for (int i = 0; i < ne.length; i++) ne[i] = nullsEqual.get(i);
        // The optimizer's estimates (not the children's physical ones, which for a chain of joins
        // only carry the largest input upwards): the build side's sizes its buffers, and a join
        // chain over a few hundred rows must not presize each level for the fact table's millions.
        double joinRows = planner.estimatedRows(op);
        long est = joinRows >= 0 ? (long) Math.ceil(joinRows) : Math.max(left.estimatedCardinality(), right.estimatedCardinality());
        double rightRows = planner.estimatedRows(op.right());
        String label = String.join(" AND ", details);
        if (buildLeft) {
            return JoinKeyRanges.attach(new PhysicalHashJoin(op.types(), op.type(), true, right, left, probeKeys, buildKeys,
                    ne, payload, residual, left.estimatedCardinality(), (long) Math.ceil(leftRows), details), label);
        }
        return JoinKeyRanges.attach(new PhysicalHashJoin(op.types(), op.type(), false, left, right, probeKeys, buildKeys,
                ne, payload, residual, est, rightRows >= 0 ? (long) Math.ceil(rightRows) : -1, details)
                .withUnusedOutputs(planner.unusedOutputs(op)), label);
    }

    /**
     * RIGHT_SEMI / RIGHT_ANTI: only for plain SEMI / ANTI joins (EXISTS, NOT EXISTS, IN), whose
     * result for an outer row depends only on whether some pair passes all conditions — symmetric
     * in the two sides. MARK joins (NOT IN and other IN / ANY uses) carry NULL semantics and a mark
     * per outer row, so they keep building on the right.
     */
    static boolean buildsLeft(LogicalJoin op, double leftRows, double rightRows) {
        if (op.type() != JoinType.SEMI && op.type() != JoinType.ANTI) return false;
        return leftRows >= 0 && rightRows > BUILD_LEFT_FACTOR * Math.max(1, leftRows);
    }

    private static String probeKeysText(JoinCondition c) {
        return c.left() + " " + c.op().sql + " " + c.right();
    }

    @Override
    public PhysicalOperator planDistinct(LogicalDistinct op, PhysicalOperator child, PhysicalPlanner planner) {
        if (op.onKeys().isEmpty()) {
            return distinctAll(child);
        }
        List<ColumnBinding> layout = op.child().bindings();
        ExpressionCompiler compiler = new ExpressionCompiler(layout);
        List<PhysicalExpr> keys = compiler.compileAll(op.onKeys());
        List<PhysicalExpr> orders = new ArrayList<>();
        boolean[] ascending = new boolean[op.orders().size()];
        boolean[] nullsFirst = new boolean[op.orders().size()];
        for (int i = 0; i < ascending.length; i++) {
            orders.add(compiler.compile(op.orders().get(i).expr()));
            ascending[i] = op.orders().get(i).ascending();
            nullsFirst[i] = op.orders().get(i).nullsFirst();
        }
        return new PhysicalDistinctOn(child, keys, orders, ascending, nullsFirst);
    }

    @Override
    public PhysicalOperator planSetOperation(LogicalSetOperation op, PhysicalOperator left, PhysicalOperator right,
                                             PhysicalPlanner planner) {
        List<LogicalType> types = op.types();
        if (op.kind() == SetOperationKind.UNION) {
            if (op.all()) throw new InternalException("UNION ALL is planned by the physical planner");
            return distinctAll(new UnionAllOperator(types, left, right));
        }
        if (op.all()) {
            return new PhysicalSetOperationAll(types, op.kind(), left, right);
        }
        // INTERSECT / EXCEPT: semi / anti join on all columns with NULLs equal, then DISTINCT
        List<PhysicalExpr> keys = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) keys.add(new PhysicalExpr.ColumnRef(i, types.get(i), null));
        boolean[] ne = new boolean[types.size()];
        java.util.Arrays.fill(ne, true);
        JoinType jt = op.kind() == SetOperationKind.INTERSECT ? JoinType.SEMI : JoinType.ANTI;
        PhysicalHashJoin join = new PhysicalHashJoin(types, jt, left, right, keys, keys, ne, null,
                left.estimatedCardinality(), List.of(op.kind().name()));
        return distinctAll(join);
    }

    @Override
    public PhysicalOperator planWindow(LogicalWindow op, PhysicalOperator child, PhysicalPlanner planner) {
        throw new NotImplementedException("window functions are not implemented yet");
    }
}
