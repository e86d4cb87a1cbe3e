package io.tealdb.session;

import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.util.List;

/**
 * One client session on a database (the engine behind a Connection): runs SQL text through parse,
 * bind, optimize, plan and execute; holds the session's transaction, settings and prepared
 * statements. Not thread-safe (like a DuckDB connection), except {@link #interrupt()} and
 * {@link #progress()}, which other threads may call while a statement runs.
 *
 * <p>CONTRACT between the public API (io.tealdb, io.tealdb.jdbc) and the engine. Signatures are fixed;
 * the implementation is being written.
 */
public interface ClientContext extends AutoCloseable {
    /**
     * The name of the session's own catalog of temporary objects, as in DuckDB: {@code temp.t} or
     * {@code temp.main.t} names the temporary table {@code t} (a bare {@code t} finds it first too),
     * and {@code appender(TEMP_CATALOG, "t")} appends to it.
     */
    String TEMP_CATALOG = "temp";

    /**
     * Executes every statement of {@code sql} (separated by ';') with positional parameters
     * {@code params} (for {@code ?}/{@code $n}); returns the result of the last statement. Errors are
     * {@link io.tealdb.error.TealException}s; a failing statement changes nothing.
     */
    QueryResult execute(String sql, List<Value> params);

    /** Parses and binds one statement without running it: parameter count/types and result shape. */
    PreparedQuery prepare(String sql);

    /**
     * The definition of table {@code schema.name} (columns with their generated expressions and hidden
     * marks, constraints) as a statement of this session would see it now, in its open transaction if
     * there is one; null when there is no such table. A catalog lookup: nothing is parsed or planned,
     * so ingest paths can check a table's shape per request cheaply.
     */
    default io.tealdb.catalog.TableEntry tableDefinition(String schema, String name) {
        throw new UnsupportedOperationException("tableDefinition");
    }

    /** Appends rows straight into a table's storage (bulk loading); see {@link TableAppender}. */
    TableAppender appender(String schema, String table);

    /**
     * As {@link #appender(String, String)}, except that the stored generated columns named in {@code given}
     * keep the values the appended chunks hold for them instead of being computed (ClickHouse's
     * {@code insert_allow_materialized_columns}); the other stored generated columns are computed as always.
     */
    default TableAppender appender(String schema, String table, java.util.Set<String> given) {
        if (given.isEmpty()) return appender(schema, table);
        throw new UnsupportedOperationException("appender with given stored columns");
    }

    /** Cancels the running statement (it fails with an InterruptException). Thread-safe. */
    void interrupt();

    /** Progress of the running statement in [0,1], or -1 when unknown or idle. Thread-safe. */
    double progress();

    /** True while an explicit transaction (BEGIN) is open. */
    boolean inTransaction();

    /**
     * True when a statement failed inside the open explicit transaction: until ROLLBACK (or COMMIT,
     * which then rolls back) every statement fails with "Current transaction is aborted (please
     * ROLLBACK)", as in DuckDB and PostgreSQL.
     */
    default boolean transactionAborted() {
        return false;
    }

    /**
     * Leaves the aborted state and keeps the transaction open. The failed statement's own work is
     * already undone, so this is what a rollback to a savepoint taken before it amounts to: for
     * adapters that emulate savepoints (PostgreSQL's ROLLBACK TO SAVEPOINT) or retry a statement
     * after resolving what made it fail (the Python package's replacement scans).
     */
    default void resumeAbortedTransaction() {
    }

    /**
     * This session's settings (typed, validated, over the database's): what SET, SHOW and
     * {@code current_setting} see, and what a protocol adapter reads and sets (PostgreSQL's
     * TimeZone, DateStyle, statement_timeout, ...).
     */
    default io.tealdb.settings.SessionSettings settings() {
        throw new io.tealdb.error.NotImplementedException("settings are not supported by this session");
    }

    /**
     * Makes a data source (a table function instance with its schema: an Arrow stream, ...) queryable
     * by {@code name} in this session, in front of tables and views of that name (as DuckDB's
     * register). Replaces an earlier registration of the name.
     */
    default void registerScan(String name, io.tealdb.planner.FunctionResolver.BoundTableFunction source) {
        throw new io.tealdb.error.NotImplementedException("registering data sources is not supported by this session");
    }

    /**
     * Sets (or with null clears) this session's replacement scan: the binder asks it for a data source
     * when an unqualified table name is neither a CTE, a registered source, a table nor a view.
     */
    default void setReplacementScan(java.util.function.Function<String, io.tealdb.planner.FunctionResolver.BoundTableFunction> scan) {
        throw new io.tealdb.error.NotImplementedException("replacement scans are not supported by this session");
    }

    /** Removes a registration made with {@link #registerScan}; false if there was none. */
    default boolean unregisterScan(String name) {
        return false;
    }

    /**
     * Registers a scalar function on the database (every connection and cursor sees it): DuckDB's
     * {@code create_function}. A second function of the same name is refused until the first is removed.
     */
    default void createFunction(io.tealdb.function.UserScalarFunction function) {
        throw new io.tealdb.error.NotImplementedException("user functions are not supported by this session");
    }

    /** Removes a function registered with {@link #createFunction}; InvalidInput when there is none. */
    default void removeFunction(String name) {
        throw new io.tealdb.error.NotImplementedException("user functions are not supported by this session");
    }

    /** The session's value of the boolean setting {@code s} (false for a session without settings). */
    default boolean flag(io.tealdb.settings.Setting s) {
        return false;
    }

    /** The session's TimeZone (SET TimeZone = '...'): how TIMESTAMP WITH TIME ZONE values read as wall-clock time. */
    default java.time.ZoneId timeZone() {
        return io.tealdb.types.TimeZones.systemDefault();
    }

    /** A new session on the same database (DuckDB's cursor()/duplicate()). */
    ClientContext duplicate();

    /** Closes the session; an open transaction is rolled back. */
    @Override
    void close();

    /** A statement prepared once and run many times. */
    interface PreparedQuery {
        int parameterCount();

        /** Parameter types as inferred by the binder (VARCHAR... when unknown). */
        List<LogicalType> parameterTypes();

        /** Result column names (empty for statements without a result set). */
        List<String> columnNames();

        List<LogicalType> columnTypes();

        QueryResult execute(List<Value> params);

        /**
         * Runs an INSERT ... VALUES (?, ...) for many parameter rows at once: the rows are converted
         * to one chunk per 2048 rows and appended in one statement (no per-row planning). For other
         * statements runs each row. Returns the update count per row.
         */
        long[] executeBatch(List<List<Value>> rows);
    }
}
