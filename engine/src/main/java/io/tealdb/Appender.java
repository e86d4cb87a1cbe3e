package io.tealdb;

import io.tealdb.error.ConversionException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.OutOfRangeException;
import io.tealdb.session.TableAppender;
import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.util.Arrays;
import java.util.List;

/**
 * Bulk loading into a table (DuckDB's appender): values are written column-wise straight into the
 * primitive arrays of a {@link DataChunk} (no boxing for the primitive {@code append}s), and every
 * {@value DataChunk#CAPACITY} rows the chunk is handed to the engine's {@link TableAppender}. Outside
 * BEGIN ... COMMIT the appended rows commit (become visible, and durable in a database file) on
 * {@link #flush()}, on {@link #close()} and every 100 chunks, as with DuckDB's appender.
 *
 * <pre>{@code
 * try (Appender a = con.appender("t")) {
 *     for (...) { a.append(id).append(price).append(name).endRow(); }
 * }
 * }</pre>
 *
 * A value of the wrong type for its column, too many values in a row, or {@link #endRow()} before
 * every column has a value fail with a clear error; the row being built stays as it was, so the
 * caller may retry the value. Not thread-safe. {@link #close()} flushes.
 */
public final class Appender implements AutoCloseable {
    private final TableAppender target;
    private final String tableName;
    private final List<LogicalType> types;
    private final int columnCount;
    private DataChunk chunk;
    private Vector[] vectors;
    private int row;
    private int column;
    private boolean closed;

    Appender(TableAppender target, String tableName) {
        this.target = target;
        this.tableName = tableName;
        this.types = List.copyOf(target.types());
        this.columnCount = types.size();
        newChunk();
    }

    /** A fresh chunk per flush: the engine may keep the vectors it was given. */
    private void newChunk() {
        chunk = new DataChunk(types);
        vectors = chunk.columns();
        row = 0;
    }

    public List<LogicalType> types() {
        return types;
    }

    // ---------------------------------------------------------------- helpers

    private Vector next() {
        if (closed) {
            throw new InvalidInputException("appender for table " + tableName + " is closed");
        }
        if (column >= columnCount) {
            throw new InvalidInputException("too many values in row: table " + tableName + " has " + columnCount
                    + " columns (call endRow() after the last one)");
        }
        return vectors[column];
    }

    private ConversionException wrongType(String what, Vector v) {
        return new ConversionException("cannot append " + what + " to column " + (column + 1) + " of table "
                + tableName + ", which has type " + v.type);
    }

    private OutOfRangeException outOfRange(Object value, Vector v) {
        return new OutOfRangeException("value " + value + " is out of range for column " + (column + 1) + " of table "
                + tableName + " (type " + v.type + ")");
    }

    private Appender done() {
        column++;
        return this;
    }

    // ---------------------------------------------------------------- typed appends (hot path)

    public Appender append(long value) {
        Vector v = next();
        switch (v.type.id()) {
            case BIGINT -> v.longs[row] = value;
            case INTEGER -> {
                if (value != (int) value) throw outOfRange(value, v);
                v.ints[row] = (int) value;
            }
            case SMALLINT -> {
                if (value != (short) value) throw outOfRange(value, v);
                v.shorts[row] = (short) value;
            }
            case TINYINT -> {
                if (value != (byte) value) throw outOfRange(value, v);
                v.bytes[row] = (byte) value;
            }
            case HUGEINT -> {
                v.longs[row] = value;
                v.highs[row] = value >> 63;
            }
            case UTINYINT, USMALLINT, UINTEGER -> {
                long max = v.type.id() == TypeId.UTINYINT ? 0xFFL : v.type.id() == TypeId.USMALLINT ? 0xFFFFL : 0xFFFF_FFFFL;
                if (value < 0 || value > max) throw outOfRange(value, v);
                switch (v.physical) { // the next wider signed layout (LogicalType#physical)
                    case INT16 -> v.shorts[row] = (short) value;
                    case INT32 -> v.ints[row] = (int) value;
                    default -> v.longs[row] = value;
                }
            }
            case UBIGINT -> {
                if (value < 0) throw outOfRange(value, v);
                v.longs[row] = value;
                v.highs[row] = 0;
            }
            case UHUGEINT -> {
                if (value < 0) throw outOfRange(value, v);
                v.longs[row] = value;
                v.highs[row] = Long.MIN_VALUE; // stored biased by 2^127
            }
            case DOUBLE -> v.doubles[row] = value;
            case FLOAT -> v.floats[row] = value;
            case DECIMAL -> putDecimal(v, BigDecimal.valueOf(value));
            default -> throw wrongType("integer " + value, v);
        }
        return done();
    }

