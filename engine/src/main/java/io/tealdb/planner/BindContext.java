package io.tealdb.planner;

import io.tealdb.parser.ast.Expr;
import io.tealdb.planner.expression.BoundAggregate;
import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundWindow;
import io.tealdb.planner.expression.ColumnBinding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where an expression is being bound ({@code aliasBeforeUngroupedColumn}: HAVING, where a select
 * alias wins over a FROM column that is not grouped): its scope, the CTEs in view, whether aggregates and window
 * functions may appear (and where they are collected), and the select-list aliases it may use.
 */
record BindContext(Scope scope, Binder.Ctes ctes, Aggregates aggregates, String aggregateError, Windows windows,
                   Map<String, Expr> aliases, boolean aliasBeforeUngroupedColumn) {

    BindContext(Scope scope, Binder.Ctes ctes, Aggregates aggregates, String aggregateError, Windows windows, Map<String, Expr> aliases) {
        this(scope, ctes, aggregates, aggregateError, windows, aliases, false);
    }

    BindContext withoutAggregates(String error) {
        return new BindContext(scope, ctes, null, error, null, aliases, false);
    }

    BindContext withAliases(Map<String, Expr> newAliases) {
        return new BindContext(scope, ctes, aggregates, aggregateError, windows, newAliases, aliasBeforeUngroupedColumn);
    }

    /** Collects the aggregates of one SELECT; each is replaced in expressions by a reference (aggregateIndex, i). */
    static final class Aggregates {
        final int groupIndex;
        final int aggregateIndex;
        final List<BoundExpr> groups = new ArrayList<>();
        final List<BoundAggregate> list = new ArrayList<>();
        /** GROUPING SETS / ROLLUP / CUBE: the group indexes of each set; null for a plain GROUP BY. */
        List<List<Integer>> groupingSets;
        /** Binding table of the GROUPING_ID column (grouping sets only). */
        int groupingIndex = -1;

        Aggregates(int groupIndex, int aggregateIndex) {
            this.groupIndex = groupIndex;
            this.aggregateIndex = aggregateIndex;
        }

        BoundColumnRef add(BoundAggregate a, String name) {
            for (int i = 0; i < list.size(); i++) {
                if (BoundExprs.same(list.get(i), a)) return new BoundColumnRef(new ColumnBinding(aggregateIndex, i), a.type(), name);
            }
            list.add(a);
            return new BoundColumnRef(new ColumnBinding(aggregateIndex, list.size() - 1), a.type(), name);
        }
    }

    /** Collects the window functions of one SELECT; each is replaced by a reference (windowIndex, i). */
    static final class Windows {
        final int windowIndex;
        final List<BoundWindow> list = new ArrayList<>();

        Windows(int windowIndex) {
            this.windowIndex = windowIndex;
        }

        BoundColumnRef add(BoundWindow w, String name) {
            list.add(w);
            return new BoundColumnRef(new ColumnBinding(windowIndex, list.size() - 1), w.type(), name);
        }
    }
}
