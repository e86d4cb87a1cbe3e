package io.tealdb.io.parquet;

import io.tealdb.error.TealException;
import io.tealdb.error.TealIOException;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One open Parquet file: its footer (decoded once, when opened) and readers of its row groups.
 * Every error names the file; decoding errors also name the column. The channel's positional reads
 * are thread-safe, so several threads read different row groups of one file at once.
 */
public final class ParquetFileReader implements AutoCloseable {
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    private final Path path;
    private final FileChannel channel;
    private final FileMetadata metadata;
    private final ParquetSchema schema;
    private final long size;
    private final long footerLength;

    private ParquetFileReader(Path path, FileChannel channel, FileMetadata metadata, ParquetSchema schema, long size) {
        this.path = path;
        this.channel = channel;
        this.metadata = metadata;
        this.schema = schema;
        this.size = size;
        this.footerLength = metadata.footerLength();
    }

    public static ParquetFileReader open(Path path) {
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new TealIOException("No files found that match the pattern \"" + path + "\"");
        } catch (IOException e) {
            throw new TealIOException("Could not open Parquet file \"" + path + "\": " + e.getMessage(), e);
        }
        try {
            long size = ch.size();
            if (size < 12) throw new ParquetFormatException("it is too small to be a Parquet file (" + size + " bytes)");
            byte[] tail = read(ch, size - 8, 8);
            byte[] head = read(ch, 0, 4);
            if (!java.util.Arrays.equals(head, MAGIC) || tail[4] != 'P' || tail[5] != 'A' || tail[6] != 'R' || tail[7] != '1') {
                if (tail[4] == 'P' && tail[5] == 'A' && tail[6] == 'R' && tail[7] == 'E') {
                    throw new ParquetFormatException("it is encrypted, which is not supported");
                }
                throw new ParquetFormatException("it is not a Parquet file (no PAR1 magic bytes)");
            }
            int footerLength = (tail[0] & 0xff) | (tail[1] & 0xff) << 8 | (tail[2] & 0xff) << 16 | (tail[3] & 0xff) << 24;
            if (footerLength <= 0 || footerLength > size - 12) throw new ParquetFormatException("its footer length " + footerLength + " is invalid");
            byte[] footer = read(ch, size - 8 - footerLength, footerLength);
            ThriftStruct footerStruct = new ThriftCompactReader(footer, 0, footer.length).readStruct();
            if (footerStruct.has(8)) { // encryption_algorithm: a plaintext footer over encrypted columns
                throw new io.tealdb.error.InvalidInputException("File is encrypted but no file crypto metadata is set: \"" + path
                        + "\" (reading encrypted Parquet files is not supported yet)");
            }
            FileMetadata meta = FileMetadata.parse(footerStruct, footerLength);
            ParquetSchema schema = ParquetSchema.of(meta);
            return new ParquetFileReader(path, ch, meta, schema, size);
        } catch (ParquetFormatException e) {
            closeQuietly(ch);
            throw new ParquetFormatException("Parquet file \"" + path + "\" is invalid: " + e.getMessage(), e);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new TealIOException("Could not read Parquet file \"" + path + "\": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            if (e instanceof TealException) throw e;
            throw new ParquetFormatException("Parquet file \"" + path + "\" is invalid: its footer cannot be decoded (" + e + ")", e);
        }
    }

