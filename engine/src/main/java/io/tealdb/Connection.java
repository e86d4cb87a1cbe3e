package io.tealdb;

import io.tealdb.error.InvalidInputException;
import io.tealdb.error.TealException;
import io.tealdb.session.ClientContext;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * A session on a {@link Database}: runs SQL, builds {@link Relation}s, appends data. Like a DuckDB
 * connection it is NOT thread-safe: use one per thread ({@link #duplicate()} opens another on the
 * same database). {@link #interrupt()} and {@link #progress()} may be called from other threads.
 */
public final class Connection implements AutoCloseable {
    private final Database database;
    private final ClientContext context;
    private boolean closed;

    Connection(Database database, ClientContext context) {
        this.database = database;
        this.context = context;
    }

    public Database database() {
        return database;
    }

    /** The engine session behind this connection (for drivers built on top of the API). */
    public ClientContext context() {
        checkOpen();
        return context;
    }

    private void checkOpen() {
        if (closed) {
            throw new TealException("Connection Error: connection already closed");
        }
    }

    static List<Value> toValues(Object[] params) {
        if (params == null || params.length == 0) {
            return List.of();
        }
        List<Value> out = new ArrayList<>(params.length);
        for (int i = 0; i < params.length; i++) {
            out.add(JavaValues.toValue(params[i], i + 1));
        }
        return out;
    }

    Result run(String sql, List<Value> params) {
        checkOpen();
        io.tealdb.session.QueryResult r = context.execute(sql, params);
        // the zone and settings after the statements ran (a SET TimeZone among them applies to the result)
        return new Result(r, context.timeZone(), context.flag(io.tealdb.settings.Settings.ARROW_LOSSLESS_CONVERSION));
    }

    /**
     * A lazy relation for a query (DuckDB's {@code con.sql}). In a script of several statements all
     * but the last run immediately; a last statement that is not a query (DDL, DML, SET...) runs
     * immediately too, and then null is returned, as DuckDB returns None.
     */
    public Relation sql(String sql, Object... params) {
        checkOpen();
        List<Value> values = toValues(params);
        List<SqlText.Statement> statements = SqlText.split(sql);
        if (statements.isEmpty()) {
            throw new InvalidInputException("no statement to run in '" + sql + "'");
        }
        if (statements.size() > 1 && !values.isEmpty()) {
            throw new InvalidInputException("parameters can only be used with a single statement, got " + statements.size());
        }
        for (int i = 0; i < statements.size() - 1; i++) {
            try (Result r = run(statements.get(i).text(), List.of())) {
                r.updateCount();
            }
        }
        String last = statements.getLast().text();
        if (SqlText.isQuery(last)) {
            return new Relation(this, last, values, null);
        }
        try (Result r = run(last, values)) {
            r.updateCount();
        }
        return null;
    }

    /** Runs {@code sql} (every statement of it) now with positional parameters; returns the last result. */
    public Result execute(String sql, Object... params) {
        return run(sql, toValues(params));
    }

    /** Runs {@code sql} now with named parameters: {@code execute("SELECT $x + 1", Map.of("x", 41))}. */
    public Result execute(String sql, java.util.Map<String, ?> params) {
        return execute(sql, NamedParameters.positional(sql, params));
    }

    /** A lazy relation over {@code sql} with named parameters ({@code $name}). */
    public Relation sql(String sql, java.util.Map<String, ?> params) {
        return sql(sql, NamedParameters.positional(sql, params));
    }

    /** The rows of a table or view: {@code con.table("t")} or {@code con.table("s.t")}. */
    public Relation table(String name) {
        checkOpen();
        String unqualified = name.substring(name.lastIndexOf('.') + 1);
        return new Relation(this, "SELECT * FROM " + name, List.of(), unqualified);
    }

    public Relation view(String name) {
        return table(name);
    }

    /** A one-row relation of the given Java values (converted by {@link JavaValues}). */
    public Relation values(Object... row) {
        return values(List.of(java.util.Arrays.asList(row == null ? new Object[]{null} : row)));
    }

    /** A relation of several rows of Java values; every row must have the same number of values. */
    public Relation values(List<? extends List<?>> rows) {
        checkOpen();
        if (rows.isEmpty()) {
            throw new InvalidInputException("values() needs at least one row with at least one value");
        }
        int width = rows.getFirst().size();
        StringBuilder sb = new StringBuilder("SELECT * FROM (VALUES ");
        for (int r = 0; r < rows.size(); r++) {
            List<?> row = rows.get(r);
            if (row.size() != width || width == 0) {
                throw new InvalidInputException("values(): row " + (r + 1) + " has " + row.size()
                        + " values, expected " + width + (width == 0 ? " (at least one)" : ""));
            }
            sb.append(r == 0 ? "(" : ", (");
            for (int c = 0; c < width; c++) {
                if (c > 0) {
                    sb.append(", ");
                }
                sb.append(JavaValues.toSqlLiteral(JavaValues.toValue(row.get(c), 0)));
            }
            sb.append(')');
        }
        sb.append(") AS _v");
        return new Relation(this, sb.toString(), List.of(), null);
    }

    /** Makes a relation usable by name from SQL (a temporary view). */
    public Connection register(String name, Relation relation) {
        if (!relation.parameters().isEmpty()) {
            throw new InvalidInputException("cannot register relation '" + name + "': it has positional parameters, which a view cannot keep");
        }
        context.unregisterScan(name);
        try (Result r = run("CREATE OR REPLACE TEMPORARY VIEW " + JavaValues.quoteIdentifier(name) + " AS " + relation.sql(), List.of())) {
            r.updateCount();
        }
        return this;
    }

    /**
     * Makes a data source queryable by {@code name} in this connection, in front of any table or view
     * of that name: a {@link io.tealdb.function.TableFunction} (what module tealdb-arrow builds for an
     * Arrow stream) producing {@code types} columns called {@code names}. It stays registered until
     * {@link #unregister} or the connection closes; it is scanned in place by every query naming it.
     */
    public Connection register(String name, io.tealdb.function.TableFunction source, List<String> names, List<LogicalType> types) {
        checkOpen();
        context.registerScan(name, new io.tealdb.planner.FunctionResolver.BoundTableFunction(source, List.copyOf(names), List.copyOf(types)));
        return this;
    }

    /**
     * A relation reading a data source (see {@link #register(String, io.tealdb.function.TableFunction, List, List)}),
     * registered under a generated name that {@link Relation#alias()} returns.
     */
    public Relation from(io.tealdb.function.TableFunction source, List<String> names, List<LogicalType> types) {
        String name = "teal_source_" + SOURCES.incrementAndGet();
        register(name, source, names, types);
        return new Relation(this, "SELECT * FROM " + name, List.of(), name);
    }

    private static final java.util.concurrent.atomic.AtomicLong SOURCES = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Resolves table names that nothing in the catalog or this connection's registrations has (or,
     * with null, stops doing so): DuckDB's replacement scan, e.g. for DataFrames named in SQL.
     */
    public Connection setReplacementScan(ReplacementScan scan) {
        checkOpen();
        context.setReplacementScan(scan == null ? null : name -> {
            ReplacementScan.Source s = scan.resolve(name);
            return s == null ? null : new io.tealdb.planner.FunctionResolver.BoundTableFunction(s.function(), s.names(), s.types());
        });
        return this;
    }

    /**
     * Registers a vectorized scalar function on the database, callable from SQL by {@code name} on every
     * connection (DuckDB's {@code create_function}); calls are cast to {@code parameters}. Rows with a
     * NULL argument are NULL without reaching {@code kernel} (DuckDB's default null handling); see
     * {@link #createFunction(io.tealdb.function.UserScalarFunction)} for the other options.
     */
    public Connection createFunction(String name, List<LogicalType> parameters, LogicalType returnType, io.tealdb.function.ScalarKernel kernel) {
        return createFunction(new io.tealdb.function.UserScalarFunction(name, parameters, returnType, kernel,
                io.tealdb.function.UserScalarFunction.NullHandling.DEFAULT, false));
    }

    /** Registers a scalar function with its null handling and side-effect flag spelled out. */
    public Connection createFunction(io.tealdb.function.UserScalarFunction function) {
        checkOpen();
        context.createFunction(function);
        return this;
    }

    /** Removes a function registered with {@link #createFunction}; InvalidInput when there is none. */
    public Connection removeFunction(String name) {
        checkOpen();
        context.removeFunction(name);
        return this;
    }

    /** Removes a registered relation or data source. */
    public Connection unregister(String name) {
        checkOpen();
        if (context.unregisterScan(name)) {
            return this;
        }
        try (Result r = run("DROP VIEW IF EXISTS " + JavaValues.quoteIdentifier(name), List.of())) {
            r.updateCount();
        }
        return this;
    }

    /** A bulk appender into table {@code table} of schema main (or "schema.table"). */
    public Appender appender(String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? appender("main", table) : appender(table.substring(0, dot), table.substring(dot + 1));
    }

    public Appender appender(String schema, String table) {
        checkOpen();
        return new Appender(context.appender(schema, table), schema + "." + table);
    }

    /** Another connection to the same database (DuckDB's {@code cursor()}/{@code duplicate()}). */
    public Connection duplicate() {
        checkOpen();
        return database.attach(context.duplicate());
    }

    public Connection cursor() {
        return duplicate();
    }

    public void begin() {
        execute("BEGIN TRANSACTION").close();
    }

    public void commit() {
        execute("COMMIT").close();
    }

    public void rollback() {
        execute("ROLLBACK").close();
    }

    public boolean inTransaction() {
        return context().inTransaction();
    }

    /** Cancels the running statement (from another thread). */
    public void interrupt() {
        context.interrupt();
    }

    /** Progress of the running statement in [0,1], or -1. */
    public double progress() {
        return context.progress();
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                context.close();
            } finally {
                database.connectionClosed();
            }
        }
    }
}
