package io.tealdb.planner.logical;

import io.tealdb.function.TableFunction;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;

/**
 * A table function in FROM (range, generate_series, read_csv, read_parquet, ...), bound with constant
 * arguments. {@code columnTypes} are all the function's columns; {@code columnIds} the ones produced,
 * in output order (binding k is {@code (tableIndex, columnIds[k])}, so pruning never renumbers
 * bindings, as for {@link LogicalGet}). {@code filters} are conjuncts the optimizer offers the
 * function as hints (e.g. to skip Parquet row groups); the filter above stays, so they need not be exact.
 */
public record LogicalTableFunction(int tableIndex, TableFunction function, List<String> names, List<LogicalType> columnTypes,
                                   List<Integer> columnIds, List<BoundExpr> filters)
        implements LogicalOperator {
    public LogicalTableFunction(int tableIndex, TableFunction function, List<String> names, List<LogicalType> columnTypes) {
        this(tableIndex, function, names, columnTypes, allColumns(columnTypes.size()), List.of());
    }

    private static List<Integer> allColumns(int n) {
        List<Integer> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) ids.add(i);
        return List.copyOf(ids);
    }

    @Override
    public List<LogicalOperator> children() {
        return List.of();
    }

    @Override
    public List<ColumnBinding> bindings() {
        List<ColumnBinding> out = new ArrayList<>(columnIds.size());
        for (int id : columnIds) out.add(new ColumnBinding(tableIndex, id));
        return out;
    }

    @Override
    public List<LogicalType> types() {
        List<LogicalType> out = new ArrayList<>(columnIds.size());
        for (int id : columnIds) out.add(columnTypes.get(id));
        return out;
    }
}
