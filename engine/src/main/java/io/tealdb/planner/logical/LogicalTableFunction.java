package io.tealdb.planner.logical;

import io.tealdb.function.TableFunction;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;

/**
 * A table function in FROM (range, generate_series, read_csv, a registered Arrow stream, ...), bound
 * with constant arguments. {@code names}/{@code columnTypes} describe every column the function can
 * produce; {@code columnIds} are the ones this scan produces, in output order (all of them until
 * {@code ColumnPruning} narrows a function that supports projection). Output binding k is
 * {@code (tableIndex, columnIds[k])}, so pruning never renumbers bindings (as for LogicalGet).
 * {@code filters} are conjuncts {@code FilterPushdown} offers a function that supports projection as
 * hints (e.g. to skip Parquet row groups); the filter above stays, so the function need not be exact.
 */
public record LogicalTableFunction(int tableIndex, TableFunction function, List<String> names,
                                   List<LogicalType> columnTypes, List<Integer> columnIds, List<BoundExpr> filters)
        implements LogicalOperator {
    public LogicalTableFunction {
        names = List.copyOf(names);
        columnTypes = List.copyOf(columnTypes);
        columnIds = List.copyOf(columnIds);
        filters = List.copyOf(filters);
    }

    /** Without filter hints. */
    public LogicalTableFunction(int tableIndex, TableFunction function, List<String> names, List<LogicalType> columnTypes,
                                List<Integer> columnIds) {
        this(tableIndex, function, names, columnTypes, columnIds, List.of());
    }

    /** Every column of the function, in its order. */
    public LogicalTableFunction(int tableIndex, TableFunction function, List<String> names, List<LogicalType> types) {
        this(tableIndex, function, names, types, allColumns(types.size()));
    }

    private static List<Integer> allColumns(int n) {
        List<Integer> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) ids.add(i);
        return ids;
    }

    /** True when this scan produces every column of the function in order (no projection to push). */
    public boolean allColumnsInOrder() {
        if (columnIds.size() != columnTypes.size()) return false;
        for (int i = 0; i < columnIds.size(); i++) if (columnIds.get(i) != i) return false;
        return true;
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
