package io.tealdb.session;

import io.tealdb.settings.SessionSettings;
import io.tealdb.settings.Settings;
import io.tealdb.catalog.Catalog;
import io.tealdb.catalog.TableEntry;
import io.tealdb.error.InternalException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.error.TealException;
import io.tealdb.error.TransactionException;
import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.QueryExecutor;
import io.tealdb.execution.ResultStream;
import io.tealdb.optimizer.CardinalityEstimator;
import io.tealdb.optimizer.Optimizer;
import io.tealdb.parser.Parser;
import io.tealdb.parser.ParserException;
import io.tealdb.parser.ast.*;
import io.tealdb.planner.*;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.planner.logical.LogicalProjection;
import io.tealdb.planner.logical.LogicalValues;
import io.tealdb.storage.MetaTransaction;
import io.tealdb.storage.Transaction;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A session: parses, binds, optimizes and executes statements in auto-commit mode (a transaction
 * per statement) or inside BEGIN ... COMMIT. Every statement runs between the storage
 * transaction's statement savepoint calls, so a failing statement changes nothing. A statement
 * that fails inside BEGIN ... COMMIT (in binding, execution or while its result streams; not a
 * parser error, which happens before the statement exists) aborts the transaction as in DuckDB
 * and PostgreSQL: until ROLLBACK every statement fails with "Current transaction is aborted
 * (please ROLLBACK)", and COMMIT rolls it back.
 */
final class ClientContextImpl implements ClientContext {
    final DatabaseImpl db;
    /** The open BEGIN ... COMMIT transaction over the attached databases it touches; null in auto-commit mode. */
    private MetaTransaction transaction;
    /** Begins, commits and checks this session's per-database transactions. */
    final SessionDatabases transactionDatabases;
    /** The session's current database (USE) by name; null for the instance's own database. */
    private String databaseName;
    /** The session's current schema (USE db.schema); null for the database's default schema (main). */
    private String schemaName;
    /**
     * The search path after the current schema (SET search_path = 'a,b' keeps b here): each entry
     * {database name, schema (null: main)}, searched in order before main for unqualified names.
     */
    private List<String[]> pathRest = List.of();
    /** The search path as last set (USE, SET schema, SET search_path), as DuckDB shows it; null while it is the default. */
    private String pathText;
    /** Whether the search path's first entry names its database (db.schema, db): DuckDB then shows later bare schemas with it too. */
    private boolean pathQualified;

    /** True while BEGIN ... COMMIT is open in this session. */
    boolean inExplicitTransaction() {
        return transaction != null;
    }
    /** The open transaction when it was started READ ONLY (identity check, so it ends with it). */
    private MetaTransaction readOnlyTransaction;
    /** The open transaction once a statement in it failed (identity check, so it ends with it); see the class comment. */
    private MetaTransaction abortedTransaction;
    private volatile ExecutionContext running;
    /** Set by interrupt() (any thread), cleared when the next statement starts. */
    private volatile boolean cancelRequested;
    private QueryResultImpl openResult;
    final Map<String, Value> variables = new HashMap<>();
    final SessionSettings settings;
    private final Map<String, Statement> prepared = new HashMap<>();
    /** Data sources the application registered by name (an Arrow stream, ...); lower-case keys, this session only. */
    private final Map<String, io.tealdb.planner.FunctionResolver.BoundTableFunction> registeredScans =
            new java.util.concurrent.ConcurrentHashMap<>();
    private boolean closed;
    private final Statements statements = new Statements(this);

    ClientContextImpl(DatabaseImpl db) {
        this.db = db;
        this.settings = new SessionSettings(db.settings);
        this.transactionDatabases = new SessionDatabases(db.databases);
        settings.delegate(Settings.SCHEMA, new SessionSettings.Delegate() {
            @Override
            public String get() {
                return pathText == null ? null : schemaName == null ? Catalog.DEFAULT_SCHEMA : schemaName;
            }

            @Override
            public String set(String value) {
                if (value == null) resetSearchPath();
                else setSearchPath(Settings.SCHEMA.name(), CatalogSearch.parsePath(value, true), -1);
                return get();
            }
        });
        settings.delegate(Settings.SEARCH_PATH, new SessionSettings.Delegate() {
            @Override
            public String get() {
                return pathText;
            }

            @Override
            public String set(String value) {
                List<List<String>> entries = value == null ? List.of() : postgresEntries(CatalogSearch.parsePath(value, false));
                if (entries.isEmpty()) resetSearchPath();
                else setSearchPath(Settings.SEARCH_PATH.name(), entries, -1);
                return pathText;
            }
        });
    }

    /**
     * The entries of a search path a PostgreSQL client sets ({@code "$user", public}) that mean
     * something here: {@code $user}, {@code pg_catalog} and {@code pg_temp} are always searched and
     * are left out, and {@code public} is main unless the database has a schema of that name.
     */
    private List<List<String>> postgresEntries(List<List<String>> entries) {
        List<List<String>> out = new ArrayList<>(entries.size());
        for (List<String> e : entries) {
            String only = e.size() == 1 ? e.get(0) : null;
            if (only != null && (only.equals("$user") || only.equalsIgnoreCase("pg_catalog") || only.equalsIgnoreCase("pg_temp"))) continue;
            if (only != null && only.equalsIgnoreCase("public") && !schemaExists(currentDatabase(), only)) {
                e = List.of(Catalog.DEFAULT_SCHEMA);
            }
            out.add(e);
        }
        return out;
    }

    // ---------------------------------------------------------------- attached databases