    public Appender append(int value) {
        Vector v = next();
        if (v.type.id() == TypeId.INTEGER) {
            v.ints[row] = value;
            return done();
        }
        return append((long) value);
    }

    public Appender append(short value) {
        return append((long) value);
    }

    public Appender append(byte value) {
        return append((long) value);
    }

    public Appender append(double value) {
        Vector v = next();
        switch (v.type.id()) {
            case DOUBLE -> v.doubles[row] = value;
            case FLOAT -> v.floats[row] = (float) value;
            case DECIMAL -> {
                if (!Double.isFinite(value)) throw outOfRange(value, v);
                putDecimal(v, new BigDecimal(value));
            }
            default -> throw wrongType("double " + value, v);
        }
        return done();
    }

    public Appender append(float value) {
        Vector v = next();
        if (v.type.id() == TypeId.FLOAT) {
            v.floats[row] = value;
            return done();
        }
        return append((double) value);
    }

    public Appender append(boolean value) {
        Vector v = next();
        if (v.type.id() != TypeId.BOOLEAN) {
            throw wrongType("boolean " + value, v);
        }
        v.bytes[row] = (byte) (value ? 1 : 0);
        return done();
    }

    /** VARCHAR: the UTF-8 bytes are encoded straight into the vector's heap; other types parse the text. */
    public Appender append(String value) {
        if (value == null) {
            return appendNull();
        }
        Vector v = next();
        if (v.type.id() == TypeId.VARCHAR) {
            putUtf8(v, row, value);
            return done();
        }
        return appendParsed(v, value);
    }

    public Appender append(byte[] value) {
        if (value == null) {
            return appendNull();
        }
        Vector v = next();
        if (v.type.id() != TypeId.BLOB) {
            throw wrongType("byte[]", v);
        }
        v.setBytes(row, value);
        return done();
    }

    public Appender append(BigDecimal value) {
        if (value == null) {
            return appendNull();
        }
        Vector v = next();
        switch (v.type.id()) {
            case DECIMAL -> putDecimal(v, value);
            case DOUBLE -> v.doubles[row] = value.doubleValue();
            case FLOAT -> v.floats[row] = value.floatValue();
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, UTINYINT, USMALLINT, UINTEGER, UBIGINT, UHUGEINT -> {
                BigInteger exact;
                try {
                    exact = value.toBigIntegerExact();
                } catch (ArithmeticException e) {
                    throw wrongType("non-integral decimal " + value.toPlainString(), v);
                }
                return append(exact);
            }
            default -> throw wrongType("BigDecimal " + value.toPlainString(), v);
        }
        return done();
    }

    public Appender append(BigInteger value) {
        if (value == null) {
            return appendNull();
        }
        Vector v = next();
        if (v.type.id() == TypeId.HUGEINT) {
            if (value.bitLength() > 127) throw outOfRange(value, v);
            v.longs[row] = value.longValue();
            v.highs[row] = value.shiftRight(64).longValue();
            return done();
        }
        if (v.type.id() == TypeId.DECIMAL) {
            putDecimal(v, new BigDecimal(value));
            return done();
        }
        if (v.type.id() == TypeId.UBIGINT || v.type.id() == TypeId.UHUGEINT) {
            if (value.signum() < 0 || value.bitLength() > (v.type.id() == TypeId.UBIGINT ? 64 : 128)) throw outOfRange(value, v);
            v.setObject(row, value);
            return done();
        }
        if (value.bitLength() > 63) {
            if (v.type.isInteger()) throw outOfRange(value, v);
            throw wrongType("BigInteger " + value, v);
        }
        return append(value.longValue());
    }

