package io.tealdb.planner;

import io.tealdb.function.AggregateFunction;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarFunction;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.util.List;

/**
 * The database's run-time registered scalar functions in front of the built-in resolver: a name
 * registered by the application resolves to its function (shadowing a built-in, as in DuckDB);
 * everything else goes to {@code builtins}.
 */
public record UserFunctionResolver(FunctionResolver builtins, FunctionRegistry user) implements FunctionResolver {
    @Override
    public boolean isAggregate(String name) {
        return !user.isScalar(name) && builtins.isAggregate(name);
    }

    @Override
    public boolean isScalar(String name) {
        return user.isScalar(name) || builtins.isScalar(name);
    }

    @Override
    public ScalarFunction bindScalar(String name, List<LogicalType> argumentTypes, List<Value> constants) {
        return user.isScalar(name) ? user.bindScalar(name, argumentTypes, constants) : builtins.bindScalar(name, argumentTypes, constants);
    }

    @Override
    public AggregateFunction bindAggregate(String name, List<LogicalType> argumentTypes) {
        return builtins.bindAggregate(name, argumentTypes);
    }

    @Override
    public int implicitCastCost(LogicalType from, LogicalType to) {
        return builtins.implicitCastCost(from, to);
    }

    @Override
    public LogicalType maxLogicalType(LogicalType a, LogicalType b) {
        return builtins.maxLogicalType(a, b);
    }

    @Override
    public LogicalType unionType(LogicalType a, LogicalType b) {
        return builtins.unionType(a, b);
    }

    @Override
    public Value castValue(Value v, LogicalType to, boolean tryCast) {
        return builtins.castValue(v, to, tryCast);
    }

    @Override
    public BoundTableFunction bindTableFunction(String name, List<Value> arguments, List<String> namedArgumentNames,
                                                List<Value> namedArguments) {
        return builtins.bindTableFunction(name, arguments, namedArgumentNames, namedArguments);
    }
}
