package io.tealdb.jdbc;

import io.tealdb.JavaValues;
import io.tealdb.ValueFormatter;
import io.tealdb.session.QueryResult;
import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A forward-only, read-only result set that streams the engine's chunks. getObject returns what
 * DuckDB's JDBC returns (Timestamp for TIMESTAMP, LocalDate/LocalTime for DATE/TIME, String for
 * INTERVAL, Blob for BLOB); getString formats as DuckDB's JDBC ({@link ValueFormatter#jdbcString}).
 */
public final class TealResultSet implements ResultSet {
    private final TealStatement statement;
    private final QueryResult result;
    private final List<String> names;
    private final List<LogicalType> types;
    private final long maxRows;
    private DataChunk chunk;
    private DataChunk lookahead;
    private int row = -1;
    private long rowNumber;
    private boolean afterLast;
    private boolean closed;
    private boolean wasNull;

    /** The session's TimeZone when the result was produced: TIMESTAMPTZ values become OffsetDateTime there. */
    private final java.time.ZoneId zone;

    TealResultSet(TealStatement statement, QueryResult result, long maxRows) {
        this.statement = statement;
        java.time.ZoneId z;
        try {
            z = statement == null ? io.tealdb.types.TimeZones.systemDefault() : statement.connection.context().timeZone();
        } catch (SQLException | RuntimeException e) {
            z = io.tealdb.types.TimeZones.systemDefault();
        }
        this.zone = z;
        this.result = result;
        this.names = result.columnNames();
        this.types = result.columnTypes();
        this.maxRows = maxRows;
    }

