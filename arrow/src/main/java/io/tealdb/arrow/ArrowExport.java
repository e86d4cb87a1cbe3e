package io.tealdb.arrow;

import io.tealdb.error.InvalidInputException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import io.tealdb.error.OutOfRangeException;
import io.tealdb.types.TimeZones;
import io.tealdb.types.TypeField;
import io.tealdb.types.TypeId;
import io.tealdb.types.UuidText;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes TealDB result vectors into Arrow vectors. Each column of a batch is written in one pass per
 * chunk with bulk copies between the chunk's primitive arrays and the Arrow buffer (through a
 * little-endian view of it) where the layouts agree: integers, floats, dates, times, timestamps,
 * string bytes; per-row primitive loops only where they differ (booleans to bits, 64-bit decimals
 * to 128-bit, intervals to month-day-nano). Nothing is boxed.
 */
final class ArrowExport {
    private ArrowExport() {
    }

    /** Fills {@code vec} with column {@code column} of the slices ({@code total} rows in all). */
    static void write(FieldVector vec, LogicalType type, List<VectorSlice> slices, int total) {
        vec.clear();
        switch (type.id()) {
            case SQLNULL -> {
                vec.setValueCount(total);
                return;
            }
            case VARCHAR, BLOB, JSON -> {
                writeVarlen((BaseVariableWidthVector) vec, slices, total);
                return;
            }
            case BIT -> {
                writeBit((BaseVariableWidthVector) vec, slices, total);
                return;
            }
            case UUID -> {
                writeUuid((BaseVariableWidthVector) vec, slices, total);
                return;
            }
            case BIGNUM -> {
                writeBigNum((BaseVariableWidthVector) vec, slices, total);
                return;
            }
            case ENUM -> {
                // a top-level ENUM column is dictionary-encoded (its codes, below); a nested one goes as its labels
                if (vec instanceof BaseVariableWidthVector labels) {
                    writeEnum(labels, type.dictionary(), slices, total);
                    return;
                }
            }
            case LIST, MAP -> {
                writeList((ListVector) vec, type, slices, total);
                return;
            }
            case ARRAY -> {
                writeFixedList((FixedSizeListVector) vec, type, slices, total);
                return;
            }
            case STRUCT -> {
                writeStruct((StructVector) vec, type, slices, total);
                return;
            }
            case UNION -> {
                writeUnion((org.apache.arrow.vector.complex.UnionVector) vec, type, slices, total);
                return;
            }
            default -> {
            }
        }
        BaseFixedWidthVector fixed = (BaseFixedWidthVector) vec;
        if (total == 0) {
            fixed.allocateNew(1);
            vec.setValueCount(0);
            return;
        }
        // buffers taken from the allocator as they are (not zeroed, as allocateNew would): every byte is written below
        long dataBytes = fixed instanceof BitVector ? (total + 7) >>> 3 : (long) total * fixed.getTypeWidth();
        ArrowBuf validity = raw(vec, validityBytes(total));
        ArrowBuf data = raw(vec, dataBytes);
        try {
            int nulls = writeValidity(validity, slices, total);
            switch (type.id()) {
                case BOOLEAN -> writeBoolean(data, slices, total);
                case TINYINT -> writeTinyint(data, slices, total);
                case ENUM -> writeEnumCodes(data, ((org.apache.arrow.vector.types.pojo.ArrowType.Int) vec.getField().getType()).getBitWidth(), slices, total);
                case SMALLINT -> writeSmallint(data, slices, total);
                case INTEGER, DATE -> writeInts(data, slices, total);
                case BIGINT, TIME, TIMESTAMP, TIMESTAMP_TZ, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> writeLongs(data, slices, total);
                // as its local time, or whole in DuckDB's layout into a lossless export's fixed_size_binary[8]
                case TIME_TZ -> writeTimeTz(data, slices, total, vec instanceof org.apache.arrow.vector.FixedSizeBinaryVector);
                // unsigned: narrow the wider signed layout to the unsigned width (the bits are the same)
                case UTINYINT -> writeUtinyint(data, slices, total);
                case USMALLINT -> writeUsmallint(data, slices, total);
                case UINTEGER -> writeUinteger(data, slices, total);
                case UBIGINT -> writeUbigint(data, slices, total);
                case FLOAT -> writeFloat(data, slices, total);
                case DOUBLE -> writeDouble(data, slices, total);
                case HUGEINT, UHUGEINT, DECIMAL -> writeDecimal128(data, slices, total, type);
                case INTERVAL -> writeInterval(data, slices, total);
                default -> throw new NotImplementedException("type " + type + " cannot be exported to Arrow yet");
            }
            vec.loadFieldBuffers(new ArrowFieldNode(total, nulls), List.of(validity, data));
        } finally {
            // the vector holds its own references now (or, on an error, nobody does)
            validity.close();
            data.close();
        }
    }

