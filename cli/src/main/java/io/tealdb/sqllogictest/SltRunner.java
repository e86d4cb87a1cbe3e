package io.tealdb.sqllogictest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Executes sqllogictest files (shared/sqllogictest/FORMAT.md) against databases obtained from a
 * {@link TestDatabaseFactory}. Every file gets a fresh database. A failing record does not stop
 * the file (later records still run, for a finer signal) but the file verdict is strict. Any
 * throwable from the driver fails the record, never the run; statements are cancelled after
 * {@link RunnerConfig#statementTimeout()} and a whole file is abandoned after
 * {@link RunnerConfig#fileTimeout()}.
 */
public final class SltRunner implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final List<String> SIGNED = List.of("tinyint", "smallint", "integer", "bigint", "hugeint");
    private static final List<String> UNSIGNED = List.of("utinyint", "usmallint", "uinteger", "ubigint", "uhugeint");

    private final RunnerConfig config;
    private final TestDatabaseFactory factory;
    private final Path rootDir;
    private final ScheduledExecutorService watchdog;
    private final AtomicInteger fileCounter = new AtomicInteger();

    public SltRunner(RunnerConfig config, TestDatabaseFactory factory) throws IOException {
        this.config = config;
        this.factory = factory;
        this.rootDir = prepareRoot(config);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(daemon("slt-watchdog"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Builds {@code <scratch>/root} with {@code data -> dataDir} and {@code test/sql -> corpusDir} (FORMAT.md 13). */
    private static Path prepareRoot(RunnerConfig config) throws IOException {
        Path root = config.scratchDir().toAbsolutePath().resolve("root");
        Files.createDirectories(root.resolve("test"));
        link(root.resolve("data"), config.dataDir().toAbsolutePath());
        link(root.resolve("test").resolve("sql"), config.corpusDir().toAbsolutePath());
        Files.createDirectories(root.resolve("tmp"));
        return root;
    }

    private static void link(Path link, Path target) throws IOException {
        if (Files.isSymbolicLink(link)) {
            if (Files.readSymbolicLink(link).equals(target)) {
                return;
            }
            Files.delete(link);
        }
        Files.createSymbolicLink(link, target);
    }

    public Path rootDir() {
        return rootDir;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    /** Runs one file; never throws. */
    public FileResult runFile(Path file) {
        String testName = testName(file);
        long start = System.nanoTime();
        ExecutorService exec = Executors.newSingleThreadExecutor(daemon("slt-file"));
        FileRun run = new FileRun(file, testName);
        try {
            Future<FileResult> f = exec.submit((java.util.concurrent.Callable<FileResult>) run::execute);
            try {
                return f.get(config.fileTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                run.abandon();
                return new FileResult(testName, FileResult.Status.FAILED, run.currentLine,
                        "file timed out after " + config.fileTimeout().toSeconds() + " s", run.recordsRun,
                        run.failures.size() + 1, List.copyOf(run.failures), millisSince(start));
            } catch (ExecutionException e) {
                return new FileResult(testName, FileResult.Status.FAILED, run.currentLine,
                        "runner error: " + e.getCause(), run.recordsRun, 1, List.of(), millisSince(start));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new FileResult(testName, FileResult.Status.FAILED, 0, "interrupted", 0, 1, List.of(),
                        millisSince(start));
            }
        } finally {
            exec.shutdownNow();
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private String testName(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path corpus = config.corpusDir().toAbsolutePath().normalize();
        if (abs.startsWith(corpus)) {
            return corpus.relativize(abs).toString().replace('\\', '/');
        }
        return file.toString();
    }

    // ------------------------------------------------------------------------------------------

    /** Control flow signals inside a file run. */
    private static final class SkipFile extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int line;

        SkipFile(int line, String reason) {
            super(reason, null, false, false);
            this.line = line;
        }
    }

    private static final class Halt extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Halt() {
            super(null, null, false, false);
        }
    }

    private static final class ContinueLoop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ContinueLoop() {
            super(null, null, false, false);
        }
    }

    /** The outcome of executing the SQL of one record. */
    private record Outcome(QueryResult result, Long updateCount, SQLException error) {}

    /** State of one file execution. */
    private final class FileRun {
        final Path file;
        final String testName;
        final List<String> failures = new ArrayList<>();
        volatile int currentLine;
        volatile int recordsRun;
        int firstFailLine;
        String firstFailReason;

        final Map<String, TestDatabase> databases = new LinkedHashMap<>();
        final Map<String, Connection> connections = new LinkedHashMap<>();
        Connection main;
        final Map<String, String> variables = new HashMap<>();
        final Map<String, String> labels = new HashMap<>();
        final LinkedHashMap<String, String> loopVars = new LinkedHashMap<>();
        final List<String> ignoreErrors = new ArrayList<>();
        final List<String> alwaysFailErrors = new ArrayList<>(List.of("INTERNAL"));
        int hashThreshold;
        Path testDir;
        volatile Statement running;

        FileRun(Path file, String testName) {
            this.file = file;
            this.testName = testName;
        }

        void abandon() {
            Statement s = running;
            if (s != null) {
                try {
                    s.cancel();
                } catch (Throwable ignored) {
                    // best effort
                }
            }
            // closing a hung engine may hang as well: do it off the caller's thread
            Thread t = new Thread(this::closeAll, "slt-close");
            t.setDaemon(true);
            t.start();
        }

        FileResult execute() {
            long start = System.nanoTime();
            List<SltRecord> records;
            try {
                records = SltParser.parse(file);
            } catch (SltParseException e) {
                return result(FileResult.Status.FAILED, e.line(), "parse error: " + e.getMessage(), start);
            } catch (IOException e) {
                return result(FileResult.Status.FAILED, 0, "cannot read file: " + e, start);
            }
            String skip = precheck(records);
            if (skip != null) {
                int sep = skip.indexOf('|');
                return result(FileResult.Status.SKIPPED, Integer.parseInt(skip.substring(0, sep)),
                        skip.substring(sep + 1), start);
            }
            try {
                testDir = Files.createTempDirectory(rootDir.resolve("tmp"), "t" + fileCounter.incrementAndGet() + "_");
                TestDatabase db = factory.open(new TestDatabaseFactory.Context(testName, rootDir,
                        usesNamedConnections(records)));
                databases.put("", db);
                main = db.newConnection();
                runRecords(records);
            } catch (Halt h) {
                // stop reading the file
            } catch (SkipFile s) {
                if (failures.isEmpty()) {
                    return result(FileResult.Status.SKIPPED, s.line, s.getMessage(), start);
                }
            } catch (ContinueLoop c) {
                fail(currentLine, "continue outside of a loop");
            } catch (Throwable t) {
                fail(currentLine, "cannot run file: " + describe(t));
            } finally {
                closeAll();
                deleteRecursively(testDir);
            }
            return failures.isEmpty() ? result(FileResult.Status.PASSED, 0, null, start)
                    : result(FileResult.Status.FAILED, firstFailLine, firstFailReason, start);
        }

        FileResult result(FileResult.Status status, int line, String reason, long start) {
            return new FileResult(testName, status, line, reason, recordsRun, failures.size(), List.copyOf(failures),
                    millisSince(start));
        }

        void closeAll() {
            for (Connection c : new ArrayList<>(connections.values())) {
                quietClose(c);
            }
            connections.clear();
            if (main != null) {
                quietClose(main);
                main = null;
            }
            for (TestDatabase db : new ArrayList<>(databases.values())) {
                try {
                    db.close();
                } catch (Throwable ignored) {
                    // best effort
                }
            }
            databases.clear();
        }

        void fail(int line, String reason) {
            if (failures.isEmpty()) {
                firstFailLine = line;
                firstFailReason = reason;
            }
            failures.add(testName + ":" + line + ": " + reason);
        }

        // ---------------------------------------------------------------- pre-check

        /** Returns "line|reason" if the file must be skipped before running anything. */
        String precheck(List<SltRecord> records) {
            for (SltRecord r : records) {
                String s = switch (r) {
                    case SltRecord.Require req -> requireSatisfied(req) ? null
                            : req.line() + "|require " + String.join(" ", req.name(), String.join(" ", req.args())).strip();
                    case SltRecord.RequireEnv env -> {
                        String v = System.getenv(env.name());
                        yield v != null && (env.value() == null || env.value().equals(v)) ? null
                                : env.line() + "|require-env " + env.name();
                    }
                    case SltRecord.Unsupported u -> u.line() + "|" + u.reason();
                    case SltRecord.Loop l -> precheck(l.body());
                    case SltRecord.Set set -> setSupported(set) ? null : set.line() + "|unsupported set " + set.params();
                    case SltRecord.Reset reset -> reset.params().size() == 2 && reset.params().get(0).equals("label")
                            ? null : reset.line() + "|unsupported reset " + reset.params();
                    default -> null;
                };
                if (s != null) {
                    return s;
                }
            }
            return null;
        }

        boolean requireSatisfied(SltRecord.Require req) {
            String name = req.name().toLowerCase(Locale.ROOT);
            if (RunnerConfig.HARMLESS_REQUIRES.contains(name)) {
                return true;
            }
            return config.extensions().test(name);
        }

        boolean setSupported(SltRecord.Set set) {
            List<String> p = set.params();
            if (p.isEmpty()) {
                return false;
            }
            return switch (p.get(0)) {
                case "variable" -> p.size() >= 3;
                case "ignore_error_messages", "always_fail_error_messages", "seed" -> true;
                default -> false;
            };
        }

        boolean usesNamedConnections(List<SltRecord> records) {
            for (SltRecord r : records) {
                if (r instanceof SltRecord.Statement s && s.connection() != null
                        || r instanceof SltRecord.Query q && q.connection() != null
                        || r instanceof SltRecord.Reconnect
                        || r instanceof SltRecord.Loop l && (l.concurrent() || usesNamedConnections(l.body()))) {
                    return true;
                }
            }
            return false;
        }

        // ---------------------------------------------------------------- records

        void runRecords(List<SltRecord> records) throws Exception {
            for (SltRecord r : records) {
                currentLine = r.line();
                switch (r) {
                    case SltRecord.Statement s -> {
                        if (conditionsAllow(s.conditions(), s.line())) {
                            recordsRun++;
                            guarded(s.line(), () -> runStatement(s));
                        }
                    }
                    case SltRecord.Query q -> {
                        if (conditionsAllow(q.conditions(), q.line())) {
                            recordsRun++;
                            guarded(q.line(), () -> runQuery(q));
                        }
                    }
                    case SltRecord.Loop l -> runLoop(l);
                    case SltRecord.Continue c -> {
                        if (conditionsAllow(c.conditions(), c.line())) {
                            throw new ContinueLoop();
                        }
                    }
                    case SltRecord.Require req -> { } // checked up front
                    case SltRecord.RequireEnv env -> variables.put(env.name(), System.getenv(env.name()));
                    case SltRecord.TestEnv env -> {
                        String v = System.getenv(env.name());
                        variables.put(env.name(), v != null ? v : env.defaultValue());
                    }
                    case SltRecord.Set set -> runSet(set);
                    case SltRecord.Reset reset -> labels.remove(reset.params().get(1));
                    case SltRecord.HashThreshold h -> hashThreshold = h.threshold();
                    case SltRecord.Halt h -> throw new Halt();
                    case SltRecord.Reconnect rc -> {
                        quietClose(main);
                        main = databases.get("").newConnection();
                    }
                    case SltRecord.Sleep sl -> TimeUnit.NANOSECONDS.sleep(sl.nanos());
                    case SltRecord.Mode m -> { }
                    case SltRecord.Unsupported u -> throw new SkipFile(u.line(), u.reason());
                }
            }
        }

        interface Body {
            void run() throws Exception;
        }

        /** Runs a record; any throwable other than the control signals fails the record. */
        void guarded(int line, Body body) {
            try {
                body.run();
            } catch (SkipFile | Halt | ContinueLoop signal) {
                throw signal;
            } catch (Throwable t) {
                fail(line, "runner/driver threw " + describe(t));
            }
        }

        void runLoop(SltRecord.Loop loop) throws Exception {
            List<List<String>> iterations = new ArrayList<>();
            if (!loop.foreach()) {
                int from = Integer.parseInt(substitute(loop.tokens().get(0)));
                int to = Integer.parseInt(substitute(loop.tokens().get(1)));
                for (int i = from; i < to; i++) {
                    iterations.add(List.of(Integer.toString(i)));
                }
            } else {
                List<String> values = expandForeach(loop.tokens(), loop.line());
                for (String v : values) {
                    if (loop.names().size() == 1) {
                        iterations.add(List.of(v));
                    } else {
                        List<String> parts = Arrays.asList(v.split(",", -1));
                        if (parts.size() != loop.names().size()) {
                            throw new SkipFile(loop.line(), "foreach value '" + v + "' does not match "
                                    + loop.names());
                        }
                        iterations.add(parts);
                    }
                }
            }
            Map<String, String> saved = new LinkedHashMap<>(loopVars);
            try {
                for (List<String> it : iterations) {
                    for (int k = 0; k < loop.names().size(); k++) {
                        loopVars.put(loop.names().get(k), it.get(k));
                    }
                    Connection savedMain = main;
                    try {
                        if (loop.concurrent()) {
                            // run iterations sequentially, each on its own connection (FORMAT.md 8)
                            main = databases.get("").newConnection();
                        }
                        runRecords(loop.body());
                    } catch (ContinueLoop c) {
                        // next iteration
                    } finally {
                        if (loop.concurrent()) {
                            quietClose(main);
                            main = savedMain;
                        }
                    }
                }
            } finally {
                loopVars.clear();
                loopVars.putAll(saved);
            }
        }

        List<String> expandForeach(List<String> tokens, int line) throws SQLException {
            List<String> out = new ArrayList<>();
            for (String t : tokens) {
                switch (t) {
                    case "<signed>" -> out.addAll(SIGNED);
                    case "<unsigned>" -> out.addAll(UNSIGNED);
                    case "<integral>" -> {
                        out.addAll(SIGNED);
                        out.addAll(UNSIGNED);
                    }
                    case "<numeric>" -> {
                        out.addAll(SIGNED);
                        out.addAll(UNSIGNED);
                        out.addAll(List.of("float", "double"));
                    }
                    case "<alltypes>" -> {
                        out.addAll(SIGNED);
                        out.addAll(UNSIGNED);
                        out.addAll(List.of("float", "double", "bool", "interval", "varchar"));
                    }
                    default -> {
                        if (t.startsWith("!")) {
                            out.remove(t.substring(1));
                        } else if (t.startsWith("<") && t.endsWith(">")) {
                            throw new SkipFile(line, "unsupported foreach list " + t);
                        } else {
                            out.add(t);
                        }
                    }
                }
            }
            return out;
        }

        void runSet(SltRecord.Set set) throws Exception {
            List<String> p = set.params();
            switch (p.get(0)) {
                case "variable" -> {
                    String value = p.get(2);
                    if (value.startsWith("<variable:") && value.endsWith(">")) {
                        String name = value.substring("<variable:".length(), value.length() - 1);
                        Outcome o = execute(main, "SELECT getvariable('" + name.replace("'", "''") + "')");
                        if (o.error() != null || o.result() == null || o.result().rows().isEmpty()) {
                            fail(set.line(), "cannot read variable " + name);
                            return;
                        }
                        value = o.result().rows().get(0)[0];
                    }
                    variables.put(p.get(1), value);
                }
                case "ignore_error_messages", "always_fail_error_messages" -> {
                    String raw = set.rawLine().trim();
                    String rest = raw.substring(raw.indexOf(p.get(0)) + p.get(0).length());
                    List<String> target = p.get(0).startsWith("ignore") ? ignoreErrors : alwaysFailErrors;
                    target.clear();
                    for (String s : rest.split(",")) {
                        if (!s.isBlank()) {
                            target.add(s.trim());
                        }
                    }
                }
                case "seed" -> {
                    Outcome o = execute(main, "SELECT setseed(" + p.get(1) + ")");
                    if (o.error() != null) {
                        fail(set.line(), "set seed failed: " + o.error().getMessage());
                    }
                }
                default -> throw new SkipFile(set.line(), "unsupported set " + p);
            }
        }

        boolean conditionsAllow(List<SltRecord.Condition> conditions, int line) {
            for (SltRecord.Condition c : conditions) {
                String param = c.parameter().toLowerCase(Locale.ROOT);
                boolean holds;
                if (param.contains("=") || param.contains("<") || param.contains(">")) {
                    holds = true;
                    for (String part : param.split("&&")) {
                        holds &= evalLoopCondition(part, line);
                    }
                } else {
                    // a bare word names a system: we behave as duckdb
                    holds = param.equals("duckdb");
                }
                if (c.skipIf() == holds) {
                    return false;
                }
            }
            return true;
        }

        boolean evalLoopCondition(String cond, int line) {
            String[] ops = {"<>", ">=", "<=", "=", ">", "<"};
            for (String op : ops) {
                int i = cond.indexOf(op);
                if (i > 0) {
                    String name = cond.substring(0, i).trim();
                    String value = cond.substring(i + op.length()).trim();
                    String actual = null;
                    for (Map.Entry<String, String> e : loopVars.entrySet()) {
                        if (e.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                            actual = e.getValue();
                        }
                    }
                    if (actual == null) {
                        throw new SkipFile(line, "condition on unknown loop variable " + name);
                    }
                    if (op.equals("=")) {
                        return actual.equalsIgnoreCase(value);
                    } else if (op.equals("<>")) {
                        return !actual.equalsIgnoreCase(value);
                    }
                    long a = Long.parseLong(actual.trim());
                    long v = Long.parseLong(value);
                    return switch (op) {
                        case ">=" -> a >= v;
                        case "<=" -> a <= v;
                        case ">" -> a > v;
                        default -> a < v;
                    };
                }
            }
            throw new SkipFile(line, "malformed condition " + cond);
        }

        // ---------------------------------------------------------------- substitution

        /** File variables (FORMAT.md 10); {@code uuid} is the per-record {UUID}. */
        String substituteVariables(String text, String uuid) {
            if (text.indexOf('{') < 0 && text.indexOf("__") < 0) {
                return text;
            }
            String td = testDir == null ? "" : testDir.toString();
            String s = text
                    .replace("{TEST_DIR}", td)
                    .replace("{TEMP_DIR}", td)
                    .replace("{TEMP_DIR_ABSOLUTE}", td)
                    .replace("__TEST_DIR__", td)
                    .replace("{DATA_DIR}", rootDir.resolve("data").toString())
                    .replace("{LOCAL_DATA_DIR}", rootDir.resolve("data").toString())
                    .replace("{WORKING_DIRECTORY}", rootDir.toString())
                    .replace("__WORKING_DIRECTORY__", rootDir.toString())
                    .replace("{BUILD_DIRECTORY}", rootDir.toString())
                    .replace("__BUILD_DIRECTORY__", rootDir.toString())
                    .replace("{TEST_NAME}", "test/sql/" + testName)
                    .replace("{BASE_TEST_NAME}", ("test/sql/" + testName).replace('/', '_'));
            if (uuid != null) {
                s = s.replace("{UUID}", uuid);
            }
            for (Map.Entry<String, String> v : variables.entrySet()) {
                if (v.getValue() != null) {
                    s = s.replace("${" + v.getKey() + "}", v.getValue()).replace("{" + v.getKey() + "}", v.getValue());
                }
            }
            return s;
        }

        String substituteLoop(String text) {
            List<Map.Entry<String, String>> vars = new ArrayList<>(loopVars.entrySet());
            for (int i = vars.size() - 1; i >= 0; i--) {
                Map.Entry<String, String> v = vars.get(i);
                text = text.replace("${" + v.getKey() + "}", v.getValue()).replace("{" + v.getKey() + "}", v.getValue());
            }
            return text;
        }

        /** Variables, then loop variables: for SQL and paths. */
        String substitute(String text) {
            return substituteLoop(substituteVariables(text, UUID.randomUUID().toString()));
        }

        // ---------------------------------------------------------------- execution

        Connection connection(String name) throws SQLException {
            if (name == null) {
                return main;
            }
            Connection c = connections.get(name);
            if (c == null) {
                int colon = name.indexOf(':');
                TestDatabase db;
                if (colon > 0) {
                    String dbName = name.substring(0, colon);
                    db = databases.get(dbName);
                    if (db == null) {
                        db = factory.open(new TestDatabaseFactory.Context(testName, rootDir, true));
                        databases.put(dbName, db);
                    }
                } else {
                    db = databases.get("");
                }
                c = db.newConnection();
                connections.put(name, c);
            }
            return c;
        }

        /** Runs one SQL statement with a watchdog; SQLExceptions are returned, other throwables propagate. */
        Outcome execute(Connection c, String sql) throws SQLException {
            Statement st = c.createStatement();
            running = st;
            long timeoutMs = config.statementTimeout().toMillis();
            try {
                st.setQueryTimeout((int) Math.max(1, config.statementTimeout().toSeconds()));
            } catch (Throwable ignored) {
                // optional; the watchdog below cancels anyway
            }
            java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
            ScheduledFuture<?> cancel = watchdog.schedule(() -> {
                timedOut.set(true);
                try {
                    st.cancel();
                } catch (Throwable ignored) {
                    // best effort
                }
            }, timeoutMs, TimeUnit.MILLISECONDS);
            try {
                boolean isQuery = st.execute(sql);
                if (isQuery) {
                    try (ResultSet rs = st.getResultSet()) {
                        return new Outcome(readAll(rs), null, null);
                    }
                }
                long count = st.getUpdateCount(); // JDBC: may be read only once
                return new Outcome(null, Math.max(0, count), null);
            } catch (SQLException e) {
                if (timedOut.get()) {
                    return new Outcome(null, null, new SQLException("statement timed out after "
                            + config.statementTimeout().toSeconds() + " s (cancelled): " + e.getMessage(), e));
                }
                return new Outcome(null, null, e);
            } finally {
                cancel.cancel(false);
                running = null;
                try {
                    st.close();
                } catch (Throwable ignored) {
                    // best effort
                }
            }
        }

        QueryResult readAll(ResultSet rs) throws SQLException {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            List<ValueRenderer.ColumnType> types = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                types.add(ValueRenderer.columnType(md, i));
            }
            List<String[]> rows = new ArrayList<>();
            while (rs.next()) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    row[i] = ValueRenderer.render(rs, i + 1);
                }
                rows.add(row);
            }
            return new QueryResult(types, rows);
        }

        /** Runs all statements of a record's SQL; returns the first query result (or the last outcome). */
        Outcome executeAll(Connection c, String sql) throws SQLException {
            Outcome firstQuery = null;
            Outcome last = null;
            for (String stmt : SqlSplitter.split(sql)) {
                Outcome o = execute(c, stmt);
                if (o.error() != null) {
                    keepTransactionAfterNameError(c, o.error());
                    return o;
                }
                if (firstQuery == null && o.result() != null) {
                    firstQuery = o;
                }
                last = o;
            }
            return firstQuery != null ? firstQuery : last;
        }

        /**
         * The corpus was recorded with DuckDB's C++ runner, whose {@code Connection::Query} keeps an
         * explicit transaction usable after a parser, binder or catalog error (DuckDB's
         * {@code Exception::InvalidatesTransaction}); its JDBC and Python clients, like TealDB, abort
         * the transaction on every error. So on TealDB the runner resumes after those kinds, and
         * every other error leaves the transaction aborted as in DuckDB's runner.
         */
        void keepTransactionAfterNameError(Connection c, SQLException e) throws SQLException {
            String msg = String.valueOf(e.getMessage());
            boolean keeps = msg.startsWith("Parser Error") || msg.startsWith("Binder Error") || msg.startsWith("Catalog Error")
                    || msg.startsWith("Parameter Not Allowed Error") || msg.startsWith("Permission Error");
            if (keeps && c.isWrapperFor(io.tealdb.Connection.class)) {
                c.unwrap(io.tealdb.Connection.class).context().resumeAbortedTransaction();
            }
        }

        void checkIgnoredError(int line, SQLException e) {
            String msg = String.valueOf(e.getMessage());
            for (String ign : ignoreErrors) {
                if (msg.contains(ign)) {
                    throw new SkipFile(line, "error message ignored by 'set ignore_error_messages': " + shorten(msg));
                }
            }
        }

        void runStatement(SltRecord.Statement s) throws Exception {
            String sql = substitute(s.sql());
            Connection c = connection(s.connection());
            Outcome o = executeAll(c, sql);
            SQLException err = o.error();
            switch (s.outcome()) {
                case OK -> {
                    if (err != null) {
                        checkIgnoredError(s.line(), err);
                        fail(s.line(), "statement failed: " + shorten(err.getMessage()) + " | SQL: " + shorten(sql));
                    }
                }
                case ERROR, MAYBE -> {
                    if (err == null) {
                        if (s.outcome() == SltRecord.ExpectedOutcome.ERROR) {
                            fail(s.line(), "statement should have failed but succeeded | SQL: " + shorten(sql));
                        }
                        return;
                    }
                    String msg = String.valueOf(err.getMessage());
                    for (String af : alwaysFailErrors) {
                        if (msg.contains(af)) {
                            fail(s.line(), "error contains '" + af + "': " + shorten(msg));
                            return;
                        }
                    }
                    if (config.lenientErrors() || s.expectedError() == null) {
                        return;
                    }
                    String uuidless = substituteVariables(s.expectedError(), null);
                    if (!ResultChecker.errorMatches(msg, s.expectedError(), uuidless)) {
                        fail(s.line(), "wrong error message: expected '" + shorten(s.expectedError()) + "' but got '"
                                + shorten(msg) + "'");
                    }
                }
            }
        }

        void runQuery(SltRecord.Query q) throws Exception {
            String sql = substitute(q.sql());
            Connection c = connection(q.connection());
            Outcome o = executeAll(c, sql);
            if (o.error() != null) {
                checkIgnoredError(q.line(), o.error());
                fail(q.line(), "query failed: " + shorten(o.error().getMessage()) + " | SQL: " + shorten(sql));
                return;
            }
            List<String> expected = q.expected();
            QueryResult result = o.result();
            if (result == null) {
                // A statement without a result set: DuckDB shows INSERT/UPDATE/DELETE/COPY as a one-row
                // Count result and DDL as an empty result; JDBC gives an update count of 0 for DDL.
                List<String[]> rows = o.updateCount() == 0 && expected.isEmpty() ? List.of()
                        : List.<String[]>of(new String[] {Long.toString(o.updateCount())});
                result = new QueryResult(List.of(new ValueRenderer.ColumnType(ValueRenderer.Kind.INTEGER, 0,
                        "BIGINT")), rows);
            }
            // <FILE>: expected values come from a CSV file with a header
            if (expected.size() == 1 && expected.get(0).startsWith("<FILE>:")) {
                Path csv = resolvePath(substitute(expected.get(0).substring("<FILE>:".length())));
                List<String> fileLines;
                try {
                    fileLines = Files.readAllLines(csv, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    fail(q.line(), "cannot read result file " + csv + ": " + e);
                    return;
                }
                while (!fileLines.isEmpty() && fileLines.get(fileLines.size() - 1).isEmpty()) {
                    fileLines.remove(fileLines.size() - 1);
                }
                int cols = fileLines.isEmpty() ? 0 : fileLines.get(0).split("\\|", -1).length;
                List<String[]> rows = new ArrayList<>();
                for (String l : fileLines.subList(Math.min(1, fileLines.size()), fileLines.size())) {
                    String[] f = l.split("\\|", -1);
                    for (int i = 0; i < f.length; i++) {
                        f[i] = f[i].isEmpty() ? "NULL" : f[i];
                    }
                    rows.add(f);
                }
                checkColumnsAndValues(q, result, cols, rows);
                return;
            }
            boolean hashExpected = expected.size() == 1 && ResultChecker.HASH_LINE.matcher(expected.get(0)).matches();
            // like DuckDB's runner, results compared by hash or label do not check the column count
            if (q.label() == null && !hashExpected && result.columnCount() != q.columnCount()) {
                fail(q.line(), "expected " + q.columnCount() + " columns but got " + result.columnCount()
                        + " | SQL: " + shorten(sql));
                return;
            }
            List<String[]> actual = ResultChecker.sort(result.rows(), q.sortMode());
            if (q.label() != null) {
                String hash = ResultChecker.hash(actual);
                if (hashExpected && !hash.equals(expected.get(0))) {
                    fail(q.line(), "hash mismatch: expected '" + expected.get(0) + "' but got '" + hash + "'");
                    return;
                }
                String label = substituteLoop(q.label());
                String prev = labels.putIfAbsent(label, hash);
                if (prev != null && !prev.equals(hash)) {
                    fail(q.line(), "result of label '" + label + "' differs from the first query with that label: "
                            + hash + " vs " + prev + preview(actual));
                }
                return;
            }
            if (hashExpected || hashThreshold > 0 && result.rows().size() * result.columnCount() > hashThreshold) {
                String hash = ResultChecker.hash(actual);
                if (!hash.equals(expected.isEmpty() ? "" : expected.get(0))) {
                    fail(q.line(), "hash mismatch: expected '" + (expected.isEmpty() ? "" : expected.get(0))
                            + "' but got '" + hash + "'" + preview(actual));
                }
                return;
            }
            int cols = q.columnCount();
            List<String[]> expRows = new ArrayList<>();
            boolean allTabs = !expected.isEmpty() && expected.stream().allMatch(l -> l.indexOf('\t') >= 0);
            if (cols > 1 && expected.size() == actual.size() || allTabs) {
                for (String l : expected) {
                    List<String> fields = new ArrayList<>();
                    for (String f : l.split("\t")) {
                        if (!f.isEmpty()) {
                            fields.add(f);
                        }
                    }
                    if (fields.size() != cols) {
                        fail(q.line(), "expected line '" + shorten(l) + "' has " + fields.size()
                                + " values but the query has " + cols + " columns");
                        return;
                    }
                    expRows.add(fields.toArray(new String[0]));
                }
            } else {
                if (expected.size() % cols != 0) {
                    fail(q.line(), "expected " + expected.size() + " values, not a multiple of " + cols + " columns"
                            + preview(actual));
                    return;
                }
                for (int i = 0; i < expected.size(); i += cols) {
                    expRows.add(expected.subList(i, i + cols).toArray(new String[0]));
                }
            }
            compareRows(q, result.columnTypes(), actual, expRows);
        }

        void checkColumnsAndValues(SltRecord.Query q, QueryResult result, int cols, List<String[]> expRows) {
            if (result.columnCount() != cols) {
                fail(q.line(), "expected " + cols + " columns (result file) but got " + result.columnCount());
                return;
            }
            compareRows(q, result.columnTypes(), ResultChecker.sort(result.rows(), q.sortMode()), expRows);
        }

        void compareRows(SltRecord.Query q, List<ValueRenderer.ColumnType> types, List<String[]> actual,
                         List<String[]> expected) {
            if (actual.size() != expected.size()) {
                fail(q.line(), "expected " + expected.size() + " rows but got " + actual.size() + preview(actual));
                return;
            }
            for (int r = 0; r < actual.size(); r++) {
                String[] a = actual.get(r);
                String[] e = expected.get(r);
                if (a.length != e.length) {
                    fail(q.line(), "row " + (r + 1) + ": expected " + e.length + " values but got " + a.length);
                    return;
                }
                for (int col = 0; col < a.length; col++) {
                    if (!ResultChecker.valueMatches(a[col], e[col], types.get(col), t -> substituteVariables(t, null))) {
                        fail(q.line(), "row " + (r + 1) + " column " + (col + 1) + ": expected '" + shorten(e[col])
                                + "' but got '" + shorten(a[col]) + "' (" + types.get(col).typeName() + ")");
                        return;
                    }
                }
            }
        }

        Path resolvePath(String p) {
            Path path = Path.of(p);
            return path.isAbsolute() ? path : rootDir.resolve(path);
        }
    }

    // ------------------------------------------------------------------------------------------

    private static String preview(List<String[]> rows) {
        StringBuilder sb = new StringBuilder(" | actual: ");
        int n = Math.min(rows.size(), 5);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(" / ");
            }
            sb.append(String.join("\t", rows.get(i)));
        }
        if (rows.size() > n) {
            sb.append(" / ... (").append(rows.size()).append(" rows)");
        }
        return shorten(sb.toString(), 400);
    }

    static String shorten(String s) {
        return shorten(s, 200);
    }

    static String shorten(String s, int max) {
        if (s == null) {
            return "null";
        }
        String t = s.replace("\n", "\\n");
        return t.length() <= max ? t : t.substring(0, max) + "...";
    }

    static String describe(Throwable t) {
        return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + shorten(t.getMessage()));
    }

    private static void quietClose(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Throwable ignored) {
            // best effort
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }
}
