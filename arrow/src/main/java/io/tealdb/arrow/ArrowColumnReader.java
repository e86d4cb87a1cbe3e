package io.tealdb.arrow;

import io.tealdb.error.NotImplementedException;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.vector.Vector;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthViewVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.complex.DenseUnionVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.Field;
import io.tealdb.types.TypeId;
import io.tealdb.types.UuidText;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Reads rows {@code [from, from + n)} of one Arrow column into a TealDB vector. The kind of
 * conversion is decided once per column (from the Arrow type and the TealDB type it maps to); the
 * per-chunk work is a bulk copy from the Arrow buffer into the vector's primitive array where the
 * layouts agree (integers, floats, date32, time64/timestamp in µs, decimal128 low words, string
 * bytes) and a primitive loop where they do not (bits, unsigned widening, unit scaling). A
 * dictionary-encoded column is decoded by gathering from its dictionary, converted once per batch.
 * One reader serves every thread that scans the batch, so reading keeps no mutable state in it.
 */
final class ArrowColumnReader {
    /**
     * Field metadata key: "true" on a floating-point column makes NaN values read as NULL. The Python
     * package sets it on float columns of pandas DataFrames, whose missing values are NaN (DuckDB reads
     * them as NULL too); checking here, inside the parallel scan, spares a pass over the column in Python.
     */
    static final String NAN_IS_NULL = "tealdb:nan_is_null";

    private enum Kind {
        NULL, BOOL, COPY8, COPY16, COPY32, COPY64, FLOAT32, FLOAT64, FLOAT32_NAN_NULL, FLOAT64_NAN_NULL, HALF,
        UINT8, UINT16, UINT32, UINT64,
        DEC128, DEC256, DEC256_DOUBLE,
        UTF8, LARGE_UTF8, VIEW, FIXED_BINARY,
        DATE_MILLI, TIME32, TIME64, TIMESTAMP, DURATION,
        INTERVAL_MDN, INTERVAL_YM, INTERVAL_DT,
        UUID_TEXT, UUID_BINARY, ENUM_TEXT, ENUM_CODES, BIT_STORED, TIME_TZ_DUCKDB,
        LIST, LARGE_LIST, FIXED_LIST, STRUCT, SPARSE_UNION, DENSE_UNION,
        DICTIONARY
    }

    private final Kind kind;
    private final LogicalType type;
    /** Multiply (positive) or divide (negative) a time value by this to get microseconds. */
    private final long scale;
    private final int fixedWidth;
    private final int sourceScale;
    /** For DICTIONARY: reads the dictionary's values, and the decoded dictionary of the current batch. */
    private final ArrowColumnReader values;
    private final Dictionary dictionary;
    private volatile Vector decoded; // built by whichever scanning thread needs it first; volatile publishes it whole
    /** LIST/MAP/ARRAY: the element reader; STRUCT: one reader per field; a union: one per member. */
    private ArrowColumnReader[] children;
    /** A union: the member of each Arrow type id (-1 for an id the union does not use). */
    private int[] memberOfTypeId;

    private ArrowColumnReader(Kind kind, LogicalType type, long scale, int fixedWidth, int sourceScale,
                              ArrowColumnReader values, Dictionary dictionary) {
        this.kind = kind;
        this.type = type;
        this.scale = scale;
        this.fixedWidth = fixedWidth;
        this.sourceScale = sourceScale;
        this.values = values;
        this.dictionary = dictionary;
    }