    /** A buffer of at least {@code bytes} bytes from the vector's allocator, not zeroed. */
    private static ArrowBuf raw(FieldVector vec, long bytes) {
        return vec.getAllocator().buffer(Math.max(bytes, 1));
    }

    private static long validityBytes(int rows) {
        return (rows + 7L) >>> 3;
    }

    private static void writeBoolean(ArrowBuf data, List<VectorSlice> slices, int total) {
        long[] bits = new long[(total + 63) >>> 6];
        int at = 0;
        for (VectorSlice s : slices) {
            byte[] src = s.vector().bytes;
            for (int i = 0; i < s.count(); i++) {
                if (src[s.from() + i] != 0) bits[(at + i) >>> 6] |= 1L << (at + i);
            }
            at += s.count();
        }
        copyBits(bits, data, total);
    }

    /** An ENUM's codes (label positions) as the dictionary indices of a uint8/uint16/uint32 column. */
    private static void writeEnumCodes(ArrowBuf data, int bits, List<VectorSlice> slices, int total) {
        var shorts = bits == 16 ? view(data, total, 2).asShortBuffer() : null;
        var ints = bits == 32 ? view(data, total, 4).asIntBuffer() : null;
        int at = 0;
        for (VectorSlice s : slices) {
            int[] src = s.vector().ints;
            int from = s.from();
            Vector v = s.vector();
            // index 0 under a NULL: whatever the vector holds there must not point outside the dictionary
            if (bits == 8) {
                for (int i = 0; i < s.count(); i++) data.setByte(at + i, (byte) (v.isValid(from + i) ? src[from + i] : 0));
            } else if (bits == 16) {
                for (int i = 0; i < s.count(); i++) shorts.put(at + i, (short) (v.isValid(from + i) ? src[from + i] : 0));
            } else {
                for (int i = 0; i < s.count(); i++) ints.put(at + i, v.isValid(from + i) ? src[from + i] : 0);
            }
            at += s.count();
        }
    }

    private static void writeTinyint(ArrowBuf data, List<VectorSlice> slices, int total) {
        int at = 0;
        for (VectorSlice s : slices) {
            data.setBytes(at, s.vector().bytes, s.from(), s.count());
            at += s.count();
        }
    }

    private static void writeSmallint(ArrowBuf data, List<VectorSlice> slices, int total) {
        var out = view(data, total, 2).asShortBuffer();
        int at = 0;
        for (VectorSlice s : slices) {
            out.put(at, s.vector().shorts, s.from(), s.count());
            at += s.count();
        }
    }

    private static void writeInts(ArrowBuf data, List<VectorSlice> slices, int total) {
        var out = view(data, total, 4).asIntBuffer();
        int at = 0;
        for (VectorSlice s : slices) {
            out.put(at, s.vector().ints, s.from(), s.count());
            at += s.count();
        }
    }

    private static void writeLongs(ArrowBuf data, List<VectorSlice> slices, int total) {
        LongBuffer out = view(data, total, 8).asLongBuffer();
        int at = 0;
        for (VectorSlice s : slices) {
            out.put(at, s.vector().longs, s.from(), s.count());
            at += s.count();
        }
    }

    private static void writeTimeTz(ArrowBuf data, List<VectorSlice> slices, int total, boolean whole) {
        LongBuffer out = view(data, total, 8).asLongBuffer();
        int at = 0;
        for (VectorSlice s : slices) {
            long[] src = s.vector().longs;
            int from = s.from();
            if (whole) {
                for (int i = 0; i < s.count(); i++) out.put(at + i, TimeZones.timeTzToDuckDb(src[from + i]));
            } else {
                for (int i = 0; i < s.count(); i++) out.put(at + i, TimeZones.timeTzLocalMicros(src[from + i]));
            }
            at += s.count();
        }
    }

