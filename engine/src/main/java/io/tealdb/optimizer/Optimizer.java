package io.tealdb.optimizer;

import io.tealdb.planner.logical.LogicalOperator;

import java.util.List;

/**
 * Applies the rewrite rules in a fixed order:
 * <ol>
 * <li>a subplan written twice becomes one shared CTE ({@link CommonSubplans});</li>
 * <li>CTEs referenced once are inlined, shared ones optimized once ({@link CteMaterialization}), after the
 * statement's filter pushdown, with the OR of their references' filters pushed in;</li>
 * <li>subquery unnesting — every BoundSubquery / dependent join becomes an ordinary join;</li>
 * <li>filter pushdown — predicates move into scans and joins (cross products become joins);</li>
 * <li>join ordering from cardinality estimates;</li>
 * <li>group-key reduction — aggregates joined with a few keys compute only those groups;</li>
 * <li>eager aggregation — an aggregate over a fact/dimension join aggregates the facts first;</li>
 * <li>top-N — ORDER BY + LIMIT fuse;</li>
 * <li>column pruning — scans read only used columns.</li>
 * </ol>
 */
public final class Optimizer {
    private final List<OptimizerRule> rules;

    public Optimizer(List<OptimizerRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The standard rule sequence. */
    public static Optimizer standard() {
        return standard(true);
    }

    /**
     * @param scalarSubqueryErrorOnMultipleRows the {@code scalar_subquery_error_on_multiple_rows}
     *                                          setting: when false a scalar subquery yields any one of its rows
     */
    public static Optimizer standard(boolean scalarSubqueryErrorOnMultipleRows) {
        return new Optimizer(List.of(new SubqueryUnnesting(scalarSubqueryErrorOnMultipleRows), new FilterPushdown(),
                new JoinOrder(), new GroupKeyReduction(), new EagerAggregation(), new TopNRule(), new ColumnPruning()));
    }

    public static LogicalOperator optimize(LogicalOperator plan) {
        return standard().apply(plan);
    }

    public LogicalOperator apply(LogicalOperator plan) {
        if (constantRows(plan)) return plan;
        // CTEs referenced once are inlined first; the definitions of shared ones are optimized alone,
        // with the filters their references have once the statement's filters are pushed down
        int split = 0;
        for (int i = 0; i < rules.size(); i++) if (rules.get(i) instanceof FilterPushdown) split = i + 1;
        List<OptimizerRule> early = rules.subList(0, split);
        List<OptimizerRule> late = rules.subList(split, rules.size());
        return CteMaterialization.apply(CommonSubplans.apply(plan), p -> applyRules(early, p), p -> applyRules(late, p));
    }

    /**
     * True for a plan of rows computed from constants and parameters only (VALUES under projections,
     * without subqueries): the source of {@code INSERT ... VALUES (?, ?)} or {@code SELECT ?::INT + 1}.
     * No rule changes such a plan, and running them all costs a small statement a sixth of its CPU.
     */
    static boolean constantRows(LogicalOperator plan) {
        LogicalOperator op = plan;
        while (op instanceof io.tealdb.planner.logical.LogicalProjection p) {
            for (io.tealdb.planner.expression.BoundExpr e : p.expressions()) if (SubqueryUnnesting.containsSubquery(e)) return false;
            op = p.child();
        }
        if (!(op instanceof io.tealdb.planner.logical.LogicalValues v)) return false;
        for (List<io.tealdb.planner.expression.BoundExpr> row : v.rows()) {
            for (io.tealdb.planner.expression.BoundExpr e : row) if (SubqueryUnnesting.containsSubquery(e)) return false;
        }
        return true;
    }

    private static LogicalOperator applyRules(List<OptimizerRule> rules, LogicalOperator plan) {
        LogicalOperator current = plan;
        for (OptimizerRule rule : rules) {
            io.tealdb.memory.StatementGuard.check();
            current = rule.apply(current);
        }
        return current;
    }

    public List<OptimizerRule> rules() {
        return rules;
    }
}
