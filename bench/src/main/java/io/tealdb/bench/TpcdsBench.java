package io.tealdb.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * TPC-DS side by side: TealDB and DuckDB JDBC in the same JVM.
 *
 * <pre>
 *   TpcdsBench [--sf 1] [--runs 5] [--queries 4,11] [--data DIR] [--threads N] [--duckdb-only] [--analyze | --explain]
 * </pre>
 * Generates the 24 tables with io.trino.tpcds at DuckDB's row counts ({@link TpcdsData}) into
 * {@code DIR} (default {@code <tmp>/tealdb-tpcds/sf<N>}, reused when complete), loads both engines with
 * {@code COPY ... (DELIMITER '|')} and prints both load times, then runs each query once per engine as
 * warm-up and correctness check against shared/tpcds/answers/sf&lt;N&gt; and {@code runs} times per engine,
 * interleaved, and prints median ms, the ratio TealDB/DuckDB, the geometric mean and the worst ratios.
 * {@code --analyze} prints both engines' EXPLAIN ANALYZE of each query instead of timing it;
 * {@code --explain} prints both plans without running the queries (for a query that fails or runs too long).
 */
public final class TpcdsBench {

    private TpcdsBench() {}

    public static void main(String[] args) throws Exception {
        String sf = "1";
        int runs = 5;
        List<Integer> queries = new ArrayList<>();
        Path data = null;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean duckOnly = false;
        boolean analyze = false;
        boolean explainOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sf" -> sf = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--queries" -> Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt)
                        .forEach(queries::add);
                case "--data" -> data = Path.of(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--duckdb-only" -> duckOnly = true;
                case "--analyze" -> analyze = true;
                case "--explain" -> {
                    analyze = true;
                    explainOnly = true;
                }
                default -> throw new IllegalArgumentException("usage: TpcdsBench [--sf 1] [--runs 5] [--queries 4,11]"
                        + " [--data DIR] [--threads N] [--duckdb-only] [--analyze | --explain]; unknown " + args[i]);
            }
        }
        if (queries.isEmpty()) {
            for (int q = 1; q <= 99; q++) {
                queries.add(q);
            }
        }
        Path tpcds = TpcdsData.shared();
        if (data == null) {
            data = Path.of(System.getProperty("java.io.tmpdir"), "tealdb-tpcds", "sf" + sf);
        }
        double scale = Double.parseDouble(sf);
        System.out.printf(Locale.ROOT, "load average at start: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        long t0 = System.nanoTime();
        boolean generated = TpcdsData.generate(tpcds, scale, data, threads);
        System.out.printf(Locale.ROOT, "data at SF %s in %s: %s in %.1f s%n", sf, data,
                generated ? "generated" : "reused", (System.nanoTime() - t0) / 1e9);

        Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        long rows = TpcdsData.load(duck, tpcds, data);
        double duckLoad = (System.nanoTime() - t0) / 1e9;
        double duckCpu = (processCpuNanos() - cpu0) / 1e9;
        System.out.printf(Locale.ROOT, "DuckDB: COPY of %,d rows in %.1f s (%.1f s CPU)%n", rows, duckLoad, duckCpu);
        Connection teal = null;
        if (!duckOnly) {
            teal = DriverManager.getConnection(TpchBench.TEAL_URL);
            t0 = System.nanoTime();
            cpu0 = processCpuNanos();
            long jit0 = jitMillis();
            long gc0 = gcMillis();
            rows = TpcdsData.load(teal, tpcds, data);
            double tealLoad = (System.nanoTime() - t0) / 1e9;
            double tealCpu = (processCpuNanos() - cpu0) / 1e9;
            // CPU seconds of the whole process (DuckDB's native threads included): on a loaded
            // machine the wall time mostly measures the scheduler, the CPU time the work per row
            System.out.printf(Locale.ROOT, "TealDB: COPY of %,d rows in %.1f s (%.2fx DuckDB's time; %.1f s CPU, %.2fx DuckDB's)%n",
                    rows, tealLoad, tealLoad / duckLoad, tealCpu, tealCpu / duckCpu);
            // the JVM's own share of that CPU time: compiling TealDB's code (a cold JVM) and collecting
            System.out.printf(Locale.ROOT, "TealDB: during the COPY the JIT compiled for %.1f s and GC paused for %.1f s%n",
                    (jitMillis() - jit0) / 1e3, (gcMillis() - gc0) / 1e3);
        }
        if (analyze) {
            for (int q : queries) {
                String sql = TpcdsData.query(tpcds, q);
                System.out.printf(Locale.ROOT, "==== Q%02d TealDB ====%n", q);
                if (teal != null) {
                    printPlan(teal, sql, explainOnly);
                }
                System.out.printf(Locale.ROOT, "==== Q%02d DuckDB ====%n", q);
                printPlan(duck, sql, explainOnly);
            }
            close(duck, teal);
            return;
        }

        Path answers = tpcds.resolve("answers").resolve("sf" + sf);
        System.out.printf(Locale.ROOT, "%-5s %12s %12s %8s  %-8s %-8s%n", "query", "TealDB ms", "DuckDB ms", "ratio",
                "teal ok", "duck ok");
        double logSum = 0;
        int ratios = 0;
        double tealTotal = 0;
        double duckTotal = 0;
        int tealCorrect = 0;
        List<double[]> byRatio = new ArrayList<>();
        for (int q : queries) {
            String sql = TpcdsData.query(tpcds, q);
            Path answer = answers.resolve(String.format(Locale.ROOT, "%02d.csv", q));
            String duckOk = check(duck, sql, answer);
            String tealOk = teal == null ? "-" : check(teal, sql, answer);
            if (tealOk.equals("yes")) {
                tealCorrect++;
            }
            boolean timeTeal = teal != null && !tealOk.equals("ERR");
            double[] dt = new double[runs];
            double[] tt = new double[runs];
            for (int r = 0; r < runs; r++) {
                if (timeTeal) {
                    tt[r] = TpchBench.time(teal, sql);
                }
                dt[r] = TpchBench.time(duck, sql);
            }
            double dm = TpchBench.median(dt);
            double tm = timeTeal ? TpchBench.median(tt) : Double.NaN;
            double ratio = tm / dm;
            duckTotal += dm;
            if (!Double.isNaN(ratio)) {
                tealTotal += tm;
                logSum += Math.log(ratio);
                ratios++;
                byRatio.add(new double[] {q, ratio, tm, dm});
            }
            System.out.printf(Locale.ROOT, "Q%02d   %12s %12.1f %8s  %-8s %-8s%n", q,
                    Double.isNaN(tm) ? "-" : String.format(Locale.ROOT, "%.1f", tm), dm,
                    Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio), tealOk, duckOk);
        }
        System.out.printf(Locale.ROOT, "sum of medians: TealDB %.0f ms, DuckDB %.0f ms%n", tealTotal, duckTotal);
        if (teal != null) {
            System.out.printf(Locale.ROOT, "TealDB answers correct: %d of %d%n", tealCorrect, queries.size());
        }
        System.out.println("geometric mean ratio TealDB/DuckDB: "
                + (ratios == 0 ? "-" : String.format(Locale.ROOT, "%.2f", Math.exp(logSum / ratios))));
        byRatio.sort((a, b) -> Double.compare(b[1], a[1]));
        StringBuilder worst = new StringBuilder("worst ratios:");
        for (int i = 0; i < Math.min(10, byRatio.size()); i++) {
            double[] w = byRatio.get(i);
            worst.append(String.format(Locale.ROOT, " Q%02d %.2fx (%.0f vs %.0f ms)%s", (int) w[0], w[1], w[2], w[3],
                    i + 1 < Math.min(10, byRatio.size()) ? "," : ""));
        }
        System.out.println(worst);
        System.out.printf(Locale.ROOT, "load average at end: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        close(duck, teal);
    }

    /** CPU time of this process so far (all threads, native ones too), or 0 when the JVM cannot tell. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    /** Milliseconds the JIT compilers have spent so far (0 when the JVM cannot tell). */
    static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** Milliseconds of garbage collection so far, summed over the collectors. */
    static long gcMillis() {
        long ms = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) ms += Math.max(0, gc.getCollectionTime());
        return ms;
    }

    /** Runs the query and compares with the answer: "yes", "NO" (details printed), "n/a" or "ERR". */
    static String check(Connection c, String sql, Path answer) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!Files.exists(answer)) {
                while (rs.next()) {
                    // consume
                }
                return "n/a";
            }
            String diff = AnswerCheck.compare(answer, rs, "NULL");
            if (diff != null) {
                System.out.println("  wrong answer (" + answer.getFileName() + "): " + diff);
                return "NO";
            }
            return "yes";
        } catch (Exception e) {
            System.out.println("  error: " + e);
            return "ERR";
        }
    }

    private static void printPlan(Connection c, String sql, boolean explainOnly) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery((explainOnly ? "EXPLAIN " : "EXPLAIN ANALYZE ") + sql)) {
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                System.out.println(rs.getString(cols));
            }
        } catch (Exception e) {
            System.out.println("  error: " + e);
        }
    }

    private static void close(Connection duck, Connection teal) throws Exception {
        duck.close();
        if (teal != null) {
            teal.close();
        }
    }
}
