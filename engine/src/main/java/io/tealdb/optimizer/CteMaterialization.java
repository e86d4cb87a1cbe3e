package io.tealdb.optimizer;

import io.tealdb.planner.BoundExprs;
import io.tealdb.planner.LogicalPlans;
import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundConjunction;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundSubquery;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.logical.LogicalCteRef;
import io.tealdb.planner.logical.LogicalFilter;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.planner.logical.LogicalProjection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Materialized CTEs (references carrying their definition, see {@link LogicalCteRef}): a CTE
 * referenced once in the whole statement is inlined — a projection renaming the definition's
 * columns to the reference's — so filters and join ordering reach into it as for a subquery; one
 * referenced several times keeps its references, and its definition is optimized once, on its own,
 * and shared by all of them (TPC-DS Q47/Q57 read a window CTE three times, Q04/Q11/Q74 an
 * aggregated one up to six times: DuckDB computes each once too).
 *
 * <p>A shared definition would otherwise lose what inlining gives each reference: its filters.
 * After the statement's filters have been pushed down, each reference has the filter on its own
 * columns right above it; when every reference has one, the OR of them (each reference's
 * conjuncts ANDed) is pushed into the definition before it is optimized. TPC-DS Q39 reads a
 * per-month aggregate of a year with {@code d_moy = 1} and {@code d_moy = 2}: the definition then
 * aggregates two months instead of twelve (Q31: three quarters, Q75: two years) — what DuckDB's
 * plans show as {@code (d_moy = 1) OR (d_moy = 2)} inside the CTE. The references keep their own
 * filters, since the definition now holds the rows of all of them.
 */
final class CteMaterialization {
    private final UnaryOperator<LogicalOperator> early;
    private final UnaryOperator<LogicalOperator> late;
    private final Map<Integer, Integer> references = new HashMap<>();
    /** Shared definitions with their single-reference CTEs inlined, not yet optimized; by CTE index. */
    private final Map<Integer, LogicalOperator> rewritten = new HashMap<>();
    /** Shared definitions after the early rules (with their references' filters pushed in). */
    private final Map<Integer, LogicalOperator> earlyDefinitions = new HashMap<>();
    /** Fully optimized shared definitions, whose own references carry fully optimized definitions. */
    private final Map<Integer, LogicalOperator> finished = new HashMap<>();

    private CteMaterialization(UnaryOperator<LogicalOperator> early, UnaryOperator<LogicalOperator> late) {
        this.early = early;
        this.late = late;
    }

