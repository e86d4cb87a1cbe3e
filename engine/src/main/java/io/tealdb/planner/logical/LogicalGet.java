package io.tealdb.planner.logical;

import io.tealdb.catalog.TableEntry;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;

/**
 * Scan of a stored table. {@code columnIds} are the table's column indexes that are produced, in
 * output order ({@link #ROW_ID} for the row-id column used by UPDATE/DELETE); output binding k is
 * {@code (tableIndex, columnIds[k])}, so pruning columns never renumbers bindings. {@code filters}
 * are conjuncts pushed into the scan; they reference this scan's own bindings.
 */
public record LogicalGet(int tableIndex, TableEntry table, List<Integer> columnIds, List<BoundExpr> filters)
        implements LogicalOperator {
    /** Pseudo column id of the row id (BIGINT). */
    public static final int ROW_ID = -1;

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
        for (int id : columnIds) out.add(id == ROW_ID ? LogicalType.BIGINT : table.columns().get(id).type());
        return out;
    }
}