    /** The session's current database (USE); a CatalogException once it was detached. */
    AttachedDatabase currentDatabase() {
        if (databaseName == null) return db.databases.initial();
        AttachedDatabase d = db.databases.get(databaseName);
        if (d == null) {
            throw new io.tealdb.error.CatalogException("Catalog Error: the current database \"" + databaseName
                    + "\" was detached - select another one with USE");
        }
        return d;
    }

    /** Name resolution over the attached databases for a statement running in {@code txn}. */
    CatalogSearch search(Transaction txn) {
        List<CatalogSearch.Target> rest = List.of();
        if (!pathRest.isEmpty()) {
            rest = new ArrayList<>(pathRest.size());
            for (String[] e : pathRest) {
                AttachedDatabase d = db.databases.get(e[0]);
                if (d != null) rest.add(new CatalogSearch.Target(d, e[1])); // a detached database drops out of the path
            }
        }
        return new CatalogSearch(transactionDatabases, currentDatabase(), schemaName, rest, txn);
    }

    /** Begins a transaction rooted in the current database; it joins other attached databases as it touches them. */
    MetaTransaction beginTransaction() {
        return new MetaTransaction(transactionDatabases, currentDatabase().storage().transactions());
    }

    /** USE: switches the current database and/or schema, DuckDB's rules (a schema of the current database first, then a database); DuckDB's SET schema. */
    void use(io.tealdb.parser.ast.QualifiedName name, int pos) {
        List<io.tealdb.parser.ast.Identifier> parts = name.parts();
        if (parts.size() > 2) {
            throw new ParserException("Expected \"USE database\" or \"USE database.schema\"", pos);
        }
        List<String> entry = new ArrayList<>(parts.size());
        for (io.tealdb.parser.ast.Identifier p : parts) entry.add(p.text());
        setSearchPath(Settings.SCHEMA.name(), List.of(entry), pos);
    }

    /**
     * Sets the session's search path (USE, SET schema, SET search_path) to {@code entries}, each
     * {@code [database, schema]}, {@code [database]} or {@code [schema]}: the first one becomes the current
     * database and schema, the others are searched after it (in the database the first one selected,
     * as DuckDB resolves them). Every entry is checked first: an error names the first that names no
     * database or schema and changes nothing.
     */
    private void setSearchPath(String setting, List<List<String>> entries, int pos) {
        AttachedDatabase base = currentDatabase();
        List<String[]> resolved = new ArrayList<>(entries.size());
        StringBuilder text = new StringBuilder();
        boolean qualified = pathQualified; // the first entry inherits the path's, the others the first one's
        for (List<String> e : entries) {
            String written = String.join(".", e);
            boolean entryQualified = true;
            if (e.get(0).equalsIgnoreCase(AttachedDatabase.TEMP_NAME)) {
                // temporary objects are reached by name (temp.t), never made the default, as in DuckDB
                throw new io.tealdb.error.CatalogException("SET " + setting + " cannot be set to internal schema \"temp\"", pos);
            }
            String database;
            String schema;
            if (e.size() == 2) {
                AttachedDatabase d = db.databases.get(e.get(0));
                if (d == null || !schemaExists(d, e.get(1))) throw noSuchCatalogOrSchema(setting, written, pos);
                database = d.name();
                schema = e.get(1);
            } else {
                // a schema of the current database first, else a database (its main schema), as DuckDB resolves it
                AttachedDatabase d = db.databases.get(e.get(0));
                if (schemaExists(base, e.get(0))) {
                    database = base.name();
                    schema = e.get(0);
                    entryQualified = qualified;
                    if (qualified) written = base.name() + "." + written;
                } else if (d != null) {
                    database = d.name();
                    schema = null;
                    written = d.name() + "." + Catalog.DEFAULT_SCHEMA;
                } else {
                    throw noSuchCatalogOrSchema(setting, written, pos);
                }
            }
            if (resolved.isEmpty()) {
                base = db.databases.get(database);
                qualified = entryQualified;
            }
            resolved.add(new String[] {database, schema == null || schema.equalsIgnoreCase(Catalog.DEFAULT_SCHEMA) ? null : schema});
            text.append(text.isEmpty() ? "" : ",").append(written);
        }
        databaseName = resolved.get(0)[0];
        schemaName = resolved.get(0)[1];
        pathRest = List.copyOf(resolved.subList(1, resolved.size()));
        pathText = text.toString();
        pathQualified = qualified;
    }

    /** RESET schema / search_path: the current database's main schema, nothing else searched. */
    private void resetSearchPath() {
        schemaName = null;
        pathRest = List.of();
        pathText = null;
        pathQualified = false;
    }

    private boolean schemaExists(AttachedDatabase d, String schema) {
        return inTransactionOrCurrent(txn -> d.catalog().schemaExists(txn, schema));
    }

    private static io.tealdb.error.CatalogException noSuchCatalogOrSchema(String setting, String name, int pos) {
        return new io.tealdb.error.CatalogException("SET " + setting + ": No catalog + schema named \"" + name + "\" found.", pos);
    }

