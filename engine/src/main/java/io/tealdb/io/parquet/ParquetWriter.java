package io.tealdb.io.parquet;

import io.tealdb.error.TealIOException;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Writes a Parquet file (COPY ... TO): rows are buffered per column until a row group is full,
 * then every column chunk is encoded and compressed (the columns in parallel) and appended; the
 * footer (schema, row groups with statistics, key/value metadata) closes the file. Every column is
 * OPTIONAL, as DuckDB writes them.
 */
public final class ParquetWriter implements AutoCloseable {
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    private final Path path;
    private final OutputStream out;
    private final ParquetWriteOptions options;
    private final List<ColumnChunkWriter> columns = new ArrayList<>();
    private final List<byte[]> rowGroups = new ArrayList<>(); // encoded RowGroup structs
    private long position;
    private long totalRows;
    private boolean closed;

    public ParquetWriter(Path path, List<String> names, List<LogicalType> types, ParquetWriteOptions options) {
        this.path = path;
        this.options = options;
        for (int i = 0; i < names.size(); i++) columns.add(new ColumnChunkWriter(names.get(i), types.get(i)));
        try {
            this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
            out.write(MAGIC);
            position = 4;
        } catch (IOException e) {
            throw new TealIOException("Could not write file \"" + path + "\": " + e.getMessage(), e);
        }
    }

    /** Appends the rows of {@code chunk} (its columns in the writer's order). */
    public void write(DataChunk chunk) {
        int n = chunk.size();
        int done = 0;
        while (done < n) {
            int room = (int) Math.min(n - done, options.rowGroupSize() - columns.get(0).rows());
            for (int c = 0; c < columns.size(); c++) columns.get(c).append(chunk.column(c), done, room);
            done += room;
            if (columns.get(0).rows() >= options.rowGroupSize()) flushRowGroup();
        }
    }

    private void flushRowGroup() {
        int rows = columns.get(0).rows();
        if (rows == 0) return;
        ColumnChunkWriter.Encoded[] encoded = new ColumnChunkWriter.Encoded[columns.size()];
        IntStream.range(0, columns.size()).parallel().forEach(c -> encoded[c] = columns.get(c).encode(options));
        ThriftCompactWriter w = new ThriftCompactWriter();
        w.beginListStruct();
        w.listOfStructs(1, columns.size());
        long groupStart = position, totalUncompressed = 0, totalCompressed = 0;
        try {
            for (int c = 0; c < columns.size(); c++) {
                ColumnChunkWriter col = columns.get(c);
                ColumnChunkWriter.Encoded e = encoded[c];
                long start = position;
                out.write(e.bytes());
                position += e.bytes().length;
                totalUncompressed += e.uncompressedSize();
                totalCompressed += e.bytes().length;
                w.beginListStruct(); // ColumnChunk
                w.i64(2, start);
                w.structField(3); // ColumnMetaData
                w.i32(1, col.physical);
                w.listI32(2, e.encodings());
                w.listStrings(3, List.of(col.name));
                w.i32(4, options.codec());
                w.i64(5, e.numValues());
                w.i64(6, e.uncompressedSize());
                w.i64(7, e.bytes().length);
                w.i64(9, start + e.dataPageOffset());
                if (e.hasDictionary()) w.i64(11, start);
                w.structField(12); // Statistics
                w.i64(3, e.nullCount());
                if (e.max() != null) w.binary(5, e.max());
                if (e.min() != null) w.binary(6, e.min());
                w.endStruct();
                w.endStruct();
                w.endStruct();
            }
        } catch (IOException ex) {
            throw new TealIOException("Could not write file \"" + path + "\": " + ex.getMessage(), ex);
        }
        w.i64(2, totalUncompressed);
        w.i64(3, rows);
        w.i64(5, groupStart);
        w.i64(6, totalCompressed);
        w.endStruct();
        rowGroups.add(w.toByteArray());
        totalRows += rows;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try (out) {
            flushRowGroup();
            ThriftCompactWriter w = new ThriftCompactWriter();
            w.beginStruct();
            w.i32(1, 1);
            w.listOfStructs(2, columns.size() + 1);
            w.beginListStruct();
            w.string(4, "duckdb_schema");
            w.i32(5, columns.size());
            w.endStruct();
            for (ColumnChunkWriter c : columns) c.writeSchema(w);
            w.i64(3, totalRows);
            w.listOfStructs(4, rowGroups.size());
            for (byte[] rg : rowGroups) w.raw(rg);
            if (!options.keyValues().isEmpty()) {
                w.listOfStructs(5, options.keyValues().size());
                for (Map.Entry<String, String> kv : options.keyValues().entrySet()) {
                    w.beginListStruct();
                    w.string(1, kv.getKey());
                    if (kv.getValue() != null) w.string(2, kv.getValue());
                    w.endStruct();
                }
            }
            w.string(6, "TealDB");
            w.endStruct();
            byte[] f = w.toByteArray();
            out.write(f);
            int len = f.length;
            out.write(new byte[]{(byte) len, (byte) (len >>> 8), (byte) (len >>> 16), (byte) (len >>> 24)});
            out.write(MAGIC);
        } catch (IOException e) {
            throw new TealIOException("Could not write file \"" + path + "\": " + e.getMessage(), e);
        }
    }
}
