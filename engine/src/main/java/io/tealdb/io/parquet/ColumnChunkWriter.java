package io.tealdb.io.parquet;

import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Vector;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Collects one leaf column's values of the row group being written (definition levels, repetition
 * levels for a leaf below a list, the present values compacted into a primitive array) and encodes
 * them as a column chunk: a dictionary
 * page plus RLE_DICTIONARY data pages when the column has few distinct values, PLAIN data pages
 * otherwise, each page compressed; min/max/null-count statistics in the chunk's metadata.
 */
final class ColumnChunkWriter {
    /** How a TealDB type is stored. */
    enum Kind { BOOLEAN, INT32, INT64, FLOAT, DOUBLE, HUGEINT_AS_DOUBLE, BYTES, DECIMAL128, INTERVAL }

    private static final int PAGE_VALUES = 64 * 1024;
    private static final int MAX_DICTIONARY = 64 * 1024;
    /** Values looked at before giving up a dictionary whose entries are nearly all distinct. */
    private static final int SAMPLE = 4096;

    final String name;
    final LogicalType type;
    final Kind kind;
    final int physical;
    final int typeLength;
    /** The leaf's path from the schema root (path_in_schema), its levels, and whether it is OPTIONAL. */
    final List<String> path;
    /** The schema element's field_id (FIELD_IDS), or null. */
    Integer fieldId;
    final int maxDef;
    final int maxRep;
    final boolean optional;

    // buffered row group: one level entry per row of a flat column, per value slot of a nested one
    private int rows;
    private byte[] defs = new byte[1024];
    private byte[] reps;
    private boolean anyNull;
    private int count; // non-null values
    private int[] ints;
    private long[] longs;
    private long[] highs;
    private float[] floats;
    private double[] doubles;
    private byte[] heap;
    private int heapUsed;
    private int[] offsets;
    private int[] lengths;

    ColumnChunkWriter(String name, LogicalType type) {
        this(name, type, List.of(name), 1, 0, true);
    }

    /** A leaf of a nested column: {@code name} is its own schema name, {@code path} the whole path. */
    ColumnChunkWriter(String name, LogicalType type, List<String> path, int maxDef, int maxRep, boolean optional) {
        this.name = name;
        this.type = type;
        this.path = List.copyOf(path);
        this.maxDef = maxDef;
        this.maxRep = maxRep;
        this.optional = optional;
        if (maxRep > 0) reps = new byte[1024];
        this.kind = kindOf(type);
        this.physical = switch (kind) {
            case BOOLEAN -> ParquetEnums.BOOLEAN;
            case INT32 -> ParquetEnums.INT32;
            case INT64 -> ParquetEnums.INT64;
            case FLOAT -> ParquetEnums.FLOAT;
            case DOUBLE, HUGEINT_AS_DOUBLE -> ParquetEnums.DOUBLE;
            case BYTES -> ParquetEnums.BYTE_ARRAY;
            case DECIMAL128, INTERVAL -> ParquetEnums.FIXED_LEN_BYTE_ARRAY;
        };
        this.typeLength = kind == Kind.DECIMAL128 ? 16 : kind == Kind.INTERVAL ? 12 : 0;
        reset();
    }

    static Kind kindOf(LogicalType t) {
        return switch (t.id()) {
            case BOOLEAN -> Kind.BOOLEAN;
            case TINYINT, SMALLINT, INTEGER, DATE, UTINYINT, USMALLINT, UINTEGER -> Kind.INT32;
            case BIGINT, TIME, TIMESTAMP, TIMESTAMP_TZ, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> Kind.INT64;
            // TIMETZ goes out as its UTC time (TIME adjusted to UTC), as DuckDB writes it
            case TIME_TZ -> Kind.INT64;
            // UINTEGER (a long) and UBIGINT (128-bit, high word 0) go out as their 32/64 bits, annotated unsigned
            case UBIGINT -> Kind.INT64;
            case DECIMAL -> t.precision() <= 9 ? Kind.INT32 : t.precision() <= 18 ? Kind.INT64 : Kind.DECIMAL128;
            case HUGEINT -> Kind.HUGEINT_AS_DOUBLE;
            case FLOAT -> Kind.FLOAT;
            case DOUBLE -> Kind.DOUBLE;
            // BIT: its bytes are its '0'/'1' text, which is how DuckDB writes it (a string)
            case VARCHAR, BLOB, JSON, ENUM, BIT -> Kind.BYTES;
            case INTERVAL -> Kind.INTERVAL;
            default -> throw new io.tealdb.error.NotImplementedException("writing " + t + " columns to Parquet is not supported yet");
        };
    }

    int rows() {
        return rows;
    }

