package io.tealdb.planner.expression;

/**
 * Names one output column of a logical operator: the operator's table index (unique per query,
 * handed out by the binder) and the column's index within it. Bindings stay valid when operators
 * are reordered, so optimizer rules never renumber column positions; the physical planner resolves
 * bindings to chunk positions at the end.
 */
public record ColumnBinding(int tableIndex, int columnIndex) {
    @Override
    public String toString() {
        return "#" + tableIndex + "." + columnIndex;
    }
}
