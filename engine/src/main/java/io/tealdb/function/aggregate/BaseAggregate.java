package io.tealdb.function.aggregate;

import io.tealdb.function.AggregateFunction;
import io.tealdb.types.LogicalType;

import java.util.List;

/** Name, argument and return types shared by every aggregate implementation. */
abstract class BaseAggregate implements AggregateFunction {
    private final String name;
    private final List<LogicalType> args;
    private final LogicalType ret;

    BaseAggregate(String name, List<LogicalType> args, LogicalType ret) {
        this.name = name;
        this.args = List.copyOf(args);
        this.ret = ret;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<LogicalType> argumentTypes() {
        return args;
    }

    @Override
    public LogicalType returnType() {
        return ret;
    }

    @Override
    public String toString() {
        return name + args;
    }

    static int grow(int current, int needed) {
        return Math.max(needed, Math.max(16, current + (current >> 1)));
    }
}
