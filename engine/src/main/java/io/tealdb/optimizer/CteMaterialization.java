package io.tealdb.optimizer;

import io.tealdb.planner.BoundExprs;
import io.tealdb.planner.LogicalPlans;
import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundSubquery;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.logical.LogicalCteRef;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.planner.logical.LogicalProjection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Materialized CTEs (references carrying their definition, see {@link LogicalCteRef}): a CTE
 * referenced once in the whole statement is inlined — a projection renaming the definition's
 * columns to the reference's — so filters and join ordering reach into it as for a subquery; one
 * referenced several times keeps its references, and its definition is optimized once, on its own,
 * and shared by all of them (TPC-DS Q47/Q57 read a window CTE three times, Q04/Q11/Q74 an
 * aggregated one up to six times: DuckDB computes each once too).
 */
final class CteMaterialization {
    private final UnaryOperator<LogicalOperator> optimize;
    private final Map<Integer, Integer> references = new HashMap<>();
    private final Map<Integer, LogicalOperator> optimized = new HashMap<>();

    private CteMaterialization(UnaryOperator<LogicalOperator> optimize) {
        this.optimize = optimize;
    }

    /** {@code plan} with single references inlined and shared definitions optimized by {@code optimize}. */
    static LogicalOperator apply(LogicalOperator plan, UnaryOperator<LogicalOperator> optimize) {
        CteMaterialization m = new CteMaterialization(optimize);
        Map<Integer, Boolean> counted = new HashMap<>();
        m.count(plan, counted);
        if (m.references.isEmpty()) return plan;
        return m.rewrite(plan);
    }

    /** Counts references per CTE, through subquery plans and (once per CTE) through definitions. */
    private void count(LogicalOperator op, Map<Integer, Boolean> countedDefinitions) {
        if (op instanceof LogicalCteRef r && r.definition() != null) {
            references.merge(r.cteIndex(), 1, Integer::sum);
            if (countedDefinitions.putIfAbsent(r.cteIndex(), true) == null) count(r.definition(), countedDefinitions);
            return;
        }
        for (BoundExpr e : LogicalPlans.expressions(op)) {
            BoundExprs.visit(e, n -> {
                if (n instanceof BoundSubquery s) count(s.plan(), countedDefinitions);
            });
        }
        for (LogicalOperator c : op.children()) count(c, countedDefinitions);
    }

    private LogicalOperator rewrite(LogicalOperator plan) {
        LogicalOperator withSubqueries = LogicalPlans.mapExpressions(plan, e -> BoundExprs.rewrite(e, n ->
                n instanceof BoundSubquery s ? new BoundSubquery(s.kind(), rewrite(s.plan()), s.left(), s.op(), s.type()) : null));
        return LogicalPlans.transform(withSubqueries, op -> {
            if (!(op instanceof LogicalCteRef r) || r.definition() == null) return op;
            if (references.getOrDefault(r.cteIndex(), 0) <= 1) {
                LogicalOperator def = rewrite(r.definition());
                List<BoundExpr> columns = new ArrayList<>();
                List<ColumnBinding> defBindings = def.bindings();
                for (int i = 0; i < r.types().size(); i++) {
                    columns.add(new BoundColumnRef(defBindings.get(i), r.types().get(i), "#" + i, 0));
                }
                return new LogicalProjection(r.tableIndex(), columns, def);
            }
            LogicalOperator def = optimized.get(r.cteIndex());
            if (def == null) {
                def = optimize.apply(rewrite(r.definition()));
                optimized.put(r.cteIndex(), def);
            }
            return new LogicalCteRef(r.tableIndex(), r.cteIndex(), r.types(), def);
        });
    }
}
