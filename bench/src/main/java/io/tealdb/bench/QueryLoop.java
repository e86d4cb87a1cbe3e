package io.tealdb.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Profiling aid: loads TPC-H (native appender) or, with {@code --tpcds}, TPC-DS (COPY of the files
 * {@link TpcdsBench} generates) into TealDB once, then runs the given queries in a
 * loop for a number of seconds each and prints per-run times ({@code --explain} prints the plan first,
 * {@code --analyze} the plan with rows and time per operator; {@code --duckdb} loads DuckDB JDBC too,
 * prints its EXPLAIN ANALYZE beside TealDB's and alternates the runs of both engines, so the printed
 * ratio of medians is taken under the same load). Run it under JFR to find hot methods:
 *
 * <pre>
 *   JAVA_OPTS="-Xmx8g -XX:StartFlightRecording=filename=/tmp/q.jfr,settings=profile" \
 *     bench/run QueryLoop --sf 1 --queries 6 --seconds 20
 * </pre>
 * {@code --parquet DIR} defines the TPC-H tables as views over the Parquet files {@link ParquetBench}
 * wrote into DIR instead of loading them.
 */
public final class QueryLoop {

    private QueryLoop() {}

    /** CPU time of the whole process so far. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        double sf = 1;
        String queries = "6";
        double seconds = 20;
        boolean explain = false;
        boolean analyze = false;
        boolean tpcds = false;
        boolean duckdb = false;
        Path parquet = null;
        boolean tables = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sf" -> sf = Double.parseDouble(args[++i]);
                case "--queries" -> queries = args[++i];
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--explain" -> explain = true;
                case "--analyze" -> analyze = true;
                case "--tpcds" -> tpcds = true;
                case "--duckdb" -> duckdb = true;
                case "--parquet" -> parquet = Path.of(args[++i]);
                case "--tables" -> tables = true;
                default -> throw new IllegalArgumentException("usage: QueryLoop [--tpcds] [--sf 1] [--queries 1,6] [--seconds 20] [--explain]"
                        + " [--analyze] [--duckdb] [--parquet DIR [--tables]]");
            }
        }
        try (Connection c = DriverManager.getConnection(TpchBench.TEAL_URL);
             Connection duck = duckdb ? DriverManager.getConnection("jdbc:duckdb:") : null;
             Connection mem = tables && parquet != null ? DriverManager.getConnection(TpchBench.TEAL_URL) : null) {
            long t0 = System.nanoTime();
            Path tpcdsDir = TpcdsData.shared();
            long rows;
            if (parquet != null) {
                // TPC-H as Parquet files (ParquetBench writes them): views in both engines, nothing loaded
                rows = 0;
                for (Connection e : duck == null ? List.of(c) : List.of(c, duck)) {
                    try (var st = e.createStatement()) {
                        for (String t : ParquetBench.TABLES) {
                            st.execute("CREATE VIEW " + t + " AS SELECT * FROM read_parquet('" + parquet.resolve(t + ".parquet") + "')");
                        }
                    }
                }
                if (mem != null) {
                    // the same data in TealDB tables, in a second database: what the Parquet scan costs over storage
                    try (var st = mem.createStatement()) {
                        for (String t : ParquetBench.TABLES) {
                            st.execute("CREATE TABLE " + t + " AS SELECT * FROM read_parquet('" + parquet.resolve(t + ".parquet") + "')");
                        }
                    }
                }
            } else if (tpcds) {
                // the files TpcdsBench generates (and reuses) at this scale
                String sfName = sf == Math.rint(sf) ? String.valueOf((long) sf) : String.valueOf(sf);
                Path data = Path.of(System.getProperty("java.io.tmpdir"), "tealdb-tpcds", "sf" + sfName);
                TpcdsData.generate(tpcdsDir, sf, data, 2);
                rows = TpcdsData.load(c, tpcdsDir, data);
                if (duck != null) TpcdsData.load(duck, tpcdsDir, data);
            } else {
                rows = TpchLoader.load(c, sf, TealAppenderSink.factory(c));
                if (duck != null) TpchLoader.load(duck, sf, DuckDbAppenderSink.factory(duck));
            }
            System.out.printf(Locale.ROOT, "loaded %,d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
            for (String q : queries.split(",")) {
                String sql = tpcds ? TpcdsData.query(tpcdsDir, Integer.parseInt(q.strip())).strip()
                        : Files.readString(TpchBench.sharedTpch().resolve("queries")
                        .resolve(String.format(Locale.ROOT, "q%02d.sql", Integer.parseInt(q.strip())))).strip();
                if (sql.endsWith(";")) {
                    sql = sql.substring(0, sql.length() - 1);
                }
                if (explain || analyze) {
                    for (Connection e : duck == null ? List.of(c) : List.of(c, duck)) {
                        System.out.printf(Locale.ROOT, "==== Q%s %s ====%n", q.strip(), e == c ? "TealDB" : "DuckDB");
                        try (var st = e.createStatement(); var rs = st.executeQuery((analyze ? "EXPLAIN ANALYZE " : "EXPLAIN ") + sql)) {
                            while (rs.next()) {
                                for (int k = 1; k <= rs.getMetaData().getColumnCount(); k++) {
                                    System.out.println(rs.getString(k));
                                }
                            }
                        }
                    }
                }
                if (duck != null) {
                    // alternate the engines run by run for the whole time; ratio of medians
                    List<Double> tt = new ArrayList<>();
                    List<Double> dt = new ArrayList<>();
                    List<Double> mt = new ArrayList<>();
                    // CPU seconds of the whole process per run (the other engine idles meanwhile): steadier than wall time under load
                    List<Double> tc = new ArrayList<>(), dc = new ArrayList<>(), mc = new ArrayList<>();
                    long stop = System.nanoTime() + (long) (seconds * 1e9);
                    while (System.nanoTime() < stop) {
                        long c0 = cpuNanos();
                        tt.add(TpchBench.time(c, sql));
                        long c1 = cpuNanos();
                        dt.add(TpchBench.time(duck, sql));
                        long c2 = cpuNanos();
                        tc.add((c1 - c0) / 1e6);
                        dc.add((c2 - c1) / 1e6);
                        if (mem != null) {
                            mt.add(TpchBench.time(mem, sql));
                            mc.add((cpuNanos() - c2) / 1e6);
                        }
                    }
                    double tcm = TpchBench.median(tc.stream().mapToDouble(Double::doubleValue).toArray());
                    double dcm = TpchBench.median(dc.stream().mapToDouble(Double::doubleValue).toArray());
                    System.out.printf(Locale.ROOT, "Q%s: CPU median TealDB %.0f ms, DuckDB %.0f ms, ratio %.2f%s%n", q.strip(), tcm, dcm, tcm / dcm,
                            mem == null ? "" : String.format(Locale.ROOT, "; TealDB over tables %.0f ms CPU",
                                    TpchBench.median(mc.stream().mapToDouble(Double::doubleValue).toArray())));
                    if (mem != null) {
                        double pm = TpchBench.median(tt.stream().mapToDouble(Double::doubleValue).toArray());
                        double mm = TpchBench.median(mt.stream().mapToDouble(Double::doubleValue).toArray());
                        System.out.printf(Locale.ROOT, "Q%s: TealDB over Parquet %.1f ms, over tables %.1f ms, ratio %.2f%n", q.strip(), pm, mm,
                                pm / mm);
                    }
                    double tm = TpchBench.median(tt.stream().mapToDouble(Double::doubleValue).toArray());
                    double dm = TpchBench.median(dt.stream().mapToDouble(Double::doubleValue).toArray());
                    System.out.printf(Locale.ROOT, "Q%s: %d runs each, median TealDB %.1f ms, DuckDB %.1f ms, ratio %.2f;"
                                    + " best %.1f / %.1f ms%n", q.strip(), tt.size(), tm, dm, tm / dm,
                            tt.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                            dt.stream().mapToDouble(Double::doubleValue).min().orElse(0));
                    continue;
                }
                long end = System.nanoTime() + (long) (seconds * 1e9);
                StringBuilder times = new StringBuilder();
                int n = 0;
                double best = Double.MAX_VALUE;
                while (System.nanoTime() < end) {
                    double ms = TpchBench.time(c, sql);
                    best = Math.min(best, ms);
                    if (n++ < 30) {
                        times.append(String.format(Locale.ROOT, " %.0f", ms));
                    }
                }
                System.out.printf(Locale.ROOT, "Q%s: %d runs, best %.1f ms; times:%s%n", q.strip(), n, best, times);
            }
        }
    }
}
