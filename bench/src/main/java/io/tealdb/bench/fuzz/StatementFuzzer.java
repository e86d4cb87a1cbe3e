package io.tealdb.bench.fuzz;

import io.tealdb.Connection;
import io.tealdb.Result;
import io.tealdb.Teal;
import io.tealdb.error.InternalException;
import io.tealdb.error.OutOfMemoryException;
import io.tealdb.error.TealException;
import io.tealdb.vector.DataChunk;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the statements of corpus files, each file on a fresh in-memory database, and after each
 * statement a few mutants of it ({@link Mutator}), classifying every mutant's outcome. A statement
 * still running after {@code budgetMillis} is cancelled ({@link Connection#interrupt()}); one that
 * has not stopped {@code cancelGraceMillis} after that is a hang. Internal errors, hangs and
 * exhausted heaps are failures; clean errors and successes are what bad input should produce.
 */
public final class StatementFuzzer {
    public enum Outcome { OK, ERROR, CANCELLED, INTERNAL, HANG, OOM }

    /** What a run found: counts per outcome, and for the failures the distinct causes with one example each. */
    public record Report(Map<Outcome, Long> counts, Map<String, String> failures) {
        public long failuresCount() {
            return counts.get(Outcome.INTERNAL) + counts.get(Outcome.HANG) + counts.get(Outcome.OOM);
        }

        public String summary() {
            StringBuilder sb = new StringBuilder();
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            sb.append(total).append(" statements:");
            counts.forEach((o, n) -> sb.append(' ').append(o).append('=').append(n));
            sb.append("\n").append(failures.size()).append(" distinct failure causes");
            failures.forEach((cause, example) -> sb.append("\n  ").append(cause).append("\n      e.g. ").append(example));
            return sb.toString();
        }
    }

    private final long seed;
    private final int mutantsPerStatement;
    private final long budgetMillis;
    private final long cancelGraceMillis;
    private final Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    private final Map<String, String> failures = new LinkedHashMap<>();
    private java.util.function.Consumer<String> progress = line -> { };

    /** Receives a line for each new failure cause and a count line every 10,000 mutants (long runs print them). */
    public StatementFuzzer onProgress(java.util.function.Consumer<String> progress) {
        this.progress = progress;
        return this;
    }

    public StatementFuzzer(long seed, int mutantsPerStatement, long budgetMillis, long cancelGraceMillis) {
        this.seed = seed;
        this.mutantsPerStatement = mutantsPerStatement;
        this.budgetMillis = budgetMillis;
        this.cancelGraceMillis = cancelGraceMillis;
        for (Outcome o : Outcome.values()) counts.put(o, 0L);
    }

    /** Fuzzes until {@code maxMutants} mutants ran or {@code deadlineNanos} (System.nanoTime) passed. */
    public Report run(List<CorpusStatements.File> files, long maxMutants, long deadlineNanos) {
        Random rnd = new Random(seed);
        Mutator mutator = new Mutator(rnd);
        long done = 0;
        for (CorpusStatements.File file : files) {
            if (done >= maxMutants || System.nanoTime() > deadlineNanos) break;
            Session session = new Session();
            try {
                for (String sql : file.statements()) {
                    if (done >= maxMutants || System.nanoTime() > deadlineNanos) break;
                    // the original builds the file's tables and state; its outcome is not judged
                    if (session.execute(sql).outcome == Outcome.HANG) break;
                    boolean hung = false;
                    for (int m = 0; m < mutantsPerStatement && done < maxMutants; m++) {
                        String mutant = mutator.mutate(sql);
                        Run r = session.execute(mutant);
                        done++;
                        counts.merge(r.outcome, 1L, Long::sum);
                        if (r.cause != null && failures.putIfAbsent(r.outcome + ": " + r.cause,
                                abbreviate(mutant) + "   [" + file.path().getFileName() + "]") == null) {
                            progress.accept("new failure " + r.outcome + ": " + r.cause + "\n    " + mutant + "   [" + file.path() + "]");
                        }
                        if (done % 10_000 == 0) progress.accept(done + " mutants: " + counts);
                        if (r.outcome == Outcome.HANG) {
                            hung = true;
                            break;
                        }
                    }
                    if (hung) break; // the connection is stuck: next file, fresh database
                }
            } finally {
                session.close();
            }
        }
        return new Report(new EnumMap<>(counts), new LinkedHashMap<>(failures));
    }

    private record Run(Outcome outcome, String cause) {
    }

    /** One database and the thread that runs its statements. */
    private final class Session {
        final Connection con = Teal.connect(Map.of("threads", "2"));
        final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-statement");
            t.setDaemon(true);
            return t;
        });
        boolean stuck;
        volatile boolean cancelled;

        Run execute(String sql) {
            Future<Run> f = runner.submit(() -> runStatement(sql));
            try {
                return f.get(budgetMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                cancelled = true; // a client that cancels stops reading rows already computed
                con.interrupt();
                try {
                    Run r = f.get(cancelGraceMillis, TimeUnit.MILLISECONDS);
                    return r.outcome == Outcome.ERROR ? new Run(Outcome.CANCELLED, null) : r;
                } catch (TimeoutException again) {
                    stuck = true;
                    return new Run(Outcome.HANG, "still running " + cancelGraceMillis + " ms after cancel" + where(f));
                } catch (Exception other) {
                    return new Run(Outcome.INTERNAL, other.toString());
                }
            } catch (Exception e) {
                return new Run(Outcome.INTERNAL, String.valueOf(e.getCause()));
            }
        }

        private Run runStatement(String sql) {
            cancelled = false;
            try (Result r = con.execute(sql)) {
                long rows = 0;
                for (DataChunk c : r) {
                    rows += c.size();
                    if (rows > 1_000_000 || cancelled) break; // enough: the statement ran
                }
                return new Run(Outcome.OK, null);
            } catch (OutOfMemoryException e) {
                // the net caught an exhausted JVM heap: memory accounting should have refused first
                return e.getCause() instanceof OutOfMemoryError ? new Run(Outcome.OOM, cause(e)) : new Run(Outcome.ERROR, null);
            } catch (InternalException e) {
                return new Run(Outcome.INTERNAL, cause(e));
            } catch (TealException e) {
                return new Run(Outcome.ERROR, null);
            } catch (OutOfMemoryError e) {
                return new Run(Outcome.OOM, "java.lang.OutOfMemoryError: " + e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                return new Run(Outcome.INTERNAL, "escaped the API: " + cause(e));
            }
        }

        private String where(Future<Run> f) {
            return StatementFuzzer.where("fuzz-statement");
        }

        void close() {
            if (stuck) {
                runner.shutdownNow(); // a stuck daemon thread is left behind; the run reports it
                return;
            }
            runner.shutdownNow();
            try {
                con.close();
            } catch (RuntimeException ignored) {
                // closing after a failed statement must not end the run
            }
        }
    }

    /**
     * Where a hung statement is: the top engine frame of each of its threads (the statement thread,
     * named {@code statementThread...}, and the engine's workers), leaving out the frames that only
     * wait for others (result collection, pipeline scheduling), so that hangs in different operators
     * count as different causes.
     */
    static String where(String statementThread) {
        java.util.TreeSet<String> frames = new java.util.TreeSet<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            String name = e.getKey().getName();
            if (!name.startsWith(statementThread) && !name.startsWith("tealdb")) continue;
            for (StackTraceElement el : e.getValue()) {
                String cls = el.getClassName();
                if (!cls.startsWith("io.tealdb") || cls.startsWith("io.tealdb.bench") || cls.startsWith("io.tealdb.jdbc")
                        || cls.startsWith("io.tealdb.session") || cls.contains("ResultCollector") || cls.contains("QueryExecutor")
                        || cls.contains("PipelineExecutor") || cls.contains("Scheduler") || cls.startsWith("io.tealdb.Connection")
                        || cls.startsWith("io.tealdb.Result")) continue;
                frames.add(cls.substring(cls.lastIndexOf('.') + 1).replaceAll("\\$\\$Lambda.*", "") + "." + el.getMethodName());
                break;
            }
        }
        return frames.isEmpty() ? "" : " in " + String.join(", ", frames);
    }

    /** A failure's cause with the numbers and quoted text removed, so that equal causes count once. */
    static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String msg = String.valueOf(e.getMessage()).split("\\[statement:")[0].split("\n")[0];
        msg = msg.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("\\d+", "N");
        if (msg.length() > 160) msg = msg.substring(0, 160);
        for (StackTraceElement el : root.getStackTrace()) {
            if (el.getClassName().startsWith("io.tealdb")) return msg + " @ " + el.getClassName() + "." + el.getMethodName();
        }
        return msg;
    }

    private static String abbreviate(String sql) {
        String s = sql.replaceAll("\\s+", " ");
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