    /** A reader for a column of Arrow field {@code field} producing {@code type} (from ArrowSchemas). */
    static ArrowColumnReader of(Field field, LogicalType type, Dictionary dictionary) {
        String name = field.getName();
        ArrowType arrowType = field.getType();
        if (dictionary != null) {
            FieldVector dv = dictionary.getVector();
            ArrowColumnReader values = of(dv.getField(), type, null);
            return new ArrowColumnReader(Kind.DICTIONARY, type, 1, 0, 0, values, dictionary);
        }
        if (type.id() == TypeId.ENUM && field.getDictionary() != null && field.getType() instanceof ArrowType.Int codes) {
            // TealDB's own ENUM export without its dictionary at hand: the indices are the enum's codes
            // (with the dictionary, the labels are matched instead: a consumer may have re-encoded them)
            return new ArrowColumnReader(Kind.ENUM_CODES, type, 1, codes.getBitWidth() / 8, 0, null, null);
        }
        if (field.getDictionary() != null) {
            throw new NotImplementedException("Arrow column \"" + name + "\": dictionary-encoded values inside a nested column cannot be read yet");
        }
        if (type.isNested()) {
            List<Field> fs = field.getChildren();
            ArrowColumnReader[] kids;
            Kind kind;
            int[] memberOfTypeId = null;
            if (type.id() == TypeId.STRUCT) {
                kind = Kind.STRUCT;
                kids = new ArrowColumnReader[fs.size()];
                for (int f = 0; f < fs.size(); f++) kids[f] = of(fs.get(f), type.children().get(f).type(), null);
            } else if (type.id() == TypeId.UNION) {
                ArrowType.Union u = (ArrowType.Union) arrowType;
                kind = u.getMode() == org.apache.arrow.vector.types.UnionMode.Dense ? Kind.DENSE_UNION : Kind.SPARSE_UNION;
                kids = new ArrowColumnReader[fs.size()];
                for (int f = 0; f < fs.size(); f++) kids[f] = of(fs.get(f), type.unionMember(f).type(), null);
                // child f has type id typeIds[f] (the position when the union gives none)
                memberOfTypeId = new int[128];
                Arrays.fill(memberOfTypeId, -1);
                for (int f = 0; f < fs.size(); f++) {
                    int id = u.getTypeIds() == null ? f : u.getTypeIds()[f];
                    if (id >= 0 && id < 128) memberOfTypeId[id] = f;
                }
            } else {
                kind = arrowType instanceof ArrowType.LargeList ? Kind.LARGE_LIST
                        : arrowType instanceof ArrowType.FixedSizeList ? Kind.FIXED_LIST : Kind.LIST;
                kids = new ArrowColumnReader[]{of(fs.get(0), type.childType(), null)};
            }
            int size = arrowType instanceof ArrowType.FixedSizeList fl ? fl.getListSize() : 0;
            ArrowColumnReader r = new ArrowColumnReader(kind, type, 1, size, 0, null, null);
            r.children = kids;
            r.memberOfTypeId = memberOfTypeId;
            return r;
        }
        if (type.id() == TypeId.ENUM) {
            return new ArrowColumnReader(Kind.ENUM_TEXT, type, 1, 4, 0, null, null);
        }
        if (type.id() == TypeId.BIT && arrowType instanceof ArrowType.Binary) {
            return new ArrowColumnReader(Kind.BIT_STORED, type, 1, 0, 0, null, null);
        }
        if (type.id() == TypeId.TIME_TZ && arrowType instanceof ArrowType.FixedSizeBinary) {
            // DuckDB's lossless export (arrow.opaque time_tz): its in-memory TIMETZ layout
            return new ArrowColumnReader(Kind.TIME_TZ_DUCKDB, type, 1, 8, 0, null, null);
        }
        if (type.id() == TypeId.UUID) {
            return new ArrowColumnReader(arrowType instanceof ArrowType.Utf8 ? Kind.UUID_TEXT : Kind.UUID_BINARY, type, 1, 16, 0, null, null);
        }
        Kind kind;
        long scale = 1;
        int width = 0;
        int sourceScale = 0;
        switch (arrowType) {
            case ArrowType.Null n -> kind = Kind.NULL;
            case ArrowType.Bool b -> kind = Kind.BOOL;
            case ArrowType.Int i -> kind = switch (i.getBitWidth()) {
                case 8 -> i.getIsSigned() ? Kind.COPY8 : Kind.UINT8;
                case 16 -> i.getIsSigned() ? Kind.COPY16 : Kind.UINT16;
                case 32 -> i.getIsSigned() ? Kind.COPY32 : Kind.UINT32;
                default -> i.getIsSigned() ? Kind.COPY64 : Kind.UINT64;
            };
            case ArrowType.FloatingPoint f -> {
                boolean nanIsNull = "true".equals(field.getMetadata().get(NAN_IS_NULL));
                kind = f.getPrecision() == FloatingPointPrecision.HALF ? Kind.HALF
                        : f.getPrecision() == FloatingPointPrecision.SINGLE ? (nanIsNull ? Kind.FLOAT32_NAN_NULL : Kind.FLOAT32)
                        : nanIsNull ? Kind.FLOAT64_NAN_NULL : Kind.FLOAT64;
            }
            case ArrowType.Decimal d -> {
                sourceScale = d.getScale();
                kind = d.getBitWidth() == 128 ? Kind.DEC128 : type.id() == io.tealdb.types.TypeId.DOUBLE ? Kind.DEC256_DOUBLE : Kind.DEC256;
            }
            case ArrowType.Utf8 s -> kind = Kind.UTF8;
            case ArrowType.Binary s -> kind = Kind.UTF8;
            case ArrowType.LargeUtf8 s -> kind = Kind.LARGE_UTF8;
            case ArrowType.LargeBinary s -> kind = Kind.LARGE_UTF8;
            case ArrowType.Utf8View s -> kind = Kind.VIEW;
            case ArrowType.BinaryView s -> kind = Kind.VIEW;
            case ArrowType.FixedSizeBinary s -> {
                kind = Kind.FIXED_BINARY;
                width = s.getByteWidth();
            }
            case ArrowType.Date d -> kind = d.getUnit() == DateUnit.DAY ? Kind.COPY32 : Kind.DATE_MILLI;
            case ArrowType.Time t -> {
                kind = t.getBitWidth() == 32 ? Kind.TIME32 : Kind.TIME64;
                scale = toMicros(t.getUnit());
            }
            case ArrowType.Timestamp t -> {
                kind = Kind.TIMESTAMP;
                // TIMESTAMP_S/_MS/_NS keep the stream's unit; TIMESTAMP and TIMESTAMPTZ are in µs
                scale = type.id() == TypeId.TIMESTAMP || type.id() == TypeId.TIMESTAMP_TZ ? toMicros(t.getUnit()) : 1;
            }
            case ArrowType.Duration t -> {
                kind = Kind.DURATION;
                scale = toMicros(t.getUnit());
            }
            case ArrowType.Interval iv -> kind = iv.getUnit() == IntervalUnit.MONTH_DAY_NANO ? Kind.INTERVAL_MDN
                    : iv.getUnit() == IntervalUnit.YEAR_MONTH ? Kind.INTERVAL_YM : Kind.INTERVAL_DT;
            default -> throw new NotImplementedException("Arrow column \"" + name + "\" has type " + arrowType
                    + ", which TealDB cannot read yet");
        }
        return new ArrowColumnReader(kind, type, scale, width, sourceScale, null, null);
    }

