package io.tealdb.bench;

import io.tealdb.server.ServerConfig;
import io.tealdb.server.TealServer;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * TPC-H over the PostgreSQL wire against the same queries embedded, on one database:
 *
 * <pre>
 *   bench/run WireTpchBench [--sf 1] [--runs 5] [--queries 1,3,6] [--dir DIR | --db FILE]
 * </pre>
 * Loads TPC-H into a database file ({@code DIR/wire.db}, a temporary directory by default; {@code --db}
 * opens a file an earlier run loaded instead) through the embedded JDBC driver, starts {@code teal serve}'s
 * server on that file in this JVM (a file opened twice in one JVM is one database instance, so both paths
 * read the same tables and share the JIT-compiled engine), connects pgjdbc to it on loopback, and runs
 * each query through both connections, interleaved: a run each that checks the answer against
 * shared/tpch/answers-trino, untimed pairs until the JIT compilers are about idle ({@link #warmUp}), then
 * {@code runs} timed runs each (results fetched through JDBC), the path that goes first alternating from
 * run to run. Prints the medians and the ratio wire / embedded per query: what the protocol, the
 * server's session layer and pgjdbc add to a query. Beside the elapsed times it prints the medians of
 * the process's CPU time per run (every thread: pgjdbc, the event loop, the connection's worker and the
 * engine's), which a busy machine disturbs far less than elapsed time: their difference is the CPU the
 * wire path adds; then the number of warm-up pairs and the milliseconds the JIT compilers spent during
 * each path's timed runs (summed), which should be small beside the query's times.
 */
public final class WireTpchBench {
    private WireTpchBench() {
    }

    public static void main(String[] args) throws Exception {
        String sf = "1";
        int runs = 5;
        List<Integer> queries = new ArrayList<>();
        Path dir = null;
        Path db = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sf" -> sf = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--queries" -> Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt).forEach(queries::add);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--db" -> db = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: WireTpchBench [--sf 1] [--runs 5] [--queries 1,3] [--dir DIR | --db FILE];"
                        + " unknown " + args[i]);
            }
        }
        if (queries.isEmpty()) {
            for (int q = 1; q <= 22; q++) queries.add(q);
        }
        List<QueryTiming> timings = run(sf, runs, queries, dir, db, System.out);
        double logSum = 0;
        double worst = 0;
        for (QueryTiming t : timings) {
            logSum += Math.log(t.ratio());
            worst = Math.max(worst, t.ratio());
        }
        System.out.printf(Locale.ROOT, "geometric mean ratio wire/embedded: %.2f, worst %.2f%n", Math.exp(logSum / timings.size()), worst);
    }

    /** One query's medians over the wire and embedded, and whether each answer matched ("yes", "NO", "ERR…"). */
    record QueryTiming(int query, double wireMs, double embeddedMs, String wireOk, String embeddedOk, double wireCpuMs,
                       double embeddedCpuMs) {
        double ratio() {
            return wireMs / embeddedMs;
        }
    }

    /** CPU time of every thread of this process so far (the JVM's count; background JIT and GC threads included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Untimed pairs of runs (wire and embedded) after the answer check: at least this many ... */
    static final int MIN_WARM_UPS = 2;
    /** ... and at most this many, while the JIT compilers are still busy with what this query reaches. */
    static final int MAX_WARM_UPS = 12;

    /**
     * Runs untimed pairs, the order alternating, until a pair passes with the JIT compilers about idle
     * (less than 5 ms, or 5% of the pair's time, spent compiling), at least {@link #MIN_WARM_UPS} and at most
     * {@link #MAX_WARM_UPS}; returns how many. A query reaches code that no earlier query did (its operators,
     * the encoders of its column types on the wire): its compilation goes on for several runs after the
     * first, on the machine's two cores beside the query, and lands in whichever path runs meanwhile. With
     * two fixed warm-ups the compilers still spent more than the query's own time during its timed runs
     * (TPC-H Q02, Q03, Q07, Q09 at SF 1), so that the ratio measured compilation.
     */
    static int warmUp(Connection wire, Connection embedded, String sql) throws java.sql.SQLException {
        int pairs = 0;
        while (true) {
            long j0 = compileMillis();
            long t0 = System.nanoTime();
            boolean wireFirst = pairs % 2 == 0;
            TpchBench.time(wireFirst ? wire : embedded, sql);
            TpchBench.time(wireFirst ? embedded : wire, sql);
            pairs++;
            double pairMs = (System.nanoTime() - t0) / 1e6;
            long jit = compileMillis() - j0;
            if (pairs >= MAX_WARM_UPS || pairs >= MIN_WARM_UPS && (jit < 5 || jit < 0.05 * pairMs)) return pairs;
        }
    }

    /** Milliseconds the JIT compilers have spent so far (all compiler threads). */
    private static long compileMillis() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /**
     * Loads SF {@code sf} into {@code dir/wire.db} (a temporary directory when null), or opens the database file
     * {@code db} an earlier run loaded when it is not null, runs the queries both ways, prints a line each.
     */
    static List<QueryTiming> run(String sf, int runs, List<Integer> queries, Path dir, Path db, PrintStream out) throws Exception {
        boolean temporary = dir == null && db == null;
        if (temporary) dir = Files.createTempDirectory("tealdb-wire-tpch");
        Path file = db != null ? db : dir.resolve("wire.db");
        Path tpch = TpchBench.sharedTpch();
        Path answers = tpch.resolve("answers-trino").resolve("sf" + sf);
        Connection embedded;
        if (db == null) {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + ".wal"));
            embedded = DriverManager.getConnection("jdbc:teal:" + file);
            long t0 = System.nanoTime();
            long rows = TpchLoader.load(embedded, Double.parseDouble(sf), TealAppenderSink.factory(embedded));
            out.printf(Locale.ROOT, "loaded %,d rows at SF %s in %.1f s%n", rows, sf, (System.nanoTime() - t0) / 1e9);
        } else {
            if (!Files.exists(db)) throw new IllegalArgumentException("--db " + db + ": no such file (WireTpchBench --dir DIR loads DIR/wire.db)");
            embedded = DriverManager.getConnection("jdbc:teal:" + file);
        }

        TealServer server = TealServer.start(ServerConfig.defaults().withPort(0).withDatabaseFile(file.toString()),
                new PrintStream(OutputStream.nullOutputStream()));
        List<QueryTiming> timings = new ArrayList<>();
        try (Connection wire = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/teal?user=teal")) {
            out.printf(Locale.ROOT, "%-5s %12s %12s %8s  %-8s %-8s %12s %12s %8s %8s  %s%n", "query", "wire ms", "embedded ms", "ratio", "wire ok",
                    "emb. ok", "wire cpu ms", "emb. cpu ms", "cpu +ms", "warm-ups", "jit ms w/e");
            for (int q : queries) {
                String sql = Files.readString(tpch.resolve("queries").resolve(String.format(Locale.ROOT, "q%02d.sql", q))).strip();
                if (sql.endsWith(";")) sql = sql.substring(0, sql.length() - 1);
                Path answer = answers.resolve(String.format(Locale.ROOT, "q%02d.csv", q));
                String wireOk = TpchBench.check(wire, sql, answer);
                String embeddedOk = TpchBench.check(embedded, sql, answer);
                int warmUps = warmUp(wire, embedded, sql);
                double[] w = new double[runs];
                double[] e = new double[runs];
                double[] wc = new double[runs];
                double[] ec = new double[runs];
                long[] jit = new long[2]; // compiler milliseconds during the wire's and the embedded timed runs
                for (int r = 0; r < runs; r++) {
                    // which path goes first alternates: the first of a pair pays more of what the previous pair left
                    // behind (a young collection, compilations)
                    boolean wireFirst = r % 2 == 0;
                    for (int side = 0; side < 2; side++) {
                        boolean isWire = (side == 0) == wireFirst;
                        long c0 = processCpuNanos();
                        long j0 = compileMillis();
                        double ms = TpchBench.time(isWire ? wire : embedded, sql);
                        double cpu = (processCpuNanos() - c0) / 1e6;
                        jit[isWire ? 0 : 1] += compileMillis() - j0;
                        if (isWire) {
                            w[r] = ms;
                            wc[r] = cpu;
                        } else {
                            e[r] = ms;
                            ec[r] = cpu;
                        }
                    }
                }
                QueryTiming t = new QueryTiming(q, TpchBench.median(w), TpchBench.median(e), wireOk, embeddedOk,
                        TpchBench.median(wc), TpchBench.median(ec));
                timings.add(t);
                out.printf(Locale.ROOT, "Q%02d   %12.1f %12.1f %8.2f  %-8s %-8s %12.1f %12.1f %8.1f %8d  %d/%d%n", q, t.wireMs(), t.embeddedMs(), t.ratio(),
                        wireOk, embeddedOk, t.wireCpuMs(), t.embeddedCpuMs(), t.wireCpuMs() - t.embeddedCpuMs(), warmUps, jit[0], jit[1]);
            }
        } finally {
            server.close();
            embedded.close();
            if (temporary) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(Path.of(file + ".wal"));
                Files.deleteIfExists(dir);
            }
        }
        return timings;
    }
}
