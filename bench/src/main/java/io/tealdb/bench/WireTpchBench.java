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
 *   bench/run WireTpchBench [--sf 1] [--runs 5] [--queries 1,3,6] [--dir DIR]
 * </pre>
 * Loads TPC-H into a database file ({@code DIR/wire.db}, a temporary directory by default) through
 * the embedded JDBC driver, starts {@code teal serve}'s server on that file in this JVM (a file opened
 * twice in one JVM is one database instance, so both paths read the same tables and share the
 * JIT-compiled engine), connects pgjdbc to it on loopback, and runs each query through both
 * connections, interleaved: a warm-up that checks the answer against shared/tpch/answers-trino and a second
 * warm-up, then {@code runs} timed runs each (results fetched through JDBC), the path that goes first
 * alternating from run to run. Prints the medians and the ratio wire /
 * embedded per query: what the protocol, the server's session layer and pgjdbc add to a query. Beside
 * the elapsed times it prints the medians of the process's CPU time per run (every thread: pgjdbc,
 * the event loop, the connection's worker and the engine's), which a busy machine disturbs far less
 * than elapsed time: their difference is the CPU the wire path adds.
 */
public final class WireTpchBench {
    private WireTpchBench() {
    }

    public static void main(String[] args) throws Exception {
        String sf = "1";
        int runs = 5;
        List<Integer> queries = new ArrayList<>();
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sf" -> sf = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--queries" -> Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt).forEach(queries::add);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: WireTpchBench [--sf 1] [--runs 5] [--queries 1,3] [--dir DIR];"
                        + " unknown " + args[i]);
            }
        }
        if (queries.isEmpty()) {
            for (int q = 1; q <= 22; q++) queries.add(q);
        }
        List<QueryTiming> timings = run(sf, runs, queries, dir, System.out);
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

    /** Loads SF {@code sf} into {@code dir/wire.db} (a temporary directory when null), runs the queries both ways, prints a line each. */
    static List<QueryTiming> run(String sf, int runs, List<Integer> queries, Path dir, PrintStream out) throws Exception {
        boolean temporary = dir == null;
        if (temporary) dir = Files.createTempDirectory("tealdb-wire-tpch");
        Path file = dir.resolve("wire.db");
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + ".wal"));
        Path tpch = TpchBench.sharedTpch();
        Path answers = tpch.resolve("answers-trino").resolve("sf" + sf);

        Connection embedded = DriverManager.getConnection("jdbc:teal:" + file);
        long t0 = System.nanoTime();
        long rows = TpchLoader.load(embedded, Double.parseDouble(sf), TealAppenderSink.factory(embedded));
        out.printf(Locale.ROOT, "loaded %,d rows at SF %s in %.1f s%n", rows, sf, (System.nanoTime() - t0) / 1e9);

        TealServer server = TealServer.start(ServerConfig.defaults().withPort(0).withDatabaseFile(file.toString()),
                new PrintStream(OutputStream.nullOutputStream()));
        List<QueryTiming> timings = new ArrayList<>();
        try (Connection wire = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/teal?user=teal")) {
            out.printf(Locale.ROOT, "%-5s %12s %12s %8s  %-8s %-8s %12s %12s %8s%n", "query", "wire ms", "embedded ms", "ratio", "wire ok",
                    "emb. ok", "wire cpu ms", "emb. cpu ms", "cpu +ms");
            for (int q : queries) {
                String sql = Files.readString(tpch.resolve("queries").resolve(String.format(Locale.ROOT, "q%02d.sql", q))).strip();
                if (sql.endsWith(";")) sql = sql.substring(0, sql.length() - 1);
                Path answer = answers.resolve(String.format(Locale.ROOT, "q%02d.csv", q));
                String wireOk = TpchBench.check(wire, sql, answer);
                String embeddedOk = TpchBench.check(embedded, sql, answer);
                // a second untimed run each: code that only this query's shape reaches (the wire path's encoders of
                // its column types, its operators) is still being compiled during the first runs after the check
                TpchBench.time(wire, sql);
                TpchBench.time(embedded, sql);
                double[] w = new double[runs];
                double[] e = new double[runs];
                double[] wc = new double[runs];
                double[] ec = new double[runs];
                for (int r = 0; r < runs; r++) {
                    // which path goes first alternates: the first of a pair pays more of what the previous pair left
                    // behind (a young collection, compilations)
                    boolean wireFirst = r % 2 == 0;
                    for (int side = 0; side < 2; side++) {
                        boolean isWire = (side == 0) == wireFirst;
                        long c0 = processCpuNanos();
                        double ms = TpchBench.time(isWire ? wire : embedded, sql);
                        double cpu = (processCpuNanos() - c0) / 1e6;
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
                out.printf(Locale.ROOT, "Q%02d   %12.1f %12.1f %8.2f  %-8s %-8s %12.1f %12.1f %8.1f%n", q, t.wireMs(), t.embeddedMs(), t.ratio(),
                        wireOk, embeddedOk, t.wireCpuMs(), t.embeddedCpuMs(), t.wireCpuMs() - t.embeddedCpuMs());
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
