package io.tealdb.jdbc;

import io.tealdb.JavaValues;
import io.tealdb.session.ClientContext;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;

/**
 * A prepared statement: parsed and bound once ({@link ClientContext#prepare}), run with
 * positional parameters ({@code ?} / {@code $n}). {@link #executeBatch()} hands all batched rows to
 * {@link ClientContext.PreparedQuery#executeBatch} in ONE call (an INSERT appends them as chunks).
 * Java values are converted by {@link JavaValues}.
 */
public final class TealPreparedStatement extends TealStatement implements PreparedStatement {
    private final String sql;
    private final ClientContext.PreparedQuery prepared;
    private final Value[] params;
    private final boolean[] set;
    private final List<List<Value>> batch = new ArrayList<>();

    TealPreparedStatement(TealConnection connection, String sql) throws SQLException {
        super(connection);
        this.sql = sql;
        try {
            this.prepared = connection.context().prepare(sql);
        } catch (RuntimeException e) {
            throw JdbcErrors.toSql(e);
        }
        int n = prepared.parameterCount();
        this.params = new Value[n];
        this.set = new boolean[n];
    }

    String sql() {
        return sql;
    }

    private List<Value> boundParameters() throws SQLException {
        for (int i = 0; i < set.length; i++) {
            if (!set[i]) {
                throw new SQLException("Invalid Input Error: no value was set for parameter " + (i + 1)
                        + " of " + set.length + " of prepared statement: " + sql, "07001");
            }
        }
        return List.of(params);
    }

    private void bind(int index, Value v) throws SQLException {
        checkOpen();
        if (index < 1 || index > params.length) {
            throw new SQLException("parameter index " + index + " is out of range: the statement has "
                    + params.length + " parameters", "07009");
        }
        params[index - 1] = v;
        set[index - 1] = true;
    }

    private void bindObject(int index, Object o) throws SQLException {
        try {
            bind(index, JavaValues.toValue(o, index));
        } catch (RuntimeException e) {
            throw JdbcErrors.toSql(e);
        }
    }

    @Override
    public boolean execute() throws SQLException {
        List<Value> values = boundParameters();
        return accept(run(() -> prepared.execute(values)));
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        if (!execute()) {
            throw new SQLException("executeQuery() can only be used with queries that return a ResultSet");
        }
        return getResultSet();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        if (execute()) {
            getResultSet().close();
            throw new SQLException("executeUpdate() cannot be used with a statement that returns a ResultSet");
        }
        return getLargeUpdateCount();
    }

    @Override
    public void addBatch() throws SQLException {
        batch.add(boundParameters());
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        if (batch.isEmpty()) {
            return new long[0];
        }
        List<List<Value>> rows = List.copyOf(batch);
        batch.clear();
        long[][] counts = new long[1][];
        try {
            run(() -> {
                counts[0] = prepared.executeBatch(rows);
                return null;
            });
        } catch (SQLException e) {
            throw new BatchUpdateException(e.getMessage(), e.getSQLState(), 0, new long[0], e);
        } finally {
            stopTimer();
        }
        return counts[0];
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw new SQLException("addBatch(String) cannot be called on a PreparedStatement");
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        throw new SQLException("execute(String) cannot be called on a PreparedStatement");
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw new SQLException("executeQuery(String) cannot be called on a PreparedStatement");
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        throw new SQLException("executeUpdate(String) cannot be called on a PreparedStatement");
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(params, null);
        Arrays.fill(set, false);
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new TealResultSetMetaData(prepared.columnNames(), prepared.columnTypes());
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return new TealParameterMetaData(prepared.parameterTypes());
    }

    // ---------------------------------------------------------------- setters

    @Override
    public void setNull(int i, int sqlType) throws SQLException {
        bind(i, Value.nullOf(JdbcTypes.fromSqlType(sqlType)));
    }

    @Override
    public void setNull(int i, int sqlType, String typeName) throws SQLException {
        setNull(i, sqlType);
    }

    @Override
    public void setBoolean(int i, boolean x) throws SQLException {
        bind(i, Value.ofBoolean(x));
    }

    @Override
    public void setByte(int i, byte x) throws SQLException {
        bind(i, new Value(LogicalType.TINYINT, x));
    }

    @Override
    public void setShort(int i, short x) throws SQLException {
        bind(i, new Value(LogicalType.SMALLINT, x));
    }

    @Override
    public void setInt(int i, int x) throws SQLException {
        bind(i, Value.ofInteger(x));
    }

    @Override
    public void setLong(int i, long x) throws SQLException {
        bind(i, Value.ofBigint(x));
    }

    @Override
    public void setFloat(int i, float x) throws SQLException {
        bind(i, new Value(LogicalType.FLOAT, x));
    }

    @Override
    public void setDouble(int i, double x) throws SQLException {
        bind(i, Value.ofDouble(x));
    }

    @Override
    public void setBigDecimal(int i, BigDecimal x) throws SQLException {
        bindObject(i, x);
    }

    @Override
    public void setString(int i, String x) throws SQLException {
        bindObject(i, x);
    }

    @Override
    public void setNString(int i, String x) throws SQLException {
        bindObject(i, x);
    }

    @Override
    public void setBytes(int i, byte[] x) throws SQLException {
        bindObject(i, x);
    }

    @Override
    public void setDate(int i, Date x) throws SQLException {
        bindObject(i, x);
    }

    @Override
    public void setTime(int i, Time x) throws SQLException {
        bindObject(i, x);
    }

