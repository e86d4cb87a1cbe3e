package io.tealdb.python;

import org.apache.arrow.vector.VectorSchemaRoot;

import java.util.List;

/**
 * What a statement run for Python produced: the result's column names and SQL type names, the rows
 * as one Arrow table ({@code null} for statements without a result set), and the update count of
 * DML (-1 otherwise). Python imports {@code rows} through the C Data interface and then closes this.
 */
public record QueryOutcome(List<String> names, List<String> types, VectorSchemaRoot rows, long updateCount)
        implements AutoCloseable {

    public boolean hasRows() {
        return rows != null;
    }

    public int rowCount() {
        return rows == null ? 0 : rows.getRowCount();
    }

    @Override
    public void close() {
        if (rows != null) rows.close();
    }
}
