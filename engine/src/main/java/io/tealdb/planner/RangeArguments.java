package io.tealdb.planner;

import io.tealdb.error.BinderException;
import io.tealdb.execution.table.RangeTableFunction;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.util.List;

/**
 * Binds {@code range(end)}, {@code range(start, end[, step])} (end exclusive) and
 * {@code generate_series(...)} (end inclusive) over BIGINT, as in DuckDB, to the execution
 * layer's {@link RangeTableFunction}.
 */
final class RangeArguments {
    private RangeArguments() {
    }

    /** Binds range/generate_series, or returns null for other names. */
    static FunctionResolver.BoundTableFunction bind(String name, List<Value> args) {
        boolean inclusive;
        switch (name) {
            case "range" -> inclusive = false;
            case "generate_series" -> inclusive = true;
            default -> {
                return null;
            }
        }
        if (args.isEmpty() || args.size() > 3) {
            throw new BinderException(name + " takes one to three arguments");
        }
        long[] v = new long[args.size()];
        for (int i = 0; i < args.size(); i++) {
            Value a = args.get(i);
            if (a.isNull()) {
                // any NULL argument: an empty series
                return bound(name, new RangeTableFunction(0, 0, 1, false));
            }
            if (!(a.object() instanceof Number n) || !(a.type().isInteger())) {
                throw new BinderException("No function matches the given name and argument types '" + name + "(" + a.type()
                        + ")'. You might need to add explicit type casts.");
            }
            v[i] = n.longValue();
        }
        long start = v.length == 1 ? 0 : v[0];
        long end = v.length == 1 ? v[0] : v[1];
        long step = v.length == 3 ? v[2] : 1;
        if (step == 0) throw new BinderException("interval cannot be 0!");
        return bound(name, new RangeTableFunction(start, end, step, inclusive));
    }

    private static FunctionResolver.BoundTableFunction bound(String name, RangeTableFunction function) {
        return new FunctionResolver.BoundTableFunction(function, List.of(name), List.of(LogicalType.BIGINT));
    }
}