    public Appender append(LocalDate value) {
        if (value == null) {
            return appendNull();
        }
        Vector v = next();
        long days = value.toEpochDay();
        switch (v.type.id()) {
            case DATE -> {
                if (days != (int) days) throw outOfRange(value, v);
                v.ints[row] = (int) days;
            }
            case TIMESTAMP -> v.longs[row] = JavaValues.micros(value.atStartOfDay());
            default -> throw wrongType("date " + value, v);
        }
        return done();
    }

    public Appender append(LocalTime value) {
        if (value == null) {
            return appendNull();
        }
        Vector v = next();
        if (v.type.id() != TypeId.TIME) {
            throw wrongType("time " + value, v);
        }
        v.longs[row] = JavaValues.micros(value);
        return done();
    }

    public Appender append(LocalDateTime value) {
        if (value == null) {
            return appendNull();
        }
        Vector v = next();
        if (v.type.id() != TypeId.TIMESTAMP) {
            throw wrongType("timestamp " + value, v);
        }
        v.longs[row] = JavaValues.micros(value);
        return done();
    }

    public Appender append(Interval value) {
        if (value == null) {
            return appendNull();
        }
        Vector v = next();
        if (v.type.id() != TypeId.INTERVAL) {
            throw wrongType("interval " + value, v);
        }
        v.ints[row] = value.months();
        v.days[row] = value.days();
        v.longs[row] = value.micros();
        return done();
    }

    public Appender append(Duration value) {
        return value == null ? appendNull() : append((Interval) JavaValues.toValue(value, 0).object());
    }

    public Appender append(Period value) {
        return value == null ? appendNull() : append((Interval) JavaValues.toValue(value, 0).object());
    }

    public Appender append(java.util.UUID value) {
        if (value == null) {
            return appendNull();
        }
        Vector v = next();
        if (v.type.id() != TypeId.UUID) {
            throw wrongType("UUID " + value, v);
        }
        v.setObject(row, value);
        return done();
    }

    /** Any value {@link JavaValues} knows (null = NULL), dispatched to the typed appends. */
    public Appender append(Object value) {
        return switch (value) {
            case null -> appendNull();
            case Long l -> append((long) l);
            case Integer i -> append((int) i);
            case Short s -> append((short) s);
            case Byte b -> append((byte) b);
            case Double d -> append((double) d);
            case Float f -> append((float) f);
            case Boolean b -> append((boolean) b);
            case String s -> append(s);
            case Character c -> append(c.toString());
            case byte[] b -> append(b);
            case BigDecimal d -> append(d);
            case BigInteger i -> append(i);
            case LocalDate d -> append(d);
            case LocalTime t -> append(t);
            case LocalDateTime t -> append(t);
            case Interval i -> append(i);
            case Duration d -> append(d);
            case Period p -> append(p);
            case java.util.UUID u -> append(u);
            case java.sql.Date d -> append(d.toLocalDate());
            case java.sql.Time t -> append(t.toLocalTime());
            case java.sql.Timestamp t -> append(t.toLocalDateTime());
            default -> {
                Vector v = next();
                throw wrongType("value of Java class " + value.getClass().getName(), v);
            }
        };
    }

    public Appender appendNull() {
        Vector v = next();
        v.setNull(row);
        if (v.physical == io.tealdb.types.PhysicalType.VARLEN) {
            v.offsets[row] = 0;
            v.lengths[row] = 0;
        }
        return done();
    }

    /** Appends a whole row of values and ends it. */
    public Appender appendRow(Object... values) {
        if (values.length != columnCount) {
            throw new InvalidInputException("row has " + values.length + " values but table " + tableName + " has "
                    + columnCount + " columns");
        }
        for (Object o : values) {
            append(o);
        }
        return endRow();
    }