    /**
     * Optimizes {@code plan}: single references inlined, then {@code early} (the rules up to filter
     * pushdown) on the statement, the references' filters pushed into the shared definitions, each
     * definition optimized by {@code early} then {@code late}, and {@code late} on the statement.
     */
    static LogicalOperator apply(LogicalOperator plan, UnaryOperator<LogicalOperator> early, UnaryOperator<LogicalOperator> late) {
        CteMaterialization m = new CteMaterialization(early, late);
        m.count(plan, new HashMap<>());
        if (m.references.isEmpty()) return late.apply(early.apply(plan));
        LogicalOperator main = early.apply(m.inline(plan));
        // a CTE's definition is bound before the CTE gets its index, so the CTEs it reads have smaller
        // indexes: in descending order, every reference of a CTE sits in the statement or in a
        // definition that has been through the early rules already
        TreeMap<Integer, LogicalOperator> pending = new TreeMap<>(m.rewritten);
        while (!pending.isEmpty()) {
            Map.Entry<Integer, LogicalOperator> e = pending.pollLastEntry();
            List<LogicalOperator> readers = new ArrayList<>(m.earlyDefinitions.values());
            readers.add(main);
            readers.addAll(pending.values());
            BoundExpr filter = m.referenceFilters(e.getKey(), e.getValue(), readers);
            LogicalOperator def = filter == null ? e.getValue() : new LogicalFilter(List.of(filter), e.getValue());
            m.earlyDefinitions.put(e.getKey(), early.apply(def));
        }
        return late.apply(m.withFinishedDefinitions(main));
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

    /** Inlines CTEs referenced once; shared references get their definition with the same done inside. */
    private LogicalOperator inline(LogicalOperator plan) {
        LogicalOperator withSubqueries = LogicalPlans.mapExpressions(plan, e -> BoundExprs.rewrite(e, n ->
                n instanceof BoundSubquery s ? new BoundSubquery(s.kind(), inline(s.plan()), s.left(), s.op(), s.type()) : null));
        return LogicalPlans.transform(withSubqueries, op -> {
            if (!(op instanceof LogicalCteRef r) || r.definition() == null) return op;
            if (references.getOrDefault(r.cteIndex(), 0) <= 1) {
                LogicalOperator def = inline(r.definition());
                List<BoundExpr> columns = new ArrayList<>();
                List<ColumnBinding> defBindings = def.bindings();
                for (int i = 0; i < r.types().size(); i++) {
                    columns.add(new BoundColumnRef(defBindings.get(i), r.types().get(i), "#" + i, 0));
                }
                return new LogicalProjection(r.tableIndex(), columns, def);
            }
            LogicalOperator def = rewritten.get(r.cteIndex());
            if (def == null) {
                def = inline(r.definition());
                rewritten.put(r.cteIndex(), def);
            }
            return new LogicalCteRef(r.tableIndex(), r.cteIndex(), r.types(), def);
        });
    }

    /**
     * The OR over all references of CTE {@code cte} (found in {@code readers}) of the conjuncts right
     * above each that read only its columns, rewritten onto {@code definition}'s output columns; null
     * when some reference has no such conjunct (the definition must then produce all its rows).
     */
    private BoundExpr referenceFilters(int cte, LogicalOperator definition, List<LogicalOperator> readers) {
        List<BoundExpr> branches = new ArrayList<>();
        boolean[] unfiltered = {false};
        for (LogicalOperator reader : readers) collectFilters(cte, reader, null, branches, unfiltered);
        if (unfiltered[0] || branches.isEmpty()) return null;
        List<BoundExpr> distinct = new ArrayList<>();
        for (BoundExpr b : branches) if (!distinct.contains(b)) distinct.add(b);
        return distinct.size() == 1 ? distinct.get(0) : new BoundConjunction(false, List.copyOf(distinct));
    }

    private void collectFilters(int cte, LogicalOperator op, LogicalFilter parent, List<BoundExpr> branches, boolean[] unfiltered) {
        if (unfiltered[0]) return;
        if (op instanceof LogicalCteRef r) {
            if (r.cteIndex() != cte || r.definition() == null) return;
            BoundExpr own = parent == null ? null : ownConjuncts(r, parent);
            if (own == null) unfiltered[0] = true;
            else branches.add(onDefinition(r, own));
            return;
        }
        for (BoundExpr e : LogicalPlans.expressions(op)) {
            BoundExprs.visit(e, n -> {
                // a reference inside a subquery expression: its filters were not pushed down, so count it unfiltered
                if (n instanceof BoundSubquery s && reads(cte, s.plan())) unfiltered[0] = true;
            });
        }
        for (LogicalOperator c : op.children()) collectFilters(cte, c, op instanceof LogicalFilter f ? f : null, branches, unfiltered);
    }

    private static boolean reads(int cte, LogicalOperator op) {
        if (op instanceof LogicalCteRef r) return r.cteIndex() == cte;
        boolean[] found = {false};
        for (BoundExpr e : LogicalPlans.expressions(op)) {
            BoundExprs.visit(e, n -> {
                if (n instanceof BoundSubquery s && reads(cte, s.plan())) found[0] = true;
            });
        }
        for (LogicalOperator c : op.children()) found[0] |= reads(cte, c);
        return found[0];
    }

    /** The AND of the filter's conjuncts that read only the reference's own columns and may move; null if none. */
    private static BoundExpr ownConjuncts(LogicalCteRef r, LogicalFilter filter) {
        List<BoundExpr> own = new ArrayList<>();
        for (BoundExpr condition : filter.conditions()) {
            for (BoundExpr c : io.tealdb.optimizer.BoundExprs.conjuncts(condition)) {
                if (!io.tealdb.optimizer.BoundExprs.hasSideEffectsOrVolatile(c) && readsOnly(c, r.tableIndex())) own.add(c);
            }
        }
        return io.tealdb.optimizer.BoundExprs.and(own);
    }

    /** Whether every column {@code e} reads is a column of this query level's relation {@code tableIndex}, and it reads one. */
    private static boolean readsOnly(BoundExpr e, int tableIndex) {
        boolean[] ok = {true};
        boolean[] any = {false};
        BoundExprs.visit(e, n -> {
            if (n instanceof BoundColumnRef c) {
                if (c.depth() != 0 || c.binding().tableIndex() != tableIndex) ok[0] = false;
                else any[0] = true;
            }
        });
        return ok[0] && any[0];
    }

    /** {@code e} over the reference's columns, rewritten onto the definition's output columns. */
    private static BoundExpr onDefinition(LogicalCteRef r, BoundExpr e) {
        List<ColumnBinding> defBindings = r.definition().bindings();
        Map<ColumnBinding, BoundExpr> map = new HashMap<>();
        for (int i = 0; i < r.types().size(); i++) {
            map.put(new ColumnBinding(r.tableIndex(), i), new BoundColumnRef(defBindings.get(i), r.types().get(i), "#" + i, 0));
        }
        return io.tealdb.optimizer.BoundExprs.substitute(e, map);
    }

    /** {@code plan} with every shared reference carrying its fully optimized definition. */
    private LogicalOperator withFinishedDefinitions(LogicalOperator plan) {
        LogicalOperator withSubqueries = LogicalPlans.mapExpressions(plan, e -> BoundExprs.rewrite(e, n ->
                n instanceof BoundSubquery s ? new BoundSubquery(s.kind(), withFinishedDefinitions(s.plan()), s.left(), s.op(), s.type()) : null));
        return LogicalPlans.transform(withSubqueries, op -> {
            if (!(op instanceof LogicalCteRef r) || r.definition() == null || !earlyDefinitions.containsKey(r.cteIndex())) return op;
            return new LogicalCteRef(r.tableIndex(), r.cteIndex(), r.types(), finished(r.cteIndex()));
        });
    }

    private LogicalOperator finished(int cte) {
        LogicalOperator def = finished.get(cte);
        if (def == null) {
            def = late.apply(withFinishedDefinitions(earlyDefinitions.get(cte)));
            finished.put(cte, def);
        }
        return def;
    }
}
