package io.tealdb.function;

import io.tealdb.types.LogicalType;

import java.util.List;
import java.util.function.Function;

/** A registered aggregate overload; the binder receives the concrete argument types. */
public record AggregateOverload(String name, List<ArgSpec> params, Function<List<LogicalType>, AggregateFunction> binder) {
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < params.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(params.get(i));
        }
        return sb.append(')').toString();
    }
}
