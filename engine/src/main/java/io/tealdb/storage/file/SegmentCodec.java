package io.tealdb.storage.file;

import io.tealdb.error.NotImplementedException;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.Arrays;

/**
 * The one place that turns the first {@code n} rows of a {@link Vector} into bytes and back, for
 * checkpointed column segments and write-ahead log records alike. A new physical type (nested
 * children, ...) adds its case to {@link #encode} and {@link #decode} and nothing else.
 *
 * <p>Lightweight compression, chosen per segment from the data: integers (and everything stored as
 * them: dates, timestamps, decimals, booleans) as a constant, runs (RLE) or frame of reference with
 * bit-packing, whichever is smallest; strings as a dictionary of distinct values with bit-packed
 * codes when that is smaller than the plain bytes, else their bytes Deflate-compressed (the JDK's
 * zlib, fastest level) when that saves a fifth; floating point as a constant or plain. NULLs are
 * a flag (none / all) or a validity bitmap.
 */
public final class SegmentCodec {
    private static final int NO_NULLS = 0;
    private static final int ALL_NULL = 1;
    private static final int BITMAP = 2;

    private static final int INT_CONSTANT = 0;
    private static final int INT_FOR_BITPACK = 1;
    private static final int INT_RLE = 2;

    private static final int PLAIN = 0;
    private static final int CONSTANT = 1;
    private static final int DICTIONARY = 2;
    private static final int DEFLATE = 3;
    /** Plain string bytes at least this long are tried with Deflate (free text: comments, names). */
    private static final int DEFLATE_MIN_BYTES = 4096;

    private SegmentCodec() {
    }

    /** Appends rows {@code [0, n)} of {@code v} to {@code out}. */
    public static void encode(Vector v, int n, ByteOut out) {
        out.writeVarInt(n);
        int nulls = 0;
        if (v.validity != null) {
            for (int i = 0; i < n; i++) {
                if (v.isNull(i)) nulls++;
            }
        }
        if (nulls == 0) {
            out.writeByte(NO_NULLS);
        } else if (nulls == n) {
            out.writeByte(ALL_NULL);
            return;
        } else {
            out.writeByte(BITMAP);
            int words = (n + 63) >>> 6;
            for (int w = 0; w < words; w++) {
                long bits = w < v.validity.length ? v.validity[w] : -1L;
                if (w == words - 1 && (n & 63) != 0) {
                    bits &= (1L << (n & 63)) - 1;
                }
                out.writeLong(bits);
            }
        }
        switch (v.physical) {
            case BOOL, INT8 -> {
                long[] tmp = new long[n];
                for (int i = 0; i < n; i++) tmp[i] = v.bytes[i];
                encodeLongs(tmp, n, out);
            }
            case INT16 -> {
                long[] tmp = new long[n];
                for (int i = 0; i < n; i++) tmp[i] = v.shorts[i];
                encodeLongs(tmp, n, out);
            }
            case INT32 -> {
                long[] tmp = new long[n];
                for (int i = 0; i < n; i++) tmp[i] = v.ints[i];
                encodeLongs(tmp, n, out);
            }
            case INT64 -> encodeLongs(v.longs, n, out);
            case INT128 -> {
                encodeLongs(v.longs, n, out);
                encodeLongs(v.highs, n, out);
            }
            case FLOAT -> {
                long[] tmp = new long[n];
                for (int i = 0; i < n; i++) tmp[i] = Float.floatToRawIntBits(v.floats[i]);
                encodeLongs(tmp, n, out);
            }
            case DOUBLE -> encodeDoubles(v.doubles, n, out);
            case VARLEN -> encodeStrings(v, n, out);
            case INTERVAL -> {
                long[] tmp = new long[n];
                for (int i = 0; i < n; i++) tmp[i] = v.ints[i];
                encodeLongs(tmp, n, out);
                for (int i = 0; i < n; i++) tmp[i] = v.days[i];
                encodeLongs(tmp, n, out);
                encodeLongs(v.longs, n, out);
            }
            case LIST -> {
                // lengths, then the referenced entries in row order as one child vector
                long[] lengths = new long[n];
                int total = 0;
                for (int i = 0; i < n; i++) {
                    lengths[i] = v.isNull(i) ? 0 : v.lengths[i];
                    total += (int) lengths[i];
                }
                encodeLongs(lengths, n, out);
                Vector entries = new Vector(v.child().type, Math.max(1, total));
                int at = 0;
                for (int i = 0; i < n; i++) {
                    if (lengths[i] == 0) continue;
                    entries.copyRange(v.child(), v.offsets[i], at, (int) lengths[i]);
                    at += (int) lengths[i];
                }
                encode(entries, total, out);
            }
            case STRUCT -> {
                for (Vector c : v.children) encode(c, n, out);
            }
            default -> throw new NotImplementedException("storing values of type " + v.type + " in a database file is not supported yet");
        }
    }