    private static long toMicros(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 1_000_000L;
            case MILLISECOND -> 1_000L;
            case MICROSECOND -> 1L;
            case NANOSECOND -> -1_000L;
        };
    }

    /** Called when a new batch is loaded: a dictionary is decoded again on first use. */
    void newBatch() {
        decoded = null;
    }

    /** Reads rows {@code [from, from + n)} of {@code vec} into rows {@code [0, n)} of {@code out} (reset, capacity ≥ n). */
    void read(FieldVector vec, int from, int n, Vector out) {
        read(vec, from, n, out, 0);
    }

    /**
     * Reads rows {@code [from, from + n)} of {@code vec} into rows {@code [at, at + n)} of {@code out}
     * (capacity ≥ at + n; string bytes are appended to its heap): {@code at} &gt; 0 when filling the
     * element vector of a list.
     */
    void read(FieldVector vec, int from, int n, Vector out, int at) {
        if (kind == Kind.NULL || vec instanceof NullVector) {
            for (int i = 0; i < n; i++) out.setNull(at + i);
            return;
        }
        if (kind == Kind.SPARSE_UNION || kind == Kind.DENSE_UNION) {
            readUnion(vec, from, n, out, at);
            return;
        }
        readValidity(vec, from, n, out, at);
        if (kind == Kind.DICTIONARY) {
            readDictionary(vec, from, n, out, at);
            return;
        }
        ArrowBuf data = kind.ordinal() >= Kind.LIST.ordinal() ? null : vec.getDataBuffer();
        switch (kind) {
            case BOOL -> {
                long[] bits = bits(data, from, n);
                byte[] dst = out.bytes;
                for (int i = 0; i < n; i++) dst[at + i] = (byte) ((bits[i >>> 6] >>> i) & 1);
            }
            case COPY8 -> data.getBytes(from, out.bytes, at, n);
            case COPY16 -> view(data, from, n, 2).asShortBuffer().get(0, out.shorts, at, n);
            case COPY32 -> view(data, from, n, 4).asIntBuffer().get(0, out.ints, at, n);
            case COPY64 -> view(data, from, n, 8).asLongBuffer().get(0, out.longs, at, n);
            case FLOAT32 -> view(data, from, n, 4).asFloatBuffer().get(0, out.floats, at, n);
            case FLOAT64 -> view(data, from, n, 8).asDoubleBuffer().get(0, out.doubles, at, n);
            case FLOAT32_NAN_NULL -> {
                view(data, from, n, 4).asFloatBuffer().get(0, out.floats, at, n);
                float[] v = out.floats;
                for (int i = at; i < at + n; i++) if (v[i] != v[i]) out.setNull(i);
            }
            case FLOAT64_NAN_NULL -> {
                view(data, from, n, 8).asDoubleBuffer().get(0, out.doubles, at, n);
                double[] v = out.doubles;
                for (int i = at; i < at + n; i++) if (v[i] != v[i]) out.setNull(i);
            }
            case HALF -> {
                var src = view(data, from, n, 2).asShortBuffer();
                for (int i = 0; i < n; i++) out.floats[at + i] = Float.float16ToFloat(src.get(i));
            }
            case UINT8 -> {
                // no scratch array on the reader: one reader serves every thread scanning the batch
                var src = view(data, from, n, 1);
                for (int i = 0; i < n; i++) out.shorts[at + i] = (short) (src.get(i) & 0xFF);
            }
            case UINT16 -> {
                var src = view(data, from, n, 2).asShortBuffer();
                for (int i = 0; i < n; i++) out.ints[at + i] = src.get(i) & 0xFFFF;
            }
            case UINT32 -> {
                var src = view(data, from, n, 4).asIntBuffer();
                for (int i = 0; i < n; i++) out.longs[at + i] = src.get(i) & 0xFFFF_FFFFL;
            }
            case UINT64 -> {
                view(data, from, n, 8).asLongBuffer().get(0, out.longs, at, n);
                Arrays.fill(out.highs, at, at + n, 0L);
            }
            case DEC128, DEC256 -> {
                readDecimal(data, from, n, out, at, kind == Kind.DEC128 ? 16 : 32);
                if (type.id() == TypeId.UHUGEINT) {
                    for (int i = at; i < at + n; i++) out.highs[i] ^= Long.MIN_VALUE; // stored minus 2^127
                }
            }
            case UUID_TEXT -> readUuidText(vec, from, n, out, at);
            case TIME_TZ_DUCKDB -> {
                view(data, from, n, 8).asLongBuffer().get(0, out.longs, at, n);
                for (int i = at; i < at + n; i++) out.longs[i] = io.tealdb.types.TimeZones.timeTzFromDuckDb(out.longs[i]);
            }
            case BIT_STORED -> readBitStored(vec, from, n, out, at);
            case ENUM_TEXT -> readEnumText(vec, from, n, out, at);
            case ENUM_CODES -> readEnumCodes(data, from, n, out, at);
            case UUID_BINARY -> {
                // 16 bytes, big-endian: the stored form flips the top bit (see UuidText)
                ByteBuffer src = data.nioBuffer((long) from * 16, n * 16).order(ByteOrder.BIG_ENDIAN);
                for (int i = 0; i < n; i++) {
                    out.highs[at + i] = src.getLong(i * 16) ^ Long.MIN_VALUE;
                    out.longs[at + i] = src.getLong(i * 16 + 8);
                }
            }
            case LIST, LARGE_LIST, FIXED_LIST -> readList(vec, from, n, out, at);
            case STRUCT -> {
                StructVector sv = (StructVector) vec;
                for (int f = 0; f < children.length; f++) {
                    children[f].read((FieldVector) sv.getChildByOrdinal(f), from, n, out.children[f], at);
                }
            }
            case DEC256_DOUBLE -> {
                ByteBuffer src = view(data, from, n, 32);
                byte[] be = new byte[32];
                for (int i = 0; i < n; i++) {
                    for (int b = 0; b < 32; b++) be[31 - b] = src.get(i * 32 + b);
                    out.doubles[at + i] = new BigDecimal(new BigInteger(be), sourceScale).doubleValue();
                }
            }
            case UTF8 -> readVarlen(vec, from, n, out, at, false);
            case LARGE_UTF8 -> readVarlen(vec, from, n, out, at, true);
            case VIEW -> readViews((BaseVariableWidthViewVector) vec, from, n, out, at);
            case FIXED_BINARY -> {
                int len = n * fixedWidth;
                int base = out.heapUsed;
                ensureHeap(out, base + len);
                data.getBytes((long) from * fixedWidth, out.heap, base, len);
                for (int i = 0; i < n; i++) {
                    out.offsets[at + i] = base + i * fixedWidth;
                    out.lengths[at + i] = fixedWidth;
                }
                out.heapUsed = base + len;
            }
            case DATE_MILLI -> {
                var src = view(data, from, n, 8).asLongBuffer();
                for (int i = 0; i < n; i++) out.ints[at + i] = (int) Math.floorDiv(src.get(i), 86_400_000L);
            }
            case TIME32 -> {
                var src = view(data, from, n, 4).asIntBuffer();
                for (int i = 0; i < n; i++) out.longs[at + i] = src.get(i) * scale;
            }
            case TIME64, TIMESTAMP -> {
                view(data, from, n, 8).asLongBuffer().get(0, out.longs, at, n);
                scaleToMicros(out.longs, at, n);
            }
            case DURATION -> {
                view(data, from, n, 8).asLongBuffer().get(0, out.longs, at, n);
                scaleToMicros(out.longs, at, n);
                Arrays.fill(out.ints, at, at + n, 0);
                Arrays.fill(out.days, at, at + n, 0);
            }
            case INTERVAL_MDN -> {
                ByteBuffer src = view(data, from, n, 16);
                for (int i = 0; i < n; i++) {
                    out.ints[at + i] = src.getInt(i * 16);
                    out.days[at + i] = src.getInt(i * 16 + 4);
                    out.longs[at + i] = src.getLong(i * 16 + 8) / 1000L;
                }
            }
            case INTERVAL_YM -> {
                view(data, from, n, 4).asIntBuffer().get(0, out.ints, at, n);
                Arrays.fill(out.days, at, at + n, 0);
                Arrays.fill(out.longs, at, at + n, 0L);
            }
            case INTERVAL_DT -> {
                ByteBuffer src = view(data, from, n, 8);
                for (int i = 0; i < n; i++) {
                    out.ints[at + i] = 0;
                    out.days[at + i] = src.getInt(i * 8);
                    out.longs[at + i] = src.getInt(i * 8 + 4) * 1000L;
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /**
     * LIST/MAP (32- or 64-bit offsets) and fixed-size lists: the rows' entries, one contiguous range
     * of the Arrow child, are read in one call of the element reader, appended after the element
     * vector's entries in use.
     */
    private void readList(FieldVector vec, int from, int n, Vector out, int at) {
        Vector child = out.children[0];
        int base = out.childUsed;
        long start;
        long end;
        FieldVector data;
        switch (kind) {
            case FIXED_LIST -> {
                int size = fixedWidth;
                start = (long) from * size;
                end = (long) (from + n) * size;
                for (int i = 0; i < n; i++) {
                    out.offsets[at + i] = base + i * size;
                    out.lengths[at + i] = size;
                }
                data = ((FixedSizeListVector) vec).getDataVector();
            }
            case LARGE_LIST -> {
                var off = view(vec.getOffsetBuffer(), from, n + 1, 8).asLongBuffer();
                start = off.get(0);
                end = off.get(n);
                for (int i = 0; i < n; i++) {
                    out.offsets[at + i] = base + Math.toIntExact(off.get(i) - start);
                    out.lengths[at + i] = Math.toIntExact(off.get(i + 1) - off.get(i));
                }
                data = ((LargeListVector) vec).getDataVector();
            }
            default -> {
                var off = view(vec.getOffsetBuffer(), from, n + 1, 4).asIntBuffer();
                start = off.get(0);
                end = off.get(n);
                for (int i = 0; i < n; i++) {
                    out.offsets[at + i] = base + (int) (off.get(i) - start);
                    out.lengths[at + i] = off.get(i + 1) - off.get(i);
                }
                data = ((ListVector) vec).getDataVector();
            }
        }
        int count = Math.toIntExact(end - start);
        if ((long) base + count > Integer.MAX_VALUE - 64) {
            throw new io.tealdb.error.InvalidInputException("Arrow list column has too many entries in one chunk: " + ((long) base + count));
        }
        child.reserve(base + count);
        if (count > 0) children[0].read(data, Math.toIntExact(start), count, child, base);
        out.childUsed = base + count;
    }

    /** ENUM from its labels (TealDB's own export, marked in the field's metadata), matched on bytes. */
    private void readEnumText(FieldVector vec, int from, int n, Vector out, int at) {
        var off = view(vec.getOffsetBuffer(), from, n + 1, 4).asIntBuffer();
        int base = off.get(0);
        int len = off.get(n) - base;
        byte[] bytes = new byte[len];
        vec.getDataBuffer().getBytes(base, bytes, 0, len);
        io.tealdb.types.EnumDictionary d = type.dictionary();
        for (int i = 0; i < n; i++) {
            if (out.isNull(at + i)) continue;
            int o = off.get(i) - base;
            int code = d.code(bytes, o, off.get(i + 1) - base - o);
            if (code < 0) {
                throw new io.tealdb.error.ConversionException("Arrow column marked " + type + " holds \""
                        + new String(bytes, o, off.get(i + 1) - base - o, java.nio.charset.StandardCharsets.UTF_8) + "\", which is not one of its labels");
            }
            out.ints[at + i] = code;
        }
    }

    /** ENUM from the indices of TealDB's own dictionary-encoded export: each is the label's code. */
    private void readEnumCodes(ArrowBuf data, int from, int n, Vector out, int at) {
        int labels = type.dictionary().size();
        for (int i = 0; i < n; i++) {
            long p = (long) (from + i) * fixedWidth;
            int code = fixedWidth == 1 ? data.getByte(p) & 0xFF : fixedWidth == 2 ? data.getShort(p) & 0xFFFF : data.getInt(p);
            if (out.isNull(at + i)) continue;
            if (code < 0 || code >= labels) {
                throw new io.tealdb.error.ConversionException("Arrow column marked " + type + " holds dictionary index "
                        + Integer.toUnsignedString(code) + ", but the enum has " + labels + " labels");
            }
            out.ints[at + i] = code;
        }
    }

    /** UUID from its text (TealDB's own export, marked in the field's metadata). */
    /** BIT from binary in DuckDB's storage form (TealDB's and DuckDB's Arrow export): the bits as '0'/'1' bytes. */
    private static void readBitStored(FieldVector vec, int from, int n, Vector out, int at) {
        var off = view(vec.getOffsetBuffer(), from, n + 1, 4).asIntBuffer();
        int base = off.get(0);
        int len = off.get(n) - base;
        byte[] bytes = new byte[len];
        vec.getDataBuffer().getBytes(base, bytes, 0, len);
        long total = 0;
        for (int i = 0; i < n; i++) {
            if (out.isNull(at + i)) continue;
            int o = off.get(i) - base;
            int bits = io.tealdb.types.BitString.storedBits(bytes, o, off.get(i + 1) - base - o);
            if (bits < 0) throw new io.tealdb.error.ConversionException("Arrow column marked BIT holds bytes that are not a bit string");
            total += bits;
        }
        if (out.heapUsed + total > Integer.MAX_VALUE - 64) throw new io.tealdb.error.OutOfRangeException("BIT values of an Arrow batch exceed 2 GB");
        int pos = out.heapUsed;
        ensureHeap(out, (int) (pos + total));
        for (int i = 0; i < n; i++) {
            if (out.isNull(at + i)) {
                out.offsets[at + i] = pos;
                out.lengths[at + i] = 0;
                continue;
            }
            int o = off.get(i) - base;
            int end = io.tealdb.types.BitString.readStored(bytes, o, off.get(i + 1) - base - o, out.heap, pos);
            out.offsets[at + i] = pos;
            out.lengths[at + i] = end - pos;
            pos = end;
        }
        out.heapUsed = pos;
    }

    private static void readUuidText(FieldVector vec, int from, int n, Vector out, int at) {
        var off = view(vec.getOffsetBuffer(), from, n + 1, 4).asIntBuffer();
        int base = off.get(0);
        int len = off.get(n) - base;
        byte[] bytes = new byte[len];
        vec.getDataBuffer().getBytes(base, bytes, 0, len);
        long[] words = new long[2];
        for (int i = 0; i < n; i++) {
            if (out.isNull(at + i)) continue;
            int o = off.get(i) - base;
            if (!UuidText.parse(bytes, o, off.get(i + 1) - base - o, words)) {
                throw new io.tealdb.error.ConversionException("Arrow column marked UUID holds \""
                        + new String(bytes, o, off.get(i + 1) - base - o, java.nio.charset.StandardCharsets.UTF_8) + "\", which is not a UUID");
            }
            out.highs[at + i] = words[0];
            out.longs[at + i] = words[1];
        }
    }

    private void scaleToMicros(long[] v, int at, int n) {
        if (scale > 1) {
            for (int i = at; i < at + n; i++) v[i] *= scale;
        } else if (scale < 0) {
            long div = -scale;
            for (int i = at; i < at + n; i++) v[i] = Math.floorDiv(v[i], div);
        }
    }

    /** decimal128/256 (little-endian two's complement) into 64- or 128-bit unscaled values. */
    private void readDecimal(ArrowBuf data, int from, int n, Vector out, int at, int width) {
        var src = view(data, from, n, width).asLongBuffer();
        int words = width / 8;
        if (type.physical() == PhysicalType.INT128) {
            for (int i = 0; i < n; i++) {
                out.longs[at + i] = src.get(i * words);
                out.highs[at + i] = src.get(i * words + 1);
            }
        } else {
            for (int i = 0; i < n; i++) out.longs[at + i] = src.get(i * words);
        }
    }

    private static void ensureHeap(Vector out, int len) {
        if (out.heap.length < len) out.heap = new byte[Math.max(len, out.heap.length * 2)];
    }

    /** utf8/binary (32-bit offsets) or their large forms (64-bit offsets): one bulk copy of the bytes. */
    private static void readVarlen(FieldVector vec, int from, int n, Vector out, int at, boolean large) {
        ArrowBuf offsetBuf = vec.getOffsetBuffer();
        int heapBase = out.heapUsed;
        long base;
        long end;
        if (large) {
            var off = view(offsetBuf, from, n + 1, 8).asLongBuffer();
            base = off.get(0);
            end = off.get(n);
            for (int i = 0; i < n; i++) {
                out.offsets[at + i] = heapBase + (int) (off.get(i) - base);
                out.lengths[at + i] = (int) (off.get(i + 1) - off.get(i));
            }
        } else {
            var off = view(offsetBuf, from, n + 1, 4).asIntBuffer();
            base = off.get(0);
            end = off.get(n);
            int prev = off.get(0);
            for (int i = 0; i < n; i++) {
                int next = off.get(i + 1);
                out.offsets[at + i] = heapBase + (int) (prev - base);
                out.lengths[at + i] = next - prev;
                prev = next;
            }
        }
        int len = Math.toIntExact(end - base);
        ensureHeap(out, heapBase + len);
        vec.getDataBuffer().getBytes(base, out.heap, heapBase, len);
        out.heapUsed = heapBase + len;
    }

    /** Arrow string/binary views: 16 bytes each, inline when ≤ 12 bytes, else (prefix, buffer, offset). */
    private static void readViews(BaseVariableWidthViewVector vec, int from, int n, Vector out, int at) {
        ByteBuffer views = view(vec.getDataBuffer(), from, n, 16);
        List<ArrowBuf> buffers = vec.getDataBuffers();
        int pos = out.heapUsed;
        for (int i = 0; i < n; i++) {
            int p = i * 16;
            int len = out.isValid(at + i) ? views.getInt(p) : 0;
            ensureHeap(out, pos + len);
            if (len <= 12) {
                for (int b = 0; b < len; b++) out.heap[pos + b] = views.get(p + 4 + b);
            } else {
                ArrowBuf buf = buffers.get(views.getInt(p + 8));
                buf.getBytes(views.getInt(p + 12) & 0xFFFF_FFFFL, out.heap, pos, len);
            }
            out.offsets[at + i] = pos;
            out.lengths[at + i] = len;
            pos += len;
        }
        out.heapUsed = pos;
    }

    private void readDictionary(FieldVector indices, int from, int n, Vector out, int at) {
        if (decoded == null) {
            FieldVector dv = dictionary.getVector();
            int size = dv.getValueCount();
            Vector all = new Vector(type, Math.max(size, 1));
            values.read(dv, 0, size, all);
            decoded = all;
        }
        int[] idx = new int[n];
        ArrowType.Int it = (ArrowType.Int) indices.getField().getType();
        ArrowBuf data = indices.getDataBuffer();
        switch (it.getBitWidth()) {
            case 8 -> {
                for (int i = 0; i < n; i++) idx[i] = it.getIsSigned() ? data.getByte(from + i) : data.getByte(from + i) & 0xFF;
            }
            case 16 -> {
                var s = view(data, from, n, 2).asShortBuffer();
                for (int i = 0; i < n; i++) idx[i] = it.getIsSigned() ? s.get(i) : s.get(i) & 0xFFFF;
            }
            case 32 -> view(data, from, n, 4).asIntBuffer().get(0, idx, 0, n);
            default -> {
                var s = view(data, from, n, 8).asLongBuffer();
                for (int i = 0; i < n; i++) idx[i] = Math.toIntExact(s.get(i));
            }
        }
        for (int i = 0; i < n; i++) {
            if (out.isNull(at + i)) {
                idx[i] = 0;
            } else if (idx[i] < 0 || idx[i] >= decoded.capacity) {
                throw new io.tealdb.error.InvalidInputException("Arrow dictionary index " + idx[i]
                        + " out of range (dictionary of " + dictionary.getVector().getValueCount() + " values)");
            }
        }
        Vector d = decoded;
        switch (d.physical) {
            case VARLEN -> {
                int total = 0;
                for (int i = 0; i < n; i++) if (out.isValid(at + i)) total += d.lengths[idx[i]];
                int pos = out.heapUsed;
                ensureHeap(out, pos + total);
                for (int i = 0; i < n; i++) {
                    int len = out.isValid(at + i) ? d.lengths[idx[i]] : 0;
                    System.arraycopy(d.heap, d.offsets[idx[i]], out.heap, pos, len);
                    out.offsets[at + i] = pos;
                    out.lengths[at + i] = len;
                    pos += len;
                }
                out.heapUsed = pos;
            }
            case BOOL, INT8 -> { for (int i = 0; i < n; i++) out.bytes[at + i] = d.bytes[idx[i]]; }
            case INT16 -> { for (int i = 0; i < n; i++) out.shorts[at + i] = d.shorts[idx[i]]; }
            case INT32 -> { for (int i = 0; i < n; i++) out.ints[at + i] = d.ints[idx[i]]; }
            case INT64 -> { for (int i = 0; i < n; i++) out.longs[at + i] = d.longs[idx[i]]; }
            case INT128 -> {
                for (int i = 0; i < n; i++) {
                    out.longs[at + i] = d.longs[idx[i]];
                    out.highs[at + i] = d.highs[idx[i]];
                }
            }
            case FLOAT -> { for (int i = 0; i < n; i++) out.floats[at + i] = d.floats[idx[i]]; }
            case DOUBLE -> { for (int i = 0; i < n; i++) out.doubles[at + i] = d.doubles[idx[i]]; }
            case INTERVAL -> {
                for (int i = 0; i < n; i++) {
                    out.ints[at + i] = d.ints[idx[i]];
                    out.days[at + i] = d.days[idx[i]];
                    out.longs[at + i] = d.longs[idx[i]];
                }
            }
        }
        // a NULL among the dictionary's values makes the row NULL too
        if (d.validity != null) {
            for (int i = 0; i < n; i++) if (out.isValid(at + i) && d.isNull(idx[i])) out.setNull(at + i);
        }
    }

    private static ByteBuffer view(ArrowBuf buf, int from, int n, int width) {
        return buf.nioBuffer((long) from * width, n * width).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** True when the first {@code n} bits of {@code bits} are all set. */
    private static boolean allSet(long[] bits, int n) {
        int full = n >>> 6;
        for (int w = 0; w < full; w++) {
            if (bits[w] != -1L) return false;
        }
        int rest = n & 63;
        return rest == 0 || (bits[full] | (-1L << rest)) == -1L;
    }

    /** Bits {@code [from, from + n)} of an Arrow bitmap, as LSB-first words starting at bit 0. */
    private static long[] bits(ArrowBuf buf, int from, int n) {
        long[] out = new long[(n + 63) >>> 6];
        if ((from & 7) == 0) {
            int bytes = (n + 7) >>> 3;
            int words = bytes >>> 3;
            long start = from >>> 3;
            if (words > 0) buf.nioBuffer(start, words * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(0, out, 0, words);
            for (int b = words * 8; b < bytes; b++) out[b >>> 3] |= (buf.getByte(start + b) & 0xFFL) << ((b & 7) * 8);
        } else {
            for (int i = 0; i < n; i++) {
                int bit = from + i;
                if ((buf.getByte(bit >>> 3) & (1 << (bit & 7))) != 0) out[i >>> 6] |= 1L << i;
            }
        }
        return out;
    }

    /**
     * Copies the validity of rows {@code [from, from + n)}. Only that range of the bitmap is read:
     * Arrow's getNullCount counts the whole vector on every call, which made reading a large array
     * chunk by chunk quadratic. No bitmap (Arrow's way of saying "no NULLs") or all bits set leaves
     * the output without a mask.
     */
    /**
     * A sparse or dense Arrow union into a UNION vector: the tag is the member of each row's type id,
     * the active member's value is read (row-aligned for a sparse union, at the row's offset for a
     * dense one) and the others are NULL. Arrow unions have no validity of their own: as DuckDB reads
     * them, a row whose active member is NULL is a NULL union.
     */
    private void readUnion(FieldVector vec, int from, int n, Vector out, int at) {
        ArrowBuf typeIds = typeBuffer(vec);
        List<FieldVector> kids = vec.getChildrenFromFields();
        short[] tags = out.children[0].shorts;
        for (int i = 0; i < n; i++) {
            int member = memberOfTypeId[typeIds.getByte(from + i) & 0x7F];
            if (member < 0) throw new io.tealdb.error.InvalidInputException("Arrow union column has a type id no member declares");
            tags[at + i] = (short) member;
        }
        for (int m = 0; m < children.length; m++) {
            Vector member = out.children[m + 1];
            if (kind == Kind.SPARSE_UNION) {
                children[m].read(kids.get(m), from, n, member, at);
            } else {
                // dense: each row's value sits at its offset in the member's child; the span of
                // offsets these rows use is read once, then gathered
                DenseUnionVector dense = (DenseUnionVector) vec;
                int lo = Integer.MAX_VALUE;
                int hi = -1;
                for (int i = 0; i < n; i++) {
                    if (tags[at + i] != m) continue;
                    int o = dense.getOffset(from + i);
                    lo = Math.min(lo, o);
                    hi = Math.max(hi, o);
                }
                if (hi >= 0) {
                    Vector span = new Vector(member.type, hi - lo + 1);
                    children[m].read(kids.get(m), lo, hi - lo + 1, span, 0);
                    for (int i = 0; i < n; i++) {
                        if (tags[at + i] == m) member.copyRow(span, dense.getOffset(from + i) - lo, at + i);
                    }
                }
            }
            for (int i = 0; i < n; i++) if (tags[at + i] != m) member.setNull(at + i);
        }
        for (int i = 0; i < n; i++) {
            Vector active = out.children[tags[at + i] + 1];
            if (active.isNull(at + i)) out.setNull(at + i);
            else out.setValid(at + i);
        }
    }

    private static ArrowBuf typeBuffer(FieldVector vec) {
        return vec instanceof DenseUnionVector d ? d.getTypeBuffer() : ((org.apache.arrow.vector.complex.UnionVector) vec).getTypeBuffer();
    }

    private static void readValidity(FieldVector vec, int from, int n, Vector out, int at) {
        ArrowBuf buffer = vec.getValidityBuffer();
        long[] bits = buffer == null || buffer.capacity() == 0 ? null : bits(buffer, from, n);
        if (bits == null || allSet(bits, n)) {
            if (at == 0) {
                out.validity = null;
            } else if (out.validity != null) {
                for (int i = 0; i < n; i++) out.setValid(at + i);
            }
            return;
        }
        long[] v = out.ensureValidity();
        if (at == 0) {
            System.arraycopy(bits, 0, v, 0, bits.length);
        } else {
            for (int i = 0; i < n; i++) out.setNull(at + i, (bits[i >>> 6] & (1L << i)) == 0);
        }
    }
}