    /** Empties the buffer for the next row group; arrays keep their size (row groups are alike, and regrowing them cost as much as encoding). */
    private void reset() {
        rows = 0;
        count = 0;
        anyNull = false;
        heapUsed = 0;
        if (ints != null || longs != null || floats != null || doubles != null || offsets != null) return;
        switch (kind) {
            case BOOLEAN, INT32 -> ints = new int[1024];
            case INT64 -> longs = new long[1024];
            case FLOAT -> floats = new float[1024];
            case DOUBLE, HUGEINT_AS_DOUBLE -> doubles = new double[1024];
            case BYTES -> {
                heap = new byte[16 * 1024];
                offsets = new int[1024];
                lengths = new int[1024];
            }
            case DECIMAL128 -> {
                longs = new long[1024];
                highs = new long[1024];
            }
            case INTERVAL -> {
                ints = new int[1024];
                highs = new long[1024]; // days
                longs = new long[1024]; // micros
            }
        }
    }

    /** Appends rows {@code [from, from + n)} of {@code v}. */
    void append(Vector v, int from, int n) {
        if (rows + n > defs.length) defs = Arrays.copyOf(defs, Math.max(rows + n, defs.length * 2));
        ensure(count + n);
        if (v.validity == null && appendAll(v, from, n)) {
            Arrays.fill(defs, rows, rows + n, (byte) 1);
            rows += n;
            count += n;
            return;
        }
        for (int i = 0; i < n; i++) {
            int r = from + i;
            boolean valid = v.isValid(r);
            defs[rows++] = (byte) (valid ? 1 : 0);
            if (!valid) {
                anyNull = true;
                continue;
            }
            store(v, r);
        }
    }

    /**
     * Nested leaves: appends {@code n} level entries; entry j holds the value at row {@code at[j]} of
     * {@code v} when its definition level is the leaf's maximum, else only its levels.
     */
    void appendEntries(Vector v, int[] at, byte[] entryReps, byte[] entryDefs, int n) {
        if (rows + n > defs.length) {
            int cap = Math.max(rows + n, defs.length * 2);
            defs = Arrays.copyOf(defs, cap);
            if (reps != null) reps = Arrays.copyOf(reps, cap);
        }
        ensure(count + n);
        System.arraycopy(entryDefs, 0, defs, rows, n);
        if (reps != null) System.arraycopy(entryReps, 0, reps, rows, n);
        rows += n;
        int max = maxDef;
        for (int j = 0; j < n; j++) {
            if (entryDefs[j] == max) store(v, at[j]);
            else anyNull = true;
        }
    }

