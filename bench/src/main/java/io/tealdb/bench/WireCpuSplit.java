package io.tealdb.bench;

import io.tealdb.server.ServerConfig;
import io.tealdb.server.TealServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where the CPU of a TPC-H query over pgjdbc goes, against the same query embedded, per kind of thread
 * (Linux: every thread's on-CPU time from {@code /proc/self/task/}{@code *}{@code /schedstat}, in
 * nanoseconds, so the JIT compiler's and the garbage collector's threads are counted too):
 *
 * <pre>
 *   bench/run WireCpuSplit --db DIR/wire.db [--runs 5] [--queries 6,16] [--embedded-first]
 * </pre>
 * Opens an existing TPC-H database file (one {@code WireTpchBench --dir DIR} loaded), serves it in
 * this JVM and runs each query through pgjdbc and embedded JDBC, interleaved (the wire first in each
 * pair unless {@code --embedded-first}), after untimed pairs until the JIT compilers are about idle
 * ({@link WireTpchBench#warmUp}). Prints the medians of elapsed and CPU time per path, the number of
 * collections during each path's runs, and the difference wire − embedded of the median CPU per kind
 * of thread: {@code main} (pgjdbc on the wire, the engine's calling thread embedded), {@code pg} (the
 * connection's worker: protocol, and the engine's calling thread on the wire), {@code loop} (Netty),
 * {@code fj} (the engine's workers' carriers), {@code jit}, {@code gc}, {@code other}, and {@code gone}
 * (threads that ended: the process's CPU, counted in 10 ms ticks, minus the sum). At the end, the sums
 * over the queries of each path's median CPU without {@code jit}, {@code gc} and {@code gone}: the work
 * the query and the protocol do, which compilation going on meanwhile does not blur.
 */
public final class WireCpuSplit {
    private static final String[] KINDS = {"main", "pg", "loop", "fj", "jit", "gc", "other", "gone"};

    private WireCpuSplit() {
    }

    private static int kind(String name) {
        if (name.startsWith("teal-pg")) return 1;
        if (name.startsWith("multiThreadIo")) return 2;
        if (name.startsWith("ForkJoinPool")) return 3;
        if (name.equals("java") || name.equals("main")) return 0;
        if (name.contains("Compiler")) return 4;
        if (name.startsWith("GC ") || name.startsWith("G1 ")) return 5;
        return 6;
    }

    /** CPU milliseconds per kind of thread so far. */
    private static double[] cpu() {
        double[] s = new double[KINDS.length];
        double sum = 0;
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        for (java.io.File t : tasks == null ? new java.io.File[0] : tasks) {
            try {
                String name = Files.readString(t.toPath().resolve("comm")).strip();
                double ms = Long.parseLong(Files.readString(t.toPath().resolve("schedstat")).strip().split(" ")[0]) / 1e6;
                s[kind(name)] += ms;
                sum += ms;
            } catch (IOException | RuntimeException e) {
                // the thread ended meanwhile
            }
        }
        s[7] = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e6 - sum;
        return s;
    }

    private static long collections() {
        long n = 0;
        for (var g : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!g.getName().contains("Concurrent")) n += g.getCollectionCount();
        }
        return n;
    }

    public static void main(String[] args) throws Exception {
        String db = null;
        int runs = 5;
        boolean embeddedFirst = false;
        List<Integer> queries = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--db" -> db = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--queries" -> Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt).forEach(queries::add);
                case "--embedded-first" -> embeddedFirst = true;
                default -> throw new IllegalArgumentException("usage: WireCpuSplit --db FILE [--runs 5] [--queries 1,3] [--embedded-first];"
                        + " unknown " + args[i]);
            }
        }
        if (db == null) throw new IllegalArgumentException("--db FILE: a database WireTpchBench --dir loaded");
        if (queries.isEmpty()) for (int q = 1; q <= 22; q++) queries.add(q);
        Path tpch = TpchBench.sharedTpch();
        try (Connection embedded = DriverManager.getConnection("jdbc:teal:" + db);
             TealServer server = TealServer.start(ServerConfig.defaults().withPort(0).withDatabaseFile(db),
                     new PrintStream(OutputStream.nullOutputStream()));
             Connection wire = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/teal?user=teal")) {
            System.out.printf(Locale.ROOT, "%-4s %8s %8s %6s | %8s %8s %6s | gc w/e | wire - embedded CPU ms by thread: %s%n",
                    "q", "wire ms", "emb ms", "ratio", "wire cpu", "emb cpu", "ratio", String.join(" ", KINDS));
            double logWall = 0, logCpu = 0;
            double[] workSum = new double[2];
            for (int q : queries) {
                String sql = Files.readString(tpch.resolve("queries").resolve(String.format(Locale.ROOT, "q%02d.sql", q))).strip();
                if (sql.endsWith(";")) sql = sql.substring(0, sql.length() - 1);
                WireTpchBench.warmUp(wire, embedded, sql);
                double[][] wall = new double[2][runs], total = new double[2][runs];
                double[][][] byKind = new double[2][KINDS.length][runs];
                long[] gcs = new long[2];
                for (int r = 0; r < runs; r++) {
                    for (int side = 0; side < 2; side++) {
                        int path = (side == 0) != embeddedFirst ? 0 : 1; // 0 wire, 1 embedded
                        long g0 = collections();
                        double[] c0 = cpu();
                        wall[path][r] = TpchBench.time(path == 0 ? wire : embedded, sql);
                        double[] c1 = cpu();
                        gcs[path] += collections() - g0;
                        for (int k = 0; k < KINDS.length; k++) {
                            byKind[path][k][r] = c1[k] - c0[k];
                            total[path][r] += c1[k] - c0[k];
                        }
                    }
                }
                StringBuilder split = new StringBuilder();
                for (int k = 0; k < KINDS.length; k++) {
                    split.append(String.format(Locale.ROOT, " %+6.1f", TpchBench.median(byKind[0][k]) - TpchBench.median(byKind[1][k])));
                }
                for (int path = 0; path < 2; path++) {
                    double[] work = new double[runs];
                    for (int r = 0; r < runs; r++) work[r] = total[path][r] - byKind[path][4][r] - byKind[path][5][r] - byKind[path][7][r];
                    workSum[path] += TpchBench.median(work);
                }
                double w = TpchBench.median(wall[0]), e = TpchBench.median(wall[1]);
                double wc = TpchBench.median(total[0]), ec = TpchBench.median(total[1]);
                logWall += Math.log(w / e);
                logCpu += Math.log(wc / ec);
                System.out.printf(Locale.ROOT, "Q%02d %8.1f %8.1f %6.2f | %8.1f %8.1f %6.2f | %2d/%-2d |%s%n", q, w, e, w / e, wc, ec, wc / ec,
                        gcs[0], gcs[1], split);
            }
            System.out.printf(Locale.ROOT, "geometric mean wire/embedded: elapsed %.2f, CPU %.2f%n", Math.exp(logWall / queries.size()),
                    Math.exp(logCpu / queries.size()));
            System.out.printf(Locale.ROOT, "CPU without the JIT compiler and GC threads, summed medians: wire %.1f ms, embedded %.1f ms (%.3fx)%n",
                    workSum[0], workSum[1], workSum[0] / workSum[1]);
        }
    }
}
