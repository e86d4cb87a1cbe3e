package io.tealdb.planner.logical;

import io.tealdb.function.TableFunction;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;

/** A table function in FROM (range, generate_series, read_csv, ...), bound with constant arguments. */
public record LogicalTableFunction(int tableIndex, TableFunction function, List<String> names, List<LogicalType> types)
        implements LogicalOperator {
    @Override
    public List<LogicalOperator> children() {
        return List.of();
    }

    @Override
    public List<ColumnBinding> bindings() {
        List<ColumnBinding> out = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) out.add(new ColumnBinding(tableIndex, i));
        return out;
    }
}