    /**
     * Rows {@code [from, from + n)} of {@code v}, none NULL, as present values {@code [count, count + n)}
     * with one loop (or copy) per call instead of a type switch per value; false when this column's
     * type takes the value-by-value path of {@link #store}.
     */
    private boolean appendAll(Vector v, int from, int n) {
        int c = count;
        switch (kind) {
            case INT32 -> {
                switch (v.physical) {
                    case INT32 -> System.arraycopy(v.ints, from, ints, c, n);
                    case INT64 -> {
                        long[] a = v.longs;
                        for (int i = 0; i < n; i++) ints[c + i] = (int) a[from + i];
                    }
                    case INT16 -> {
                        short[] a = v.shorts;
                        for (int i = 0; i < n; i++) ints[c + i] = a[from + i];
                    }
                    case INT8 -> {
                        byte[] a = v.bytes;
                        for (int i = 0; i < n; i++) ints[c + i] = a[from + i];
                    }
                    default -> {
                        return false;
                    }
                }
            }
            case INT64 -> {
                if (type.id() == TypeId.TIMESTAMP_S || type.id() == TypeId.TIME_TZ) return false;
                System.arraycopy(v.longs, from, longs, c, n);
            }
            case FLOAT -> System.arraycopy(v.floats, from, floats, c, n);
            case DOUBLE -> System.arraycopy(v.doubles, from, doubles, c, n);
            case BYTES -> {
                if (type.id() == TypeId.ENUM) return false;
                long total = heapUsed;
                for (int i = 0; i < n; i++) total += v.lengths[from + i];
                if (total > Integer.MAX_VALUE - 16) return false;
                if (total > heap.length) heap = Arrays.copyOf(heap, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(total, heap.length * 2L)));
                byte[] src = v.heap, dst = heap;
                int used = heapUsed;
                for (int i = 0; i < n; i++) {
                    int len = v.lengths[from + i];
                    System.arraycopy(src, v.offsets[from + i], dst, used, len);
                    offsets[c + i] = used;
                    lengths[c + i] = len;
                    used += len;
                }
                heapUsed = used;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Appends the value at row {@code r} of {@code v} to the present values. */
    private void store(Vector v, int r) {
        int c = count++;
        switch (kind) {
            case BOOLEAN -> ints[c] = v.bytes[r];
            case INT32 -> ints[c] = switch (v.physical) {
                case INT8 -> v.bytes[r];
                case INT16 -> v.shorts[r];
                case INT64 -> (int) v.longs[r]; // DECIMAL(p ≤ 9) and UINTEGER are held in a long
                default -> v.ints[r];
            };
            // TIMESTAMP_S goes out in milliseconds (Parquet has no seconds unit)
            case INT64 -> longs[c] = switch (type.id()) {
                case TIMESTAMP_S -> v.longs[r] * 1000L;
                case TIME_TZ -> v.longs[r] >> 24; // the sort key's UTC microseconds
                default -> v.longs[r];
            };
            case FLOAT -> floats[c] = v.floats[r];
            case DOUBLE -> doubles[c] = v.doubles[r];
            case HUGEINT_AS_DOUBLE -> doubles[c] = io.tealdb.vector.Int128.toBigInteger(v.highs[r], v.longs[r]).doubleValue();
            case BYTES -> {
                // an enum is written as its label (read back as VARCHAR, as DuckDB's files are)
                boolean label = type.id() == TypeId.ENUM;
                byte[] src = label ? type.dictionary().heap() : v.heap;
                int len = label ? type.dictionary().labelBytes(v.ints[r]).length : v.lengths[r];
                int off = label ? type.dictionary().heapOffset(v.ints[r]) : v.offsets[r];
                if (heapUsed + len > heap.length) heap = Arrays.copyOf(heap, Math.max(heapUsed + len, heap.length * 2));
                System.arraycopy(src, off, heap, heapUsed, len);
                offsets[c] = heapUsed;
                lengths[c] = len;
                heapUsed += len;
            }
            case DECIMAL128 -> {
                if (v.physical == PhysicalType.INT64) {
                    longs[c] = v.longs[r];
                    highs[c] = v.longs[r] >> 63;
                } else {
                    longs[c] = v.longs[r];
                    highs[c] = v.highs[r];
                }
            }
            case INTERVAL -> {
                // the format's three unsigned fields hold months, days, milliseconds: whole days of a
                // large time part move to days (days are 24 hours here, as in DuckDB's writer)
                long micros = v.longs[r];
                long days = v.days[r] + micros / 86_400_000_000L;
                micros %= 86_400_000_000L;
                if (v.ints[r] < 0 || days < 0 || micros < 0 || days > 0xFFFF_FFFFL) {
                    throw new io.tealdb.error.TealIOException("Parquet files do not support negative intervals (column \"" + name + "\")");
                }
                ints[c] = v.ints[r];
                highs[c] = days;
                longs[c] = micros;
            }
        }
    }

    private void ensure(int n) {
        if (ints != null && ints.length < n) ints = Arrays.copyOf(ints, Math.max(n, ints.length * 2));
        if (longs != null && longs.length < n) longs = Arrays.copyOf(longs, Math.max(n, longs.length * 2));
        if (highs != null && highs.length < n) highs = Arrays.copyOf(highs, Math.max(n, highs.length * 2));
        if (floats != null && floats.length < n) floats = Arrays.copyOf(floats, Math.max(n, floats.length * 2));
        if (doubles != null && doubles.length < n) doubles = Arrays.copyOf(doubles, Math.max(n, doubles.length * 2));
        if (offsets != null && offsets.length < n) {
            offsets = Arrays.copyOf(offsets, Math.max(n, offsets.length * 2));
            lengths = Arrays.copyOf(lengths, Math.max(n, lengths.length * 2));
        }
    }

    // ---------------------------------------------------------------- encoding

    /** An encoded chunk: its bytes (pages with headers) and metadata with offsets relative to the chunk's start. */
    record Encoded(byte[] bytes, int[] encodings, long uncompressedSize, boolean hasDictionary, long dataPageOffset,
                   byte[] min, byte[] max, long nullCount, long numValues) {
    }

    /** Encodes the buffered row group and clears the buffer. */
    Encoded encode(ParquetWriteOptions options) {
        ByteSink out = new ByteSink(Math.max(1024, count * 4));
        long uncompressed = 0;
        int[] dictIndex = null;
        int dictSize = 0;
        boolean dictionary = false;
        if (count > 0 && kind != Kind.BOOLEAN && kind != Kind.INTERVAL && kind != Kind.DECIMAL128) {
            dictIndex = new int[count];
            dictSize = buildDictionary(dictIndex);
            dictionary = dictSize > 0;
        }
        if (dictionary) {
            byte[] dictPlain = plainDictionary(dictIndex, dictSize);
            uncompressed += writePage(out, ParquetEnums.DICTIONARY_PAGE, dictPlain, dictSize, ParquetEnums.PLAIN, options);
        }
        long dataOffset = out.size();
        int valueStart = 0;
        for (int rowStart = 0; rowStart < rows || rowStart == 0 && rows == 0; ) {
            int pageRows = Math.min(PAGE_VALUES, rows - rowStart);
            // a page of a nested leaf ends where a record starts (readers may rely on it)
            if (reps != null) while (rowStart + pageRows < rows && reps[rowStart + pageRows] != 0) pageRows++;
            int valid = 0;
            for (int i = rowStart; i < rowStart + pageRows; i++) if (defs[i] == maxDef) valid++;
            boolean v2 = options.pageVersion() == 2;
            ByteSink levels = new ByteSink(pageRows / 4 + 16);
            if (reps != null) writeLevels(levels, reps, rowStart, pageRows, maxRep, true, !v2);
            int repBytes = levels.size();
            writeLevels(levels, defs, rowStart, pageRows, maxDef, anyNull, !v2);
            ByteSink body = v2 ? new ByteSink(valid * 4 + 16) : levels;
            if (dictionary) {
                int bw = Math.max(1, RleBitPackedDecoder.bitWidth(dictSize - 1));
                body.write(bw);
                bitPack(body, dictIndex, valueStart, valid, bw);
            } else {
                writePlain(body, valueStart, valid);
            }
            int encoding = dictionary ? ParquetEnums.RLE_DICTIONARY : ParquetEnums.PLAIN;
            if (v2) {
                int records = pageRows;
                if (reps != null) {
                    records = 0;
                    for (int i = rowStart; i < rowStart + pageRows; i++) if (reps[i] == 0) records++;
                }
                uncompressed += writeDataPageV2(out, levels.toByteArray(), repBytes, body.toByteArray(), pageRows, pageRows - valid,
                        records, encoding, options);
            } else {
                uncompressed += writeDataPage(out, body.toByteArray(), pageRows, encoding, options);
            }
            valueStart += valid;
            rowStart += pageRows;
            if (rows == 0) break;
        }
        dictEntries = dictionary ? dictSize : 0;
        byte[][] stats = statistics();
        dictEntries = 0;
        Encoded e = new Encoded(out.toByteArray(), dictionary ? new int[]{ParquetEnums.PLAIN, ParquetEnums.RLE, ParquetEnums.RLE_DICTIONARY}
                : new int[]{ParquetEnums.PLAIN, ParquetEnums.RLE}, uncompressed, dictionary, dataOffset, stats[0], stats[1],
                rows - count, rows);
        reset();
        return e;
    }

    /** Fills {@code index} with each value's dictionary entry; returns the dictionary size, or 0 when a dictionary does not pay. */
    private int buildDictionary(int[] index) {
        int limit = Math.min(MAX_DICTIONARY, Math.max(1, count / 2));
        int cap = Integer.highestOneBit(Math.max(16, Math.min(limit, count) * 2)) * 2;
        int[] table = new int[cap];
        Arrays.fill(table, -1);
        int mask = cap - 1;
        int size = 0;
        int[] firstOf = new int[Math.min(limit, count) + 1]; // value index of each dictionary entry
        int[] hashOf = new int[firstOf.length]; // each entry's hash: values are compared only when their hashes are equal
        // a sample of mostly distinct values (comments, keys) gives up early instead of at the size limit
        int sample = count >= 8 * SAMPLE ? SAMPLE : -1;
        for (int i = 0; i < count; i++) {
            if (i == sample && size > sample - sample / 8) return 0;
            int full = hash(i);
            int h = full & mask;
            while (true) {
                int e = table[h];
                if (e < 0) {
                    if (size >= limit) return 0;
                    table[h] = size;
                    firstOf[size] = i;
                    hashOf[size] = full;
                    index[i] = size++;
                    break;
                }
                if (hashOf[e] == full && equal(firstOf[e], i)) {
                    index[i] = e;
                    break;
                }
                h = (h + 1) & mask;
            }
        }
        // entries in first-seen order: entry e is the value at firstOf[e]
        dictFirst = firstOf;
        return size;
    }

    private int[] dictFirst;
    /** While encoding a dictionary-coded chunk: its entries (values {@code dictFirst[0..dictEntries)}), which hold every distinct value. */
    private int dictEntries;

    private int hash(int i) {
        long h = switch (kind) {
            case INT32 -> ints[i];
            case INT64 -> longs[i];
            case FLOAT -> Float.floatToRawIntBits(floats[i]);
            case DOUBLE, HUGEINT_AS_DOUBLE -> Double.doubleToRawLongBits(doubles[i]);
            case BYTES -> {
                int hh = 1;
                int o = offsets[i], end = o + lengths[i];
                for (int k = o; k < end; k++) hh = 31 * hh + heap[k];
                yield hh;
            }
            default -> 0;
        };
        h *= 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private boolean equal(int a, int b) {
        return switch (kind) {
            case INT32 -> ints[a] == ints[b];
            case INT64 -> longs[a] == longs[b];
            case FLOAT -> Float.floatToRawIntBits(floats[a]) == Float.floatToRawIntBits(floats[b]);
            case DOUBLE, HUGEINT_AS_DOUBLE -> Double.doubleToRawLongBits(doubles[a]) == Double.doubleToRawLongBits(doubles[b]);
            case BYTES -> bytesEqual(offsets[a], lengths[a], offsets[b], lengths[b]);
            default -> false;
        };
    }

    /** Two stored strings equal: short ones (flags, modes, codes) byte by byte, which beats the vectorized compare's setup. */
    private boolean bytesEqual(int a, int la, int b, int lb) {
        if (la != lb) return false;
        if (la > 16) return Arrays.equals(heap, a, a + la, heap, b, b + lb);
        byte[] h = heap;
        for (int k = 0; k < la; k++) if (h[a + k] != h[b + k]) return false;
        return true;
    }

    private byte[] plainDictionary(int[] index, int size) {
        ByteSink b = new ByteSink(size * 8);
        int[] first = dictFirst;
        for (int e = 0; e < size; e++) writePlainValue(b, first[e]);
        return b.toByteArray();
    }

    private void writePlain(ByteSink b, int from, int n) {
        switch (kind) {
            case BOOLEAN -> {
                byte[] packed = new byte[(n + 7) / 8];
                for (int i = 0; i < n; i++) if (ints[from + i] != 0) packed[i >>> 3] |= (byte) (1 << (i & 7));
                b.write(packed, 0, packed.length);
            }
            case INT32 -> {
                ByteBuffer bb = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
                bb.asIntBuffer().put(ints, from, n);
                b.write(bb.array(), 0, n * 4);
            }
            case INT64 -> {
                ByteBuffer bb = ByteBuffer.allocate(n * 8).order(ByteOrder.LITTLE_ENDIAN);
                bb.asLongBuffer().put(longs, from, n);
                b.write(bb.array(), 0, n * 8);
            }
            case FLOAT -> {
                ByteBuffer bb = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
                bb.asFloatBuffer().put(floats, from, n);
                b.write(bb.array(), 0, n * 4);
            }
            case DOUBLE, HUGEINT_AS_DOUBLE -> {
                ByteBuffer bb = ByteBuffer.allocate(n * 8).order(ByteOrder.LITTLE_ENDIAN);
                bb.asDoubleBuffer().put(doubles, from, n);
                b.write(bb.array(), 0, n * 8);
            }
            case BYTES -> {
                // lengths and bytes straight into one reserved stretch of the page
                long total = 4L * n;
                for (int i = 0; i < n; i++) total += lengths[from + i];
                int p = b.reserve(total);
                byte[] dst = b.array();
                for (int i = 0; i < n; i++) {
                    int len = lengths[from + i];
                    dst[p] = (byte) len;
                    dst[p + 1] = (byte) (len >>> 8);
                    dst[p + 2] = (byte) (len >>> 16);
                    dst[p + 3] = (byte) (len >>> 24);
                    System.arraycopy(heap, offsets[from + i], dst, p + 4, len);
                    p += 4 + len;
                }
            }
            default -> {
                for (int i = 0; i < n; i++) writePlainValue(b, from + i);
            }
        }
    }

    private void writePlainValue(ByteSink b, int i) {
        switch (kind) {
            case INT32 -> le32(b, ints[i]);
            case INT64 -> le64(b, longs[i]);
            case FLOAT -> le32(b, Float.floatToRawIntBits(floats[i]));
            case DOUBLE, HUGEINT_AS_DOUBLE -> le64(b, Double.doubleToRawLongBits(doubles[i]));
            case BYTES -> {
                le32(b, lengths[i]);
                b.write(heap, offsets[i], lengths[i]);
            }
            case DECIMAL128 -> {
                be64(b, highs[i]);
                be64(b, longs[i]);
            }
            case INTERVAL -> {
                // months, days, milliseconds (the format has no finer unit)
                le32(b, ints[i]);
                le32(b, (int) highs[i]);
                le32(b, (int) Math.floorDiv(longs[i], 1000));
            }
            case BOOLEAN -> b.write(ints[i]);
        }
    }

    /**
     * Levels in the RLE/bit-packed hybrid, after their 4-byte length in v1 pages ({@code withLength}):
     * one RLE run when every level of the page is {@code max} (a page without NULLs), else one
     * bit-packed run.
     */
    private static void writeLevels(ByteSink b, byte[] levels, int from, int n, int max, boolean mayDiffer, boolean withLength) {
        ByteSink lv = new ByteSink(n / 8 + 8);
        int bw = Math.max(1, RleBitPackedDecoder.bitWidth(max));
        boolean uniform = true;
        if (mayDiffer) for (int i = from; i < from + n; i++) if (levels[i] != levels[from]) {
            uniform = false;
            break;
        }
        if (uniform) {
            varint(lv, (long) n << 1);
            int v = n > 0 ? levels[from] : max;
            for (int k = 0; k < (bw + 7) / 8; k++) lv.write(v >>> (8 * k));
        } else {
            int[] tmp = new int[n];
            for (int i = 0; i < n; i++) tmp[i] = levels[from + i];
            bitPack(lv, tmp, 0, n, bw);
        }
        if (withLength) le32(b, lv.size());
        b.write(lv.toByteArray(), 0, lv.size());
    }

    /** {@code n} values as one bit-packed run of the hybrid encoding (padded to a multiple of eight). */
    private static void bitPack(ByteSink b, int[] values, int from, int n, int bw) {
        int groups = (n + 7) / 8;
        varint(b, ((long) groups << 1) | 1);
        byte[] packed = new byte[groups * bw];
        long acc = 0;
        int bits = 0, p = 0;
        for (int i = 0; i < groups * 8; i++) {
            long v = i < n ? values[from + i] : 0;
            acc |= v << bits;
            bits += bw;
            while (bits >= 8) {
                packed[p++] = (byte) acc;
                acc >>>= 8;
                bits -= 8;
            }
        }
        b.write(packed, 0, p);
    }

    private long writePage(ByteSink out, int pageType, byte[] body, int numValues, int encoding, ParquetWriteOptions o) {
        byte[] compressed = PageCodecs.compress(o.codec(), body, 0, body.length, o.zstdLevel());
        ThriftCompactWriter h = new ThriftCompactWriter();
        h.beginStruct();
        h.i32(1, pageType);
        h.i32(2, body.length);
        h.i32(3, compressed.length);
        h.structField(7);
        h.i32(1, numValues);
        h.i32(2, encoding);
        h.endStruct();
        h.endStruct();
        byte[] header = h.toByteArray();
        out.write(header, 0, header.length);
        out.write(compressed, 0, compressed.length);
        return header.length + body.length;
    }

    private long writeDataPage(ByteSink out, byte[] body, int numValues, int encoding, ParquetWriteOptions o) {
        byte[] compressed = PageCodecs.compress(o.codec(), body, 0, body.length, o.zstdLevel());
        ThriftCompactWriter h = new ThriftCompactWriter();
        h.beginStruct();
        h.i32(1, ParquetEnums.DATA_PAGE);
        h.i32(2, body.length);
        h.i32(3, compressed.length);
        h.structField(5);
        h.i32(1, numValues);
        h.i32(2, encoding);
        h.i32(3, ParquetEnums.RLE);
        h.i32(4, ParquetEnums.RLE);
        h.endStruct();
        h.endStruct();
        byte[] header = h.toByteArray();
        out.write(header, 0, header.length);
        out.write(compressed, 0, compressed.length);
        return header.length + body.length;
    }

    /** A DATA_PAGE_V2: the levels (repetition first) uncompressed, then the values, compressed. */
    private long writeDataPageV2(ByteSink out, byte[] levels, int repBytes, byte[] values, int numValues, int numNulls,
                                 int numRows, int encoding, ParquetWriteOptions o) {
        byte[] compressed = PageCodecs.compress(o.codec(), values, 0, values.length, o.zstdLevel());
        ThriftCompactWriter h = new ThriftCompactWriter();
        h.beginStruct();
        h.i32(1, ParquetEnums.DATA_PAGE_V2);
        h.i32(2, levels.length + values.length);
        h.i32(3, levels.length + compressed.length);
        h.structField(8);
        h.i32(1, numValues);
        h.i32(2, numNulls);
        h.i32(3, numRows);
        h.i32(4, encoding);
        h.i32(5, levels.length - repBytes);
        h.i32(6, repBytes);
        h.endStruct();
        h.endStruct();
        byte[] header = h.toByteArray();
        out.write(header, 0, header.length);
        out.write(levels, 0, levels.length);
        out.write(compressed, 0, compressed.length);
        return header.length + levels.length + values.length;
    }

    /** Plain-encoded {min, max} of the non-null values in the column's sort order; nulls when unknown. */
    private byte[][] statistics() {
        if (count == 0) return new byte[2][];
        ByteSink lo = new ByteSink(32), hi = new ByteSink(32);
        switch (kind) {
            case BOOLEAN, INT32 -> {
                int mn = Integer.MAX_VALUE, mx = Integer.MIN_VALUE;
                if (type.id() == TypeId.UINTEGER) { // statistics follow the column's (unsigned) sort order
                    mn = -1;
                    mx = 0;
                    for (int i = 0; i < count; i++) {
                        if (Integer.compareUnsigned(ints[i], mn) < 0) mn = ints[i];
                        if (Integer.compareUnsigned(ints[i], mx) > 0) mx = ints[i];
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        mn = Math.min(mn, ints[i]);
                        mx = Math.max(mx, ints[i]);
                    }
                }
                if (kind == Kind.BOOLEAN) {
                    lo.write(mn);
                    hi.write(mx);
                } else {
                    le32(lo, mn);
                    le32(hi, mx);
                }
            }
            case INT64 -> {
                long mn = Long.MAX_VALUE, mx = Long.MIN_VALUE;
                if (type.id() == TypeId.UBIGINT) {
                    mn = -1L;
                    mx = 0L;
                    for (int i = 0; i < count; i++) {
                        if (Long.compareUnsigned(longs[i], mn) < 0) mn = longs[i];
                        if (Long.compareUnsigned(longs[i], mx) > 0) mx = longs[i];
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        mn = Math.min(mn, longs[i]);
                        mx = Math.max(mx, longs[i]);
                    }
                }
                le64(lo, mn);
                le64(hi, mx);
            }
            case FLOAT -> {
                float mn = Float.POSITIVE_INFINITY, mx = Float.NEGATIVE_INFINITY;
                boolean any = false;
                for (int i = 0; i < count; i++) {
                    float f = floats[i];
                    if (Float.isNaN(f)) continue;
                    any = true;
                    mn = Math.min(mn, f);
                    mx = Math.max(mx, f);
                }
                if (!any) return new byte[2][];
                le32(lo, Float.floatToIntBits(mn == 0 ? -0.0f : mn));
                le32(hi, Float.floatToIntBits(mx == 0 ? 0.0f : mx));
            }
            case DOUBLE, HUGEINT_AS_DOUBLE -> {
                double mn = Double.POSITIVE_INFINITY, mx = Double.NEGATIVE_INFINITY;
                boolean any = false;
                for (int i = 0; i < count; i++) {
                    double d = doubles[i];
                    if (Double.isNaN(d)) continue;
                    any = true;
                    mn = Math.min(mn, d);
                    mx = Math.max(mx, d);
                }
                if (!any) return new byte[2][];
                le64(lo, Double.doubleToLongBits(mn == 0 ? -0.0 : mn));
                le64(hi, Double.doubleToLongBits(mx == 0 ? 0.0 : mx));
            }
            case BYTES -> {
                // a dictionary holds every distinct value: its entries are the candidates, else every value
                int candidates = dictEntries > 0 ? dictEntries : count;
                int[] at = dictEntries > 0 ? dictFirst : null;
                int mn = at == null ? 0 : at[0], mx = mn;
                // the first byte (-1 for the empty string) decides most comparisons without a call
                int mnFirst = lengths[mn] == 0 ? -1 : heap[offsets[mn]] & 0xff, mxFirst = mnFirst;
                for (int k = 1; k < candidates; k++) {
                    int i = at == null ? k : at[k];
                    int f = lengths[i] == 0 ? -1 : heap[offsets[i]] & 0xff;
                    if (f <= mnFirst && (f < mnFirst
                            || Arrays.compareUnsigned(heap, offsets[i], offsets[i] + lengths[i], heap, offsets[mn], offsets[mn] + lengths[mn]) < 0)) {
                        mn = i;
                        mnFirst = f;
                    }
                    if (f >= mxFirst && (f > mxFirst
                            || Arrays.compareUnsigned(heap, offsets[i], offsets[i] + lengths[i], heap, offsets[mx], offsets[mx] + lengths[mx]) > 0)) {
                        mx = i;
                        mxFirst = f;
                    }
                }
                // long values make poor statistics: leave them out rather than store a truncated bound
                if (lengths[mn] > 64 || lengths[mx] > 64) return new byte[2][];
                lo.write(heap, offsets[mn], lengths[mn]);
                hi.write(heap, offsets[mx], lengths[mx]);
            }
            case DECIMAL128 -> {
                int mn = 0, mx = 0;
                for (int i = 1; i < count; i++) {
                    if (cmp128(i, mn) < 0) mn = i;
                    if (cmp128(i, mx) > 0) mx = i;
                }
                be64(lo, highs[mn]);
                be64(lo, longs[mn]);
                be64(hi, highs[mx]);
                be64(hi, longs[mx]);
            }
            default -> {
                return new byte[2][];
            }
        }
        return new byte[][]{lo.toByteArray(), hi.toByteArray()};
    }

    private int cmp128(int a, int b) {
        int c = Long.compare(highs[a], highs[b]);
        return c != 0 ? c : Long.compareUnsigned(longs[a], longs[b]);
    }

    /** Writes this column's schema element. */
    void writeSchema(ThriftCompactWriter w) {
        w.beginListStruct();
        w.i32(1, physical);
        if (typeLength > 0) w.i32(2, typeLength);
        w.i32(3, optional ? ParquetEnums.OPTIONAL : ParquetEnums.REQUIRED);
        w.string(4, name);
        int converted = switch (type.id()) {
            case VARCHAR, ENUM, BIT -> ParquetEnums.UTF8;
            case DECIMAL -> ParquetEnums.DECIMAL;
            case DATE -> ParquetEnums.DATE;
            case TIME, TIME_TZ -> ParquetEnums.TIME_MICROS;
            case TINYINT -> ParquetEnums.INT_8;
            case SMALLINT -> ParquetEnums.INT_16;
            case UTINYINT -> ParquetEnums.UINT_8;
            case USMALLINT -> ParquetEnums.UINT_16;
            case UINTEGER -> ParquetEnums.UINT_32;
            case UBIGINT -> ParquetEnums.UINT_64;
            case TIMESTAMP_TZ -> ParquetEnums.TIMESTAMP_MICROS;
            case TIMESTAMP_S, TIMESTAMP_MS -> ParquetEnums.TIMESTAMP_MILLIS;
            case JSON -> ParquetEnums.JSON;
            case INTERVAL -> ParquetEnums.INTERVAL;
            default -> -1;
        };
        if (converted >= 0) w.i32(6, converted);
        if (type.id() == TypeId.DECIMAL) {
            w.i32(7, type.scale());
            w.i32(8, type.precision());
        }
        if (fieldId != null) w.i32(9, fieldId);
        switch (type.id()) {
            case VARCHAR, ENUM, BIT -> {
                w.structField(10);
                w.structField(1);
                w.endStruct();
                w.endStruct();
            }
            case DECIMAL -> {
                w.structField(10);
                w.structField(5);
                w.i32(1, type.scale());
                w.i32(2, type.precision());
                w.endStruct();
                w.endStruct();
            }
            case DATE -> {
                w.structField(10);
                w.structField(6);
                w.endStruct();
                w.endStruct();
            }
            case TIME, TIME_TZ, TIMESTAMP, TIMESTAMP_TZ, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> {
                w.structField(10);
                w.structField(type.id() == TypeId.TIME || type.id() == TypeId.TIME_TZ ? 7 : 8);
                w.bool(1, type.id() == TypeId.TIMESTAMP_TZ || type.id() == TypeId.TIME_TZ); // isAdjustedToUTC
                w.structField(2);
                // TimeUnit: 1 MILLIS, 2 MICROS, 3 NANOS
                w.structField(switch (type.id()) {
                    case TIMESTAMP_S, TIMESTAMP_MS -> 1;
                    case TIMESTAMP_NS -> 3;
                    default -> 2;
                });
                w.endStruct();
                w.endStruct();
                w.endStruct();
                w.endStruct();
            }
            case JSON -> {
                w.structField(10);
                w.structField(12);
                w.endStruct();
                w.endStruct();
            }
            case TINYINT, SMALLINT, UTINYINT, USMALLINT, UINTEGER, UBIGINT -> {
                w.structField(10);
                w.structField(10);
                w.i8(1, switch (type.id()) {
                    case TINYINT, UTINYINT -> 8;
                    case SMALLINT, USMALLINT -> 16;
                    case UINTEGER -> 32;
                    default -> 64;
                });
                w.bool(2, type.id() == TypeId.TINYINT || type.id() == TypeId.SMALLINT);
                w.endStruct();
                w.endStruct();
            }
            default -> {
            }
        }
        w.endStruct();
    }

    // ---------------------------------------------------------------- bytes

    private static void le32(ByteSink b, int v) {
        b.le32(v);
    }

    private static void le64(ByteSink b, long v) {
        b.le64(v);
    }

    private static void be64(ByteSink b, long v) {
        for (int i = 7; i >= 0; i--) b.write((int) (v >>> (8 * i)));
    }

    private static void varint(ByteSink b, long v) {
        while ((v & ~0x7fL) != 0) {
            b.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        b.write((int) v);
    }
}
