package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.GlobalSourceState;
import io.tealdb.execution.LocalSourceState;
import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.Source;
import io.tealdb.function.TableFunction;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.List;

/** A table function in FROM (range, generate_series, read_csv, ...), read by one thread. */
public final class TableFunctionOperator extends PhysicalOperator implements Source {
    private final TableFunction function;

    public TableFunctionOperator(TableFunction function, List<LogicalType> types) {
        super(types, List.of(), function.estimatedRows());
        this.function = function;
    }

    @Override
    public String name() {
        return "TABLE_FUNCTION";
    }

    @Override
    public List<String> details() {
        return List.of(function.describe());
    }

    private static final class Global implements GlobalSourceState {
        final TableFunction.Scan scan;
        long rows;

        Global(TableFunction.Scan scan) {
            this.scan = scan;
        }
    }

    @Override
    public GlobalSourceState globalSourceState(ExecutionContext ctx) {
        return new Global(function.open());
    }

    @Override
    public LocalSourceState localSourceState(ExecutionContext ctx, GlobalSourceState global) {
        return new LocalSourceState() {
        };
    }

    @Override
    public boolean getData(ExecutionContext ctx, DataChunk out, GlobalSourceState global, LocalSourceState local) {
        Global g = (Global) global;
        out.reset();
        boolean more = g.scan.next(out);
        if (more) g.rows += out.size();
        return more;
    }

    @Override
    public double progress(GlobalSourceState global) {
        long est = function.estimatedRows();
        return est <= 0 ? -1 : Math.min(1.0, (double) ((Global) global).rows / est);
    }
}