    /** ATTACH [DATABASE] [IF NOT EXISTS] path [AS alias] [(READ_ONLY | READ_WRITE | TYPE duckdb)]. */
    private QueryResult attach(Attach a) {
        Value path = constant(a.path());
        if (path.isNull()) throw new io.tealdb.error.BinderException("ATTACH path cannot be NULL", a.pos());
        boolean readOnly = false;
        for (io.tealdb.parser.ast.Option o : a.options()) {
            String key = o.name().text().toLowerCase(Locale.ROOT);
            String value = o.values().isEmpty() ? null : String.valueOf(constant(o.values().get(0)).object());
            switch (key) {
                case "read_only", "readonly" -> readOnly = value == null || isTrue(value);
                case "read_write" -> readOnly = value != null && !isTrue(value);
                case "access_mode" -> readOnly = DatabaseFactory.readOnly(Map.of("access_mode", value == null ? "" : value));
                case "type" -> {
                    if (value == null || !(value.equalsIgnoreCase("duckdb") || value.equalsIgnoreCase("teal") || value.equalsIgnoreCase("tealdb"))) {
                        throw new io.tealdb.error.BinderException("Unsupported database type \"" + value + "\" for ATTACH: only DuckDB-style"
                                + " TealDB database files can be attached", a.pos());
                    }
                }
                default -> throw new io.tealdb.error.BinderException("Unrecognized option for attach \"" + o.name().text() + "\"", a.pos());
            }
        }
        db.databases.attach(String.valueOf(path.object()), a.alias() == null ? null : a.alias().text(), readOnly, a.ifNotExists());
        return QueryResultImpl.empty();
    }

