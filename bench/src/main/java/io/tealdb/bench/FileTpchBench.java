package io.tealdb.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * TPC-H in database files, TealDB and DuckDB side by side:
 *
 * <pre>
 *   bench/run FileTpchBench [--sf 1] [--runs 5] [--dir DIR] [--queries 1,6] [--reuse-duckdb] [--no-queries] [--teal-only] [--memory-limit 2GB] [--appender]
 *   JAVA_OPTS=-Xmx2g bench/run FileTpchBench --query-phase --teal-only --sf 10 --dir DIR --queries 1,6
 *   bench/run FileTpchBench --duckdb-answers --sf 10 --dir DIR --queries 1,6
 * </pre>
 * Loads the data into {@code DIR/teal.db} and {@code DIR/duck.db} (both closed, so both engines
 * checkpoint), prints load times and file sizes, then starts a new JVM that opens both files and
 * times the first query after the cold open and the 22 queries warm (median of {@code runs}, after
 * a warm-up that checks the answers against shared/tpch/answers-trino). TealDB loads through JDBC
 * batches, one transaction per table, which keeps a table's rows in memory until its commit;
 * {@code --appender} loads through the Appender instead (a commit per flush), for data larger than
 * the heap. {@code --teal-only} leaves
 * DuckDB out (large scale factors); {@code --query-phase} runs only the second part, on files loaded
 * before (so it can run in a JVM with a smaller heap than the load).
 *
 * <p>Scale factors without shared answers (SF10): after loading, DuckDB computes the answers on its
 * own file, loaded from the same generator, into {@code DIR/answers-duckdb} ({@code --duckdb-answers}
 * does only that, on files loaded before); the query phase then checks TealDB against them, so a
 * {@code --teal-only} query phase in a small heap still has its answers checked.
 */
public final class FileTpchBench {
    private FileTpchBench() {
    }

