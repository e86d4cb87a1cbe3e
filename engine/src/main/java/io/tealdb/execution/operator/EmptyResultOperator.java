package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalSourceState;
import io.tealdb.execution.LocalSourceState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.Source;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.List;

/** Produces no rows. */
public final class EmptyResultOperator extends PhysicalOperator implements Source {
    public EmptyResultOperator(List<LogicalType> types) {
        super(types, List.of(), 0);
    }

    @Override
    public String name() {
        return "EMPTY_RESULT";
    }

    @Override
    public GlobalSourceState globalSourceState(ExecutionContext ctx) {
        return new GlobalSourceState() {
        };
    }

    @Override
    public LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global) {
        return new LocalSourceState() {
        };
    }

    @Override
    public boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local) {
        return false;
    }
}
