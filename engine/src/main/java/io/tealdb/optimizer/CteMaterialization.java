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
    private final Map<Integer, LogicalOperator> rewritten = new HashMap<>();

    private CteMaterialization(UnaryOperator<LogicalOperator> optimize) {
        this.optimize = optimize;
    }

    /**
     * Optimizes {@code plan} with {@code optimize}: CTEs referenced once are inlined first; then the
     * statement is optimized with the shared CTEs' references as leaves, so that each reference's
     * filters end up directly above it; then every shared definition is optimized once, under the
     * OR of its references' filters when each reference has some (TPC-DS Q04/Q11/Q74 read their
     * year_total CTE for two years and one sales channel per reference, Q39 for two months: the
     * definition then aggregates those years or months only — DuckDB pushes filters into CTEs so too).
     */
    static LogicalOperator optimize(LogicalOperator plan, UnaryOperator<LogicalOperator> optimize) {
        CteMaterialization m = new CteMaterialization(optimize);
        Map<Integer, Boolean> counted = new HashMap<>();
        m.count(plan, counted);
        if (m.references.isEmpty()) return optimize.apply(plan);
        LogicalOperator optimized = optimize.apply(m.rewrite(plan));
        m.collectFilters(optimized, false);
        return m.withDefinitions(optimized);
    }

    /** Per shared CTE: the filter conditions directly above each reference (null entry: a reference without). */
    private final Map<Integer, List<List<BoundExpr>>> referenceFilters = new HashMap<>();
    /** Shared CTEs referenced where their filters are not collected (inside definitions, subquery expressions). */
    private final java.util.Set<Integer> unfiltered = new java.util.HashSet<>();

    private void collectFilters(LogicalOperator op, boolean underFilter) {
        if (op instanceof io.tealdb.planner.logical.LogicalFilter f && f.child() instanceof LogicalCteRef r && r.definition() != null) {
            List<BoundExpr> mapped = new ArrayList<>();
            List<ColumnBinding> defined = r.definition().bindings();
            for (BoundExpr c : f.conditions()) {
                boolean[] ok = {true};
                BoundExpr e = BoundExprs.rewrite(c, n -> {
                    if (n instanceof BoundSubquery) ok[0] = false;
                    if (n instanceof BoundColumnRef ref) {
                        if (ref.depth() != 0 || ref.binding().tableIndex() != r.tableIndex()) {
                            ok[0] = false;
                            return n;
                        }
                        return new BoundColumnRef(defined.get(ref.binding().columnIndex()), ref.type(), ref.name(), 0);
                    }
                    return null;
                });
                if (ok[0] && !io.tealdb.optimizer.BoundExprs.hasSideEffectsOrVolatile(c)) mapped.add(e);
            }
            referenceFilters.computeIfAbsent(r.cteIndex(), k -> new ArrayList<>()).add(mapped.isEmpty() ? null : mapped);
            return;
        }
        if (op instanceof LogicalCteRef r && r.definition() != null) {
            referenceFilters.computeIfAbsent(r.cteIndex(), k -> new ArrayList<>()).add(null);
            return;
        }
        for (BoundExpr e : LogicalPlans.expressions(op)) {
            BoundExprs.visit(e, n -> {
                if (n instanceof BoundSubquery s) markUnfiltered(s.plan());
            });
        }
        for (LogicalOperator c : op.children()) collectFilters(c, false);
    }

    private void markUnfiltered(LogicalOperator op) {
        if (op instanceof LogicalCteRef r && r.definition() != null) unfiltered.add(r.cteIndex());
        for (LogicalOperator c : op.children()) markUnfiltered(c);
    }

    /** The OR of every reference's filters, or null when some reference reads the CTE unfiltered. */
    private BoundExpr pushedFilter(int cteIndex) {
        List<List<BoundExpr>> filters = referenceFilters.get(cteIndex);
        if (filters == null || unfiltered.contains(cteIndex) || references.getOrDefault(cteIndex, 0) != filters.size()) return null;
        List<BoundExpr> branches = new ArrayList<>();
        for (List<BoundExpr> f : filters) {
            if (f == null) return null;
            branches.add(f.size() == 1 ? f.get(0) : new io.tealdb.planner.expression.BoundConjunction(true, f));
        }
        return branches.size() == 1 ? branches.get(0) : new io.tealdb.planner.expression.BoundConjunction(false, branches);
    }

    /** {@code plan} with each shared reference carrying its definition optimized once (under its pushed filter). */
    private LogicalOperator withDefinitions(LogicalOperator plan) {
        LogicalOperator withSubqueries = LogicalPlans.mapExpressions(plan, e -> BoundExprs.rewrite(e, n ->
                n instanceof BoundSubquery s ? new BoundSubquery(s.kind(), withDefinitions(s.plan()), s.left(), s.op(), s.type()) : null));
        return LogicalPlans.transform(withSubqueries, op -> {
            if (!(op instanceof LogicalCteRef r) || r.definition() == null) return op;
            LogicalOperator def = optimized.get(r.cteIndex());
            if (def == null) {
                LogicalOperator raw = r.definition();
                BoundExpr filter = pushedFilter(r.cteIndex());
                if (filter != null) raw = new io.tealdb.planner.logical.LogicalFilter(List.of(filter), raw);
                def = withDefinitions(optimize.apply(raw));
                optimized.put(r.cteIndex(), def);
            }
            return new LogicalCteRef(r.tableIndex(), r.cteIndex(), r.types(), def);
        });
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
            LogicalOperator def = rewritten.get(r.cteIndex());
            if (def == null) {
                def = rewrite(r.definition());
                markUnfiltered(def);
                rewritten.put(r.cteIndex(), def);
            }
            return new LogicalCteRef(r.tableIndex(), r.cteIndex(), r.types(), def);
        });
    }
}
