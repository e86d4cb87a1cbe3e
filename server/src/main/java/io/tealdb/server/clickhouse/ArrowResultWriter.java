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
 * 64K rows and written as they fill. An Enum8/Enum16 column goes out as ClickHouse sends it in
 * Arrow: its values as int8/int16 (not the dictionary TealArrow makes of an ENUM elsewhere).
 */
final class ArrowResultWriter extends ResultWriter {
    private static final int BATCH_ROWS = 65_536;
    private final boolean file;
    private BufferAllocator allocator;
    private VectorSchemaRoot root;
    private ArrowWriter writer;
    private final List<DataChunk> pending = new ArrayList<>();
    private int pendingRows;
    /** Per column: the ClickHouse enum whose values replace an ENUM column's codes, else null. */
    private ChType.Enum[] enums;
    /** The types written: an ENUM column's as TINYINT/SMALLINT. */
    private List<LogicalType> written;

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
        enums = new ChType.Enum[types.size()];
        written = new ArrayList<>(types);
        for (int c = 0; c < types.size(); c++) {
            // BIT as its '0'/'1' text, as ClickHouse's other formats give it (the vector holds that text)
            if (types.get(c).id() == io.tealdb.types.TypeId.BIT) written.set(c, LogicalType.VARCHAR);
            if (types.get(c).id() != io.tealdb.types.TypeId.ENUM) continue;
            ChType t = declared != null && declared.get(c) != null ? declared.get(c) : ChType.of(types.get(c));
            if (t instanceof ChType.Nullable n) t = n.inner();
            if (!(t instanceof ChType.Enum e)) continue;
            enums[c] = e;
            written.set(c, e.bits() == 8 ? LogicalType.TINYINT : LogicalType.SMALLINT);
        }
        allocator = new RootAllocator();
        root = VectorSchemaRoot.create(ArrowSchemas.toSchemaWithNestedEnumLabels(names, written), allocator);
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
        for (int c = 0; c < enums.length; c++) {
            if (enums[c] != null) chunk.setColumn(c, enumValues(chunk.column(c), enums[c], written.get(c), chunk.size()));
        }
        pending.add(chunk);
        pendingRows += chunk.size();
        if (pendingRows >= BATCH_ROWS) batch();
    }

    /** An ENUM column's rows as the ClickHouse enum's values (its codes are label positions). */
    private static io.tealdb.vector.Vector enumValues(io.tealdb.vector.Vector codes, ChType.Enum e, LogicalType as, int n) {
        io.tealdb.vector.Vector out = new io.tealdb.vector.Vector(as, Math.max(n, 1));
        int[] values = new int[e.values().size()];
        for (int i = 0; i < values.length; i++) values[i] = e.values().get(i);
        for (int r = 0; r < n; r++) {
            if (codes.isNull(r)) {
                out.setNull(r);
            } else if (as.id() == io.tealdb.types.TypeId.TINYINT) {
                out.bytes[r] = (byte) values[codes.ints[r]];
            } else {
                out.shorts[r] = (short) values[codes.ints[r]];
            }
        }
        return out;
    }

    private void batch() {
        if (pendingRows == 0) return;
        TealArrow.fill(root, written, pending);
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
