package io.tealdb.planner;

import io.tealdb.function.AggregateFunction;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarFunction;
import io.tealdb.function.cast.CastRules;
import io.tealdb.function.cast.Casts;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.util.List;

/** {@link FunctionResolver} backed by the function package's registry and cast rules. */
public final class RegistryFunctionResolver implements FunctionResolver {
    private final FunctionRegistry registry;

    public RegistryFunctionResolver(FunctionRegistry registry) {
        this.registry = registry;
    }

    public static RegistryFunctionResolver standard() {
        return new RegistryFunctionResolver(FunctionRegistry.getDefault());
    }

    @Override
    public boolean isAggregate(String name) {
        return registry.isAggregate(name);
    }

    @Override
    public boolean isScalar(String name) {
        return registry.isScalar(name);
    }

    @Override
    public ScalarFunction bindScalar(String name, List<LogicalType> argumentTypes, List<Value> constants) {
        return registry.bindScalar(name, argumentTypes, constants);
    }

    @Override
    public AggregateFunction bindAggregate(String name, List<LogicalType> argumentTypes) {
        return registry.bindAggregate(name, argumentTypes);
    }

    @Override
    public int implicitCastCost(LogicalType from, LogicalType to) {
        return CastRules.implicitCastCost(from, to);
    }

    @Override
    public LogicalType maxLogicalType(LogicalType a, LogicalType b) {
        return CastRules.maxLogicalType(a, b);
    }

    @Override
    public LogicalType unionType(LogicalType a, LogicalType b) {
        return CastRules.forceMaxLogicalType(a, b);
    }

    @Override
    public BoundTableFunction bindTableFunction(String name, List<Value> arguments, List<String> namedArgumentNames,
                                                List<Value> namedArguments) {
        return RangeTableFunction.bind(name, arguments);
    }

    @Override
    public Value castValue(Value v, LogicalType to, boolean tryCast) {
        return Casts.castValue(v, to, tryCast);
    }
}
