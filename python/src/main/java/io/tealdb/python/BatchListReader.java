package io.tealdb.python;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.DictionaryUtility;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The batches of a {@link QueryOutcome} as one Arrow stream, so that Python takes a whole result
 * through a single C stream ({@code read_all}) instead of exporting and importing each batch and its
 * schema through JPype. Each batch's buffers move (transfer, no copy) into the reader's root when it
 * is loaded; the dictionaries of ENUM columns move into the reader's own on the first load.
 */
final class BatchListReader extends ArrowReader {
    private final List<VectorSchemaRoot> batches;
    private final DictionaryProvider provided;
    private final Schema schema;
    private int next;

    BatchListReader(BufferAllocator allocator, List<VectorSchemaRoot> batches, DictionaryProvider dictionaries) {
        super(allocator);
        this.batches = batches;
        this.provided = dictionaries;
        // an ArrowReader declares its schema in message format (a dictionary-encoded field has its values' type)
        List<Field> fields = new ArrayList<>();
        for (Field f : batches.getFirst().getSchema().getFields()) fields.add(DictionaryUtility.toMessageFormat(f, dictionaries, new HashSet<>()));
        this.schema = new Schema(fields);
    }

    @Override
    public boolean loadNextBatch() throws java.io.IOException {
        prepareLoadNextBatch();
        if (next >= batches.size()) return false;
        VectorSchemaRoot root = getVectorSchemaRoot();
        if (next == 0) {
            for (long id : provided.getDictionaryIds()) {
                provided.lookup(id).getVector().makeTransferPair(dictionaries.get(id).getVector()).transfer();
            }
        }
        VectorSchemaRoot batch = batches.get(next++);
        List<FieldVector> from = batch.getFieldVectors();
        for (int c = 0; c < from.size(); c++) from.get(c).makeTransferPair(root.getVector(c)).transfer();
        root.setRowCount(batch.getRowCount());
        return true;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        for (int i = next; i < batches.size(); i++) batches.get(i).close();
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
