package io.tealdb.planner;

import io.tealdb.function.AggregateFunction;
import io.tealdb.function.ScalarFunction;
import io.tealdb.function.TableFunction;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.util.List;

/**
 * The binder's view of the function catalog and cast rules (backed by io.tealdb.function's
 * registry; kept as an interface so the binder can be tested and wired independently).
 */
public interface FunctionResolver {
    /** True if {@code name} is an aggregate function. */
    boolean isAggregate(String name);

    /** True if {@code name} is a scalar function (any overload). */
    boolean isScalar(String name);

    /**
     * Resolves the best scalar overload for the argument types. {@code literalArgs[i]} marks an
     * argument that is an untyped literal (string literal, NULL, parameter) and so castable to any type.
     * Throws BinderException when nothing matches.
     */
    ScalarFunction bindScalar(String name, List<LogicalType> argumentTypes, boolean[] literalArgs);

    /** Resolves an aggregate overload; throws BinderException when nothing matches. */
    AggregateFunction bindAggregate(String name, List<LogicalType> argumentTypes);

    /** Cost of an implicit cast, or a negative number if none is allowed. */
    int implicitCastCost(LogicalType from, LogicalType to);

    /** The common super type two values are cast to (comparisons, UNION, CASE); throws BinderException if none. */
    LogicalType maxLogicalType(LogicalType a, LogicalType b);

    /** Binds a table function with constant arguments, or returns null if no such table function exists. */
    default BoundTableFunction bindTableFunction(String name, List<Value> arguments, List<String> namedArgumentNames,
                                                 List<Value> namedArguments) {
        return null;
    }

    /** A bound table function with its output schema. */
    record BoundTableFunction(TableFunction function, List<String> names, List<LogicalType> types) {
    }
}
