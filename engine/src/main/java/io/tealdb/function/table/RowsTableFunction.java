package io.tealdb.function.table;

import io.tealdb.function.TableFunction;
import io.tealdb.types.LogicalType;

import java.util.List;

/**
 * A table function whose rows were all computed when it was bound (json_each/json_tree over a
 * constant document, the Parquet metadata functions): it scans them as they are.
 */
public record RowsTableFunction(String name, List<String> names, List<LogicalType> types, List<Object[]> rows)
        implements TableFunction {

    @Override
    public String describe() {
        return name + "()";
    }

    @Override
    public long estimatedRows() {
        return rows.size();
    }

    @Override
    public Scan open() {
        return Scan.ofRows(rows);
    }
}
