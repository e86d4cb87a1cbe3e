package io.tealdb.sqllogictest;

import java.util.List;

/** A fully read, rendered query result: one string per cell (see {@link ValueRenderer}). */
public record QueryResult(List<ValueRenderer.ColumnType> columnTypes, List<String[]> rows) {

    public int columnCount() {
        return columnTypes.size();
    }
}