    private static void writeUtinyint(ArrowBuf data, List<VectorSlice> slices, int total) {
        int at = 0;
        for (VectorSlice s : slices) {
            short[] src = s.vector().shorts;
            for (int i = 0; i < s.count(); i++) data.setByte(at + i, (byte) src[s.from() + i]);
            at += s.count();
        }
    }

    private static void writeUsmallint(ArrowBuf data, List<VectorSlice> slices, int total) {
        var out = view(data, total, 2).asShortBuffer();
        int at = 0;
        for (VectorSlice s : slices) {
            int[] src = s.vector().ints;
            for (int i = 0; i < s.count(); i++) out.put(at + i, (short) src[s.from() + i]);
            at += s.count();
        }
    }

    private static void writeUinteger(ArrowBuf data, List<VectorSlice> slices, int total) {
        var out = view(data, total, 4).asIntBuffer();
        int at = 0;
        for (VectorSlice s : slices) {
            long[] src = s.vector().longs;
            for (int i = 0; i < s.count(); i++) out.put(at + i, (int) src[s.from() + i]);
            at += s.count();
        }
    }

    private static void writeUbigint(ArrowBuf data, List<VectorSlice> slices, int total) {
        // INT128 with a zero high word: the low word holds the 64 unsigned bits
        LongBuffer out = view(data, total, 8).asLongBuffer();
        int at = 0;
        for (VectorSlice s : slices) {
            out.put(at, s.vector().longs, s.from(), s.count());
            at += s.count();
        }
    }

    private static void writeFloat(ArrowBuf data, List<VectorSlice> slices, int total) {
        var out = view(data, total, 4).asFloatBuffer();
        int at = 0;
        for (VectorSlice s : slices) {
            out.put(at, s.vector().floats, s.from(), s.count());
            at += s.count();
        }
    }

    private static void writeDouble(ArrowBuf data, List<VectorSlice> slices, int total) {
        var out = view(data, total, 8).asDoubleBuffer();
        int at = 0;
        for (VectorSlice s : slices) {
            out.put(at, s.vector().doubles, s.from(), s.count());
            at += s.count();
        }
    }

    private static void writeDecimal128(ArrowBuf data, List<VectorSlice> slices, int total, LogicalType type) {
        // decimal128: two's complement, little-endian: low word, then high word
        LongBuffer out = view(data, total, 16).asLongBuffer();
        boolean wide = type.physical() == io.tealdb.types.PhysicalType.INT128;
        // UHUGEINT is stored minus 2^127: flip the top bit back (values from 2^127 on do not fit)
        long bias = type.id() == TypeId.UHUGEINT ? Long.MIN_VALUE : 0L;
        int at = 0;
        for (VectorSlice s : slices) {
            Vector v = s.vector();
            long[] lo = v.longs;
            int from = s.from();
            if (wide) {
                long[] hi = v.highs;
                for (int i = 0; i < s.count(); i++) {
                    long h = hi[from + i] ^ bias;
                    if (h < 0 && bias != 0 && v.isValid(from + i)) {
                        throw new OutOfRangeException("UHUGEINT value " + io.tealdb.vector.Int128.uhugeToBigInteger(hi[from + i], lo[from + i])
                                + " does not fit Arrow's decimal128(38,0)");
                    }
                    out.put(2 * (at + i), lo[from + i]);
                    out.put(2 * (at + i) + 1, h);
                }
            } else {
                for (int i = 0; i < s.count(); i++) {
                    long x = lo[from + i];
                    out.put(2 * (at + i), x);
                    out.put(2 * (at + i) + 1, x >> 63);
                }
            }
            at += s.count();
        }
    }