    /** Ends the current row; every column must have a value. Flushes every {@value DataChunk#CAPACITY} rows. */
    public Appender endRow() {
        if (column != columnCount) {
            throw new InvalidInputException("endRow() after " + column + " values, but table " + tableName + " has "
                    + columnCount + " columns");
        }
        column = 0;
        if (++row == DataChunk.CAPACITY) {
            flushChunk();
        }
        return this;
    }

    /** Hands the buffered complete rows to the table. A partly built row is an error. */
    public void flush() {
        if (column != 0) {
            throw new InvalidInputException("flush() in the middle of a row: " + column + " of " + columnCount
                    + " values appended (finish it with endRow())");
        }
        flushChunk();
        target.flush();
    }

    private void flushChunk() {
        if (row == 0) {
            return;
        }
        chunk.setSize(row);
        DataChunk full = chunk;
        newChunk();
        target.append(full);
    }

    /** Rows appended but not yet flushed. */
    public int bufferedRows() {
        return row;
    }

    /** Flushes and releases the engine appender. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            flush();
        } finally {
            closed = true;
            target.close();
        }
    }

    // ---------------------------------------------------------------- value writing

    private void putDecimal(Vector v, BigDecimal value) {
        LogicalType t = v.type;
        BigDecimal scaled = value.setScale(t.scale(), RoundingMode.HALF_UP);
        BigInteger unscaled = scaled.unscaledValue();
        if (unscaled.abs().compareTo(BigInteger.TEN.pow(t.precision())) >= 0) {
            throw outOfRange(value.toPlainString(), v);
        }
        if (t.precision() <= LogicalType.MAX_INT64_DECIMAL_PRECISION) {
            v.longs[row] = unscaled.longValueExact();
        } else {
            v.longs[row] = unscaled.longValue();
            v.highs[row] = unscaled.shiftRight(64).longValue();
        }
    }

    private Appender appendParsed(Vector v, String text) {
        String s = text.trim();
        try {
            return switch (v.type.id()) {
                case BOOLEAN -> switch (s.toLowerCase(java.util.Locale.ROOT)) {
                    case "true", "t", "1", "yes", "y" -> append(true);
                    case "false", "f", "0", "no", "n" -> append(false);
                    default -> throw new NumberFormatException();
                };
                case TINYINT, SMALLINT, INTEGER, BIGINT -> append(Long.parseLong(s));
                case HUGEINT -> append(new BigInteger(s));
                case FLOAT, DOUBLE -> append(Double.parseDouble(s));
                case DECIMAL -> append(new BigDecimal(s));
                case DATE -> append(LocalDate.parse(s));
                case TIME -> append(LocalTime.parse(s));
                case TIMESTAMP -> append(LocalDateTime.parse(s.replace(' ', 'T')));
                default -> throw wrongType("string '" + text + "'", v);
            };
        } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
            throw new ConversionException("Could not convert string '" + text + "' to " + v.type + " for column "
                    + (column + 1) + " of table " + tableName);
        }
    }

    /** Encodes {@code s} as UTF-8 directly into the vector heap (no intermediate byte[]). */
    static void putUtf8(Vector v, int row, String s) {
        int len = s.length();
        int start = v.heapUsed;
        if (start + len * 3 > v.heap.length) {
            v.heap = Arrays.copyOf(v.heap, Math.max(start + len * 3, v.heap.length * 2));
        }
        byte[] heap = v.heap;
        int pos = start;
        int i = 0;
        // ASCII fast path
        while (i < len) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            heap[pos++] = (byte) c;
            i++;
        }
        for (; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                heap[pos++] = (byte) c;
            } else if (c < 0x800) {
                heap[pos++] = (byte) (0xC0 | (c >> 6));
                heap[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                heap[pos++] = (byte) (0xF0 | (cp >> 18));
                heap[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                heap[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                heap[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                heap[pos++] = '?'; // unpaired surrogate, as String.getBytes(UTF_8) does
            } else {
                heap[pos++] = (byte) (0xE0 | (c >> 12));
                heap[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                heap[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        v.offsets[row] = start;
        v.lengths[row] = pos - start;
        v.heapUsed = pos;
    }
}
