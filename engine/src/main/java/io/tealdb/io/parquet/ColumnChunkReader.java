package io.tealdb.io.parquet;

import io.tealdb.vector.Vector;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Reads one column chunk (one flat column of one row group) page by page straight into vectors:
 * page headers are decoded with the Thrift reader, page CRCs checked, pages decompressed, definition
 * levels and values decoded per page, and {@link #read} converts runs of rows into the vector in one
 * primitive loop per run. Dictionary-encoded string columns point the vector at the dictionary's
 * bytes instead of copying them. Dictionary indexes are unpacked per batch, straight into the
 * gather positions. With {@link ColumnBuffers} a thread's pages, levels and values of one column
 * reuse the same arrays from page to page and row group to row group.
 */
final class ColumnChunkReader {
    /** Larger pages are taken as corrupt (a header cannot make the reader allocate gigabytes). */
    private static final int MAX_PAGE_BYTES = 1 << 30;
    private final ParquetColumn column;
    private final int codec;
    private final byte[] data;
    private int pos;
    private final int end;
    private final int defBitWidth;
    private final int repBitWidth;

    /** Reused arrays; null: every page gets fresh ones. */
    private final ColumnBuffers buffers;
    private PageValues dictionary;
    // current data page
    private int pageRows, pageRow;
    private byte[] defs;          // null: every row defined
    private byte[] reps;          // repetition levels of the page (nested columns only)
    private PageValues values;    // plain values of the page, or null when dictionary-encoded or not decoded yet
    /**
     * A PLAIN page of 4- or 8-byte numbers stored as the vector stores them: its values stay in the
     * page bytes from {@code plainPos} on, and NULL-free rows are copied from there straight into
     * the vectors (one copy instead of two); {@link #values()} decodes them when another path needs them.
     */
    private byte[] plainBytes;
    private int plainPos;
    private RleBitPackedDecoder dictIndexes; // the page's dictionary indexes, unpacked as rows are read
    private int pageValues;       // values (non-NULL rows) in the page
    private int valueIndex;
    private int[] src = new int[0];
    private int[] indexScratch = new int[0];
    private long rowsLeft;
    /** Rows of the row group, and of the data pages started so far: a page may not claim more than are left. */
    private final long totalRows;
    private long rowsInPages;
    /** Level entries (values, NULLs included) of the chunk: no data page follows once they are all started. */
    private final long totalValues;

    ColumnChunkReader(ParquetColumn column, ColumnChunkMetadata meta, byte[] data, int offset, int length, long rows) {
        this(column, meta, data, offset, length, rows, null);
    }

    /** {@code buffers}: arrays to reuse (see {@link #reusable}), or null. */
    ColumnChunkReader(ParquetColumn column, ColumnChunkMetadata meta, byte[] data, int offset, int length, long rows, ColumnBuffers buffers) {
        this.column = column;
        this.buffers = buffers;
        this.codec = meta.codec();
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
        this.defBitWidth = RleBitPackedDecoder.bitWidth(column.maxDefinition());
        this.repBitWidth = RleBitPackedDecoder.bitWidth(column.maxRepetition());
        this.rowsLeft = rows;
        this.totalRows = rows;
        this.totalValues = meta.numValues();
    }

    /** Whether a column's page bytes may be reused: not when its vectors borrow them (strings, blobs). */
    static boolean reusable(ParquetColumn c) {
        return c.conversion() != ValueConversion.BINARY;
    }

    /** A buffer for a decompressed page: the reused one when the column's vectors do not keep pointing into it. */
    private byte[] pageBuffer(int size) {
        return buffers != null && reusable(column) ? buffers.page(size) : new byte[size];
    }

    private byte[] levelBuffer(int n, boolean repetition) {
        if (buffers == null) return new byte[n];
        return repetition ? buffers.reps(n) : buffers.defs(n);
    }

    /** Fills rows {@code [off, off + n)} of {@code out} with the next {@code n} rows of the chunk. */
    void read(Vector out, int off, int n) {
        if (n > rowsLeft) throw new ParquetFormatException("column chunk has fewer rows than its row group");
        int done = 0;
        while (done < n) {
            if (pageRow == pageRows) nextDataPage();
            int take = Math.min(n - done, pageRows - pageRow);
            fill(out, off + done, take);
            pageRow += take;
            done += take;
        }
        rowsLeft -= n;
    }

    /**
     * Reads the next {@code n} rows of the chunk but keeps only rows {@code sel[0..count)} (ascending,
     * numbered from 0 within these n rows) in rows {@code [off, off + count)} of {@code out}: the
     * rows a pushed-down filter dropped are stepped over without being converted or copied.
     */
    void read(Vector out, int off, int n, int[] sel, int count) {
        if (n > rowsLeft) throw new ParquetFormatException("column chunk has fewer rows than its row group");
        int done = 0, j = 0, written = 0;
        while (done < n) {
            if (pageRow == pageRows) nextDataPage();
            int take = Math.min(n - done, pageRows - pageRow);
            int from = j;
            while (j < count && sel[j] < done + take) j++;
            fillSelected(out, off + written, take, sel, from, j - from, done);
            pageRow += take;
            done += take;
            written += j - from;
        }
        rowsLeft -= n;
    }

    /**
     * Nested columns: appends the level entries of the next {@code records} records (a record starts
     * at repetition level 0) to {@code out}: each entry's levels, and its value (NULL where the entry
     * is not defined to the leaf). Returns the number of records read.
     */
    int readRecords(int records, NestedAssembler.LeafEntries out) {
        int started = 0;
        while (true) {
            // a page may end inside a record (v1 pages need not start at record boundaries): the
            // next page is looked at even after the last record started, for entries continuing it
            if (pageRow == pageRows && !advancePage()) break;
            int k = pageRow;
            byte[] r = reps;
            while (k < pageRows) {
                int level = r == null ? 0 : r[k];
                if (level == 0) {
                    if (started == records) break;
                    started++;
                } else if (k == pageRow && out.count == 0) {
                    throw new ParquetFormatException("a record starts with repetition level " + level);
                }
                k++;
            }
            int take = k - pageRow;
            if (take > 0) {
                int at = out.count;
                out.reserve(at + take);
                if (r == null) Arrays.fill(out.reps, at, at + take, (byte) 0);
                else System.arraycopy(r, pageRow, out.reps, at, take);
                if (defs == null) Arrays.fill(out.defs, at, at + take, (byte) column.maxDefinition());
                else System.arraycopy(defs, pageRow, out.defs, at, take);
                fill(out.values, at, take);
                pageRow += take;
                out.count += take;
            }
            if (k < pageRows) break; // the next record starts in this page
        }
        return started;
    }

    // ---------------------------------------------------------------- pages

    private void nextDataPage() {
        if (!advancePage()) throw new ParquetFormatException("column chunk ends before all of its rows were read");
    }

    /** Starts the next data page; false when the chunk has none left. */
    private boolean advancePage() {
        while (true) {
            // the bytes may run on into the next chunk (see ParquetFileReader), so stop by the count
            if (pos >= end || rowsInPages >= totalValues) return false;
            ThriftCompactReader r = new ThriftCompactReader(data, pos, end - pos);
            PageHeader h = PageHeader.parse(r.readStruct());
            int body = r.position();
            if (h.compressedSize() > end - body) throw new ParquetFormatException("page extends past the end of its column chunk");
            if (h.uncompressedSize() > MAX_PAGE_BYTES) throw new ParquetFormatException("page of " + h.uncompressedSize() + " bytes is too large");
            // (a nested column's pages count level entries, which may outnumber rows)
            if ((h.type() == ParquetEnums.DATA_PAGE || h.type() == ParquetEnums.DATA_PAGE_V2) && column.maxRepetition() == 0
                    && h.numValues() > totalRows - rowsInPages) {
                throw new ParquetFormatException("a data page holds more values than its row group has rows left");
            }
            pos = body + h.compressedSize();
            if (h.hasCrc()) {
                CRC32 crc = new CRC32();
                crc.update(data, body, h.compressedSize());
                if ((int) crc.getValue() != h.crc()) throw new ParquetFormatException("page checksum (CRC) mismatch: the page is corrupt");
            }
            switch (h.type()) {
                case ParquetEnums.DICTIONARY_PAGE -> readDictionary(h, body);
                case ParquetEnums.DATA_PAGE -> {
                    if (h.numValues() < 0) throw new ParquetFormatException("data page with a negative value count");
                    if (h.numValues() == 0) continue;
                    readDataPageV1(h, body);
                    return true;
                }
                case ParquetEnums.DATA_PAGE_V2 -> {
                    if (h.numValues() < 0 || h.numRows() < 0 && h.numRows() != -1) throw new ParquetFormatException("data page with a negative value count");
                    if (h.numValues() == 0) continue;
                    readDataPageV2(h, body);
                    return true;
                }
                default -> {
                    // index pages and unknown page types carry nothing a reader needs
                }
            }
        }
    }

    private void readDictionary(PageHeader h, int body) {
        if (h.numValues() < 0) throw new ParquetFormatException("dictionary page with a negative value count");
        if (h.encoding() != ParquetEnums.PLAIN && h.encoding() != ParquetEnums.PLAIN_DICTIONARY) {
            throw new ParquetFormatException("dictionary page encoded as " + ParquetEnums.encodingName(h.encoding()));
        }
        byte[] buf;
        int start, stop;
        if (codec == ParquetEnums.UNCOMPRESSED) {
            buf = data;
            start = body;
            stop = body + h.compressedSize();
        } else {
            // byte-array dictionaries keep pointing into their page while the data pages decompress: never the reused buffer
            boolean sliced = column.physicalType() == ParquetEnums.BYTE_ARRAY || column.physicalType() == ParquetEnums.FIXED_LEN_BYTE_ARRAY;
            byte[] into = sliced ? new byte[h.uncompressedSize()] : pageBuffer(h.uncompressedSize());
            buf = PageCodecs.decompress(codec, data, body, h.compressedSize(), h.uncompressedSize(), into);
            start = 0;
            stop = h.uncompressedSize();
        }
        dictionary = PageValues.plain(column.physicalType(), column.element().typeLength(), buf, start, stop, h.numValues(),
                buffers != null ? buffers.dictionary : new PageValues());
    }

    private void readDataPageV1(PageHeader h, int body) {
        byte[] buf;
        int p, stop;
        if (codec == ParquetEnums.UNCOMPRESSED) {
            buf = data;
            p = body;
            stop = body + h.compressedSize();
        } else {
            buf = PageCodecs.decompress(codec, data, body, h.compressedSize(), h.uncompressedSize(), pageBuffer(h.uncompressedSize()));
            p = 0;
            stop = h.uncompressedSize();
        }
        int n = h.numValues();
        reps = null;
        if (column.maxRepetition() > 0) {
            int len = readIntLE(buf, p, stop);
            if (len < 0 || len > stop - p - 4) throw new ParquetFormatException("repetition levels extend past the page");
            reps = levelBuffer(n, true);
            new RleBitPackedDecoder(buf, p + 4, p + 4 + len, repBitWidth).read(reps, 0, n);
            p += 4 + len;
        }
        defs = null;
        int nonNull = n;
        if (column.maxDefinition() > 0) {
            defs = levelBuffer(n, false);
            if (h.defEncoding() == ParquetEnums.BIT_PACKED) {
                int bytes = (int) (((long) n * defBitWidth + 7) / 8);
                if (bytes > stop - p) throw new ParquetFormatException("definition levels extend past the page");
                unpackMsbFirst(buf, p, n, defBitWidth, defs);
                p += bytes;
            } else {
                int len = readIntLE(buf, p, stop);
                if (len < 0 || len > stop - p - 4) throw new ParquetFormatException("definition levels extend past the page");
                new RleBitPackedDecoder(buf, p + 4, p + 4 + len, defBitWidth).read(defs, 0, n);
                p += 4 + len;
            }
            nonNull = countDefined(defs, n, column.maxDefinition());
            if (nonNull == n) defs = null; // no NULL in the page: the fast paths apply
        }
        decodeValues(h.encoding(), buf, p, stop, nonNull);
        startPage(n);
    }

    private void readDataPageV2(PageHeader h, int body) {
        int n = h.numValues();
        int levels = h.repLength() + h.defLength();
        if (h.repLength() < 0 || h.defLength() < 0 || levels > h.compressedSize()) {
            throw new ParquetFormatException("data page v2 level lengths exceed the page");
        }
        reps = null;
        if (column.maxRepetition() > 0) {
            reps = levelBuffer(n, true);
            new RleBitPackedDecoder(data, body, body + h.repLength(), repBitWidth).read(reps, 0, n);
        }
        defs = null;
        int nonNull = n;
        if (column.maxDefinition() > 0) {
            defs = levelBuffer(n, false);
            int d = body + h.repLength();
            new RleBitPackedDecoder(data, d, d + h.defLength(), defBitWidth).read(defs, 0, n);
            nonNull = countDefined(defs, n, column.maxDefinition());
            if (nonNull == n) defs = null;
        }
        int valuesStart = body + levels;
        int compressedLen = h.compressedSize() - levels;
        int rawLen = h.uncompressedSize() - levels;
        if (rawLen < 0) throw new ParquetFormatException("data page v2 with a negative value size");
        byte[] buf;
        int p, stop;
        if (codec == ParquetEnums.UNCOMPRESSED || !h.compressed() || compressedLen == 0) {
            buf = data;
            p = valuesStart;
            stop = valuesStart + compressedLen;
        } else {
            buf = PageCodecs.decompress(codec, data, valuesStart, compressedLen, rawLen, pageBuffer(rawLen));
            p = 0;
            stop = rawLen;
        }
        decodeValues(h.encoding(), buf, p, stop, nonNull);
        startPage(n);
    }

    private void startPage(int n) {
        rowsInPages += n;
        pageRows = n;
        pageRow = 0;
        valueIndex = 0;
    }

    private void decodeValues(int encoding, byte[] buf, int p, int stop, int n) {
        int physical = column.physicalType();
        int typeLength = column.element().typeLength();
        values = null;
        plainBytes = null;
        dictIndexes = null;
        pageValues = n;
        switch (encoding) {
            case ParquetEnums.PLAIN -> {
                int width = directWidth(column);
                if (width > 0) {
                    if ((long) n * width > stop - p) throw new ParquetFormatException("page data ends unexpectedly");
                    plainBytes = buf;
                    plainPos = p;
                } else {
                    values = PageValues.plain(physical, typeLength, buf, p, stop, n, buffers != null ? buffers.values : new PageValues());
                }
            }
            case ParquetEnums.PLAIN_DICTIONARY, ParquetEnums.RLE_DICTIONARY -> {
                if (dictionary == null) throw new ParquetFormatException("dictionary-encoded page without a dictionary page");
                if (n > 0) {
                    if (p >= stop) throw new ParquetFormatException("dictionary-encoded page without data");
                    int bw = buf[p] & 0xff;
                    dictIndexes = new RleBitPackedDecoder(buf, p + 1, stop, bw);
                } else {
                    dictIndexes = new RleBitPackedDecoder(buf, p, p, 0);
                }
            }
            case ParquetEnums.DELTA_BINARY_PACKED -> values = PageValues.deltaBinaryPacked(physical, buf, p, stop, n);
            case ParquetEnums.DELTA_LENGTH_BYTE_ARRAY -> {
                if (physical != ParquetEnums.BYTE_ARRAY) throw new ParquetFormatException("DELTA_LENGTH_BYTE_ARRAY on a non byte-array column");
                values = PageValues.deltaLength(buf, p, stop, n);
            }
            case ParquetEnums.DELTA_BYTE_ARRAY -> {
                if (physical != ParquetEnums.BYTE_ARRAY && physical != ParquetEnums.FIXED_LEN_BYTE_ARRAY) {
                    throw new ParquetFormatException("DELTA_BYTE_ARRAY on a non byte-array column");
                }
                values = PageValues.deltaByteArray(buf, p, stop, n);
            }
            case ParquetEnums.BYTE_STREAM_SPLIT -> values = PageValues.byteStreamSplit(physical, typeLength, buf, p, stop, n);
            case ParquetEnums.RLE -> {
                if (physical != ParquetEnums.BOOLEAN) throw new ParquetFormatException("RLE value encoding on a non-boolean column");
                values = PageValues.rleBooleans(buf, p, stop, n);
            }
            default -> throw new ParquetFormatException("encoding " + ParquetEnums.encodingName(encoding) + " is not supported");
        }
    }

    // ---------------------------------------------------------------- rows into vectors

    private void fill(Vector out, int off, int n) {
        if (src.length < n) src = new int[Math.max(n, 2048)];
        int[] s = src;
        int maxDef = column.maxDefinition();
        int start = valueIndex;
        int vi = start;
        if (defs == null) {
            if (start + n > pageValues) throw new ParquetFormatException("page has fewer values than rows");
            if (dictIndexes != null) {
                // dictionary page without NULLs: the indexes are the gather positions
                nextIndexes(s, n);
                valueIndex += n;
                convert(column, dictionary, s, n, out, off);
                return;
            }
            if (fastCopy(out, off, n)) {
                valueIndex += n;
                return;
            }
            for (int k = 0; k < n; k++) s[k] = start + k;
            vi += n;
        } else {
            byte[] d = defs;
            int base = pageRow;
            for (int k = 0; k < n; k++) {
                if (d[base + k] == maxDef) {
                    s[k] = vi++;
                } else {
                    s[k] = -1;
                    out.setNull(off + k);
                }
            }
            if (vi > pageValues) throw new ParquetFormatException("page has fewer values than its definition levels say");
        }
        valueIndex = vi;
        convert(column, gatherSource(s, n, start, vi - start), s, n, out, off);
    }

    /** As {@link #fill}, for the {@code count} rows {@code sel[from..from+count) - base} of the next {@code n}. */
    private void fillSelected(Vector out, int off, int n, int[] sel, int from, int count, int base) {
        if (src.length < n) src = new int[Math.max(n, 2048)];
        int[] s = src;
        int start = valueIndex;
        int vi = start;
        if (defs == null) {
            if (vi + n > pageValues) throw new ParquetFormatException("page has fewer values than rows");
            if (dictIndexes != null) {
                // dictionary page without NULLs: the kept rows' indexes are the gather positions
                int[] idx = indexScratch(n);
                nextIndexes(idx, n);
                for (int q = 0; q < count; q++) s[q] = idx[sel[from + q] - base];
                valueIndex = vi + n;
                if (count > 0) convert(column, dictionary, s, count, out, off);
                return;
            }
            if (plainBytes != null) {
                gatherPlain(out, off, sel, from, count, vi - base);
                valueIndex = vi + n;
                return;
            }
            for (int q = 0; q < count; q++) s[q] = vi + sel[from + q] - base;
            vi += n;
        } else {
            // value indexes of all n rows first (a NULL row has no value), then the kept ones
            byte[] d = defs;
            int maxDef = column.maxDefinition();
            int page = pageRow, q = 0;
            int next = count > 0 ? sel[from] - base : -1;
            for (int k = 0; k < n; k++) {
                boolean defined = d[page + k] == maxDef;
                if (k == next) {
                    s[q] = defined ? vi : -1;
                    if (!defined) out.setNull(off + q);
                    q++;
                    next = q < count ? sel[from + q] - base : -1;
                }
                if (defined) vi++;
            }
            if (vi > pageValues) throw new ParquetFormatException("page has fewer values than its definition levels say");
        }
        valueIndex = vi;
        PageValues v = gatherSource(s, count, start, vi - start);
        if (count > 0) convert(column, v, s, count, out, off);
    }

    /**
     * The values {@code s[0..n)} point into, after the page's next {@code consumed} values (from value
     * {@code start} on) were taken: the plain values as they are, or for a dictionary page the
     * dictionary, with {@code s} turned from value positions into dictionary indexes.
     */
    private PageValues gatherSource(int[] s, int n, int start, int consumed) {
        if (dictIndexes == null) return values();
        int[] idx = indexScratch(consumed);
        nextIndexes(idx, consumed);
        for (int k = 0; k < n; k++) {
            int i = s[k];
            if (i >= 0) s[k] = idx[i - start];
        }
        return dictionary;
    }

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The byte width of a column whose PLAIN values the vectors store unchanged (INT32, INT64, FLOAT,
     * DOUBLE read as themselves), so they can be copied from the page bytes; 0 for every other column.
     */
    private static int directWidth(ParquetColumn c) {
        return switch (c.conversion()) {
            case INT32 -> c.physicalType() == ParquetEnums.INT32 ? 4 : 0;
            case FLOAT -> c.physicalType() == ParquetEnums.FLOAT ? 4 : 0;
            case INT64 -> c.physicalType() == ParquetEnums.INT64 ? 8 : 0;
            case DOUBLE -> c.physicalType() == ParquetEnums.DOUBLE ? 8 : 0;
            default -> 0;
        };
    }

    /** The page's plain values, decoded from the page bytes on first use when they were left there. */
    private PageValues values() {
        if (values == null && plainBytes != null) {
            int width = directWidth(column);
            values = PageValues.plain(column.physicalType(), column.element().typeLength(), plainBytes, plainPos, plainPos + pageValues * width,
                    pageValues, buffers != null ? buffers.values : new PageValues());
        }
        return values;
    }

    /** NULL-free rows {@code sel[from..from+count)} of a page left in its bytes: value {@code first + sel[q]} goes to row {@code off + q}. */
    private void gatherPlain(Vector out, int off, int[] sel, int from, int count, int first) {
        byte[] b = plainBytes;
        int p = plainPos;
        switch (column.conversion()) {
            case INT32 -> {
                int[] d = out.ints;
                for (int q = 0; q < count; q++) d[off + q] = (int) INT_LE.get(b, p + 4 * (first + sel[from + q]));
            }
            case INT64 -> {
                long[] d = out.longs;
                for (int q = 0; q < count; q++) d[off + q] = (long) LONG_LE.get(b, p + 8 * (first + sel[from + q]));
            }
            case FLOAT -> {
                float[] d = out.floats;
                for (int q = 0; q < count; q++) d[off + q] = Float.intBitsToFloat((int) INT_LE.get(b, p + 4 * (first + sel[from + q])));
            }
            default -> {
                double[] d = out.doubles;
                for (int q = 0; q < count; q++) d[off + q] = Double.longBitsToDouble((long) LONG_LE.get(b, p + 8 * (first + sel[from + q])));
            }
        }
    }

    private int[] indexScratch(int n) {
        if (indexScratch.length < n) indexScratch = new int[Math.max(n, 2048)];
        return indexScratch;
    }

    /** Unpacks the page's next {@code n} dictionary indexes into {@code out[0..n)}, checking each names a dictionary entry. */
    private void nextIndexes(int[] out, int n) {
        dictIndexes.read(out, 0, n);
        if (!inRange(out, n, dictionary.count)) throw new ParquetFormatException("dictionary index out of range");
    }

    /**
     * Whether {@code a[0..n)} all lie in {@code [0, size)}: a min and a max reduction, which the JIT
     * turns into SIMD loops (a compare-and-branch per index was a tenth of a dictionary column's decoding).
     */
    static boolean inRange(int[] a, int n, int size) {
        int min = 0, max = 0;
        for (int k = 0; k < n; k++) {
            min = Math.min(min, a[k]);
            max = Math.max(max, a[k]);
        }
        return n == 0 || min >= 0 && max < size;
    }

    /** Rows without nulls from plain values of a type stored as is: one arraycopy. */
    private boolean fastCopy(Vector out, int off, int n) {
        int from = valueIndex;
        if (plainBytes != null) {
            ByteBuffer b = ByteBuffer.wrap(plainBytes, plainPos + from * directWidth(column), n * directWidth(column)).order(ByteOrder.LITTLE_ENDIAN);
            switch (column.conversion()) {
                case INT32 -> b.asIntBuffer().get(out.ints, off, n);
                case INT64 -> b.asLongBuffer().get(out.longs, off, n);
                case FLOAT -> b.asFloatBuffer().get(out.floats, off, n);
                default -> b.asDoubleBuffer().get(out.doubles, off, n);
            }
            return true;
        }
        switch (column.conversion()) {
            case INT32 -> System.arraycopy(values.ints, from, out.ints, off, n);
            case INT64 -> System.arraycopy(values.longs, from, out.longs, off, n);
            case INT96_TO_MICROS -> System.arraycopy(values.longs, from, out.longs, off, n);
            case FLOAT -> System.arraycopy(values.floats, from, out.floats, off, n);
            case DOUBLE -> System.arraycopy(values.doubles, from, out.doubles, off, n);
            case BOOLEAN -> System.arraycopy(values.bools, from, out.bytes, off, n);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** As {@link #convert(ValueConversion, PageValues, int[], int, Vector, int)}, for conversions that need the column's scale. */
    static void convert(ParquetColumn c, PageValues v, int[] s, int n, Vector out, int off) {
        if (c.conversion() != ValueConversion.BINARY_DECIMAL_TO_DOUBLE) {
            convert(c.conversion(), v, s, n, out, off);
            return;
        }
        int scale = ParquetSchema.decimalScale(c.element());
        for (int k = 0; k < n; k++) {
            if (s[k] < 0) continue;
            int o = v.offsets[s[k]], len = v.lengths[s[k]];
            java.math.BigInteger unscaled = len == 0 ? java.math.BigInteger.ZERO
                    : new java.math.BigInteger(java.util.Arrays.copyOfRange(v.heap, o, o + len));
            out.doubles[off + k] = new java.math.BigDecimal(unscaled, scale).doubleValue();
        }
    }

    static void convert(ValueConversion conversion, PageValues v, int[] s, int n, Vector out, int off) {
        switch (conversion) {
            case BOOLEAN -> {
                byte[] a = v.bools, d = out.bytes;
                for (int k = 0; k < n; k++) if (s[k] >= 0) d[off + k] = a[s[k]];
            }
            case INT32 -> {
                int[] a = v.ints, d = out.ints;
                for (int k = 0; k < n; k++) if (s[k] >= 0) d[off + k] = a[s[k]];
            }
            case INT32_TO_INT8 -> {
                int[] a = v.ints;
                byte[] d = out.bytes;
                for (int k = 0; k < n; k++) if (s[k] >= 0) d[off + k] = (byte) a[s[k]];
            }
            case INT32_TO_INT16 -> {
                int[] a = v.ints;
                short[] d = out.shorts;
                for (int k = 0; k < n; k++) if (s[k] >= 0) d[off + k] = (short) a[s[k]];
            }
            case INT32_UNSIGNED_TO_INT16 -> {
                int[] a = v.ints;
                short[] d = out.shorts;
                for (int k = 0; k < n; k++) if (s[k] >= 0) d[off + k] = (short) (a[s[k]] & 0xff);
            }
            case INT32_UNSIGNED_TO_INT32 -> {
                int[] a = v.ints, d = out.ints;
                for (int k = 0; k < n; k++) if (s[k] >= 0) d[off + k] = a[s[k]] & 0xffff;
            }
            case INT32_TO_INT64 -> {
                int[] a = v.ints;
                long[] d = out.longs;
                for (int k = 0; k < n; k++) if (s[k] >= 0) d[off + k] = a[s[k]];
            }
            case INT32_UNSIGNED_TO_INT64 -> {
                int[] a = v.ints;
                long[] d = out.longs;
                for (int k = 0; k < n; k++) if (s[k] >= 0) d[off + k] = a[s[k]] & 0xffffffffL;
            }
            case INT32_MILLIS_TO_MICROS -> {
                int[] a = v.ints;
                long[] d = out.longs;
                for (int k = 0; k < n; k++) if (s[k] >= 0) d[off + k] = a[s[k]] * 1000L;
            }
            case INT64, INT96_TO_MICROS -> {
                long[] a = v.longs, d = out.longs;
                for (int k = 0; k < n; k++) if (s[k] >= 0) d[off + k] = a[s[k]];
            }
            case INT64_MILLIS_TO_MICROS -> {
                long[] a = v.longs, d = out.longs;
                for (int k = 0; k < n; k++) if (s[k] >= 0) d[off + k] = a[s[k]] * 1000L;
            }
            case INT64_NANOS_TO_MICROS -> {
                long[] a = v.longs, d = out.longs;
                for (int k = 0; k < n; k++) if (s[k] >= 0) d[off + k] = Math.floorDiv(a[s[k]], 1000L);
            }
            case INT64_TO_INT128 -> {
                if (v.ints != null) {
                    int[] a = v.ints;
                    for (int k = 0; k < n; k++) {
                        if (s[k] < 0) continue;
                        out.longs[off + k] = a[s[k]];
                        out.highs[off + k] = a[s[k]] >> 31;
                    }
                } else {
                    long[] a = v.longs;
                    for (int k = 0; k < n; k++) {
                        if (s[k] < 0) continue;
                        out.longs[off + k] = a[s[k]];
                        out.highs[off + k] = a[s[k]] >> 63;
                    }
                }
            }
            case INT64_UNSIGNED_TO_INT128 -> {
                long[] a = v.longs;
                for (int k = 0; k < n; k++) {
                    if (s[k] < 0) continue;
                    out.longs[off + k] = a[s[k]];
                    out.highs[off + k] = 0;
                }
            }
            case FLOAT -> {
                float[] a = v.floats, d = out.floats;
                for (int k = 0; k < n; k++) if (s[k] >= 0) d[off + k] = a[s[k]];
            }
            case DOUBLE -> {
                double[] a = v.doubles, d = out.doubles;
                for (int k = 0; k < n; k++) if (s[k] >= 0) d[off + k] = a[s[k]];
            }
            case BINARY -> binary(v, s, n, out, off);
            case BINARY_DECIMAL_TO_INT64 -> {
                for (int k = 0; k < n; k++) {
                    if (s[k] < 0) continue;
                    out.longs[off + k] = bigEndianLong(v.heap, v.offsets[s[k]], v.lengths[s[k]]);
                }
            }
            case BINARY_DECIMAL_TO_INT128 -> {
                for (int k = 0; k < n; k++) {
                    if (s[k] < 0) continue;
                    int o = v.offsets[s[k]], len = v.lengths[s[k]];
                    if (len > 16) {
                        o += len - 16;
                        len = 16;
                    }
                    if (len > 8) {
                        out.highs[off + k] = bigEndianLong(v.heap, o, len - 8);
                        out.longs[off + k] = bigEndianUnsigned(v.heap, o + len - 8);
                    } else {
                        long lo = bigEndianLong(v.heap, o, len);
                        out.longs[off + k] = lo;
                        out.highs[off + k] = lo >> 63;
                    }
                }
            }
            case FLOAT16_TO_FLOAT -> {
                for (int k = 0; k < n; k++) {
                    if (s[k] < 0) continue;
                    int o = v.offsets[s[k]];
                    short bits = (short) ((v.heap[o] & 0xff) | (v.heap[o + 1] & 0xff) << 8);
                    out.floats[off + k] = Float.float16ToFloat(bits);
                }
            }
            case INTERVAL -> {
                for (int k = 0; k < n; k++) {
                    if (s[k] < 0) continue;
                    int o = v.offsets[s[k]];
                    out.ints[off + k] = le32(v.heap, o);
                    out.days[off + k] = le32(v.heap, o + 4);
                    out.longs[off + k] = (le32(v.heap, o + 8) & 0xffffffffL) * 1000L;
                }
            }
            case UUID -> {
                for (int k = 0; k < n; k++) {
                    if (s[k] < 0) continue;
                    int o = v.offsets[s[k]];
                    out.highs[off + k] = bigEndianUnsigned(v.heap, o) ^ Long.MIN_VALUE;
                    out.longs[off + k] = bigEndianUnsigned(v.heap, o + 8);
                }
            }
        }
    }

    /**
     * One value in its plain encoding (as statistics store it: byte arrays without a length prefix)
     * as a TealDB value of the column's type; null when the bytes do not hold a value.
     */
    static Object decodeSingle(ParquetColumn c, byte[] plain) {
        if (plain == null) return null;
        try {
            byte[] bytes = plain;
            if (c.physicalType() == ParquetEnums.BYTE_ARRAY) {
                bytes = new byte[plain.length + 4];
                bytes[0] = (byte) plain.length;
                bytes[1] = (byte) (plain.length >>> 8);
                bytes[2] = (byte) (plain.length >>> 16);
                bytes[3] = (byte) (plain.length >>> 24);
                System.arraycopy(plain, 0, bytes, 4, plain.length);
            }
            PageValues v = PageValues.plain(c.physicalType(), c.element().typeLength(), bytes, 0, bytes.length, 1);
            Vector out = new Vector(c.type(), 1);
            convert(c, v, new int[]{0}, 1, out, 0);
            return out.getObject(0);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Strings/blobs: point into the source heap when the vector can borrow it, else copy. */
    private static void binary(PageValues v, int[] s, int n, Vector out, int off) {
        if (out.heap == v.heap || (off == 0 && out.heapUsed == 0)) {
            if (out.heap != v.heap) out.borrowHeap(v.heap);
            int[] o = out.offsets, l = out.lengths, so = v.offsets, sl = v.lengths;
            for (int k = 0; k < n; k++) {
                int i = s[k];
                if (i < 0) {
                    l[off + k] = 0;
                    o[off + k] = 0;
                    continue;
                }
                o[off + k] = so[i];
                l[off + k] = sl[i];
            }
            return;
        }
        for (int k = 0; k < n; k++) {
            int i = s[k];
            if (i < 0) {
                out.lengths[off + k] = 0;
                out.offsets[off + k] = 0;
            } else {
                out.setBytes(off + k, v.heap, v.offsets[i], v.lengths[i]);
            }
        }
    }

    private static long bigEndianLong(byte[] b, int o, int len) {
        if (len == 0) return 0;
        if (len > 8) {
            o += len - 8;
            len = 8;
        }
        long v = b[o]; // sign extends
        for (int i = 1; i < len; i++) v = (v << 8) | (b[o + i] & 0xff);
        return v;
    }

    private static int le32(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
    }

    private static long bigEndianUnsigned(byte[] b, int o) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b[o + i] & 0xff);
        return v;
    }

    // ---------------------------------------------------------------- helpers

    /** Values present: rows whose definition level is the column's maximum. */
    private static int countDefined(byte[] defs, int n, int maxDef) {
        int c = 0;
        for (int i = 0; i < n; i++) if (defs[i] == maxDef) c++;
        return c;
    }

    private static int readIntLE(byte[] b, int p, int stop) {
        if (stop - p < 4) throw new ParquetFormatException("page data ends unexpectedly");
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
    }

    /** The deprecated BIT_PACKED level encoding: most significant bit first, no run headers. */
    private static void unpackMsbFirst(byte[] buf, int p, int n, int bw, byte[] out) {
        long bit = (long) p * 8;
        for (int i = 0; i < n; i++) {
            int v = 0;
            for (int b = 0; b < bw; b++, bit++) {
                int byteVal = buf[(int) (bit >>> 3)] & 0xff;
                v = (v << 1) | ((byteVal >>> (7 - (bit & 7))) & 1);
            }
            out[i] = (byte) v;
        }
    }
}