    private static void writeInterval(ArrowBuf data, List<VectorSlice> slices, int total) {
        // month-day-nano: int32 months, int32 days, int64 nanoseconds
        ByteBuffer out = view(data, total, 16);
        int at = 0;
        for (VectorSlice s : slices) {
            Vector v = s.vector();
            int from = s.from();
            for (int i = 0; i < s.count(); i++) {
                int p = (at + i) * 16;
                long micros = v.longs[from + i];
                if (micros > Long.MAX_VALUE / 1000 || micros < Long.MIN_VALUE / 1000) {
                    throw new io.tealdb.error.OutOfRangeException("INTERVAL with " + micros
                            + " microseconds does not fit Arrow's month-day-nano interval (64-bit nanoseconds)");
                }
                out.putInt(p, v.ints[from + i]);
                out.putInt(p + 4, v.days[from + i]);
                out.putLong(p + 8, micros * 1000L);
            }
            at += s.count();
        }
    }

    private static void writeVarlen(BaseVariableWidthVector vec, List<VectorSlice> slices, int total) {
        long bytes = 0;
        for (VectorSlice s : slices) {
            Vector v = s.vector();
            for (int i = 0; i < s.count(); i++) {
                if (v.isValid(s.from() + i)) bytes += v.lengths[s.from() + i];
            }
        }
        if (bytes > Integer.MAX_VALUE - 64) {
            throw new InvalidInputException("an Arrow batch of this result would hold " + bytes
                    + " bytes of strings in one column, more than Arrow's 32-bit offsets allow: read it with a smaller batch size");
        }
        // straight into Arrow buffers: valid rows whose bytes lie back to back in the vector's heap
        // (a scan's rows of one storage segment) move as one copy
        writeVariableWidth(vec, slices, total, bytes, (offsetBuf, data) -> {
            // each slice's end offsets go through a small scratch array, then into the Arrow buffer in one copy
            java.nio.IntBuffer out = offsetBuf.nioBuffer(0, (total + 1) * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
            out.put(0, 0);
            int longest = 0;
            for (VectorSlice s : slices) longest = Math.max(longest, s.count());
            int[] ends = new int[longest];
            int at = 0;
            int pos = 0;
            for (VectorSlice s : slices) {
                Vector v = s.vector();
                byte[] src = v.heap;
                int n = s.count();
                int i = 0;
                while (i < n) {
                    int r = s.from() + i;
                    if (!v.isValid(r)) {
                        ends[i] = pos;
                        i++;
                        continue;
                    }
                    int start = v.offsets[r];
                    int end = start + v.lengths[r];
                    ends[i] = pos + (end - start);
                    int j = i + 1;
                    while (j < n && v.isValid(s.from() + j) && v.offsets[s.from() + j] == end) {
                        end += v.lengths[s.from() + j];
                        ends[j] = pos + (end - start);
                        j++;
                    }
                    data.setBytes(pos, src, start, end - start);
                    pos += end - start;
                    i = j;
                }
                out.put(at + 1, ends, 0, n);
                at += n;
            }
        });
    }

    /** Writes the offsets and bytes of the rows into {@link ArrowBuf}s of the right sizes. */
    private interface VariableWidthBody {
        void write(ArrowBuf offsets, ArrowBuf data);
    }

    /**
     * Fills a utf8/binary vector: its validity from the slices, its offsets and {@code bytes} bytes of
     * data by {@code body}, in buffers taken from the allocator as they are (not zeroed: every byte is
     * written), then loaded into the vector with the null count.
     */
    private static void writeVariableWidth(BaseVariableWidthVector vec, List<VectorSlice> slices, int total, long bytes, VariableWidthBody body) {
        if (total == 0) {
            vec.allocateNew(1, 1);
            vec.setValueCount(0);
            return;
        }
        ArrowBuf validity = raw(vec, validityBytes(total));
        ArrowBuf offsetBuf = raw(vec, (total + 1L) * 4);
        ArrowBuf data = raw(vec, bytes);
        try {
            int nulls = writeValidity(validity, slices, total);
            body.write(offsetBuf, data);
            vec.loadFieldBuffers(new ArrowFieldNode(total, nulls), List.of(validity, offsetBuf, data));
        } finally {
            validity.close();
            offsetBuf.close();
            data.close();
        }
    }

    /** Moves finished offsets and bytes (and the slices' validity) into a utf8/binary vector. */
    private static void fillVariableWidth(BaseVariableWidthVector vec, List<VectorSlice> slices, int total, int[] offsets, byte[] heap, int bytes) {
        writeVariableWidth(vec, slices, total, bytes, (offsetBuf, data) -> {
            offsetBuf.nioBuffer(0, (total + 1) * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(0, offsets, 0, total + 1);
            data.setBytes(0, heap, 0, bytes);
        });
    }

    /** ENUM as its labels (utf8), copied from the dictionary's heap. */
    private static void writeEnum(BaseVariableWidthVector vec, io.tealdb.types.EnumDictionary d, List<VectorSlice> slices, int total) {
        int[] offsets = new int[total + 1];
        int at = 0;
        int pos = 0;
        for (VectorSlice s : slices) {
            Vector v = s.vector();
            for (int i = 0; i < s.count(); i++) {
                int r = s.from() + i;
                if (v.isValid(r)) pos += d.labelBytes(v.ints[r]).length;
                offsets[at + i + 1] = pos;
            }
            at += s.count();
        }
        byte[] heap = new byte[pos];
        at = 0;
        for (VectorSlice s : slices) {
            Vector v = s.vector();
            for (int i = 0; i < s.count(); i++) {
                int r = s.from() + i;
                if (v.isValid(r)) {
                    byte[] label = d.labelBytes(v.ints[r]);
                    System.arraycopy(label, 0, heap, offsets[at + i], label.length);
                }
            }
            at += s.count();
        }
        fillVariableWidth(vec, slices, total, offsets, heap, pos);
    }

    /** UUID as its 36-byte text (DuckDB's default Arrow form). */
    private static void writeUuid(BaseVariableWidthVector vec, List<VectorSlice> slices, int total) {
        int len = UuidText.LENGTH;
        byte[] heap = new byte[total * len];
        int[] offsets = new int[total + 1];
        int at = 0;
        int pos = 0;
        for (VectorSlice s : slices) {
            Vector v = s.vector();
            for (int i = 0; i < s.count(); i++) {
                int r = s.from() + i;
                if (v.isValid(r)) {
                    UuidText.format(v.highs[r], v.longs[r], heap, pos);
                    pos += len;
                }
                offsets[at + i + 1] = pos;
            }
            at += s.count();
        }
        fillVariableWidth(vec, slices, total, offsets, heap, pos);
    }

    /** BIT in DuckDB's storage form (binary: a padding count, then the packed bits), packed from the '0'/'1' bytes. */
    private static void writeBit(BaseVariableWidthVector vec, List<VectorSlice> slices, int total) {
        writeRecoded(vec, slices, total, io.tealdb.types.BitString::storedLength, io.tealdb.types.BitString::writeStored, "BIT values");
    }

    /** BIGNUM as its decimal text (Arrow has no integer of any size), written as ASCII straight from the vectors' bytes. */
    private static void writeBigNum(BaseVariableWidthVector vec, List<VectorSlice> slices, int total) {
        writeRecoded(vec, slices, total, io.tealdb.types.BigNum::maxTextLength, io.tealdb.types.BigNum::writeText, "BIGNUM text");
    }

    /** Writes one value's bytes {@code src[off, off+len)} in another form into {@code out} from {@code pos}; returns the position after it. */
    private interface Recoder {
        int write(byte[] src, int off, int len, byte[] out, int pos);
    }

    /**
     * A utf8/binary column whose bytes are each row's VARLEN bytes in another form: {@code bound}
     * gives at most how many bytes a value of a length becomes, so one array is allocated for the
     * batch and {@code recoder} writes into it (no object per value).
     */
    private static void writeRecoded(BaseVariableWidthVector vec, List<VectorSlice> slices, int total,
                                     java.util.function.IntUnaryOperator bound, Recoder recoder, String what) {
        long size = 0;
        for (VectorSlice s : slices) {
            Vector v = s.vector();
            for (int i = 0; i < s.count(); i++) {
                int r = s.from() + i;
                if (v.isValid(r)) size += bound.applyAsInt(v.lengths[r]);
            }
        }
        if (size > Integer.MAX_VALUE - 64) {
            throw new InvalidInputException("an Arrow batch of this result would hold more than 2 GB of " + what + " in one column:"
                    + " read it with a smaller batch size");
        }
        byte[] heap = new byte[(int) size];
        int[] offsets = new int[total + 1];
        int at = 0;
        int pos = 0;
        for (VectorSlice s : slices) {
            Vector v = s.vector();
            for (int i = 0; i < s.count(); i++) {
                int r = s.from() + i;
                if (v.isValid(r)) pos = recoder.write(v.heap, v.offsets[r], v.lengths[r], heap, pos);
                offsets[at + i + 1] = pos;
            }
            at += s.count();
        }
        fillVariableWidth(vec, slices, total, offsets, heap, pos);
    }

    /**
     * LIST and MAP (a list of key/value structs): Arrow offsets over the entries of the rows, which
     * are written as one child column from the ranges of TealDB's element vectors (adjacent ranges
     * coalesced, so a chunk's lists usually make one slice).
     */
    private static void writeList(ListVector vec, LogicalType type, List<VectorSlice> slices, int total) {
        int[] offsets = new int[total + 1];
        List<VectorSlice> entries = new ArrayList<>();
        int at = 0;
        int count = 0;
        for (VectorSlice s : slices) {
            Vector v = s.vector();
            for (int i = 0; i < s.count(); i++) {
                int r = s.from() + i;
                if (v.isValid(r) && v.lengths[r] > 0) {
                    addRange(entries, v.children[0], v.offsets[r], v.lengths[r]);
                    count += v.lengths[r];
                }
                offsets[at + i + 1] = count;
            }
            at += s.count();
        }
        vec.clear();
        vec.setInitialCapacity(Math.max(total, 1));
        vec.allocateNew();
        write(vec.getDataVector(), type.childType(), entries, count);
        while (vec.getValueCapacity() < total) vec.reAlloc();
        if (total > 0) {
            writeValidity(vec.getValidityBuffer(), slices, total);
            vec.getOffsetBuffer().nioBuffer(0, (total + 1) * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(0, offsets, 0, total + 1);
            vec.setLastSet(total - 1);
        }
        vec.setValueCount(total);
    }

    /** ARRAY(T, n): Arrow's fixed-size list; a NULL row still takes n (NULL) entries. */
    private static void writeFixedList(FixedSizeListVector vec, LogicalType type, List<VectorSlice> slices, int total) {
        int size = type.arraySize();
        LogicalType element = type.childType();
        List<VectorSlice> entries = new ArrayList<>();
        Vector nulls = null;
        for (VectorSlice s : slices) {
            Vector v = s.vector();
            for (int i = 0; i < s.count(); i++) {
                int r = s.from() + i;
                if (v.isValid(r) && v.lengths[r] == size) {
                    addRange(entries, v.children[0], v.offsets[r], size);
                } else {
                    if (nulls == null) {
                        nulls = new Vector(element, size);
                        nulls.ensureValidity();
                        java.util.Arrays.fill(nulls.validity, 0L);
                    }
                    entries.add(new VectorSlice(nulls, 0, size));
                }
            }
        }
        vec.clear();
        vec.setInitialCapacity(Math.max(total, 1));
        vec.allocateNew();
        write(vec.getDataVector(), element, entries, total * size);
        while (vec.getValueCapacity() < total) vec.reAlloc();
        if (total > 0) writeValidity(vec.getValidityBuffer(), slices, total);
        vec.setValueCount(total);
    }

    /** STRUCT: each field's child vectors are row-aligned with the struct, so each is written from the same row ranges. */
    private static void writeStruct(StructVector vec, LogicalType type, List<VectorSlice> slices, int total) {
        vec.clear();
        vec.setInitialCapacity(Math.max(total, 1));
        vec.allocateNew();
        List<TypeField> fields = type.children();
        for (int f = 0; f < fields.size(); f++) {
            List<VectorSlice> field = new ArrayList<>(slices.size());
            for (VectorSlice s : slices) field.add(new VectorSlice(s.vector().children[f], s.from(), s.count()));
            write((FieldVector) vec.getChildByOrdinal(f), fields.get(f).type(), field, total);
        }
        while (vec.getValueCapacity() < total) vec.reAlloc();
        if (total > 0) writeValidity(vec.getValidityBuffer(), slices, total);
        vec.setValueCount(total);
    }

    /**
     * UNION as a sparse union, as DuckDB exports it: the type buffer holds each row's member (the
     * schema's type ids are the member positions, see ArrowSchemas), every member child is row-aligned and holds its
     * value where it is active and NULL elsewhere. Arrow unions have no validity: a NULL union is
     * member 0 holding NULL (DuckDB's export).
     */
    private static void writeUnion(org.apache.arrow.vector.complex.UnionVector vec, LogicalType type, List<VectorSlice> slices, int total) {
        vec.clear();
        vec.setInitialCapacity(Math.max(total, 1));
        vec.allocateNew();
        while (vec.getValueCapacity() < total) vec.reAlloc();
        List<FieldVector> members = vec.getChildrenFromFields();
        for (int m = 0; m < type.unionMemberCount(); m++) {
            List<VectorSlice> member = new ArrayList<>(slices.size());
            for (VectorSlice s : slices) {
                Vector child = s.vector().children[m + 1];
                if (m == 0 && s.vector().validity != null) {
                    // a NULL union's member slots are arbitrary: member 0 must read NULL there
                    Vector masked = new Vector(child.type, Math.max(s.count(), 1));
                    masked.copyRange(child, s.from(), 0, s.count());
                    for (int i = 0; i < s.count(); i++) if (s.vector().isNull(s.from() + i)) masked.setNull(i);
                    member.add(new VectorSlice(masked, 0, s.count()));
                } else {
                    member.add(new VectorSlice(child, s.from(), s.count()));
                }
            }
            write(members.get(m), type.unionMember(m).type(), member, total);
        }
        ArrowBuf tags = vec.getTypeBuffer();
        int at = 0;
        for (VectorSlice s : slices) {
            short[] tag = s.vector().children[0].shorts;
            for (int i = 0; i < s.count(); i++) {
                int row = s.from() + i;
                tags.setByte(at + i, s.vector().isNull(row) ? 0 : tag[row]);
            }
            at += s.count();
        }
        vec.setValueCount(total);
    }

    /** Appends entries {@code [from, from + n)} of {@code child}, extending the last slice when it ends there. */
    private static void addRange(List<VectorSlice> entries, Vector child, int from, int n) {
        int last = entries.size() - 1;
        if (last >= 0) {
            VectorSlice prev = entries.get(last);
            if (prev.vector() == child && prev.from() + prev.count() == from) {
                entries.set(last, new VectorSlice(child, prev.from(), prev.count() + n));
                return;
            }
        }
        entries.add(new VectorSlice(child, from, n));
    }

    private static ByteBuffer view(ArrowBuf data, int rows, int width) {
        return data.nioBuffer(0, rows * width).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Arrow's validity bitmap of the slices (LSB-first bits, as TealDB's validity words); returns the number of NULLs. */
    static int writeValidity(ArrowBuf validity, List<VectorSlice> slices, int total) {
        long[] bits = new long[(total + 63) >>> 6];
        int at = 0;
        for (VectorSlice s : slices) {
            Vector v = s.vector();
            if (v.validity == null) {
                setRange(bits, at, s.count());
            } else {
                int from = s.from();
                for (int i = 0; i < s.count(); i++) {
                    if (v.isValid(from + i)) bits[(at + i) >>> 6] |= 1L << (at + i);
                }
            }
            at += s.count();
        }
        copyBits(bits, validity, total);
        int valid = 0;
        for (long w : bits) valid += Long.bitCount(w);
        return total - valid;
    }

    private static void setRange(long[] bits, int from, int n) {
        int end = from + n;
        int i = from;
        while (i < end && (i & 63) != 0) {
            bits[i >>> 6] |= 1L << i;
            i++;
        }
        while (i + 64 <= end) {
            bits[i >>> 6] = -1L;
            i += 64;
        }
        while (i < end) {
            bits[i >>> 6] |= 1L << i;
            i++;
        }
    }

    /** Copies the first {@code rows} bits (as whole bytes) of {@code bits} into {@code buf}. */
    static void copyBits(long[] bits, ArrowBuf buf, int rows) {
        int bytes = (rows + 7) >>> 3;
        int words = bytes >>> 3;
        if (words > 0) buf.nioBuffer(0, words * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(0, bits, 0, words);
        for (int b = words * 8; b < bytes; b++) buf.setByte(b, (byte) (bits[b >>> 3] >>> ((b & 7) * 8)));
    }
}