    /** Reads a vector of {@code type} written by {@link #encode} (the caller knows its row count). */
    public static Vector decode(LogicalType type, ByteIn in) {
        int n = in.readCount(0);
        Vector v = new Vector(type, Math.max(1, n));
        int validity = in.readByte();
        if (validity == ALL_NULL) {
            for (int i = 0; i < n; i++) v.setNull(i);
            return v;
        }
        if (validity == BITMAP) {
            int words = (n + 63) >>> 6;
            long[] bits = v.ensureValidity();
            for (int w = 0; w < words; w++) {
                bits[w] = in.readLong();
            }
        } else if (validity != NO_NULLS) {
            throw new CorruptDataException("unknown validity encoding " + validity);
        }
        switch (v.physical) {
            case BOOL, INT8 -> {
                long[] tmp = decodeScratch(in, n);
                for (int i = 0; i < n; i++) v.bytes[i] = (byte) tmp[i];
            }
            case INT16 -> {
                long[] tmp = decodeScratch(in, n);
                for (int i = 0; i < n; i++) v.shorts[i] = (short) tmp[i];
            }
            case INT32 -> {
                long[] tmp = decodeScratch(in, n);
                for (int i = 0; i < n; i++) v.ints[i] = (int) tmp[i];
            }
            case INT64 -> decodeLongsInto(in, n, v.longs);
            case INT128 -> {
                decodeLongsInto(in, n, v.longs);
                decodeLongsInto(in, n, v.highs);
            }
            case FLOAT -> {
                long[] tmp = decodeScratch(in, n);
                for (int i = 0; i < n; i++) v.floats[i] = Float.intBitsToFloat((int) tmp[i]);
            }
            case DOUBLE -> decodeDoubles(in, n, v.doubles);
            case VARLEN -> decodeStrings(in, n, v);
            case INTERVAL -> {
                long[] tmp = decodeScratch(in, n);
                for (int i = 0; i < n; i++) v.ints[i] = (int) tmp[i];
                tmp = decodeScratch(in, n);
                for (int i = 0; i < n; i++) v.days[i] = (int) tmp[i];
                decodeLongsInto(in, n, v.longs);
            }
            case LIST -> {
                long[] lengths = decodeLongs(in, n);
                int at = 0;
                for (int i = 0; i < n; i++) {
                    if (lengths[i] < 0 || at + lengths[i] > Integer.MAX_VALUE - 16) throw new CorruptDataException("list length " + lengths[i]);
                    v.offsets[i] = at;
                    v.lengths[i] = (int) lengths[i];
                    at += (int) lengths[i];
                }
                Vector entries = decode(type.childType(), in);
                if (entries.capacity < at && at > 0) throw new CorruptDataException("list entries shorter than the lists");
                v.children[0] = entries;
                v.childUsed = at;
            }
            case STRUCT -> {
                for (int k = 0; k < v.children.length; k++) v.children[k] = decode(type.children().get(k).type(), in);
            }
            default -> throw new NotImplementedException("reading values of type " + type + " from a database file is not supported yet");
        }
        return v;
    }

    // ------------------------------------------------------------------ integers

    static void encodeLongs(long[] a, int n, ByteOut out) {
        if (n == 0) {
            out.writeByte(INT_CONSTANT);
            out.writeLong(0);
            return;
        }
        long min = a[0];
        long max = a[0];
        int runs = 1;
        for (int i = 1; i < n; i++) {
            long x = a[i];
            if (x < min) min = x;
            if (x > max) max = x;
            if (x != a[i - 1]) runs++;
        }
        if (runs == 1) {
            out.writeByte(INT_CONSTANT);
            out.writeLong(a[0]);
            return;
        }
        int width = 64 - Long.numberOfLeadingZeros(max - min);
        long packedBytes = ((long) n * width + 7) / 8;
        if ((long) runs * 6 < packedBytes) {
            out.writeByte(INT_RLE);
            out.writeVarInt(runs);
            long prev = 0;
            int i = 0;
            while (i < n) {
                int j = i + 1;
                while (j < n && a[j] == a[i]) j++;
                out.writeSignedVarLong(a[i] - prev);
                out.writeVarInt(j - i);
                prev = a[i];
                i = j;
            }
            return;
        }
        out.writeByte(INT_FOR_BITPACK);
        out.writeLong(min);
        out.writeByte(width);
        bitPack(a, n, min, width, out);
    }

