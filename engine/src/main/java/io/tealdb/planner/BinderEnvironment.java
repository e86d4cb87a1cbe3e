package io.tealdb.planner;

import io.tealdb.parser.ast.Expr;
import io.tealdb.parser.ast.QueryNode;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.types.Value;

import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.vector.DataChunk;

import io.tealdb.settings.SessionSettings;
import io.tealdb.settings.Setting;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything a {@link Binder} consults besides the statement: the catalog snapshot, functions,
 * parsers for stored SQL text (views, defaults), session settings and variables, and an evaluator
 * for constant expressions (LIMIT 1 + 1), which may be null, the session's other settings, and a
 * runner for queries the binder must execute up front (PIVOT's column values), which may be null.
 */
public record BinderEnvironment(BinderCatalog catalog, FunctionResolver functions,
                                Function<String, QueryNode> queryParser, Function<String, Expr> expressionParser,
                                NullOrder nullOrder, Map<String, Value> variables,
                                Function<BoundExpr, Value> constantEvaluator, SessionSettings settings,
                                Function<LogicalOperator, List<DataChunk>> queryRunner) {
    public BinderEnvironment(BinderCatalog catalog, FunctionResolver functions, Function<String, QueryNode> queryParser,
                             Function<String, Expr> expressionParser, NullOrder nullOrder, Map<String, Value> variables,
                             Function<BoundExpr, Value> constantEvaluator, SessionSettings settings) {
        this(catalog, functions, queryParser, expressionParser, nullOrder, variables, constantEvaluator, settings, null);
    }

    public BinderEnvironment(BinderCatalog catalog, FunctionResolver functions, Function<String, QueryNode> queryParser,
                             Function<String, Expr> expressionParser, NullOrder nullOrder, Map<String, Value> variables,
                             Function<BoundExpr, Value> constantEvaluator) {
        this(catalog, functions, queryParser, expressionParser, nullOrder, variables, constantEvaluator, null);
    }

    /** The value of a setting in this session (its default where the binder runs without a session). */
    public String setting(Setting s) {
        return settings == null ? s.defaultText() : settings.get(s);
    }
}
