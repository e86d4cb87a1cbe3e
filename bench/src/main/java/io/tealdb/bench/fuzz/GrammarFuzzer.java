package io.tealdb.bench.fuzz;

import io.tealdb.error.InternalException;
import io.tealdb.error.OutOfMemoryException;
import io.tealdb.function.FunctionRegistry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The second fuzzer, independent of the corpus {@link StatementFuzzer} in what it runs and how: it
 * generates statements from a grammar ({@link QueryGenerator}) over a random schema
 * ({@link GenSchema}) and runs them through the JDBC driver, as an application would: every value
 * of every row is fetched with {@code getObject} and {@code getString}, and a statement over its
 * time budget is stopped with {@link Statement#cancel()} from the watching thread. Outcomes: a clean
 * SQLException or success is fine; an SQLException caused by an InternalException (SQLState XX000),
 * any other exception escaping the driver, a statement still running a second after its cancel, or
 * an exhausted Java heap is a failure. Every {@code statementsPerSchema} statements the database is
 * replaced by a fresh one with a new random schema.
 */
public final class GrammarFuzzer {
    private final long seed;
    private final long budgetMillis;
    private final long cancelGraceMillis;
    private final int statementsPerSchema;
    private final Map<StatementFuzzer.Outcome, Long> counts = new EnumMap<>(StatementFuzzer.Outcome.class);
    private final Map<String, String> failures = new LinkedHashMap<>();
    private Consumer<String> progress = s -> { };

    public GrammarFuzzer(long seed, long budgetMillis, long cancelGraceMillis, int statementsPerSchema) {
        this.seed = seed;
        this.budgetMillis = budgetMillis;
        this.cancelGraceMillis = cancelGraceMillis;
        this.statementsPerSchema = statementsPerSchema;
        for (StatementFuzzer.Outcome o : StatementFuzzer.Outcome.values()) counts.put(o, 0L);
    }

    /** Receives a line for each new failure cause and a count line every 10,000 statements. */
    public GrammarFuzzer onProgress(Consumer<String> progress) {
        this.progress = progress;
        return this;
    }

    /** Runs until {@code maxStatements} generated statements ran or {@code deadlineNanos} passed. */
    public StatementFuzzer.Report run(long maxStatements, long deadlineNanos) {
        Random rnd = new Random(seed);
        FunctionCatalog catalog = FunctionCatalog.probe(FunctionRegistry.getDefault(), seed, 40);
        long done = 0;
        while (done < maxStatements && System.nanoTime() < deadlineNanos) {
            GenSchema schema = GenSchema.random(rnd, new Literals(rnd));
            QueryGenerator gen = new QueryGenerator(rnd, schema, catalog);
            try (Session session = new Session()) {
                boolean ready = true;
                for (String ddl : schema.ddl()) {
                    Run r = session.execute(ddl);
                    if (r.outcome() == StatementFuzzer.Outcome.HANG) {
                        ready = false;
                        break;
                    }
                }
                if (!ready) continue;
                for (int i = 0; i < statementsPerSchema && done < maxStatements && System.nanoTime() < deadlineNanos; i++) {
                    String sql = gen.statement();
                    Run r = session.execute(sql);
                    done++;
                    counts.merge(r.outcome(), 1L, Long::sum);
                    if (r.cause() != null && failures.putIfAbsent(r.outcome() + ": " + r.cause(), abbreviate(sql)) == null) {
                        progress.accept("new failure " + r.outcome() + ": " + r.cause() + "\n    " + sql);
                    }
                    if (done % 10_000 == 0) progress.accept(done + " statements: " + counts);
                    if (r.outcome() == StatementFuzzer.Outcome.HANG) break; // fresh database
                }
            }
        }
        return new StatementFuzzer.Report(new EnumMap<>(counts), new LinkedHashMap<>(failures));
    }

    /** How long a statement that missed the cancel grace is given to stop before it counts as never stopping. */
    private static final long SETTLE_MILLIS = 30_000;

    private record Run(StatementFuzzer.Outcome outcome, String cause) {
    }

    /** A JDBC connection to a private in-memory database and the thread that runs its statements. */
    private final class Session implements AutoCloseable {
        private final Connection con;
        private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "grammar-fuzz-statement");
            t.setDaemon(true);
            return t;
        });
        private volatile Statement current;
        /** Set with the cancel: a client that cancels stops reading rows already computed. */
        private volatile boolean cancelled;
        private boolean stuck;

        Session() {
            Properties p = new Properties();
            p.setProperty("threads", "2");
            try {
                con = DriverManager.getConnection("jdbc:teal:", p);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot open an in-memory database", e);
            }
        }

        Run execute(String sql) {
            Future<Run> f = runner.submit(() -> runStatement(sql));
            try {
                return f.get(budgetMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                try {
                    cancelled = true;
                    Statement st = current;
                    if (st != null) st.cancel();
                } catch (SQLException | RuntimeException cancelFailed) {
                    return new Run(StatementFuzzer.Outcome.INTERNAL, "Statement.cancel threw " + StatementFuzzer.cause(cancelFailed));
                }
                try {
                    Run r = f.get(cancelGraceMillis, TimeUnit.MILLISECONDS);
                    return r.outcome() == StatementFuzzer.Outcome.ERROR ? new Run(StatementFuzzer.Outcome.CANCELLED, null) : r;
                } catch (TimeoutException again) {
                    String where = where();
                    // a slow stop (the machine busy, a long copy between checks) or a real hang: wait longer to tell
                    long t0 = System.nanoTime();
                    try {
                        f.get(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
                        return new Run(StatementFuzzer.Outcome.HANG, "still running " + cancelGraceMillis + " ms after Statement.cancel, stopped within "
                                + (SETTLE_MILLIS / 1000) + " s" + where + " (stopped after " + ((System.nanoTime() - t0) / 1_000_000 + cancelGraceMillis) + " ms)");
                    } catch (TimeoutException never) {
                        stuck = true;
                        return new Run(StatementFuzzer.Outcome.HANG, "still running " + (SETTLE_MILLIS / 1000) + " s after Statement.cancel" + where);
                    } catch (Exception other) {
                        return new Run(StatementFuzzer.Outcome.HANG, "still running " + cancelGraceMillis + " ms after Statement.cancel" + where);
                    }
                } catch (Exception other) {
                    return new Run(StatementFuzzer.Outcome.INTERNAL, String.valueOf(other));
                }
            } catch (Exception e) {
                return new Run(StatementFuzzer.Outcome.INTERNAL, String.valueOf(e.getCause()));
            }
        }

        private Run runStatement(String sql) {
            cancelled = false;
            try (Statement st = con.createStatement()) {
                current = st;
                if (st.execute(sql)) {
                    try (ResultSet rs = st.getResultSet()) {
                        ResultSetMetaData md = rs.getMetaData();
                        int n = md.getColumnCount();
                        for (int c = 1; c <= n; c++) {
                            md.getColumnTypeName(c);
                            md.getColumnType(c);
                        }
                        long rows = 0;
                        while (!cancelled && rs.next() && ++rows <= 200_000) {
                            for (int c = 1; c <= n; c++) {
                                rs.getObject(c);
                                rs.getString(c);
                            }
                        }
                    }
                }
                return new Run(StatementFuzzer.Outcome.OK, null);
            } catch (SQLException e) {
                return classify(e);
            } catch (OutOfMemoryError e) {
                return new Run(StatementFuzzer.Outcome.OOM, "java.lang.OutOfMemoryError: " + e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                return new Run(StatementFuzzer.Outcome.INTERNAL, "escaped the JDBC driver: " + StatementFuzzer.cause(e));
            } finally {
                current = null;
            }
        }

        private Run classify(SQLException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OutOfMemoryException oom) {
                return oom.getCause() instanceof OutOfMemoryError
                        ? new Run(StatementFuzzer.Outcome.OOM, StatementFuzzer.cause(oom))
                        : new Run(StatementFuzzer.Outcome.ERROR, null);
            }
            if (cause instanceof InternalException || "XX000".equals(e.getSQLState())) {
                return new Run(StatementFuzzer.Outcome.INTERNAL, StatementFuzzer.cause(cause != null ? cause : e));
            }
            return new Run(StatementFuzzer.Outcome.ERROR, null);
        }

        private String where() {
            return StatementFuzzer.where("grammar-fuzz-statement");
        }

        @Override
        public void close() {
            runner.shutdownNow();
            if (stuck) return; // the stuck daemon thread keeps its database; the report names the hang
            try {
                con.close();
            } catch (SQLException | RuntimeException ignored) {
                // closing after a failed statement must not end the run
            }
        }
    }

    private static String abbreviate(String sql) {
        String s = sql.replaceAll("\\s+", " ");
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }
}
