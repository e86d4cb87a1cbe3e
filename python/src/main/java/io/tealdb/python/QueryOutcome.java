package io.tealdb.python;

import org.apache.arrow.vector.VectorSchemaRoot;

import java.util.List;

/**
 * What a statement run for Python produced: the result's column names and SQL type names, the rows
 * as Arrow record batches of at most a million rows ({@code null} for statements without a result
 * set; one empty batch for an empty result), and the update count of DML (-1 otherwise). Python
 * imports each batch through the C Data interface and then closes this.
 */
public record QueryOutcome(List<String> names, List<String> types, List<VectorSchemaRoot> batches, long updateCount)
        implements AutoCloseable {

    public boolean hasRows() {
        return batches != null;
    }

    @Override
    public void close() {
        if (batches != null) for (VectorSchemaRoot b : batches) b.close();
    }
}
