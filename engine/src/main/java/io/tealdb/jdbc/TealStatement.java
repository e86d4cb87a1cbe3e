package io.tealdb.jdbc;

import io.tealdb.error.InterruptException;
import io.tealdb.session.ClientContext;
import io.tealdb.session.QueryResult;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A JDBC statement: runs SQL through the connection's session. {@link #cancel()} (from another
 * thread) interrupts the running statement; {@link #setQueryTimeout} does so after the timeout,
 * which then fails with an SQLTimeoutException. Results stream: a query keeps running as its
 * ResultSet is read, and the timeout covers that reading too.
 */
public class TealStatement implements Statement {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tealdb-jdbc-query-timeout");
        t.setDaemon(true);
        return t;
    });

    final TealConnection connection;
    private TealResultSet resultSet;
    private long updateCount = -1;
    private long maxRows;
    private int queryTimeout;
    private int fetchSize;
    private boolean closed;
    private boolean closeOnCompletion;
    private final List<String> batch = new ArrayList<>();
    private ScheduledFuture<?> timeoutTask;
    private final AtomicBoolean timedOut = new AtomicBoolean();

    TealStatement(TealConnection connection) {
        this.connection = connection;
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("Statement is closed", "HY010");
        }
        connection.checkOpen();
    }

    /** Runs one engine call under this statement's timeout; maps engine errors to SQLExceptions. */
    final QueryResult run(Supplier<QueryResult> call) throws SQLException {
        checkOpen();
        closeResult();
        connection.beforeStatement();
        startTimer();
        try {
            return call.get();
        } catch (RuntimeException e) {
            stopTimer();
            throw translate(e);
        }
    }

    SQLException translate(RuntimeException e) {
        if (e instanceof InterruptException && timedOut.get()) {
            return JdbcErrors.timeout(queryTimeout, e);
        }
        return JdbcErrors.toSql(e);
    }

    private void startTimer() throws SQLException {
        timedOut.set(false);
        if (queryTimeout > 0) {
            ClientContext ctx = connection.context();
            timeoutTask = TIMER.schedule(() -> {
                timedOut.set(true);
                ctx.interrupt();
            }, queryTimeout, TimeUnit.SECONDS);
        }
    }

    /** Called when the statement's work is over (result exhausted or closed). */
    void stopTimer() {
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
            timeoutTask = null;
        }
    }

    /** Takes the engine result as this statement's current result; true if it is a result set. */
    final boolean accept(QueryResult qr) throws SQLException {
        if (qr.hasResultSet()) {
            resultSet = new TealResultSet(this, qr, maxRows);
            updateCount = -1;
            return true;
        }
        try {
            updateCount = qr.updateCount(); // -1 for statements that change no rows (DDL, SET, BEGIN ...), as DuckDB's driver
        } finally {
            qr.close();
            stopTimer();
        }
        return false;
    }

    void resultSetClosed(TealResultSet rs) throws SQLException {
        stopTimer();
        if (rs == resultSet && closeOnCompletion) {
            close();
        }
    }

    private void closeResult() throws SQLException {
        if (resultSet != null) {
            TealResultSet rs = resultSet;
            resultSet = null;
            rs.close();
        }
        updateCount = -1;
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        ClientContext ctx = connection.context();
        return accept(run(() -> ctx.execute(sql, List.of())));
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        if (!execute(sql)) {
            throw new SQLException("executeQuery() can only be used with queries that return a ResultSet");
        }
        return resultSet;
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate(sql));
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        if (execute(sql)) {
            closeResult();
            throw new SQLException("executeUpdate() cannot be used with a statement that returns a ResultSet");
        }
        return updateCount;
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closeResult();
        stopTimer();
        closed = true;
        connection.forget(this);
    }

    @Override
    public int getMaxFieldSize() {
        return 0;
    }

    @Override
    public void setMaxFieldSize(int max) {
    }

    @Override
    public int getMaxRows() {
        return (int) Math.min(Integer.MAX_VALUE, maxRows);
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public long getLargeMaxRows() {
        return maxRows;
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        if (max < 0) {
            throw new SQLException("max rows must be >= 0");
        }
        maxRows = max;
    }

    @Override
    public void setEscapeProcessing(boolean enable) {
    }

    @Override
    public int getQueryTimeout() {
        return queryTimeout;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        if (seconds < 0) {
            throw new SQLException("query timeout must be >= 0");
        }
        queryTimeout = seconds;
    }

    /** Interrupts the running statement (ClientContext.interrupt); safe from another thread. */
    @Override
    public void cancel() throws SQLException {
        if (closed) {
            return;
        }
        connection.context().interrupt();
    }

    @Override
    public SQLWarning getWarnings() {
        return null;
    }

    @Override
    public void clearWarnings() {
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        throw JdbcErrors.unsupported("setCursorName");
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return resultSet;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, getLargeUpdateCount());
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return resultSet != null ? -1 : updateCount;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        checkOpen();
        closeResult();
        return false;
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        return getMoreResults();
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        if (direction != ResultSet.FETCH_FORWARD) {
            throw JdbcErrors.unsupported("fetch direction other than FETCH_FORWARD");
        }
    }

    @Override
    public int getFetchDirection() {
        return ResultSet.FETCH_FORWARD;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        if (rows < 0) {
            throw new SQLException("fetch size must be >= 0");
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() {
        return fetchSize;
    }

    @Override
    public int getResultSetConcurrency() {
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetType() {
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        batch.add(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        long[] counts = executeLargeBatch();
        int[] out = new int[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = (int) Math.min(Integer.MAX_VALUE, counts[i]);
        }
        return out;
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<String> todo = List.copyOf(batch);
        batch.clear();
        long[] counts = new long[todo.size()];
        for (int i = 0; i < todo.size(); i++) {
            try {
                if (execute(todo.get(i))) {
                    closeResult();
                    throw new SQLException("a batch statement returned a result set: " + todo.get(i));
                }
                counts[i] = updateCount;
            } catch (SQLException e) {
                long[] done = java.util.Arrays.copyOf(counts, i);
                throw new BatchUpdateException(e.getMessage(), e.getSQLState(), 0, done, e);
            }
        }
        return counts;
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        throw JdbcErrors.unsupported("getGeneratedKeys (use INSERT ... RETURNING)");
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return execute(sql);
    }

    @Override
    public int getResultSetHoldability() {
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void setPoolable(boolean poolable) {
    }

    @Override
    public boolean isPoolable() {
        return false;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() {
        return closeOnCompletion;
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
}