    static long[] decodeLongs(ByteIn in, int n) {
        long[] a = new long[n];
        decodeLongsInto(in, n, a);
        return a;
    }

    /** Segments up to this many rows (two row groups) decode narrow integers through a per-thread scratch array. */
    private static final int SCRATCH_MAX_ROWS = 2 * 122_880;
    private static final ThreadLocal<long[]> SCRATCH = new ThreadLocal<>();

    /**
     * Decodes {@code n} integers into a per-thread scratch array, valid until this thread's next
     * call: for values that are narrowed into their vector at once (INT32, dates, dictionary codes,
     * string lengths), so that loading a segment does not allocate a second, eight-byte-per-row
     * array for every column it reads (a cold scan's garbage). Never for values kept past a nested
     * decode (list lengths).
     */
    private static long[] decodeScratch(ByteIn in, int n) {
        if (n > SCRATCH_MAX_ROWS) return decodeLongs(in, n);
        long[] a = SCRATCH.get();
        if (a == null || a.length < n) {
            a = new long[Math.max(n, 122_880)];
            SCRATCH.set(a);
        }
        decodeLongsInto(in, n, a);
        return a;
    }

    /** Decodes {@code n} integers into {@code a[0, n)}. */
    static void decodeLongsInto(ByteIn in, int n, long[] a) {
        int method = in.readByte();
        switch (method) {
            case INT_CONSTANT -> Arrays.fill(a, 0, n, in.readLong());
            case INT_RLE -> {
                int runs = in.readCount(2);
                long prev = 0;
                int at = 0;
                for (int r = 0; r < runs; r++) {
                    long value = prev + in.readSignedVarLong();
                    int len = in.readVarInt();
                    if (len < 0 || at + len > n) {
                        throw new CorruptDataException("run-length data exceeds the segment");
                    }
                    Arrays.fill(a, at, at + len, value);
                    at += len;
                    prev = value;
                }
                if (at != n) {
                    throw new CorruptDataException("run-length data shorter than the segment");
                }
            }
            case INT_FOR_BITPACK -> {
                long min = in.readLong();
                int width = in.readByte();
                if (width < 0 || width > 64) {
                    throw new CorruptDataException("bit width " + width);
                }
                bitUnpack(in, n, min, width, a);
            }
            default -> throw new CorruptDataException("unknown integer encoding " + method);
        }
    }

    private static void bitPack(long[] a, int n, long min, int width, ByteOut out) {
        if (width == 0) {
            return;
        }
        long acc = 0;
        int bits = 0;
        for (int i = 0; i < n; i++) {
            long d = a[i] - min; // unsigned difference, exact modulo 2^64
            acc |= d << bits;
            int used = 64 - bits;
            if (width >= used) {
                out.writeLong(acc);
                acc = used == 64 ? 0 : d >>> used;
                bits = width - used;
            } else {
                bits += width;
            }
        }
        if (bits > 0) {
            out.writeLong(acc);
        }
    }

    private static void bitUnpack(ByteIn in, int n, long min, int width, long[] a) {
        if (width == 0) {
            Arrays.fill(a, 0, n, min);
            return;
        }
        long words = ((long) n * width + 63) / 64;
        if (words * 8 > Integer.MAX_VALUE) {
            throw new CorruptDataException("bit-packed data too large");
        }
        // the words in one bulk copy, then each value from its bit position: no per-word reads or
        // branches on word boundaries in the loop (this runs interpreted in a process's first scan)
        long[] w = new long[(int) words + 1];
        in.readLongs(w, (int) words);
        if (width == 64) {
            for (int i = 0; i < n; i++) a[i] = min + w[i];
            return;
        }
        long mask = (1L << width) - 1;
        long bit = 0;
        for (int i = 0; i < n; i++, bit += width) {
            int wi = (int) (bit >>> 6);
            int shift = (int) bit & 63;
            long d = w[wi] >>> shift;
            if (shift + width > 64) d |= w[wi + 1] << (64 - shift);
            a[i] = min + (d & mask);
        }
    }

    // ------------------------------------------------------------------ floating point

    private static void encodeDoubles(double[] a, int n, ByteOut out) {
        boolean constant = true;
        long first = n == 0 ? 0 : Double.doubleToRawLongBits(a[0]);
        for (int i = 1; i < n && constant; i++) {
            constant = Double.doubleToRawLongBits(a[i]) == first;
        }
        if (constant) {
            out.writeByte(CONSTANT);
            out.writeLong(first);
            return;
        }
        out.writeByte(PLAIN);
        out.writeDoubles(a, n);
    }

