package io.tealdb.server.clickhouse;

import io.tealdb.arrow.ArrowSchemas;
import io.tealdb.arrow.TealArrow;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;

/**
 * Arrow (IPC file, what clickhouse-connect's query_arrow reads) and ArrowStream (IPC stream) output,
 * through the repository's Arrow export: result chunks are gathered into record batches of about
 * 64K rows and written as they fill.
 */
final class ArrowResultWriter extends ResultWriter {
    private static final int BATCH_ROWS = 65_536;
    private final boolean file;
    private BufferAllocator allocator;
    private VectorSchemaRoot root;
    private ArrowWriter writer;
    private final List<DataChunk> pending = new ArrayList<>();
    private int pendingRows;

    ArrowResultWriter(ByteSink out, boolean file) {
        super(out);
        this.file = file;
    }

    @Override
    String format() {
        return file ? "Arrow" : "ArrowStream";
    }

    @Override
    String contentType() {
        return "application/octet-stream";
    }

    @Override
    void begin(List<String> names, List<LogicalType> types, List<ChType> declared) {
        super.begin(names, types, declared);
        allocator = new RootAllocator();
        root = VectorSchemaRoot.create(ArrowSchemas.toSchema(names, types), allocator);
        var channel = Channels.newChannel(out);
        writer = file ? new ArrowFileWriter(root, null, channel) : new ArrowStreamWriter(root, null, channel);
        try {
            writer.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    void chunk(DataChunk chunk) {
        if (chunk.size() == 0) return;
        pending.add(chunk);
        pendingRows += chunk.size();
        if (pendingRows >= BATCH_ROWS) batch();
    }

    private void batch() {
        if (pendingRows == 0) return;
        TealArrow.fill(root, types, pending);
        try {
            writer.writeBatch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pending.clear();
        pendingRows = 0;
    }

    @Override
    void end(long rows, long elapsedNanos, long bytesRead) {
        try {
            batch();
            writer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.close();
            root.close();
            allocator.close();
        }
    }
}