    private static boolean isTrue(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "t", "on", "yes" -> true;
            default -> false;
        };
    }

    /** DETACH [DATABASE] [IF EXISTS] name: never the session's current database, nor one the open transaction used. */
    private QueryResult detach(Detach d) {
        String name = d.name().text();
        AttachedDatabase target = db.databases.get(name);
        if (target != null && target == currentDatabase()) {
            throw new io.tealdb.error.BinderException("Cannot detach database \"" + name + "\" because it is the default database."
                    + " Select a different database using `USE` to allow detaching this database", d.pos());
        }
        if (target != null && transaction != null && transaction.touches(target.storage().transactions())) {
            throw new TransactionException("Cannot detach database \"" + name + "\" because the current transaction has outstanding"
                    + " work on it - commit or rollback first", d.pos());
        }
        db.databases.detach(name, d.ifExists());
        return QueryResultImpl.empty();
    }


    // ---------------------------------------------------------------- ClientContext

    @Override
    public QueryResult execute(String sql, List<Value> params) {
        checkOpen();
        closeOpenResult();
        List<Statement> list = parse(sql);
        QueryResult last = QueryResultImpl.empty();
        for (int i = 0; i < list.size(); i++) {
            last.close();
            int end = i + 1 < list.size() ? list.get(i + 1).pos() : sql.length();
            last = run(list.get(i), params == null ? List.of() : params, new SqlSource(sql, end));
        }
        return last;
    }

    @Override
    public PreparedQuery prepare(String sql) {
        checkOpen();
        closeOpenResult();
        Statement statement = guard(() -> Parser.parseStatement(sql));
        try {
            return guard(() -> new PreparedQueryImpl(this, statement, new SqlSource(sql, sql.length())));
        } catch (RuntimeException e) {
            throw depthError(e, statement);
        }
    }

    @Override
    public TableAppender appender(String schema, String table) {
        return appender(schema, table, java.util.Set.of());
    }

    @Override
    public TableAppender appender(String schema, String table, java.util.Set<String> given) {
        checkOpen();
        closeOpenResult();
        stateChanges++;
        return guard(() -> new TableAppenderImpl(this, schema, table, given));
    }

    @Override
    public SessionSettings settings() {
        return settings;
    }

    @Override
    public void interrupt() {
        // flag first, then the running context; start() does the reverse, so a cancel that arrives
        // while the statement is still being parsed, bound or optimized is never lost
        cancelRequested = true;
        ExecutionContext ctx = running;
        if (ctx != null) ctx.interrupt(cancelReason);
    }

    /**
     * The statement as kernels and rewrites see it while it is optimized (before it has an
     * ExecutionContext): cancelled when {@link #interrupt} was called; nothing is accounted.
     */
    private final io.tealdb.memory.StatementGuard.Statement planning = new io.tealdb.memory.StatementGuard.Statement() {
        @Override
        public void checkInterrupted() {
            if (cancelRequested) {
                String reason = cancelReason;
                throw new io.tealdb.error.InterruptException(reason != null ? reason : "Interrupted!");
            }
        }

        @Override
        public void reserveMemory(long bytes, String what) {
        }

        @Override
        public void releaseMemory(long bytes) {
        }
    };

    // ---------------------------------------------------------------- statement_timeout

    /** Why the running statement is being cancelled when it is not the user's request (a timeout); null otherwise. */
    private volatile String cancelReason;
    private volatile java.util.concurrent.ScheduledFuture<?> timeout;

    /**
     * Arms {@code statement_timeout} for the statement starting now. It stays armed while the
     * statement's result streams (closing it disarms), so a client that reads slowly is cancelled
     * too, as in PostgreSQL.
     */
    void armTimeout() {
        disarmTimeout();
        cancelReason = null;
        long ms = settings.number(Settings.STATEMENT_TIMEOUT);
        if (ms <= 0) return;
        timeout = StatementTimer.schedule(() -> {
            cancelReason = "canceling statement due to statement timeout (statement_timeout = " + ms + " ms)";
            interrupt();
        }, ms);
    }

    void disarmTimeout() {
        java.util.concurrent.ScheduledFuture<?> t = timeout;
        timeout = null;
        if (t != null) t.cancel(false);
    }

    @Override
    public double progress() {
        ExecutionContext ctx = running;
        return ctx == null ? -1 : ctx.progress();
    }

    @Override
    public boolean flag(io.tealdb.settings.Setting s) {
        return settings.flag(s);
    }

    @Override
    public java.time.ZoneId timeZone() {
        return io.tealdb.types.TimeZones.resolve(settings.get(Settings.TIME_ZONE));
    }

    @Override
    public boolean inTransaction() {
        return transaction != null;
    }

    @Override
    public boolean transactionAborted() {
        return transaction != null && transaction == abortedTransaction;
    }

    @Override
    public void resumeAbortedTransaction() {
        abortedTransaction = null;
    }

    /** A statement failed: an open explicit transaction is aborted until ROLLBACK (or COMMIT, which rolls it back). */
    private void statementFailed() {
        if (transaction != null) abortedTransaction = transaction;
    }

    /** Refuses to run a statement in an aborted transaction (DuckDB's message and error kind). */
    private void checkNotAborted() {
        if (transactionAborted()) throw new TransactionException("Current transaction is aborted (please ROLLBACK)");
    }

    /** COMMIT, ROLLBACK and ABORT end an aborted transaction; everything else is refused in it. */
    private static boolean endsTransaction(Statement statement) {
        return statement instanceof io.tealdb.parser.ast.Transaction t && t.kind() != io.tealdb.parser.ast.TransactionKind.BEGIN;
    }

    @Override
    public void registerScan(String name, io.tealdb.planner.FunctionResolver.BoundTableFunction source) {
        if (name == null || name.isEmpty()) throw new InvalidInputException("a registered table needs a name");
        if (source.names().size() != source.types().size() || source.names().isEmpty()) {
            throw new InvalidInputException("registered table '" + name + "' needs one name per column and at least one column");
        }
        registeredScans.put(name.toLowerCase(java.util.Locale.ROOT), source);
        stateChanges++;
    }

    /** Resolves names nothing else knows (see {@link #setReplacementScan}); null when unset. */
    private volatile java.util.function.Function<String, io.tealdb.planner.FunctionResolver.BoundTableFunction> replacementScan;

    @Override
    public void setReplacementScan(java.util.function.Function<String, io.tealdb.planner.FunctionResolver.BoundTableFunction> scan) {
        replacementScan = scan;
        stateChanges++;
    }

    @Override
    public boolean unregisterScan(String name) {
        stateChanges++;
        return registeredScans.remove(name.toLowerCase(java.util.Locale.ROOT)) != null;
    }

    @Override
    public ClientContext duplicate() {
        checkOpen();
        return db.connect();
    }

    @Override
    public void close() {
        if (closed) return;
        try {
            closeOpenResult();
        } finally {
            closed = true;
            if (transaction != null) {
                try {
                    transaction.rollback();
                } catch (RuntimeException ignored) {
                    // closing anyway
                }
                transaction = null;
            }
            transactionDatabases.close(); // temporary objects end with the session
            db.closed(this);
        }
    }

    private void checkOpen() {
        if (closed) throw new TealException("Connection has already been closed");
    }

    /**
     * Grows with every statement this session runs and every change to the data sources it registered:
     * with the open transaction and the settings it makes up {@link #bindingStamp()}.
     */
    private long stateChanges;

    /**
     * What binding a statement depends on besides its text and parameter values: the open transaction
     * (its snapshot of the catalog), the statements this session ran since (DDL, SET VARIABLE, USE) and
     * the settings. A statement bound while the stamp is equal binds to the same plan.
     */
    record BindingStamp(MetaTransaction transaction, long statements, long settings) {
    }

    /** The binding stamp now; null outside BEGIN ... COMMIT (each auto-commit statement has its own snapshot). */
    BindingStamp bindingStamp() {
        return transaction == null ? null : new BindingStamp(transaction, stateChanges, settings.changes());
    }

    /** Statements bound (queries' plans and prepared statements' metadata): tests check that nothing is bound twice. */
    long binds;

    void closeOpenResult() {
        QueryResultImpl r = openResult;
        openResult = null;
        if (r != null) r.close();
    }

    // ---------------------------------------------------------------- statement plumbing

    /** The SQL text a statement came from (for CREATE VIEW's stored text). */
    record SqlSource(String sql, int end) {
        String text(int from) {
            String s = sql.substring(from, Math.max(from, end)).strip();
            while (s.endsWith(";")) s = s.substring(0, s.length() - 1).strip();
            return s;
        }
    }

    static List<Statement> parse(String sql) {
        return guard(() -> Parser.parse(sql));
    }

    /** Runs {@code body}, turning parser errors and unexpected Java exceptions into TealExceptions. */
    static <T> T guard(java.util.function.Supplier<T> body) {
        return guard(body, null);
    }

    /**
     * The net under every statement: an unexpected Java exception becomes an InternalException that
     * names the statement ({@code sql}, may be null), and a heap exhausted by the statement an
     * OutOfMemoryException. Either way the statement's transaction work is rolled back by the
     * caller and the database stays usable. It is a net, not a substitute for typed errors at the
     * cause.
     */
    static <T> T guard(java.util.function.Supplier<T> body, String sql) {
        try {
            return body.get();
        } catch (TealException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new InvalidInputException("statement is nested too deeply", e);
        } catch (OutOfMemoryError e) {
            throw new io.tealdb.error.OutOfMemoryException("the JVM heap is exhausted (" + e.getMessage()
                    + "); the statement was stopped" + statementSuffix(sql), e);
        } catch (RuntimeException e) {
            throw new InternalException(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + statementSuffix(sql), e);
        }
    }

    private static String statementSuffix(String sql) {
        if (sql == null || sql.isEmpty()) return "";
        String s = sql.length() > 200 ? sql.substring(0, 200) + "..." : sql;
        return " [statement: " + s + "]";
    }

    /** The text of {@code statement}, for error messages. */
    private static String statementText(Statement statement, SqlSource source) {
        try {
            return source == null ? null : source.text(Math.max(0, Math.min(statement.pos(), source.end())));
        } catch (RuntimeException e) {
            return null;
        }
    }

    QueryResult run(Statement statement, List<Value> params, SqlSource source) {
        return run(statement, params, source, null);
    }

    /**
     * Runs {@code statement}; {@code bound}, when not null, is the plan of this query statement that
     * {@link PreparedQueryImpl} bound for its metadata under the current {@link #bindingStamp()}, used
     * instead of binding the statement again.
     */
    QueryResult run(Statement statement, List<Value> params, SqlSource source, BoundQuery bound) {
        stateChanges++;
        cancelRequested = false; // a cancel applies to the statement running when it arrives
        armTimeout();
        boolean streaming = false;
        try {
            if (!endsTransaction(statement)) checkNotAborted();
            String text = statementText(statement, source);
            QueryResult r = guard(() -> dispatch(statement, params, source, bound), text);
            streaming = r != null && r == openResult; // its close disarms the timeout
            return r instanceof QueryResultImpl q ? q.statement(text) : r;
        } catch (RuntimeException e) {
            statementFailed();
            throw depthError(e, statement);
        } finally {
            if (!streaming) disarmTimeout();
        }
    }

    /** A stack overflow while handling {@code statement}, reported as DuckDB does when an expression nests too deeply. */
    private RuntimeException depthError(RuntimeException e, Statement statement) {
        if (e instanceof InvalidInputException && e.getCause() instanceof StackOverflowError) {
            ParserException tooDeep = io.tealdb.planner.ExpressionDepth.exceeded(statement, maxExpressionDepth());
            if (tooDeep != null) return tooDeep;
        }
        return e;
    }

    /** A statement that writes fails in a READ ONLY transaction, as in DuckDB (unless it writes the session's temporary objects). */
    void checkWritable(Statement statement) {
        if (transaction != null && transaction == readOnlyTransaction && modifiesDatabase(statement)
                && !statements.writesTemporary(statement, transaction.root())) {
            throw new TransactionException("Cannot write to database \"" + currentDatabase().name()
                    + "\" - transaction is launched in read-only mode", statement.pos());
        }
    }

    /** The {@code max_expression_depth} setting (DuckDB's default: 1000). */
    private int maxExpressionDepth() {
        return (int) settings.number(Settings.MAX_EXPRESSION_DEPTH);
    }

    /** Runs a non-query statement inside the given (already open) transaction, materializing results. */
    QueryResult runInCurrent(Statement statement, List<Value> params, SqlSource source, Transaction txn) {
        stateChanges++;
        if (statement instanceof SelectStatement s) {
            BoundQuery q = binder(txn, params).bindQuery(s.query());
            return QueryResultImpl.materializedChunks(q.names(), q.types(), collect(q.plan(), txn));
        }
        return statements.execute(statement, txn, params, source);
    }

    private QueryResult dispatch(Statement statement, List<Value> params, SqlSource source) {
        return dispatch(statement, params, source, null);
    }

    private QueryResult dispatch(Statement statement, List<Value> params, SqlSource source, BoundQuery bound) {
        transactionDatabases.statementType = statementType(statement);
        return switch (statement) {
            case io.tealdb.parser.ast.Transaction t -> transactionStatement(t);
            case SelectStatement s -> query(s.query(), params, bound);
            case Prepare p -> {
                validatePrepared(p.statement());
                prepared.put(p.name().text().toLowerCase(Locale.ROOT), p.statement());
                yield QueryResultImpl.empty();
            }
            case Execute e -> {
                Statement st = prepared.get(e.name().text().toLowerCase(Locale.ROOT));
                if (st == null) throw new InvalidInputException("Prepared statement \"" + e.name().text() + "\" does not exist");
                List<Value> args = new ArrayList<>();
                for (Expr a : e.args()) args.add(constant(a));
                int expected = io.tealdb.planner.Binder.parameterCount(st);
                if (args.size() > expected) {
                    StringBuilder excess = new StringBuilder();
                    for (int i = expected + 1; i <= args.size(); i++) excess.append(excess.isEmpty() ? "" : ", ").append(i);
                    throw new InvalidInputException("Parameter argument/count mismatch, identifiers of the excess parameters: " + excess);
                }
                yield dispatch(st, args, source);
            }
            case Deallocate d -> {
                if (d.name() == null) prepared.clear();
                else prepared.remove(d.name().text().toLowerCase(Locale.ROOT));
                yield QueryResultImpl.empty();
            }
            case Explain e -> statements.explain(e, params);
            case SetVariable s -> statements.set(s);
            case ResetVariable r -> statements.reset(r);
            case Pragma p -> statements.pragma(p, params, source);
            case Load l -> QueryResultImpl.empty();
            case Checkpoint c -> {
                AttachedDatabase target = c.database() == null ? currentDatabase() : db.databases.get(c.database().text());
                if (target == null) {
                    throw new io.tealdb.error.BinderException("Database \"" + c.database().text() + "\" not found", c.pos());
                }
                target.storage().checkpoint();
                yield QueryResultImpl.empty();
            }
            case Vacuum v -> {
                // VACUUM compacts by checkpointing: deleted rows are left out and a free tail is cut off the file
                currentDatabase().storage().checkpoint();
                yield QueryResultImpl.empty();
            }
            case Use u -> {
                use(u.name(), u.pos());
                yield QueryResultImpl.empty();
            }
            case io.tealdb.parser.ast.ExportDatabase e -> inTransaction(txn -> DatabaseExport.export(this, txn, e));
            case io.tealdb.parser.ast.ImportDatabase i -> importDatabase(i);
            case Attach a -> attach(a);
            case Detach d -> detach(d);
            default -> {
                checkWritable(statement);
                yield inTransaction(txn -> statements.execute(statement, txn, params, source));
            }
        };
    }

    /** IMPORT DATABASE: the exported schema.sql, then load.sql, statement by statement in this session. */
    private QueryResult importDatabase(io.tealdb.parser.ast.ImportDatabase i) {
        Value dir = inTransaction(txn -> {
            io.tealdb.planner.Binder b = binder(txn, null);
            return b.constantValue(b.bindConstantExpression(i.path()), i.path().pos());
        });
        if (dir.isNull()) throw new InvalidInputException("IMPORT DATABASE directory cannot be NULL");
        for (String script : DatabaseExport.importScripts(String.valueOf(dir.object()))) {
            List<Statement> list = parse(script);
            // a view naming a view created later (another writer's order) is retried once the rest exists
            List<Integer> pending = new ArrayList<>();
            for (int k = 0; k < list.size(); k++) {
                try {
                    dispatch(list.get(k), List.of(), source(script, list, k)).close();
                } catch (io.tealdb.error.CatalogException e) {
                    if (!(list.get(k) instanceof CreateView)) throw e;
                    pending.add(k);
                }
            }
            while (!pending.isEmpty()) {
                List<Integer> still = new ArrayList<>();
                io.tealdb.error.CatalogException last = null;
                for (int k : pending) {
                    try {
                        dispatch(list.get(k), List.of(), source(script, list, k)).close();
                    } catch (io.tealdb.error.CatalogException e) {
                        still.add(k);
                        last = e;
                    }
                }
                if (still.size() == pending.size()) throw last;
                pending = still;
            }
        }
        return QueryResultImpl.empty();
    }

    private static SqlSource source(String script, List<Statement> list, int k) {
        return new SqlSource(script, k + 1 < list.size() ? list.get(k + 1).pos() : script.length());
    }

    /** PREPARE binds its statement once, as DuckDB does, so errors that need no parameter values surface there. */
    private void validatePrepared(Statement statement) {
        try {
            switch (statement) {
                case SelectStatement s -> inTransaction(txn -> binder(txn, null).bindQuery(s.query()));
                case Insert i -> inTransaction(txn -> binder(txn, null).bind(i));
                case Update u -> inTransaction(txn -> binder(txn, null).bind(u));
                case Delete d -> inTransaction(txn -> binder(txn, null).bind(d));
                default -> {
                }
            }
        } catch (io.tealdb.error.ParameterValueNeededException e) {
            // binds at EXECUTE, when the parameter's value decides the table function's columns
        }
    }

    /** DuckDB's statement type names, used in the error for writing to a database attached READ_ONLY. */
    private static String statementType(Statement statement) {
        return switch (statement) {
            case Insert i -> "INSERT";
            case Update u -> "UPDATE";
            case Delete d -> "DELETE";
            case Truncate t -> "DELETE";
            case Merge m -> "MERGE_INTO";
            case CreateTable c -> "CREATE";
            case CreateView v -> "CREATE";
            case CreateSchema c -> "CREATE";
            case CreateSequence c -> "CREATE";
            case CreateIndex c -> "CREATE";
            case CreateMacro c -> "CREATE";
            case CreateType c -> "CREATE";
            case Drop d -> "DROP";
            case AlterTable a -> "ALTER";
            case Copy c -> "COPY";
            case SelectStatement s -> "SELECT";
            default -> "UNKNOWN";
        };
    }

    /** Statements a READ ONLY transaction refuses: they change data or the catalog. */
    private static boolean modifiesDatabase(Statement statement) {
        return switch (statement) {
            case Insert i -> true;
            case Update u -> true;
            case Delete d -> true;
            case Truncate t -> true;
            case CreateTable c -> true;
            case CreateView v -> true;
            case CreateSchema c -> true;
            case CreateSequence c -> true;
            case CreateIndex c -> true;
            case CreateMacro c -> true;
            case CreateType c -> true;
            case Drop d -> true;
            case AlterTable a -> true;
            case Copy c -> c.from();
            case io.tealdb.parser.ast.ImportDatabase i -> true;
            default -> false;
        };
    }

    private QueryResult transactionStatement(io.tealdb.parser.ast.Transaction t) {
        switch (t.kind()) {
            case BEGIN -> {
                if (transaction != null) throw new TransactionException("cannot start a transaction within a transaction");
                transaction = beginTransaction();
                readOnlyTransaction = t.readOnly() ? transaction : null;
            }
            case COMMIT -> {
                if (transaction == null) throw new TransactionException("cannot commit - no transaction is active");
                MetaTransaction txn = transaction;
                boolean aborted = transactionAborted();
                transaction = null;
                abortedTransaction = null;
                if (aborted) {
                    txn.rollback(); // DuckDB and PostgreSQL: COMMIT of an aborted transaction rolls it back
                    return QueryResultImpl.empty();
                }
                try {
                    txn.commit();
                } catch (RuntimeException e) {
                    rollbackQuietly(txn, e);
                    throw e;
                }
            }
            case ROLLBACK -> {
                if (transaction == null) throw new TransactionException("cannot rollback - no transaction is active");
                MetaTransaction txn = transaction;
                transaction = null;
                abortedTransaction = null;
                txn.rollback();
            }
        }
        return QueryResultImpl.empty();
    }

    static void rollbackQuietly(MetaTransaction txn, RuntimeException cause) {
        try {
            txn.rollback();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Runs one statement in the open transaction, or in its own auto-committed one. */
    <T> T inTransaction(Function<Transaction, T> body) {
        boolean auto = transaction == null;
        if (!auto) checkNotAborted();
        MetaTransaction meta = auto ? beginTransaction() : transaction;
        meta.beginStatement();
        T result;
        try {
            result = body.apply(meta.root());
            meta.commitStatement();
        } catch (RuntimeException | Error e) {
            try {
                meta.rollbackStatement();
            } catch (RuntimeException r) {
                e.addSuppressed(r);
            }
            if (auto) {
                RuntimeException wrapper = e instanceof RuntimeException re ? re : new InternalException(String.valueOf(e.getMessage()), e);
                rollbackQuietly(meta, wrapper);
            } else if (!(e instanceof io.tealdb.error.ParameterValueNeededException)) {
                // (a prepared statement whose shape needs a parameter's value signals it and binds later: no failure)
                statementFailed();
            }
            throw e;
        }
        if (auto) {
            try {
                meta.commit();
            } catch (RuntimeException e) {
                rollbackQuietly(meta, e);
                throw e;
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- binding and execution

    BinderEnvironment environment(Transaction txn) {
        return environment(txn, search(txn));
    }

    /** A binder environment resolving names with {@code search} (CREATE VIEW binds in the view's database). */
    BinderEnvironment environment(Transaction txn, CatalogSearch search) {
        return new BinderEnvironment(new SessionCatalog(search, registeredScans, replacementScan, settings), functionsForSettings(),
                text -> {
                    Statement s = guard(() -> Parser.parseStatement(text));
                    if (!(s instanceof SelectStatement q)) throw new InvalidInputException("view definition is not a query: " + text);
                    return q.query();
                },
                text -> guard(() -> Parser.parseExpression(text)),
                db.nullOrder, variables, e -> evaluate(e, txn), settings, plan -> collectNested(plan, txn));
    }

    /** The function resolver, honouring {@code ieee_floating_point_ops = false} (strict math errors). */
    private io.tealdb.planner.FunctionResolver functionsForSettings() {
        boolean strict = !settings.flag(Settings.IEEE_FLOATING_POINT_OPS);
        io.tealdb.planner.FunctionResolver builtins = strict && db.functions instanceof io.tealdb.planner.RegistryFunctionResolver reg
                ? reg.withStrictMath(true) : db.functions;
        io.tealdb.function.FunctionRegistry user = db.userFunctions.registry();
        return user == null ? builtins : new io.tealdb.planner.UserFunctionResolver(builtins, user);
    }

    @Override
    public void createFunction(io.tealdb.function.UserScalarFunction function) {
        checkOpen();
        stateChanges++;
        db.userFunctions.register(function);
    }

    @Override
    public void removeFunction(String name) {
        checkOpen();
        stateChanges++;
        db.userFunctions.remove(name);
    }

    Binder binder(Transaction txn, List<Value> params) {
        return new Binder(environment(txn), params);
    }

    /** A binder whose unqualified names resolve in {@code database} and {@code schema} (null: its search path). */
    Binder binderIn(Transaction txn, List<Value> params, AttachedDatabase database, String schema) {
        return new Binder(environment(txn, new CatalogSearch(transactionDatabases, database, schema, txn)), params);
    }

    /**
     * The database a running DDL/DML statement names as its target ({@code CREATE TABLE db.s.t},
     * {@code INSERT INTO db.t}); null when it is the current one. Set by {@link Statements} for the
     * statement's duration.
     */
    AttachedDatabase statementDatabase;

    /** The catalog of the running statement's target database, else of the session's current database (USE). */
    Catalog catalog() {
        AttachedDatabase d = statementDatabase;
        return d != null ? d.catalog() : currentDatabase().catalog();
    }

    /** A streaming query; in auto-commit mode its transaction ends when the result is exhausted or closed. */
    private QueryResult query(QueryNode node, List<Value> params, BoundQuery bound) {
        boolean auto = transaction == null;
        if (!auto) checkNotAborted();
        MetaTransaction meta = auto ? beginTransaction() : transaction;
        Transaction txn = meta.root();
        try {
            BoundQuery q = bound;
            if (q == null) {
                binds++;
                q = binder(txn, params).bindQuery(node);
            }
            ResultStream stream = start(q.plan(), txn);
            ExecutionContext ctx = running;
            QueryResultImpl result = QueryResultImpl.streaming(q.names(), q.types(), stream, success -> {
                ctx.releaseMemory();
                disarmTimeout();
                if (running == ctx) running = null;
                if (auto && meta.isActive()) {
                    if (success) meta.commit();
                    else meta.rollback();
                } else if (!success && transaction == meta) {
                    abortedTransaction = meta; // the query failed while its rows streamed
                }
            });
            openResult = result;
            return result;
        } catch (RuntimeException e) {
            ExecutionContext failed = running;
            if (failed != null) failed.releaseMemory();
            if (auto) rollbackQuietly(meta, e);
            throw e;
        }
    }

    /** Optimizes and starts a plan in {@code txn}; the caller drains or closes the stream. */
    ResultStream start(LogicalOperator plan, Transaction txn) {
        boolean singleRowError = settings.flag(Settings.SCALAR_SUBQUERY_ERROR_ON_MULTIPLE_ROWS);
        // optimizing has no ExecutionContext yet: the statement's cancel flag is what it checks
        LogicalOperator optimized = io.tealdb.memory.StatementGuard.within(planning, () -> Optimizer.standard(singleRowError).apply(plan));
        ExecutionContext ctx = new ExecutionContext(txn, db.threads(), db.scheduler, List.of())
                .withMemory(db.memory.newReservation()).withAdmission(db.admission);
        running = ctx;
        if (cancelRequested) ctx.interrupt(cancelReason);
        return QueryExecutor.execute(optimized, ctx, CardinalityEstimator::estimate);
    }

    /** Runs a plan to completion (DML sources, CTAS) and returns its chunks. */
    List<DataChunk> collect(LogicalOperator plan, Transaction txn) {
        try (ResultStream s = start(plan, txn)) {
            return QueryExecutor.drain(s);
        } finally {
            if (running != null) running.releaseMemory();
            running = null;
        }
    }

    /**
     * Runs {@code body} with {@code ctx} as the running context, so that interrupt() reaches work done
     * outside a statement's main plan (a SET value's subquery, EXPLAIN ANALYZE); afterwards the
     * context's memory is given back and the outer running context restored.
     */
    <T> T runRegistered(ExecutionContext ctx, java.util.function.Supplier<T> body) {
        ExecutionContext outer = running;
        running = ctx; // set before reading the flag: interrupt() sets the flag before reading running
        if (cancelRequested) ctx.interrupt();
        try {
            return body.get();
        } finally {
            ctx.releaseMemory();
            running = outer;
        }
    }

    /** Runs a query the binder needs the result of while binding another statement (PIVOT values). */
    private List<DataChunk> collectNested(LogicalOperator plan, Transaction txn) {
        ExecutionContext outer = running;
        try (ResultStream s = start(plan, txn)) {
            return QueryExecutor.drain(s);
        } finally {
            if (running != null) running.releaseMemory();
            running = outer;
        }
    }

    /**
     * Evaluates a constant expression (no columns) by running it over a one-row VALUES, in the
     * statement's transaction: the expression may hold uncorrelated subqueries that scan tables
     * (LIMIT (SELECT ...)).
     */
    Value evaluate(BoundExpr e, Transaction txn) {
        LogicalOperator plan = new LogicalProjection(1, List.of(e), new LogicalValues(0, List.of(), List.of(List.of())));
        ExecutionContext ctx = new ExecutionContext(txn, 1, db.scheduler, List.of()).withMemory(db.memory.newReservation());
        List<DataChunk> chunks = runRegistered(ctx, () -> QueryExecutor.collect(Optimizer.optimize(plan), ctx));
        for (DataChunk c : chunks) {
            if (c.size() > 0) return new Value(e.type(), c.column(0).getObject(0));
        }
        return Value.nullOf(e.type());
    }

    /** The value of a constant expression written in a statement (EXECUTE arguments, SET values). */
    Value constant(Expr e) {
        return inTransactionOrCurrent(txn -> {
            Binder b = binder(txn, null);
            BoundExpr bound = b.bindConstantExpression(e);
            return b.constantValue(bound, e.pos());
        });
    }

    private <T> T inTransactionOrCurrent(Function<Transaction, T> body) {
        if (transaction != null) {
            checkNotAborted();
            return body.apply(transaction.root());
        }
        MetaTransaction meta = beginTransaction();
        try {
            T r = body.apply(meta.root());
            meta.commit();
            return r;
        } catch (RuntimeException e) {
            rollbackQuietly(meta, e);
            throw e;
        }
    }

    /**
     * The table {@code [schema.]name} of the running statement's target database; outside a
     * statement with a target (the appender, PRAGMA table_info), by the search path: a temporary
     * table first, and {@code schema} may name a database ({@code temp}, an attached one).
     */
    TableEntry table(Transaction txn, String schema, String name) {
        if (statementDatabase == null) {
            TableEntry t = lookupTable(txn, schema, name);
            if (t == null) throw new io.tealdb.error.CatalogException("Table with name " + name + " does not exist!");
            return t;
        }
        return catalog().getTable(txn, schema, name);
    }

    /** The table {@code [schema.]name} by the search path (see {@link #table}), or null; a CatalogException for a missing schema. */
    private TableEntry lookupTable(Transaction txn, String schema, String name) {
        CatalogSearch search = search(txn);
        if (search.temporary(null, schema, io.tealdb.catalog.EntryKind.TABLE, name) instanceof TableEntry t) return t;
        if (schema == null) {
            for (CatalogSearch.Target t : search.path()) {
                if (t.schema() != null && !t.catalog().schemaExists(txn, t.schema())) continue;
                if (t.catalog().lookup(txn, io.tealdb.catalog.EntryKind.TABLE, t.schema(), name) instanceof TableEntry found) return found;
            }
            return null;
        }
        CatalogSearch.Target target = search.resolveExisting(null, schema,
                t -> t.catalog().lookup(txn, io.tealdb.catalog.EntryKind.TABLE, t.schema(), name) instanceof TableEntry);
        return target.catalog().lookup(txn, io.tealdb.catalog.EntryKind.TABLE, target.schema(), name) instanceof TableEntry t ? t : null;
    }

    @Override
    public TableEntry tableDefinition(String schema, String name) {
        return inTransactionOrCurrent(txn -> lookupTable(txn, schema, name));
    }
}
