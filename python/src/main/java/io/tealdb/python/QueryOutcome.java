package io.tealdb.python;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

import java.util.List;

/**
 * What a statement run for Python produced: the result's column names and SQL type names, the rows
 * as Arrow record batches ({@code null} for statements without a result set; one empty batch for an
 * empty result) with the dictionaries of their ENUM columns, and the update count of DML (-1
 * otherwise). Python takes all batches through one Arrow C stream ({@link PythonBridge#exportBatches})
 * and then closes this.
 */
public record QueryOutcome(List<String> names, List<String> types, List<VectorSchemaRoot> batches,
                           DictionaryProvider.MapDictionaryProvider dictionaries, long updateCount)
        implements AutoCloseable {

    public boolean hasRows() {
        return batches != null;
    }

    @Override
    public void close() {
        if (batches != null) for (VectorSchemaRoot b : batches) b.close();
        if (dictionaries != null) for (long id : dictionaries.getDictionaryIds()) dictionaries.lookup(id).getVector().close();
    }
}
