package io.tealdb.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * TPC-H side by side: TealDB ({@value #TEAL_URL}) and DuckDB JDBC in the same JVM.
 *
 * <pre>
 *   TpchBench [--sf 1|10] [--runs 5] [--queries 1,3,6] [--duckdb-only] [--analyze] [--copy DIR] [--answers DIR]
 * </pre>
 * {@code --answers DIR} checks the answers against DIR/qNN.csv instead of shared/tpch/answers-trino/sf&lt;N&gt;:
 * SF10 has no shared answers, and FileTpchBench writes DuckDB's own (same generator) into
 * {@code DIR/answers-duckdb}.
 * {@code --copy DIR} writes the tables as {@code |}-separated files into DIR (reused once complete)
 * and loads both engines with {@code COPY ... FROM} instead, printing both load times, CPU times and
 * their ratios (the COPY target).
 * {@code --analyze} prints both engines' EXPLAIN ANALYZE of each query (after one warm-up run)
 * instead of timing it.
 * Generates the data with io.trino.tpch, loads TealDB through JDBC batches and DuckDB through its
 * appender, runs each query once as warm-up and then {@code runs} times per engine, interleaved,
 * and prints the median times, the ratio and whether each engine's answer matches
 * shared/tpch/answers-trino/sf&lt;N&gt;. If no driver accepts {@value #TEAL_URL} yet, only DuckDB runs.
 */
public final class TpchBench {

    static final String TEAL_URL = "jdbc:teal:";

    private TpchBench() {}

    public static void main(String[] args) throws Exception {
        String sf = "1";
        int runs = 5;
        List<Integer> queries = new ArrayList<>();
        boolean duckOnly = false;
        boolean analyze = false;
        Path copyDir = null;
        Path answersDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sf" -> sf = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--queries" -> Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt)
                        .forEach(queries::add);
                case "--duckdb-only" -> duckOnly = true;
                case "--analyze" -> analyze = true;
                case "--copy" -> copyDir = Path.of(args[++i]);
                case "--answers" -> answersDir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: TpchBench [--sf 1] [--runs 5] [--queries 1,3]"
                         + " [--duckdb-only] [--analyze] [--copy DIR] [--answers DIR]; unknown " + args[i]);
            }
        }
        if (queries.isEmpty()) {
            for (int q = 1; q <= 22; q++) {
                queries.add(q);
            }
        }
        Path tpch = sharedTpch();
        Path answers = answersDir != null ? answersDir : tpch.resolve("answers-trino").resolve("sf" + sf);
        double scale = Double.parseDouble(sf);

        boolean teal = !duckOnly && driverPresent(TEAL_URL);
        if (!teal && !duckOnly) {
            System.out.println("note: no JDBC driver accepts " + TEAL_URL + " yet; running DuckDB only");
        }
        Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Connection tealConn = teal ? DriverManager.getConnection(TEAL_URL) : null;
        if (copyDir != null) {
            copyLoad(copyDir, scale, duck, tealConn);
        } else {
            load(scale, sf, duck, tealConn);
        }
        queries(tpch, answers, queries, runs, analyze, duck, tealConn);
    }

    /**
     * Writes the tables into {@code dir} (unless a previous run completed them there) and loads
     * both engines from those files with COPY, printing wall and CPU time of each load and the ratios.
     */
    private static void copyLoad(Path dir, double scale, Connection duck, Connection teal) throws Exception {
        Path done = dir.resolve("complete");
        if (!Files.exists(done)) {
            Files.createDirectories(dir);
            long t0 = System.nanoTime();
            TpchLoader.fill(scale, DelimitedFileSink.factory(dir));
            Files.writeString(done, "sf " + scale + "\n");
            System.out.printf(Locale.ROOT, "tables written to %s in %.1f s%n", dir, (System.nanoTime() - t0) / 1e9);
        }
        double duckWall = 0;
        double duckCpu = 0;
        for (Connection c : teal == null ? List.of(duck) : List.of(duck, teal)) {
            TpchLoader.createTables(c);
            long t0 = System.nanoTime();
            long cpu0 = TpcdsBench.processCpuNanos();
            long rows = 0;
            try (Statement s = c.createStatement()) {
                for (String t : TpchLoader.tables()) {
                    String file = DelimitedFileSink.file(dir, t).toAbsolutePath().toString().replace("'", "''");
                    s.execute(String.format(Locale.ROOT, "COPY %s FROM '%s' (DELIMITER '|', HEADER false)", t, file));
                    rows += Math.max(0, s.getUpdateCount());
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (TpcdsBench.processCpuNanos() - cpu0) / 1e9;
            if (c == duck) {
                duckWall = wall;
                duckCpu = cpu;
                System.out.printf(Locale.ROOT, "DuckDB: COPY of %,d rows in %.1f s (%.1f s CPU)%n", rows, wall, cpu);
            } else {
                System.out.printf(Locale.ROOT, "TealDB: COPY of %,d rows in %.1f s (%.2fx DuckDB's time; %.1f s CPU, %.2fx DuckDB's)%n",
                        rows, wall, wall / duckWall, cpu, cpu / duckCpu);
            }
        }
    }

    /** Loads DuckDB through its appender and TealDB (when given) through JDBC batches. */
    private static void load(double scale, String sf, Connection duck, Connection tealConn) throws Exception {
        {
            long t0 = System.nanoTime();
            long rows = TpchLoader.load(duck, scale, DuckDbAppenderSink.factory(duck));
            System.out.printf(Locale.ROOT, "DuckDB: loaded %,d rows at SF %s in %.1f s (appender)%n", rows, sf,
                    (System.nanoTime() - t0) / 1e9);
        }
        if (tealConn != null) {
            long t0 = System.nanoTime();
            long rows = TpchLoader.load(tealConn, scale, JdbcBatchSink.factory(tealConn));
            System.out.printf(Locale.ROOT, "TealDB: loaded %,d rows at SF %s in %.1f s (JDBC batches)%n", rows, sf,
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    private static void queries(Path tpch, Path answers, List<Integer> queries, int runs, boolean analyze,
                                Connection duck, Connection tealConn) throws Exception {
        if (analyze) {
            for (int q : queries) {
                String sql = query(tpch, q);
                for (Connection c : tealConn == null ? List.of(duck) : List.of(tealConn, duck)) {
                    time(c, sql);
                    System.out.printf(Locale.ROOT, "==== Q%02d %s ====%n", q, c == duck ? "DuckDB" : "TealDB");
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN ANALYZE " + sql)) {
                        int cols = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            System.out.println(rs.getString(cols));
                        }
                    }
                }
            }
            duck.close();
            if (tealConn != null) {
                tealConn.close();
            }
            return;
        }
        System.out.printf(Locale.ROOT, "%-5s %12s %12s %8s  %-8s %-8s%n", "query", "TealDB ms", "DuckDB ms", "ratio",
                "teal ok", "duck ok");
        double logSum = 0;
        int ratios = 0;
        double duckTotal = 0;
        for (int q : queries) {
            String sql = query(tpch, q);
            Path answer = answers.resolve(String.format(Locale.ROOT, "q%02d.csv", q));
            // warm-up run doubles as the correctness check
            String duckOk = check(duck, sql, answer);
            String tealOk = tealConn == null ? "-" : check(tealConn, sql, answer);
            double[] dt = new double[runs];
            double[] tt = new double[runs];
            for (int r = 0; r < runs; r++) {
                if (tealConn != null && !tealOk.startsWith("ERR")) {
                    tt[r] = time(tealConn, sql);
                }
                dt[r] = time(duck, sql);
            }
            double dm = median(dt);
            duckTotal += dm;
            double tm = tealConn == null || tealOk.startsWith("ERR") ? Double.NaN : median(tt);
            double ratio = tm / dm;
            if (!Double.isNaN(ratio)) {
                logSum += Math.log(ratio);
                ratios++;
            }
            System.out.printf(Locale.ROOT, "Q%02d   %12s %12.1f %8s  %-8s %-8s%n", q,
                    Double.isNaN(tm) ? "-" : String.format(Locale.ROOT, "%.1f", tm), dm,
                    Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio), tealOk, duckOk);
        }
        System.out.printf(Locale.ROOT, "DuckDB sum of medians: %.0f ms%n", duckTotal);
        System.out.println("geometric mean ratio TealDB/DuckDB: "
                + (ratios == 0 ? "-" : String.format(Locale.ROOT, "%.2f", Math.exp(logSum / ratios))));
        duck.close();
        if (tealConn != null) {
            tealConn.close();
        }
    }

    static String query(Path tpch, int q) throws java.io.IOException {
        String sql = Files.readString(tpch.resolve("queries").resolve(String.format(Locale.ROOT, "q%02d.sql", q)))
                .strip();
        return sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
    }

    /** Runs the query and compares with the answer: "yes", "NO" (details printed) or "ERR". */
    static String check(Connection c, String sql, Path answer) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!Files.exists(answer)) {
                while (rs.next()) {
                    // consume
                }
                return "n/a";
            }
            String diff = AnswerCheck.compare(answer, rs);
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

    static double time(Connection c, String sql) throws SQLException {
        long t = System.nanoTime();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
        return (System.nanoTime() - t) / 1e6;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static boolean driverPresent(String url) {
        try {
            DriverManager.getDriver(url);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    static Path sharedTpch() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path t = d.resolve("shared").resolve("tpch");
            if (Files.isDirectory(t.resolve("queries"))) {
                return t;
            }
        }
        throw new IllegalStateException("no folder shared/tpch above the working directory");
    }
}