    public static void main(String[] args) throws Exception {
        String sf = "1";
        int runs = 5;
        Path dir = null;
        String queries = null;
        boolean queryPhase = false;
        boolean reuseDuck = false;
        boolean noQueries = false;
        boolean tealOnly = false;
        String memoryLimit = null;
        boolean appender = false;
        boolean duckAnswersOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sf" -> sf = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--queries" -> queries = args[++i];
                case "--query-phase" -> queryPhase = true;
                case "--reuse-duckdb" -> reuseDuck = true;
                case "--no-queries" -> noQueries = true;
                case "--teal-only" -> tealOnly = true;
                case "--memory-limit" -> memoryLimit = args[++i];
                case "--appender" -> appender = true;
                case "--duckdb-answers" -> duckAnswersOnly = true;
                default -> throw new IllegalArgumentException("usage: FileTpchBench [--sf 1] [--runs 5] [--dir DIR] [--queries 1,6]; unknown " + args[i]);
            }
        }
        if (dir == null) {
            dir = Files.createTempDirectory("tealdb-filebench");
        }
        Path teal = dir.resolve("teal.db");
        String tealUrl = "jdbc:teal:" + teal + (memoryLimit == null ? "" : "?memory_limit=" + memoryLimit);
        Path duck = dir.resolve("duck.db");
        if (duckAnswersOnly) {
            writeDuckDbAnswers(duck, dir, queries);
            return;
        }
        if (queryPhase) {
            query(tealUrl, tealOnly ? null : duck, dir, sf, runs, queries);
            return;
        }
        Files.createDirectories(dir);
        boolean loadDuck = !tealOnly && !(reuseDuck && Files.exists(duck));
        for (Path p : loadDuck ? List.of(teal, duck, Path.of(teal + ".wal"), Path.of(duck + ".wal")) : List.of(teal, Path.of(teal + ".wal"))) {
            Files.deleteIfExists(p);
        }
        double scale = Double.parseDouble(sf);
        long t0 = System.nanoTime();
        if (loadDuck) {
            try (Connection d = DriverManager.getConnection("jdbc:duckdb:" + duck)) {
                long rows = TpchLoader.load(d, scale, DuckDbAppenderSink.factory(d));
                System.out.printf(Locale.ROOT, "DuckDB: loaded %,d rows into %s in %.1f s (appender)%n", rows, duck, (System.nanoTime() - t0) / 1e9);
            }
        }
        t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(tealUrl)) {
            long rows = TpchLoader.load(c, scale, appender ? TealAppenderSink.factory(c) : JdbcBatchSink.factory(c));
            System.out.printf(Locale.ROOT, "TealDB: loaded %,d rows into %s in %.1f s (%s)%n", rows, teal, (System.nanoTime() - t0) / 1e9,
                    appender ? "appender" : "JDBC batches");
        }
        long ts = size(teal) + size(Path.of(teal + ".wal"));
        long ds = size(duck) + size(Path.of(duck + ".wal"));
        System.out.printf(Locale.ROOT, "file size: TealDB %.1f MB, DuckDB %.1f MB, ratio %.2f%n", ts / 1e6, ds / 1e6, (double) ts / ds);
        if (!Files.isDirectory(TpchBench.sharedTpch().resolve("answers-trino").resolve("sf" + sf)) && Files.exists(duck)) {
            writeDuckDbAnswers(duck, dir, queries);
        }
        if (noQueries) {
            return;
        }
        // reopen in a new process
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FileTpchBench.class.getName(),
                "--query-phase", "--sf", sf, "--runs", String.valueOf(runs), "--dir", dir.toString()));
        if (queries != null) {
            cmd.addAll(List.of("--queries", queries));
        }
        if (tealOnly) {
            cmd.add("--teal-only");
        }
        if (memoryLimit != null) {
            cmd.addAll(List.of("--memory-limit", memoryLimit));
        }
        int rc = new ProcessBuilder(cmd).inheritIO().start().waitFor();
        System.exit(rc);
    }

    private static long size(Path p) throws java.io.IOException {
        return Files.exists(p) ? Files.size(p) : 0;
    }

    private static List<Integer> queryNumbers(String queryList) {
        List<Integer> queries = new ArrayList<>();
        if (queryList == null) {
            for (int q = 1; q <= 22; q++) queries.add(q);
        } else {
            for (String s : queryList.split(",")) queries.add(Integer.parseInt(s.trim()));
        }
        return queries;
    }

    /**
     * DuckDB computes the answers on its own file (same generator, same data) and writes them in
     * the shared answers' format ({@code |}-separated, a header line, NULL as an empty field).
     */
    private static void writeDuckDbAnswers(Path duck, Path dir, String queryList) throws Exception {
        Path tpch = TpchBench.sharedTpch();
        Path out = dir.resolve("answers-duckdb");
        Files.createDirectories(out);
        try (Connection d = DriverManager.getConnection("jdbc:duckdb:" + duck)) {
            for (int q : queryNumbers(queryList)) {
                long t0 = System.nanoTime();
                StringBuilder sb = new StringBuilder();
                try (var s = d.createStatement(); var rs = s.executeQuery(sql(tpch, q))) {
                    var md = rs.getMetaData();
                    int cols = md.getColumnCount();
                    for (int c = 1; c <= cols; c++) sb.append(c > 1 ? "|" : "").append(md.getColumnLabel(c));
                    sb.append('\n');
                    while (rs.next()) {
                        for (int c = 1; c <= cols; c++) {
                            Object v = rs.getObject(c);
                            String text = switch (v) {
                                case null -> "";
                                case java.math.BigDecimal b -> b.toPlainString();
                                case java.sql.Date dt -> dt.toLocalDate().toString();
                                default -> rs.getString(c);
                            };
                            sb.append(c > 1 ? "|" : "").append(text);
                        }
                        sb.append('\n');
                    }
                }
                Files.writeString(out.resolve(String.format(Locale.ROOT, "q%02d.csv", q)), sb.toString());
                System.out.printf(Locale.ROOT, "DuckDB answer Q%02d written to %s (%.0f ms)%n", q, out, (System.nanoTime() - t0) / 1e6);
            }
        }
    }

    private static void query(String tealUrl, Path duck, Path dir, String sf, int runs, String queryList) throws Exception {
        Path tpch = TpchBench.sharedTpch();
        Path answers = tpch.resolve("answers-trino").resolve("sf" + sf);
        if (!Files.isDirectory(answers)) {
            answers = dir.resolve("answers-duckdb");
            System.out.println("answers: computed by DuckDB on its file, " + answers);
        }
        List<Integer> queries = queryNumbers(queryList);
        String first = sql(tpch, queries.get(0));
        long t0 = System.nanoTime();
        Connection t = DriverManager.getConnection(tealUrl);
        double tealOpen = (System.nanoTime() - t0) / 1e6;
        double tealFirst = TpchBench.time(t, first);
        if (duck == null) {
            System.out.printf(Locale.ROOT, "cold open + first query (Q%02d): TealDB %.0f + %.0f ms (max heap %d MB)%n",
                    queries.get(0), tealOpen, tealFirst, Runtime.getRuntime().maxMemory() >> 20);
            for (int q : queries) {
                String sql = sql(tpch, q);
                String ok = check(t, sql, answers.resolve(String.format(Locale.ROOT, "q%02d.csv", q)));
                double[] tt = new double[runs];
                for (int r = 0; r < runs; r++) tt[r] = TpchBench.time(t, sql);
                System.out.printf(Locale.ROOT, "Q%02d   %12.1f ms (median of %d)  answer checked: %s%n", q, TpchBench.median(tt), runs, ok);
            }
            t.close();
            return;
        }
        t0 = System.nanoTime();
        Connection d = DriverManager.getConnection("jdbc:duckdb:" + duck);
        double duckOpen = (System.nanoTime() - t0) / 1e6;
        double duckFirst = TpchBench.time(d, first);
        System.out.printf(Locale.ROOT, "cold open + first query (Q%02d): TealDB %.0f + %.0f ms, DuckDB %.0f + %.0f ms, ratio %.2f%n",
                queries.get(0), tealOpen, tealFirst, duckOpen, duckFirst, (tealOpen + tealFirst) / (duckOpen + duckFirst));
        System.out.printf(Locale.ROOT, "%-5s %12s %12s %8s  %-8s %-8s%n", "query", "TealDB ms", "DuckDB ms", "ratio", "teal ok", "duck ok");
        double logSum = 0;
        int n = 0;
        for (int q : queries) {
            String sql = sql(tpch, q);
            Path answer = answers.resolve(String.format(Locale.ROOT, "q%02d.csv", q));
            String tealOk = check(t, sql, answer);
            String duckOk = check(d, sql, answer);
            double[] tt = new double[runs];
            double[] dt = new double[runs];
            for (int r = 0; r < runs; r++) {
                tt[r] = TpchBench.time(t, sql);
                dt[r] = TpchBench.time(d, sql);
            }
            double tm = TpchBench.median(tt);
            double dm = TpchBench.median(dt);
            logSum += Math.log(tm / dm);
            n++;
            System.out.printf(Locale.ROOT, "Q%02d   %12.1f %12.1f %8.2f  %-8s %-8s%n", q, tm, dm, tm / dm, tealOk, duckOk);
        }
        System.out.printf(Locale.ROOT, "geometric mean ratio TealDB/DuckDB (warm, files): %.2f%n", Math.exp(logSum / n));
        t.close();
        d.close();
    }

    private static String check(Connection c, String sql, Path answer) {
        try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            if (!Files.exists(answer)) {
                while (rs.next()) {
                    // consume
                }
                return "n/a";
            }
            String diff = AnswerCheck.compare(answer, rs);
            if (diff != null) {
                System.out.println("  wrong answer: " + diff);
            }
            return diff == null ? "yes" : "NO";
        } catch (Exception e) {
            System.out.println("  error: " + e);
            return "ERR";
        }
    }

    private static String sql(Path tpch, int q) throws java.io.IOException {
        String sql = Files.readString(tpch.resolve("queries").resolve(String.format(Locale.ROOT, "q%02d.sql", q))).strip();
        return sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
    }
}