    @Override
    public void setTimestamp(int i, Timestamp x) throws SQLException {
        bindObject(i, x);
    }

    /** The Calendar is ignored: TealDB's TIMESTAMP has no time zone, the wall-clock value is stored. */
    @Override
    public void setDate(int i, Date x, Calendar cal) throws SQLException {
        bindObject(i, x);
    }

    @Override
    public void setTime(int i, Time x, Calendar cal) throws SQLException {
        bindObject(i, x);
    }

    @Override
    public void setTimestamp(int i, Timestamp x, Calendar cal) throws SQLException {
        bindObject(i, x);
    }

    @Override
    public void setObject(int i, Object x) throws SQLException {
        bindObject(i, x);
    }

    @Override
    public void setObject(int i, Object x, int targetSqlType) throws SQLException {
        if (x == null) {
            setNull(i, targetSqlType);
        } else {
            bindObject(i, x);
        }
    }

    @Override
    public void setObject(int i, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        setObject(i, x, targetSqlType);
    }

    private static byte[] readAll(InputStream in, long length) throws SQLException {
        try {
            return length < 0 ? in.readAllBytes() : in.readNBytes((int) Math.min(Integer.MAX_VALUE, length));
        } catch (IOException e) {
            throw new SQLException("IO Error: reading parameter stream: " + e.getMessage(), e);
        }
    }

    private static String readAll(Reader in, long length) throws SQLException {
        try {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            long left = length < 0 ? Long.MAX_VALUE : length;
            int n;
            while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                sb.append(buf, 0, n);
                left -= n;
            }
            return sb.toString();
        } catch (IOException e) {
            throw new SQLException("IO Error: reading parameter stream: " + e.getMessage(), e);
        }
    }

    @Override
    public void setAsciiStream(int i, InputStream x, int length) throws SQLException {
        setAsciiStream(i, x, (long) length);
    }

    @Override
    public void setAsciiStream(int i, InputStream x, long length) throws SQLException {
        bindObject(i, x == null ? null : new String(readAll(x, length), StandardCharsets.US_ASCII));
    }

    @Override
    public void setAsciiStream(int i, InputStream x) throws SQLException {
        setAsciiStream(i, x, -1L);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void setUnicodeStream(int i, InputStream x, int length) throws SQLException {
        bindObject(i, x == null ? null : new String(readAll(x, length), StandardCharsets.UTF_8));
    }

    @Override
    public void setBinaryStream(int i, InputStream x, int length) throws SQLException {
        setBinaryStream(i, x, (long) length);
    }

    @Override
    public void setBinaryStream(int i, InputStream x, long length) throws SQLException {
        bindObject(i, x == null ? null : readAll(x, length));
    }

    @Override
    public void setBinaryStream(int i, InputStream x) throws SQLException {
        setBinaryStream(i, x, -1L);
    }

    @Override
    public void setCharacterStream(int i, Reader x, int length) throws SQLException {
        setCharacterStream(i, x, (long) length);
    }

    @Override
    public void setCharacterStream(int i, Reader x, long length) throws SQLException {
        bindObject(i, x == null ? null : readAll(x, length));
    }

    @Override
    public void setCharacterStream(int i, Reader x) throws SQLException {
        setCharacterStream(i, x, -1L);
    }

    @Override
    public void setNCharacterStream(int i, Reader x, long length) throws SQLException {
        setCharacterStream(i, x, length);
    }

    @Override
    public void setNCharacterStream(int i, Reader x) throws SQLException {
        setCharacterStream(i, x, -1L);
    }

    @Override
    public void setBlob(int i, Blob x) throws SQLException {
        bindObject(i, x == null ? null : x.getBytes(1, (int) x.length()));
    }

    @Override
    public void setBlob(int i, InputStream x, long length) throws SQLException {
        setBinaryStream(i, x, length);
    }

    @Override
    public void setBlob(int i, InputStream x) throws SQLException {
        setBinaryStream(i, x, -1L);
    }

    @Override
    public void setClob(int i, Clob x) throws SQLException {
        bindObject(i, x == null ? null : x.getSubString(1, (int) x.length()));
    }

    @Override
    public void setClob(int i, Reader x, long length) throws SQLException {
        setCharacterStream(i, x, length);
    }

    @Override
    public void setClob(int i, Reader x) throws SQLException {
        setCharacterStream(i, x, -1L);
    }

    @Override
    public void setNClob(int i, NClob x) throws SQLException {
        setClob(i, x);
    }

    @Override
    public void setNClob(int i, Reader x, long length) throws SQLException {
        setCharacterStream(i, x, length);
    }

    @Override
    public void setNClob(int i, Reader x) throws SQLException {
        setCharacterStream(i, x, -1L);
    }

    @Override
    public void setRef(int i, java.sql.Ref x) throws SQLException {
        throw JdbcErrors.unsupported("setRef");
    }

    @Override
    public void setArray(int i, java.sql.Array x) throws SQLException {
        bindObject(i, x == null ? null : java.util.Arrays.asList((Object[]) x.getArray()));
    }

    @Override
    public void setURL(int i, java.net.URL x) throws SQLException {
        bindObject(i, x == null ? null : x.toString());
    }

    @Override
    public void setRowId(int i, java.sql.RowId x) throws SQLException {
        throw JdbcErrors.unsupported("setRowId");
    }

    @Override
    public void setSQLXML(int i, java.sql.SQLXML x) throws SQLException {
        throw JdbcErrors.unsupported("setSQLXML");
    }
}