    private static void decodeDoubles(ByteIn in, int n, double[] a) {
        int method = in.readByte();
        if (method == CONSTANT) {
            Arrays.fill(a, 0, n, Double.longBitsToDouble(in.readLong()));
        } else if (method == PLAIN) {
            for (int i = 0; i < n; i++) a[i] = Double.longBitsToDouble(in.readLong());
        } else {
            throw new CorruptDataException("unknown floating point encoding " + method);
        }
    }

    // ------------------------------------------------------------------ strings

    /** Entries of {@link #encodeStrings}' cache of codes by heap position (a power of two). */
    private static final int OFFSET_CACHE = 64;

    private static void encodeStrings(Vector v, int n, ByteOut out) {
        long totalBytes = 0;
        for (int i = 0; i < n; i++) {
            totalBytes += v.isNull(i) ? 0 : v.lengths[i];
        }
        // dictionary when distinct values are few; give up as soon as they are not. The dictionary is an
        // open-addressing table of row numbers (the first row of each value), probed by a hash of the
        // bytes: no object per value. Rows sharing a heap slot with the previous row reuse its code.
        int limit = Math.max(1, n / 3);
        int[] codes = new int[n];
        int[] firstRow = new int[16];
        int[] codeHash = new int[16];
        int dictSize = 0;
        int[] slots = new int[64];
        Arrays.fill(slots, -1);
        int mask = slots.length - 1;
        long dictBytes = 0;
        boolean useDict = n > 1;
        byte[] heap = v.heap;
        int[] offs = v.offsets;
        int[] lengths = v.lengths;
        int prevOff = -1, prevLen = -1, prevCode = 0;
        // rows of a segment that share a heap slot hold the same value (a segment stores a repeated short
        // value once, see ColumnSegment.append): a small cache by heap position answers them without
        // hashing or comparing bytes, also when several values alternate (symbols)
        int[] seenOff = new int[OFFSET_CACHE];
        int[] seenLen = new int[OFFSET_CACHE];
        int[] seenCode = new int[OFFSET_CACHE];
        Arrays.fill(seenOff, -1);
        for (int i = 0; i < n && useDict; i++) {
            if (v.isNull(i)) {
                codes[i] = 0;
                continue;
            }
            int off = offs[i], len = lengths[i];
            if (off == prevOff && len == prevLen) {
                codes[i] = prevCode;
                continue;
            }
            int cs = (off ^ (off >>> 6)) & (OFFSET_CACHE - 1);
            if (seenOff[cs] == off && seenLen[cs] == len) {
                int code = seenCode[cs];
                codes[i] = code;
                prevOff = off;
                prevLen = len;
                prevCode = code;
                continue;
            }
            int h = 1;
            for (int k = off; k < off + len; k++) h = 31 * h + heap[k];
            int code = -1;
            int slot = (h ^ (h >>> 16)) & mask;
            while (slots[slot] >= 0) {
                int r = firstRow[slots[slot]];
                if (lengths[r] == len && Arrays.equals(heap, offs[r], offs[r] + len, heap, off, off + len)) {
                    code = slots[slot];
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (code < 0) {
                if (dictSize >= limit) {
                    useDict = false;
                    break;
                }
                code = dictSize++;
                if (code == firstRow.length) {
                    firstRow = Arrays.copyOf(firstRow, code * 2);
                    codeHash = Arrays.copyOf(codeHash, code * 2);
                }
                firstRow[code] = i;
                codeHash[code] = h;
                slots[slot] = code;
                dictBytes += len + 2;
                if (dictSize * 2 > slots.length) { // keep the table at most half full
                    slots = new int[slots.length * 2];
                    Arrays.fill(slots, -1);
                    mask = slots.length - 1;
                    for (int d = 0; d < dictSize; d++) {
                        int sl = (codeHash[d] ^ (codeHash[d] >>> 16)) & mask;
                        while (slots[sl] >= 0) sl = (sl + 1) & mask;
                        slots[sl] = d;
                    }
                }
            }
            codes[i] = code;
            prevOff = off;
            prevLen = len;
            prevCode = code;
            seenOff[cs] = off;
            seenLen[cs] = len;
            seenCode[cs] = code;
        }
        if (useDict) {
            int width = 32 - Integer.numberOfLeadingZeros(Math.max(0, dictSize - 1));
            long dictTotal = dictBytes + ((long) n * width + 7) / 8;
            useDict = dictTotal < totalBytes + n;
        }
        if (useDict) {
            out.writeByte(DICTIONARY);
            out.writeVarInt(dictSize);
            for (int d = 0; d < dictSize; d++) {
                int r = firstRow[d];
                out.writeBlob(heap, offs[r], lengths[r]);
            }
            long[] tmp = new long[n];
            for (int i = 0; i < n; i++) tmp[i] = codes[i];
            encodeLongs(tmp, n, out);
            return;
        }
        long[] lens = new long[n];
        for (int i = 0; i < n; i++) lens[i] = v.isNull(i) ? 0 : v.lengths[i];
        if (totalBytes >= DEFLATE_MIN_BYTES && totalBytes < Integer.MAX_VALUE / 2) {
            byte[] raw = new byte[(int) totalBytes];
            int at = 0;
            for (int i = 0; i < n; i++) {
                if (!v.isNull(i)) {
                    System.arraycopy(v.heap, v.offsets[i], raw, at, v.lengths[i]);
                    at += v.lengths[i];
                }
            }
            java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_SPEED);
            try {
                deflater.setInput(raw);
                deflater.finish();
                byte[] comp = new byte[raw.length];
                int clen = 0;
                while (!deflater.finished() && clen < comp.length) {
                    clen += deflater.deflate(comp, clen, comp.length - clen);
                }
                if (deflater.finished() && clen < raw.length - raw.length / 5) {
                    out.writeByte(DEFLATE);
                    encodeLongs(lens, n, out);
                    out.writeVarInt(raw.length);
                    out.writeBlob(comp, 0, clen);
                    return;
                }
            } finally {
                deflater.end();
            }
        }
        out.writeByte(PLAIN);
        encodeLongs(lens, n, out);
        for (int i = 0; i < n; i++) {
            if (!v.isNull(i)) {
                out.writeBytes(v.heap, v.offsets[i], v.lengths[i]);
            }
        }
    }

    private static void decodeStrings(ByteIn in, int n, Vector v) {
        int method = in.readByte();
        if (method == DICTIONARY) {
            // the distinct values go into the heap once; rows point at them (no copy per row)
            int size = in.readCount(1);
            int[] dictOffset = new int[size];
            int[] dictLength = new int[size];
            for (int d = 0; d < size; d++) {
                int len = in.readCount(1);
                int need = v.heapUsed + len;
                if (need > v.heap.length) {
                    v.heap = Arrays.copyOf(v.heap, Math.max(need, v.heap.length * 2));
                }
                in.readBytes(v.heap, v.heapUsed, len);
                dictOffset[d] = v.heapUsed;
                dictLength[d] = len;
                v.heapUsed = need;
            }
            long[] codes = decodeScratch(in, n);
            int[] offsets = v.offsets;
            int[] lengths = v.lengths;
            for (int i = 0; i < n; i++) {
                if (v.isNull(i)) continue;
                long c = codes[i];
                if (c < 0 || c >= size) {
                    throw new CorruptDataException("dictionary code " + c + " out of range");
                }
                offsets[i] = dictOffset[(int) c];
                lengths[i] = dictLength[(int) c];
            }
        } else if (method == PLAIN) {
            long[] lens = decodeScratch(in, n);
            for (int i = 0; i < n; i++) {
                if (v.isNull(i)) continue;
                if (lens[i] < 0 || lens[i] > Integer.MAX_VALUE) {
                    throw new CorruptDataException("string length " + lens[i]);
                }
                int len = (int) lens[i];
                int at = in.skip(len);
                v.setBytes(i, in.array(), at, len);
            }
        } else if (method == DEFLATE) {
            long[] lens = decodeScratch(in, n);
            int rawLen = in.readVarInt();
            byte[] comp = in.readBlob();
            byte[] raw = new byte[rawLen];
            java.util.zip.Inflater inflater = new java.util.zip.Inflater();
            try {
                inflater.setInput(comp);
                int got = 0;
                while (got < rawLen) {
                    int k = inflater.inflate(raw, got, rawLen - got);
                    if (k == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    got += k;
                }
                if (got != rawLen) {
                    throw new CorruptDataException("compressed strings inflate to " + got + " bytes, expected " + rawLen);
                }
            } catch (java.util.zip.DataFormatException e) {
                throw new CorruptDataException("compressed strings are corrupt: " + e.getMessage());
            } finally {
                inflater.end();
            }
            int at = 0;
            for (int i = 0; i < n; i++) {
                if (v.isNull(i)) continue;
                long len = lens[i];
                if (len < 0 || at + len > rawLen) {
                    throw new CorruptDataException("string length " + len + " exceeds the compressed data");
                }
                v.setBytes(i, raw, at, (int) len);
                at += (int) len;
            }
        } else {
            throw new CorruptDataException("unknown string encoding " + method);
        }
    }
}
