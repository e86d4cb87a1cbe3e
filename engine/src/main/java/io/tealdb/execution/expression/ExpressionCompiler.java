package io.tealdb.execution.expression;

import io.tealdb.error.InternalException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.planner.expression.BoundAggregate;
import io.tealdb.planner.expression.BoundCase;
import io.tealdb.planner.expression.BoundCast;
import io.tealdb.planner.expression.BoundCoalesce;
import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundComparison;
import io.tealdb.planner.expression.BoundConjunction;
import io.tealdb.planner.expression.BoundConstant;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundFunction;
import io.tealdb.planner.expression.BoundInList;
import io.tealdb.planner.expression.BoundIsNull;
import io.tealdb.planner.expression.BoundNot;
import io.tealdb.planner.expression.BoundParameter;
import io.tealdb.planner.expression.BoundSubquery;
import io.tealdb.planner.expression.BoundWindow;
import io.tealdb.planner.expression.ColumnBinding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns bound expressions into {@link PhysicalExpr}s by resolving every {@link ColumnBinding} to its
 * position in the input chunk ({@code layout} = the input operator's bindings, in chunk order).
 */
public final class ExpressionCompiler {
    private final Map<ColumnBinding, Integer> positions;

    public ExpressionCompiler(List<ColumnBinding> layout) {
        positions = new HashMap<>();
        for (int i = 0; i < layout.size(); i++) positions.putIfAbsent(layout.get(i), i);
    }

    public static PhysicalExpr compile(BoundExpr e, List<ColumnBinding> layout) {
        return new ExpressionCompiler(layout).compile(e);
    }

    public List<PhysicalExpr> compileAll(List<? extends BoundExpr> exprs) {
        List<PhysicalExpr> out = new ArrayList<>(exprs.size());
        for (BoundExpr e : exprs) out.add(compile(e));
        return out;
    }

    /**
     * A lambda function with its body compiled over the body's own columns (parameters, then the
     * captured outer columns the function receives as extra arguments). Evaluators hold per-call
     * state, so each kernel call builds its own: kernels are shared by the worker threads.
     */
    private static io.tealdb.function.ScalarFunction withLambda(io.tealdb.function.ScalarFunction f, io.tealdb.function.LambdaKernel lk) {
        List<ColumnBinding> layout = new ArrayList<>();
        for (int i = 0; i < lk.bodyInputTypes().size(); i++) layout.add(new ColumnBinding(lk.bodyTableIndex(), i));
        PhysicalExpr body = new ExpressionCompiler(layout).compile((BoundExpr) lk.body());
        io.tealdb.function.LambdaBody evaluate = (columns, count) ->
                new ExpressionExecutor(null, body).execute(0, new io.tealdb.vector.DataChunk(columns, count));
        return new io.tealdb.function.ScalarFunction(f.name(), f.argumentTypes(), f.returnType(), lk.withBody(evaluate), f.deterministic());
    }

    public PhysicalExpr compile(BoundExpr e) {
        return switch (e) {
            case BoundColumnRef c -> {
                if (c.depth() != 0) {
                    throw new InternalException("correlated column " + c.name() + " reached execution (subquery not unnested)");
                }
                Integer pos = positions.get(c.binding());
                if (pos == null) {
                    throw new InternalException("column " + c.name() + " " + c.binding() + " not found in input " + positions.keySet());
                }
                yield new PhysicalExpr.ColumnRef(pos, c.type(), c.name());
            }
            case BoundConstant k -> new PhysicalExpr.Constant(k.value());
            case BoundParameter p -> new PhysicalExpr.Parameter(p.index(), p.type());
            case BoundFunction f -> ConstantFolding.fold(new PhysicalExpr.Function(
                    f.function().kernel() instanceof io.tealdb.function.LambdaKernel lk ? withLambda(f.function(), lk) : f.function(),
                    compileAll(f.args())));
            case BoundCast c -> c.child().type().equals(c.type()) ? compile(c.child())
                    : ConstantFolding.fold(new PhysicalExpr.Cast(compile(c.child()), c.type(), c.tryCast()));
            case BoundComparison c -> new PhysicalExpr.Comparison(c.op(), compile(c.left()), compile(c.right()));
            case BoundConjunction c -> c.children().size() == 1 ? compile(c.children().get(0))
                    : new PhysicalExpr.Conjunction(c.and(), compileAll(c.children()));
            case BoundNot n -> new PhysicalExpr.Not(compile(n.child()));
            case BoundIsNull n -> new PhysicalExpr.IsNull(compile(n.child()), n.negated());
            case BoundCase c -> new PhysicalExpr.Case(compileAll(c.conditions()), compileAll(c.results()),
                    c.elseResult() == null ? new PhysicalExpr.Constant(io.tealdb.types.Value.nullOf(c.type()))
                            : compile(c.elseResult()), c.type());
            case BoundCoalesce c -> new PhysicalExpr.Coalesce(compileAll(c.args()), c.type());
            case BoundInList in -> new PhysicalExpr.InList(compile(in.value()), compileAll(in.list()), in.negated());
            case BoundSubquery s -> throw new InternalException("subquery reached execution (not unnested)");
            case BoundAggregate a -> throw new InternalException("aggregate " + a.function().name() + " outside of an aggregate operator");
            case BoundWindow w -> throw new NotImplementedException("window function outside of a window operator");
        };
    }
}
