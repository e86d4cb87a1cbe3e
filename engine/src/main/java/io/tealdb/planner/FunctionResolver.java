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
     * Resolves the best scalar overload for the argument types. {@code constants[i]} (entries may be
     * null) is the value of a literal argument: a string literal may be cast to any parameter type,
     * an integer literal to any integer type that holds it. Throws BinderException when nothing matches.
     */
    ScalarFunction bindScalar(String name, List<LogicalType> argumentTypes, List<Value> constants);

    /** Resolves an aggregate overload; throws BinderException when nothing matches. */
    AggregateFunction bindAggregate(String name, List<LogicalType> argumentTypes);

    /** Cost of an implicit cast, or a negative number if none is allowed. */
    int implicitCastCost(LogicalType from, LogicalType to);

    /** The common super type two values are cast to (comparisons, UNION, CASE); throws BinderException if none. */
    LogicalType maxLogicalType(LogicalType a, LogicalType b);

    /** UNION / VALUES column type: like {@link #maxLogicalType} but falls back to VARCHAR. */
    default LogicalType unionType(LogicalType a, LogicalType b) {
        return maxLogicalType(a, b);
    }

    /** Folds a constant value to another type (literals, LIMIT, parameters); throws ConversionException. */
    Value castValue(Value v, LogicalType to, boolean tryCast);

    /** Binds a table function with constant arguments, or returns null if no such table function exists. */
    default BoundTableFunction bindTableFunction(String name, List<Value> arguments, List<String> namedArgumentNames,
                                                 List<Value> namedArguments) {
        return null;
    }

    /** A bound table function with its output schema. */
    record BoundTableFunction(TableFunction function, List<String> names, List<LogicalType> types) {
    }
}