    /** A result set over a materialized result (metadata queries); statement may be null. */
    static TealResultSet of(TealStatement statement, QueryResult result) {
        return new TealResultSet(statement, result, 0);
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("ResultSet is closed", "HY010");
        }
    }

    private DataChunk pull() throws SQLException {
        try {
            DataChunk c;
            do {
                c = result.nextChunk();
            } while (c != null && c.size() == 0);
            return c;
        } catch (RuntimeException e) {
            throw statement != null ? statement.translate(e) : JdbcErrors.toSql(e);
        }
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (afterLast) {
            return false;
        }
        if (maxRows > 0 && rowNumber >= maxRows) {
            finish();
            return false;
        }
        row++;
        if (chunk == null || row >= chunk.size()) {
            chunk = lookahead != null ? lookahead : pull();
            lookahead = null;
            row = 0;
            if (chunk == null) {
                finish();
                return false;
            }
        }
        rowNumber++;
        return true;
    }

    private void finish() throws SQLException {
        afterLast = true;
        chunk = null;
        if (statement != null) {
            statement.stopTimer();
        }
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        chunk = null;
        lookahead = null;
        try {
            result.close();
        } catch (RuntimeException e) {
            throw JdbcErrors.toSql(e);
        } finally {
            if (statement != null) {
                statement.resultSetClosed(this);
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    private Vector vector(int column) throws SQLException {
        checkOpen();
        if (column < 1 || column > names.size()) {
            throw new SQLException("column index " + column + " out of range 1.." + names.size(), "07009");
        }
        if (chunk == null) {
            throw new SQLException("no current row: call next() first" + (afterLast ? " (the result set is exhausted)" : ""), "24000");
        }
        Vector v = chunk.column(column - 1);
        wasNull = v.isNull(row);
        return v;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    private SQLException cannotConvert(Vector v, String target) {
        return new SQLException("Conversion Error: cannot convert a value of type " + v.type + " to " + target, "22018");
    }

    // ---------------------------------------------------------------- getters

    @Override
    public String getString(int column) throws SQLException {
        Vector v = vector(column);
        if (!wasNull && v.type.id() == TypeId.TIMESTAMP_TZ) {
            // as DuckDB's driver: the OffsetDateTime's text
            return JavaValues.toJava(v, row, zone).toString();
        }
        return wasNull ? null : ValueFormatter.jdbcString(v, row);
    }

    @Override
    public Object getObject(int column) throws SQLException {
        Vector v = vector(column);
        if (wasNull) {
            return null;
        }
        return switch (v.type.id()) {
            case TIMESTAMP -> Timestamp.valueOf(JavaValues.timestampFromMicros(v.longs[row]));
            case INTERVAL -> ValueFormatter.sqlString(v, row);
            case BLOB -> blob(v.getBytes(row));
            case TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> Timestamp.valueOf((java.time.LocalDateTime) JavaValues.toJava(v, row, zone));
            default -> JavaValues.toJava(v, row, zone);
        };
    }

    private static Blob blob(byte[] bytes) throws SQLException {
        return new javax.sql.rowset.serial.SerialBlob(bytes);
    }

    @Override
    public boolean getBoolean(int column) throws SQLException {
        Vector v = vector(column);
        if (wasNull) {
            return false;
        }
        return switch (v.type.id()) {
            case BOOLEAN -> v.bytes[row] != 0;
            case VARCHAR -> switch (v.getString(row).trim().toLowerCase(Locale.ROOT)) {
                case "true", "t", "1", "yes", "y" -> true;
                case "false", "f", "0", "no", "n" -> false;
                default -> throw new SQLException("Conversion Error: cannot convert '" + v.getString(row) + "' to BOOLEAN", "22018");
            };
            default -> {
                if (!v.type.isNumeric()) {
                    throw cannotConvert(v, "boolean");
                }
                yield numeric(v).signum() != 0;
            }
        };
    }

    /** Exact value of a numeric, boolean or numeric-text cell. */
    private BigDecimal numeric(Vector v) throws SQLException {
        return switch (v.type.id()) {
            case BOOLEAN -> v.bytes[row] != 0 ? BigDecimal.ONE : BigDecimal.ZERO;
            case TINYINT -> BigDecimal.valueOf(v.bytes[row]);
            case SMALLINT -> BigDecimal.valueOf(v.shorts[row]);
            case INTEGER -> BigDecimal.valueOf(v.ints[row]);
            case BIGINT -> BigDecimal.valueOf(v.longs[row]);
            case HUGEINT, UBIGINT, UHUGEINT -> new BigDecimal((BigInteger) v.getObject(row));
            case UTINYINT -> BigDecimal.valueOf(v.shorts[row]);
            case USMALLINT -> BigDecimal.valueOf(v.ints[row]);
            case UINTEGER -> BigDecimal.valueOf(v.longs[row]);
            case DECIMAL -> (BigDecimal) v.getObject(row);
            case FLOAT, DOUBLE -> {
                double d = v.type.id() == TypeId.FLOAT ? v.floats[row] : v.doubles[row];
                if (!Double.isFinite(d)) {
                    throw new SQLException("Conversion Error: " + d + " has no exact numeric value", "22003");
                }
                yield new BigDecimal(d);
            }
            case VARCHAR -> {
                try {
                    yield new BigDecimal(v.getString(row).trim());
                } catch (NumberFormatException e) {
                    throw new SQLException("Conversion Error: cannot convert '" + v.getString(row) + "' to a number", "22018");
                }
            }
            default -> throw cannotConvert(v, "a number");
        };
    }

    private long integral(Vector v, long min, long max, String target) throws SQLException {
        long value = switch (v.type.id()) {
            case TINYINT -> v.bytes[row];
            case SMALLINT -> v.shorts[row];
            case INTEGER -> v.ints[row];
            case BIGINT, UINTEGER -> v.longs[row];
            case UTINYINT -> v.shorts[row];
            case USMALLINT -> v.ints[row];
            case FLOAT -> checkedTruncate(v.floats[row], target);
            case DOUBLE -> checkedTruncate(v.doubles[row], target);
            default -> {
                BigDecimal d = numeric(v).setScale(0, RoundingMode.DOWN);
                if (d.toBigInteger().bitLength() > 63) {
                    throw outOfRange(d, target);
                }
                yield d.longValue();
            }
        };
        if (value < min || value > max) {
            throw outOfRange(value, target);
        }
        return value;
    }

    private static long checkedTruncate(double d, String target) throws SQLException {
        if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
            throw outOfRange(d, target);
        }
        return (long) d;
    }

    private static SQLException outOfRange(Object value, String target) {
        return new SQLException("Conversion Error: value " + value + " is out of range for " + target, "22003");
    }

    @Override
    public byte getByte(int column) throws SQLException {
        Vector v = vector(column);
        return wasNull ? 0 : (byte) integral(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    }

    @Override
    public short getShort(int column) throws SQLException {
        Vector v = vector(column);
        return wasNull ? 0 : (short) integral(v, Short.MIN_VALUE, Short.MAX_VALUE, "short");
    }

    @Override
    public int getInt(int column) throws SQLException {
        Vector v = vector(column);
        if (wasNull) {
            return 0;
        }
        if (v.type.id() == TypeId.INTEGER) {
            return v.ints[row];
        }
        return (int) integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    @Override
    public long getLong(int column) throws SQLException {
        Vector v = vector(column);
        if (wasNull) {
            return 0;
        }
        if (v.type.id() == TypeId.BIGINT) {
            return v.longs[row];
        }
        return integral(v, Long.MIN_VALUE, Long.MAX_VALUE, "long");
    }

    @Override
    public float getFloat(int column) throws SQLException {
        Vector v = vector(column);
        if (wasNull) {
            return 0;
        }
        return switch (v.type.id()) {
            case FLOAT -> v.floats[row];
            case DOUBLE -> (float) v.doubles[row];
            case VARCHAR -> (float) parseDouble(v);
            default -> numeric(v).floatValue();
        };
    }

    @Override
    public double getDouble(int column) throws SQLException {
        Vector v = vector(column);
        if (wasNull) {
            return 0;
        }
        return switch (v.type.id()) {
            case DOUBLE -> v.doubles[row];
            case FLOAT -> v.floats[row];
            case VARCHAR -> parseDouble(v);
            default -> numeric(v).doubleValue();
        };
    }

    private double parseDouble(Vector v) throws SQLException {
        String s = v.getString(row).trim();
        try {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "nan" -> Double.NaN;
                case "inf", "infinity" -> Double.POSITIVE_INFINITY;
                case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(s);
            };
        } catch (NumberFormatException e) {
            throw new SQLException("Conversion Error: cannot convert '" + s + "' to DOUBLE", "22018");
        }
    }

    @Override
    public BigDecimal getBigDecimal(int column) throws SQLException {
        Vector v = vector(column);
        if (wasNull) {
            return null;
        }
        if (v.type.id() == TypeId.FLOAT || v.type.id() == TypeId.DOUBLE) {
            double d = v.type.id() == TypeId.FLOAT ? v.floats[row] : v.doubles[row];
            if (!Double.isFinite(d)) {
                throw outOfRange(d, "BigDecimal");
            }
            return BigDecimal.valueOf(d);
        }
        return numeric(v);
    }

    @Override
    @SuppressWarnings("deprecation")
    public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(column);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes(int column) throws SQLException {
        Vector v = vector(column);
        if (wasNull) {
            return null;
        }
        return switch (v.type.id()) {
            case BLOB, VARCHAR -> v.getBytes(row);
            default -> throw cannotConvert(v, "byte[]");
        };
    }

    private LocalDate localDate(Vector v) throws SQLException {
        return switch (v.type.id()) {
            case DATE -> LocalDate.ofEpochDay(v.ints[row]);
            case TIMESTAMP -> JavaValues.timestampFromMicros(v.longs[row]).toLocalDate();
            case VARCHAR -> parse(v, () -> LocalDate.parse(v.getString(row).trim()), "DATE");
            default -> throw cannotConvert(v, "a date");
        };
    }

    private LocalTime localTime(Vector v) throws SQLException {
        return switch (v.type.id()) {
            case TIME -> JavaValues.timeFromMicros(v.longs[row]);
            case TIMESTAMP -> JavaValues.timestampFromMicros(v.longs[row]).toLocalTime();
            case VARCHAR -> parse(v, () -> LocalTime.parse(v.getString(row).trim()), "TIME");
            default -> throw cannotConvert(v, "a time");
        };
    }

    private LocalDateTime localDateTime(Vector v) throws SQLException {
        return switch (v.type.id()) {
            case TIMESTAMP -> JavaValues.timestampFromMicros(v.longs[row]);
            case TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> (LocalDateTime) JavaValues.toJava(v, row, zone);
            // the wall-clock time in the session's zone
            case TIMESTAMP_TZ -> ((OffsetDateTime) JavaValues.toJava(v, row, zone)).atZoneSameInstant(zone).toLocalDateTime();
            case DATE -> LocalDate.ofEpochDay(v.ints[row]).atStartOfDay();
            case VARCHAR -> parse(v, () -> LocalDateTime.parse(v.getString(row).trim().replace(' ', 'T')), "TIMESTAMP");
            default -> throw cannotConvert(v, "a timestamp");
        };
    }

    private interface Parse<T> {
        T get();
    }

    private <T> T parse(Vector v, Parse<T> p, String type) throws SQLException {
        try {
            return p.get();
        } catch (java.time.format.DateTimeParseException e) {
            throw new SQLException("Conversion Error: cannot convert '" + v.getString(row) + "' to " + type, "22007");
        }
    }

    @Override
    public Date getDate(int column) throws SQLException {
        Vector v = vector(column);
        return wasNull ? null : Date.valueOf(localDate(v));
    }

    @Override
    public Time getTime(int column) throws SQLException {
        Vector v = vector(column);
        return wasNull ? null : Time.valueOf(localTime(v));
    }

    @Override
    public Timestamp getTimestamp(int column) throws SQLException {
        Vector v = vector(column);
        return wasNull ? null : Timestamp.valueOf(localDateTime(v));
    }

    /** The Calendar is ignored: TealDB's DATE/TIME/TIMESTAMP have no time zone (wall-clock values). */
    @Override
    public Date getDate(int column, Calendar cal) throws SQLException {
        return getDate(column);
    }

    @Override
    public Time getTime(int column, Calendar cal) throws SQLException {
        return getTime(column);
    }

    @Override
    public Timestamp getTimestamp(int column, Calendar cal) throws SQLException {
        return getTimestamp(column);
    }

    @Override
    public <T> T getObject(int column, Class<T> type) throws SQLException {
        if (type == null) {
            throw new SQLException("getObject: type must not be null");
        }
        Vector v = vector(column);
        if (wasNull) {
            return null;
        }
        Object out;
        if (type == Object.class) {
            out = getObject(column);
        } else if (type == String.class) {
            out = getString(column);
        } else if (type == Boolean.class) {
            out = getBoolean(column);
        } else if (type == Byte.class) {
            out = getByte(column);
        } else if (type == Short.class) {
            out = getShort(column);
        } else if (type == Integer.class) {
            out = getInt(column);
        } else if (type == Long.class) {
            out = getLong(column);
        } else if (type == Float.class) {
            out = getFloat(column);
        } else if (type == Double.class) {
            out = getDouble(column);
        } else if (type == BigDecimal.class) {
            out = getBigDecimal(column);
        } else if (type == BigInteger.class) {
            BigDecimal d = numeric(v);
            try {
                out = d.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw new SQLException("Conversion Error: " + d + " is not an integer", "22003");
            }
        } else if (type == byte[].class) {
            out = getBytes(column);
        } else if (type == Blob.class) {
            out = blob(getBytes(column));
        } else if (type == LocalDate.class) {
            out = localDate(v);
        } else if (type == LocalTime.class) {
            out = localTime(v);
        } else if (type == LocalDateTime.class) {
            out = localDateTime(v);
        } else if (type == Date.class) {
            out = getDate(column);
        } else if (type == Time.class) {
            out = getTime(column);
        } else if (type == Timestamp.class) {
            out = getTimestamp(column);
        } else if (type == Instant.class) {
            out = v.type.id() == TypeId.TIMESTAMP_TZ ? ((OffsetDateTime) JavaValues.toJava(v, row, zone)).toInstant()
                    : localDateTime(v).toInstant(ZoneOffset.UTC);
        } else if (type == OffsetDateTime.class) {
            out = v.type.id() == TypeId.TIMESTAMP_TZ ? JavaValues.toJava(v, row, zone) : localDateTime(v).atOffset(ZoneOffset.UTC);
        } else if (type == java.time.ZonedDateTime.class && v.type.id() == TypeId.TIMESTAMP_TZ) {
            out = ((OffsetDateTime) JavaValues.toJava(v, row, zone)).atZoneSameInstant(zone);
        } else if (type == java.sql.Array.class) {
            out = getArray(column);
        } else if (type == java.sql.Struct.class) {
            if (v.type.id() != TypeId.STRUCT) throw cannotConvert(v, "java.sql.Struct");
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) JavaValues.toJava(v, row);
            out = new TealStruct(v.type, fields);
        } else if (type == Interval.class || type == Duration.class || type == Period.class) {
            if (v.type.id() != TypeId.INTERVAL) {
                throw cannotConvert(v, type.getSimpleName());
            }
            Interval iv = (Interval) v.getObject(row);
            try {
                out = type == Interval.class ? iv : type == Duration.class ? JavaValues.toDuration(iv) : JavaValues.toPeriod(iv);
            } catch (RuntimeException e) {
                throw JdbcErrors.toSql(e);
            }
        } else {
            Object o = JavaValues.toJava(v, row, zone);
            if (!type.isInstance(o)) {
                throw cannotConvert(v, type.getName());
            }
            out = o;
        }
        return type.cast(out);
    }

    @Override
    public <T> T getObject(String label, Class<T> type) throws SQLException {
        return getObject(findColumn(label), type);
    }

    @Override
    public Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
        return getObject(column);
    }

    @Override
    public Object getObject(String label, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(label));
    }

    @Override
    public InputStream getAsciiStream(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    @SuppressWarnings("deprecation")
    public InputStream getUnicodeStream(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public InputStream getBinaryStream(int column) throws SQLException {
        byte[] b = getBytes(column);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    public Reader getCharacterStream(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public Reader getNCharacterStream(int column) throws SQLException {
        return getCharacterStream(column);
    }

    @Override
    public String getNString(int column) throws SQLException {
        return getString(column);
    }

    @Override
    public Blob getBlob(int column) throws SQLException {
        byte[] b = getBytes(column);
        return b == null ? null : blob(b);
    }

    @Override
    public Clob getClob(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new javax.sql.rowset.serial.SerialClob(s.toCharArray());
    }

    // ---------------------------------------------------------------- by label

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(label)) {
                return i + 1;
            }
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(label)) {
                return i + 1;
            }
        }
        throw new SQLException("no column named '" + label + "' in the result (columns: " + names + ")", "42S22");
    }

    @Override
    public String getString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public boolean getBoolean(String label) throws SQLException {
        return getBoolean(findColumn(label));
    }

    @Override
    public byte getByte(String label) throws SQLException {
        return getByte(findColumn(label));
    }

    @Override
    public short getShort(String label) throws SQLException {
        return getShort(findColumn(label));
    }

    @Override
    public int getInt(String label) throws SQLException {
        return getInt(findColumn(label));
    }

    @Override
    public long getLong(String label) throws SQLException {
        return getLong(findColumn(label));
    }

    @Override
    public float getFloat(String label) throws SQLException {
        return getFloat(findColumn(label));
    }

    @Override
    public double getDouble(String label) throws SQLException {
        return getDouble(findColumn(label));
    }

    @Override
    @SuppressWarnings("deprecation")
    public BigDecimal getBigDecimal(String label, int scale) throws SQLException {
        return getBigDecimal(findColumn(label), scale);
    }

    @Override
    public BigDecimal getBigDecimal(String label) throws SQLException {
        return getBigDecimal(findColumn(label));
    }

    @Override
    public byte[] getBytes(String label) throws SQLException {
        return getBytes(findColumn(label));
    }

    @Override
    public Date getDate(String label) throws SQLException {
        return getDate(findColumn(label));
    }

    @Override
    public Time getTime(String label) throws SQLException {
        return getTime(findColumn(label));
    }

    @Override
    public Timestamp getTimestamp(String label) throws SQLException {
        return getTimestamp(findColumn(label));
    }

    @Override
    public Date getDate(String label, Calendar cal) throws SQLException {
        return getDate(findColumn(label));
    }

    @Override
    public Time getTime(String label, Calendar cal) throws SQLException {
        return getTime(findColumn(label));
    }

    @Override
    public Timestamp getTimestamp(String label, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(label));
    }

    @Override
    public InputStream getAsciiStream(String label) throws SQLException {
        return getAsciiStream(findColumn(label));
    }

    @Override
    @SuppressWarnings("deprecation")
    public InputStream getUnicodeStream(String label) throws SQLException {
        return getUnicodeStream(findColumn(label));
    }

    @Override
    public InputStream getBinaryStream(String label) throws SQLException {
        return getBinaryStream(findColumn(label));
    }

    @Override
    public Reader getCharacterStream(String label) throws SQLException {
        return getCharacterStream(findColumn(label));
    }

    @Override
    public Reader getNCharacterStream(String label) throws SQLException {
        return getNCharacterStream(findColumn(label));
    }

    @Override
    public String getNString(String label) throws SQLException {
        return getNString(findColumn(label));
    }

    @Override
    public Object getObject(String label) throws SQLException {
        return getObject(findColumn(label));
    }

    @Override
    public Blob getBlob(String label) throws SQLException {
        return getBlob(findColumn(label));
    }

    @Override
    public Clob getClob(String label) throws SQLException {
        return getClob(findColumn(label));
    }

    // ---------------------------------------------------------------- cursor state

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new TealResultSetMetaData(names, types);
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return rowNumber == 0 && !afterLast;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return afterLast && rowNumber > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return rowNumber == 1 && chunk != null;
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        if (chunk == null) {
            return false;
        }
        if (maxRows > 0 && rowNumber >= maxRows) {
            return true;
        }
        if (row + 1 < chunk.size()) {
            return false;
        }
        if (lookahead == null) {
            lookahead = pull();
        }
        return lookahead == null;
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return chunk == null ? 0 : (int) Math.min(Integer.MAX_VALUE, rowNumber);
    }

    @Override
    public int getType() {
        return TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() {
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() {
        return CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public int getFetchDirection() {
        return FETCH_FORWARD;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        if (direction != FETCH_FORWARD) {
            throw JdbcErrors.unsupported("fetch direction other than FETCH_FORWARD");
        }
    }

    @Override
    public void setFetchSize(int rows) {
    }

    @Override
    public int getFetchSize() {
        return DataChunk.CAPACITY;
    }

    @Override
    public Statement getStatement() {
        return statement;
    }

    @Override
    public SQLWarning getWarnings() {
        return null;
    }

    @Override
    public void clearWarnings() {
    }

    @Override
    public String getCursorName() throws SQLException {
        throw JdbcErrors.unsupported("getCursorName");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    // ---------------------------------------------------------------- not supported (forward-only, read-only)

    @Override
    public boolean absolute(int arg0) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.absolute");
    }

    @Override
    public void afterLast() throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.afterLast");
    }

    @Override
    public void beforeFirst() throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.beforeFirst");
    }

    @Override
    public void cancelRowUpdates() throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.cancelRowUpdates");
    }

    @Override
    public void deleteRow() throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.deleteRow");
    }

    @Override
    public boolean first() throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.first");
    }

    @Override
    public java.sql.Array getArray(java.lang.String arg0) throws java.sql.SQLException {
        return getArray(findColumn(arg0));
    }

    @Override
    public java.sql.Array getArray(int arg0) throws java.sql.SQLException {
        Vector v = vector(arg0);
        if (wasNull) return null;
        if (v.type.id() != TypeId.LIST && v.type.id() != TypeId.ARRAY) throw cannotConvert(v, "java.sql.Array");
        return new TealArray(v.type.childType(), (java.util.List<?>) JavaValues.toJava(v, row));
    }

    @Override
    public java.sql.NClob getNClob(java.lang.String arg0) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.getNClob");
    }

    @Override
    public java.sql.NClob getNClob(int arg0) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.getNClob");
    }

    @Override
    public java.sql.Ref getRef(java.lang.String arg0) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.getRef");
    }

    @Override
    public java.sql.Ref getRef(int arg0) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.getRef");
    }

    @Override
    public java.sql.RowId getRowId(java.lang.String arg0) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.getRowId");
    }

    @Override
    public java.sql.RowId getRowId(int arg0) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.getRowId");
    }

    @Override
    public java.sql.SQLXML getSQLXML(java.lang.String arg0) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.getSQLXML");
    }

    @Override
    public java.sql.SQLXML getSQLXML(int arg0) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.getSQLXML");
    }

    @Override
    public java.net.URL getURL(java.lang.String arg0) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.getURL");
    }

    @Override
    public java.net.URL getURL(int arg0) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.getURL");
    }

    @Override
    public void insertRow() throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.insertRow");
    }

    @Override
    public boolean last() throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.last");
    }

    @Override
    public void moveToCurrentRow() throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.moveToCurrentRow");
    }

    @Override
    public void moveToInsertRow() throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.moveToInsertRow");
    }

    @Override
    public boolean previous() throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.previous");
    }

    @Override
    public void refreshRow() throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.refreshRow");
    }

    @Override
    public boolean relative(int arg0) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.relative");
    }

    @Override
    public boolean rowDeleted() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean rowInserted() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean rowUpdated() throws java.sql.SQLException {
        return false;
    }

    @Override
    public void updateArray(java.lang.String arg0, java.sql.Array arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateArray");
    }

    @Override
    public void updateArray(int arg0, java.sql.Array arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateArray");
    }

    @Override
    public void updateAsciiStream(java.lang.String arg0, java.io.InputStream arg1, int arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(java.lang.String arg0, java.io.InputStream arg1, long arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(java.lang.String arg0, java.io.InputStream arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(int arg0, java.io.InputStream arg1, int arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(int arg0, java.io.InputStream arg1, long arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(int arg0, java.io.InputStream arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateAsciiStream");
    }

    @Override
    public void updateBigDecimal(java.lang.String arg0, java.math.BigDecimal arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateBigDecimal");
    }

    @Override
    public void updateBigDecimal(int arg0, java.math.BigDecimal arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateBigDecimal");
    }

    @Override
    public void updateBinaryStream(java.lang.String arg0, java.io.InputStream arg1, int arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(java.lang.String arg0, java.io.InputStream arg1, long arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(java.lang.String arg0, java.io.InputStream arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(int arg0, java.io.InputStream arg1, int arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(int arg0, java.io.InputStream arg1, long arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(int arg0, java.io.InputStream arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateBinaryStream");
    }

    @Override
    public void updateBlob(java.lang.String arg0, java.io.InputStream arg1, long arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateBlob");
    }

    @Override
    public void updateBlob(java.lang.String arg0, java.io.InputStream arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateBlob");
    }

    @Override
    public void updateBlob(java.lang.String arg0, java.sql.Blob arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateBlob");
    }

    @Override
    public void updateBlob(int arg0, java.io.InputStream arg1, long arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateBlob");
    }

    @Override
    public void updateBlob(int arg0, java.io.InputStream arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateBlob");
    }

    @Override
    public void updateBlob(int arg0, java.sql.Blob arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateBlob");
    }

    @Override
    public void updateBoolean(java.lang.String arg0, boolean arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateBoolean");
    }

    @Override
    public void updateBoolean(int arg0, boolean arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateBoolean");
    }

    @Override
    public void updateByte(java.lang.String arg0, byte arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateByte");
    }

    @Override
    public void updateByte(int arg0, byte arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateByte");
    }

    @Override
    public void updateBytes(java.lang.String arg0, byte[] arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateBytes");
    }

    @Override
    public void updateBytes(int arg0, byte[] arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateBytes");
    }

    @Override
    public void updateCharacterStream(java.lang.String arg0, java.io.Reader arg1, int arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(java.lang.String arg0, java.io.Reader arg1, long arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(java.lang.String arg0, java.io.Reader arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(int arg0, java.io.Reader arg1, int arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(int arg0, java.io.Reader arg1, long arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(int arg0, java.io.Reader arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateCharacterStream");
    }

    @Override
    public void updateClob(java.lang.String arg0, java.io.Reader arg1, long arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateClob");
    }

    @Override
    public void updateClob(java.lang.String arg0, java.io.Reader arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateClob");
    }

    @Override
    public void updateClob(java.lang.String arg0, java.sql.Clob arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateClob");
    }

    @Override
    public void updateClob(int arg0, java.io.Reader arg1, long arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateClob");
    }

    @Override
    public void updateClob(int arg0, java.io.Reader arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateClob");
    }

    @Override
    public void updateClob(int arg0, java.sql.Clob arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateClob");
    }

    @Override
    public void updateDate(java.lang.String arg0, java.sql.Date arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateDate");
    }

    @Override
    public void updateDate(int arg0, java.sql.Date arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateDate");
    }

    @Override
    public void updateDouble(java.lang.String arg0, double arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateDouble");
    }

    @Override
    public void updateDouble(int arg0, double arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateDouble");
    }

    @Override
    public void updateFloat(java.lang.String arg0, float arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateFloat");
    }

    @Override
    public void updateFloat(int arg0, float arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateFloat");
    }

    @Override
    public void updateInt(java.lang.String arg0, int arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateInt");
    }

    @Override
    public void updateInt(int arg0, int arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateInt");
    }

    @Override
    public void updateLong(java.lang.String arg0, long arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateLong");
    }

    @Override
    public void updateLong(int arg0, long arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateLong");
    }

    @Override
    public void updateNCharacterStream(java.lang.String arg0, java.io.Reader arg1, long arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(java.lang.String arg0, java.io.Reader arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(int arg0, java.io.Reader arg1, long arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(int arg0, java.io.Reader arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateNCharacterStream");
    }

    @Override
    public void updateNClob(java.lang.String arg0, java.io.Reader arg1, long arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateNClob");
    }

    @Override
    public void updateNClob(java.lang.String arg0, java.io.Reader arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateNClob");
    }

    @Override
    public void updateNClob(java.lang.String arg0, java.sql.NClob arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateNClob");
    }

    @Override
    public void updateNClob(int arg0, java.io.Reader arg1, long arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateNClob");
    }

    @Override
    public void updateNClob(int arg0, java.io.Reader arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateNClob");
    }

    @Override
    public void updateNClob(int arg0, java.sql.NClob arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateNClob");
    }

    @Override
    public void updateNString(java.lang.String arg0, java.lang.String arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateNString");
    }

    @Override
    public void updateNString(int arg0, java.lang.String arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateNString");
    }

    @Override
    public void updateNull(java.lang.String arg0) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateNull");
    }

    @Override
    public void updateNull(int arg0) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateNull");
    }

    @Override
    public void updateObject(java.lang.String arg0, java.lang.Object arg1, int arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateObject");
    }

    @Override
    public void updateObject(java.lang.String arg0, java.lang.Object arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateObject");
    }

    @Override
    public void updateObject(int arg0, java.lang.Object arg1, int arg2) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateObject");
    }

    @Override
    public void updateObject(int arg0, java.lang.Object arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateObject");
    }

    @Override
    public void updateRef(java.lang.String arg0, java.sql.Ref arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateRef");
    }

    @Override
    public void updateRef(int arg0, java.sql.Ref arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateRef");
    }

    @Override
    public void updateRow() throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateRow");
    }

    @Override
    public void updateRowId(java.lang.String arg0, java.sql.RowId arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateRowId");
    }

    @Override
    public void updateRowId(int arg0, java.sql.RowId arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateRowId");
    }

    @Override
    public void updateSQLXML(java.lang.String arg0, java.sql.SQLXML arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateSQLXML");
    }

    @Override
    public void updateSQLXML(int arg0, java.sql.SQLXML arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateSQLXML");
    }

    @Override
    public void updateShort(java.lang.String arg0, short arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateShort");
    }

    @Override
    public void updateShort(int arg0, short arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateShort");
    }

    @Override
    public void updateString(java.lang.String arg0, java.lang.String arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateString");
    }

    @Override
    public void updateString(int arg0, java.lang.String arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateString");
    }

    @Override
    public void updateTime(java.lang.String arg0, java.sql.Time arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateTime");
    }

    @Override
    public void updateTime(int arg0, java.sql.Time arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateTime");
    }

    @Override
    public void updateTimestamp(java.lang.String arg0, java.sql.Timestamp arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateTimestamp");
    }

    @Override
    public void updateTimestamp(int arg0, java.sql.Timestamp arg1) throws java.sql.SQLException {
        throw JdbcErrors.unsupported("ResultSet.updateTimestamp");
    }
}
