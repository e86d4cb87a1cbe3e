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
 * OPTIONAL, as DuckDB writes them; a nested column is groups over several leaf chunks
 * ({@link NestedColumnWriter}).
 */
public final class ParquetWriter implements AutoCloseable {
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    private final Path path;
    private final OutputStream out;
    private final ParquetWriteOptions options;
    /** Per top-level column: its flat chunk writer, or its nested writer. */
    private final List<Object> columns = new ArrayList<>();
    /** Every leaf chunk in schema order. */
    private final List<ColumnChunkWriter> leaves = new ArrayList<>();
    private int buffered;
    private final List<byte[]> rowGroups = new ArrayList<>(); // encoded RowGroup structs
    private long position;
    private long totalRows;
    private boolean closed;

    public ParquetWriter(Path path, List<String> names, List<LogicalType> types, ParquetWriteOptions options) {
        this.path = path;
        this.options = options;
        for (int i = 0; i < names.size(); i++) {
            ParquetFieldIds ids = options.fieldIds() == null ? null : options.fieldIds().child(names.get(i));
            if (types.get(i).isNested()) {
                NestedColumnWriter n = new NestedColumnWriter(names.get(i), types.get(i), ids);
                columns.add(n);
                leaves.addAll(n.leaves());
            } else {
                ColumnChunkWriter c = new ColumnChunkWriter(names.get(i), types.get(i));
                c.fieldId = ids == null ? null : ids.id();
                columns.add(c);
                leaves.add(c);
            }
        }
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
            int room = (int) Math.min(n - done, options.rowGroupSize() - buffered);
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c) instanceof NestedColumnWriter nested) nested.append(chunk.column(c), done, room);
                else ((ColumnChunkWriter) columns.get(c)).append(chunk.column(c), done, room);
            }
            done += room;
            buffered += room;
            if (buffered >= options.rowGroupSize()) flushRowGroup();
        }
    }

    private void flushRowGroup() {
        int rows = buffered;
        if (rows == 0) return;
        buffered = 0;
        ColumnChunkWriter.Encoded[] encoded = new ColumnChunkWriter.Encoded[leaves.size()];
        IntStream.range(0, leaves.size()).parallel().forEach(c -> encoded[c] = leaves.get(c).encode(options));
        ThriftCompactWriter w = new ThriftCompactWriter();
        w.beginListStruct();
        w.listOfStructs(1, leaves.size());
        long groupStart = position, totalUncompressed = 0, totalCompressed = 0;
        try {
            for (int c = 0; c < leaves.size(); c++) {
                ColumnChunkWriter col = leaves.get(c);
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
                w.listStrings(3, col.path);
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

    /** The root plus every column's elements (a nested column's groups and leaves). */
    private int schemaElements() {
        int n = 1;
        for (Object c : columns) n += c instanceof NestedColumnWriter nested ? nested.schemaElements() : 1;
        return n;
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
            w.listOfStructs(2, schemaElements());
            w.beginListStruct();
            w.string(4, "duckdb_schema");
            w.i32(5, columns.size());
            w.endStruct();
            for (Object c : columns) {
                if (c instanceof NestedColumnWriter nested) nested.writeSchema(w);
                else ((ColumnChunkWriter) c).writeSchema(w);
            }
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