    /** Opens a file whose footer was read before (a scan's row groups reuse the footer read at bind time). */
    public static ParquetFileReader open(Path path, FileMetadata metadata, ParquetSchema schema) {
        try {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
            return new ParquetFileReader(path, ch, metadata, schema, ch.size());
        } catch (IOException e) {
            throw new TealIOException("Could not open Parquet file \"" + path + "\": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    public FileMetadata metadata() {
        return metadata;
    }

    public ParquetSchema schema() {
        return schema;
    }

    public long fileSize() {
        return size;
    }

    /**
     * Reads row group {@code group}: the given fields (flat or nested) into the chunk's vectors, up to
     * DataChunk.CAPACITY rows per {@link RowGroupReader#next}.
     */
    public RowGroupReader rowGroup(int group, List<ParquetSchema.Field> fields) {
        return rowGroup(group, fields, null);
    }

    /**
     * As {@link #rowGroup(int, List)}; flat field {@code i} reuses {@code buffers[i]} (a scanning
     * thread's, kept across its row groups; null or a null entry: fresh arrays). The reader of the
     * previous row group given the same buffers must be done.
     */
    public RowGroupReader rowGroup(int group, List<ParquetSchema.Field> fields, ColumnBuffers[] buffers) {
        RowGroupMetadata rg = metadata.rowGroups().get(group);
        FieldReader[] readers = new FieldReader[fields.size()];
        for (int i = 0; i < readers.length; i++) {
            ParquetSchema.Field f = fields.get(i);
            if (f.column() != null) {
                readers[i] = new FlatReader(chunk(rg, group, f.column(), buffers == null ? null : buffers[i]));
            } else {
                List<ParquetColumn> leaves = f.node().leaves();
                ColumnChunkReader[] chunks = new ColumnChunkReader[leaves.size()];
                for (int k = 0; k < chunks.length; k++) chunks[k] = chunk(rg, group, leaves.get(k), null);
                readers[i] = new NestedReader(f.node(), leaves, chunks);
            }
        }
        return new RowGroupReader(fields, readers, rg.numRows());
    }

    private ColumnChunkReader chunk(RowGroupMetadata rg, int group, ParquetColumn c, ColumnBuffers buffers) {
        try {
            if (c.leafIndex() >= rg.columns().size()) throw new ParquetFormatException("row group " + group + " lacks the column's chunk");
            ColumnChunkMetadata m = rg.columns().get(c.leafIndex());
            if (m.numValues() != rg.numRows() && c.maxRepetition() == 0) {
                throw new ParquetFormatException("row group " + group + " has " + rg.numRows() + " rows but the column chunk holds "
                        + m.numValues() + " values");
            }
            long start = m.startOffset();
            long length = m.totalCompressedSize();
            if (start < 4 || length < 0 || start + length > size - 8) throw new ParquetFormatException("column chunk lies outside the file");
            // some writers understate total_compressed_size (e.g. leaving out the dictionary page): read up to
            // where the next chunk starts, so the pages are found as long as they lie before it
            long limit = nextChunkStart(rg, start);
            if (limit > start + length) length = Math.min(limit - start, Integer.MAX_VALUE - 16);
            // one positional read per chunk; uncompressed string pages are read in place, so those chunks get fresh arrays
            boolean reuse = buffers != null && ColumnChunkReader.reusable(c);
            byte[] bytes = reuse ? buffers.chunk((int) length) : new byte[(int) length];
            read(channel, start, bytes, (int) length);
            return new ColumnChunkReader(c, m, bytes, 0, (int) length, rg.numRows(), buffers);
        } catch (ParquetFormatException e) {
            throw error(c.name(), e);
        } catch (IOException e) {
            throw new TealIOException("Could not read Parquet file \"" + path + "\": " + e.getMessage(), e);
        }
    }

    /** Reads the next {@code n} rows of one field into a vector. */
    private sealed interface FieldReader {
        void read(Vector out, int n);
    }

    private record FlatReader(ColumnChunkReader chunk) implements FieldReader {
        @Override
        public void read(Vector out, int n) {
            chunk.read(out, 0, n);
        }

        void read(Vector out, int n, int[] sel, int count) {
            chunk.read(out, 0, n, sel, count);
        }
    }

    /** A nested field: every leaf's level entries for the rows, assembled into the field's vector. */
    private static final class NestedReader implements FieldReader {
        private final ParquetNode node;
        private final ColumnChunkReader[] chunks;
        private final List<NestedAssembler.LeafEntries> entries = new java.util.ArrayList<>();

        NestedReader(ParquetNode node, List<ParquetColumn> leaves, ColumnChunkReader[] chunks) {
            this.node = node;
            this.chunks = chunks;
            for (ParquetColumn c : leaves) entries.add(new NestedAssembler.LeafEntries(c));
        }

        @Override
        public void read(Vector out, int n) {
            for (int k = 0; k < chunks.length; k++) {
                NestedAssembler.LeafEntries e = entries.get(k);
                e.reset();
                int got = chunks[k].readRecords(n, e);
                if (got != n) throw new ParquetFormatException("a nested column chunk has fewer rows than its row group");
            }
            NestedAssembler.Entries top = NestedAssembler.assemble(node, entries);
            if (top.count() != n) throw new ParquetFormatException("nested levels describe " + top.count() + " rows instead of " + n);
            out.copyRange(top.vector(), 0, 0, n);
        }
    }

    /** The first byte after {@code start} where another column chunk (or the footer) begins. */
    private long nextChunkStart(RowGroupMetadata rg, long start) {
        long limit = size - 8 - footerLength;
        for (RowGroupMetadata g : metadata.rowGroups()) {
            for (ColumnChunkMetadata c : g.columns()) {
                long s = c.startOffset();
                if (s > start && s < limit) limit = s;
            }
        }
        return limit;
    }

    /** Reads the rows of one row group, a chunk at a time. */
    public final class RowGroupReader {
        private final List<ParquetSchema.Field> columns;
        private final FieldReader[] readers;
        private long left;

        RowGroupReader(List<ParquetSchema.Field> columns, FieldReader[] readers, long rows) {
            this.columns = columns;
            this.readers = readers;
            this.left = rows;
        }

        /** How many rows the next batch has (up to DataChunk.CAPACITY; 0 at the end). */
        public int batchRows() {
            return (int) Math.min(left, DataChunk.CAPACITY);
        }

        /** Whether every field is a flat column, so {@link #read(int, Vector, int, int[], int)} can skip rows. */
        public boolean flat() {
            for (FieldReader r : readers) if (!(r instanceof FlatReader)) return false;
            return true;
        }

        /**
         * Reads field {@code i}'s rows of the next batch of {@code n} rows into {@code out}: all of
         * them ({@code sel} null), or only rows {@code sel[0..count)} (flat fields only). Every field
         * is read once per batch, then {@link #advance} ends the batch.
         */
        public void read(int i, Vector out, int n, int[] sel, int count) {
            try {
                if (sel == null) readers[i].read(out, n);
                else ((FlatReader) readers[i]).read(out, n, sel, count);
            } catch (ParquetFormatException e) {
                throw error(columns.get(i).name(), e);
            } catch (RuntimeException e) {
                if (e instanceof TealException) throw e;
                throw error(columns.get(i).name(), new ParquetFormatException("corrupt data (" + e + ")", e));
            }
        }

        /** Ends a batch of {@code n} rows read field by field. */
        public void advance(int n) {
            left -= n;
        }

        /** Reads the next rows into {@code vectors[i]} (reset first) for column i; returns how many (0 at the end). */
        public int next(Vector[] vectors) {
            int n = (int) Math.min(left, DataChunk.CAPACITY);
            if (n == 0) return 0;
            for (int i = 0; i < readers.length; i++) {
                try {
                    readers[i].read(vectors[i], n);
                } catch (ParquetFormatException e) {
                    throw error(columns.get(i).name(), e);
                } catch (RuntimeException e) {
                    if (e instanceof TealException) throw e;
                    throw error(columns.get(i).name(), new ParquetFormatException("corrupt data (" + e + ")", e));
                }
            }
            left -= n;
            return n;
        }
    }

    private ParquetFormatException error(String column, ParquetFormatException e) {
        return new ParquetFormatException("Parquet file \"" + path + "\", column \"" + column + "\": " + e.getMessage(), e);
    }

    private static byte[] read(FileChannel ch, long position, int length) throws IOException {
        byte[] b = new byte[length];
        read(ch, position, b, length);
        return b;
    }

    private static void read(FileChannel ch, long position, byte[] into, int length) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(into, 0, length);
        while (bb.hasRemaining()) {
            int n = ch.read(bb, position + bb.position());
            if (n < 0) throw new ParquetFormatException("file ends unexpectedly");
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new TealIOException("Could not close Parquet file \"" + path + "\": " + e.getMessage(), e);
        }
    }
}
