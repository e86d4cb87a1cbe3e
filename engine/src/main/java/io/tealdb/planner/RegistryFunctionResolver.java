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
    /** Null: the default registry, looked up at first use (see {@link #deferredDefault()}). */
    private final FunctionRegistry registry;
    /** ieee_floating_point_ops = false: prefer the strict (erroring) variants of floating-point functions. */
    private final boolean strictMath;

    public RegistryFunctionResolver(FunctionRegistry registry) {
        this(registry, false);
    }

    public RegistryFunctionResolver(FunctionRegistry registry, boolean strictMath) {
        this.registry = registry;
        this.strictMath = strictMath;
    }

    /** The same registry with {@code ieee_floating_point_ops} switched. */
    public RegistryFunctionResolver withStrictMath(boolean strict) {
        return strict == strictMath ? this : new RegistryFunctionResolver(registry, strict);
    }

    public static RegistryFunctionResolver standard() {
        return new RegistryFunctionResolver(FunctionRegistry.getDefault());
    }

    /** The default registry, not touched before the first lookup. */
    public static RegistryFunctionResolver deferredDefault() {
        return new RegistryFunctionResolver(null, false);
    }

    private FunctionRegistry registry() {
        return registry != null ? registry : FunctionRegistry.getDefault();
    }

    @Override
    public boolean isAggregate(String name) {
        return registry().isAggregate(name);
    }

    @Override
    public boolean isScalar(String name) {
        return registry().isScalar(name);
    }

    @Override
    public ScalarFunction bindScalar(String name, List<LogicalType> argumentTypes, List<Value> constants) {
        if (strictMath && registry().isScalar(name + FunctionRegistry.STRICT_MATH_SUFFIX)) {
            ScalarFunction f = registry().bindScalar(name + FunctionRegistry.STRICT_MATH_SUFFIX, argumentTypes, constants);
            return new ScalarFunction(name, f.argumentTypes(), f.returnType(), f.kernel(), f.deterministic());
        }
        return registry().bindScalar(name, argumentTypes, constants);
    }

    @Override
    public AggregateFunction bindAggregate(String name, List<LogicalType> argumentTypes) {
        return registry().bindAggregate(name, argumentTypes);
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
        BoundTableFunction range = RangeArguments.bind(name, arguments);
        if (range != null) return range;
        io.tealdb.function.table.ParquetTableFunction parquet =
                io.tealdb.function.table.ParquetTableFunction.bind(name, arguments, namedArgumentNames, namedArguments);
        if (parquet != null) return new BoundTableFunction(parquet, parquet.names(), parquet.types());
        io.tealdb.function.table.RowsTableFunction meta =
                io.tealdb.function.table.ParquetMetadataFunction.bind(name, arguments, namedArgumentNames);
        if (meta != null) return new BoundTableFunction(meta, meta.names(), meta.types());
        io.tealdb.function.table.JsonTableFunction json =
                io.tealdb.function.table.JsonTableFunction.bind(name, arguments, namedArgumentNames, namedArguments, CsvArguments::typeNamed);
        if (json != null) return new BoundTableFunction(json, json.names(), json.types());
        io.tealdb.function.table.RepeatTableFunction repeat =
                io.tealdb.function.table.RepeatTableFunction.bind(name, arguments, namedArgumentNames, namedArguments);
        if (repeat != null) return new BoundTableFunction(repeat, repeat.names(), repeat.types());
        io.tealdb.function.table.RowsTableFunction each = io.tealdb.function.table.JsonEachFunction.bind(name, arguments, namedArgumentNames);
        if (each != null) return new BoundTableFunction(each, each.names(), each.types());
        return CsvTableFunction.bind(name, arguments, namedArgumentNames, namedArguments);
    }

    @Override
    public Value castValue(Value v, LogicalType to, boolean tryCast) {
        return Casts.castValue(v, to, tryCast);
    }
}
