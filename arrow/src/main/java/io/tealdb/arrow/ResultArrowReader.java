package io.tealdb.arrow;

import io.tealdb.Result;
import io.tealdb.error.InvalidInputException;
import io.tealdb.types.LogicalType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.List;

/**
 * A query result as a stream of Arrow record batches of {@code batchRows} rows (the last may be
 * shorter): each {@link #loadNextBatch()} pulls just enough result chunks from the running query
 * and writes them into the reader's root. Closing the reader closes the result (stopping the query).
 * This is what {@code Data.exportArrayStream} hands to C / Python consumers.
 */
final class ResultArrowReader extends ArrowReader {
    private final Result result;
    private final List<LogicalType> types;
    private final Schema schema;
    private final ChunkBatcher batcher;
    private long rowsSent;
    /** Whether the ENUM columns' dictionaries (the labels, the same for every batch) were written. */
    private boolean labelsWritten;

    ResultArrowReader(BufferAllocator allocator, Result result, int batchRows) {
        super(allocator);
        if (batchRows <= 0) throw new InvalidInputException("Arrow batch size must be positive, got " + batchRows);
        if (!result.hasResultSet()) throw new InvalidInputException("the statement returns no rows to export to Arrow");
        this.result = result;
        this.batcher = new ChunkBatcher(result, batchRows);
        this.types = result.columnTypes();
        // message format: the base class makes the dictionaries of ENUM columns from it, filled on the first load
        this.schema = ArrowSchemas.toMessageSchema(result);
    }

    @Override
    public boolean loadNextBatch() {
        try {
            prepareLoadNextBatch();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<ChunkSlice> slices = batcher.next();
        int total = ChunkBatcher.rows(slices);
        if (total == 0) return false;
        VectorSchemaRoot root;
        try {
            root = getVectorSchemaRoot();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (!labelsWritten) {
            ArrowSchemas.forEachEnum(types, (id, t) ->
                    ArrowSchemas.writeLabels((org.apache.arrow.vector.VarCharVector) dictionaries.get(id).getVector(), t.dictionary()));
            labelsWritten = true;
        }
        TealArrow.writeColumns(root, types, slices, total);
        root.setRowCount(total);
        batcher.recycle(slices);
        rowsSent += total;
        return true;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    /** Rows handed out so far. */
    long rowsSent() {
        return rowsSent;
    }

    @Override
    protected void closeReadSource() {
        result.close();
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
