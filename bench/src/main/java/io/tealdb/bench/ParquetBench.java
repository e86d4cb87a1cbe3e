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
 * TPC-H stored as Parquet, TealDB and DuckDB JDBC side by side in one JVM.
 *
 * <pre>
 *   ParquetBench [--sf 1] [--runs 3] [--dir /tmp/tealdb-tpch-parquet-sf1] [--queries 1,6] [--no-write | --write-only]
 * </pre>
 * DuckDB writes the eight tables as snappy Parquet files (data from io.trino.tpch, once: an existing
 * folder is reused). Both engines then define views {@code t AS SELECT * FROM read_parquet(…)} and
 * run the 22 queries (warm-up checked against shared/tpch/answers-trino, then the median of
 * {@code runs}, interleaved). Last, each engine loads lineitem into memory and writes it to Parquet
 * with zstd; the medians of those writes are compared, and DuckDB reads TealDB's file back.
 */
public final class ParquetBench {
    static final String[] TABLES = {"region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"};

    private ParquetBench() {
    }

    public static void main(String[] args) throws Exception {
        String sf = "1";
        int runs = 3;
        Path dir = null;
        boolean write = true;
        boolean read = true;
        List<Integer> queries = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sf" -> sf = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--queries" -> Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt).forEach(queries::add);
                case "--no-write" -> write = false;
                case "--write-only" -> read = false;
                default -> throw new IllegalArgumentException("usage: ParquetBench [--sf 1] [--runs 3] [--dir D] [--queries 1,3] [--no-write | --write-only]");
            }
        }
        if (queries.isEmpty() && read) for (int q = 1; q <= 22; q++) queries.add(q);
        if (dir == null) dir = Path.of(System.getProperty("java.io.tmpdir"), "tealdb-tpch-parquet-sf" + sf);
        Path tpch = TpchBench.sharedTpch();
        Path answers = tpch.resolve("answers-trino").resolve("sf" + sf);

        if (!Files.exists(dir.resolve("lineitem.parquet"))) {
            Files.createDirectories(dir);
            try (Connection gen = DriverManager.getConnection("jdbc:duckdb:")) {
                long t0 = System.nanoTime();
                long rows = TpchLoader.load(gen, Double.parseDouble(sf), DuckDbAppenderSink.factory(gen));
                try (Statement s = gen.createStatement()) {
                    for (String t : TABLES) {
                        s.execute("COPY " + t + " TO '" + dir.resolve(t + ".parquet") + "' (FORMAT parquet, COMPRESSION snappy)");
                    }
                }
                System.out.printf(Locale.ROOT, "DuckDB wrote %,d rows of TPC-H SF %s as snappy Parquet to %s in %.1f s%n", rows, sf, dir,
                        (System.nanoTime() - t0) / 1e9);
            }
        } else {
            System.out.println("using the Parquet files in " + dir);
        }

        Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Connection teal = DriverManager.getConnection(TpchBench.TEAL_URL);
        for (Connection c : List.of(duck, teal)) {
            try (Statement s = c.createStatement()) {
                for (String t : TABLES) s.execute("CREATE VIEW " + t + " AS SELECT * FROM read_parquet('" + dir.resolve(t + ".parquet") + "')");
            }
        }
        System.out.printf(Locale.ROOT, "%-5s %12s %12s %8s  %-8s %-8s %9s%n", "query", "TealDB ms", "DuckDB ms", "ratio", "teal ok", "duck ok", "CPU ratio");
        double logSum = 0, cpuLogSum = 0;
        int ratios = 0;
        for (int q : queries) {
            String sql = Files.readString(tpch.resolve("queries").resolve(String.format(Locale.ROOT, "q%02d.sql", q))).strip();
            if (sql.endsWith(";")) sql = sql.substring(0, sql.length() - 1);
            Path answer = answers.resolve(String.format(Locale.ROOT, "q%02d.csv", q));
            String duckOk = TpchBench.check(duck, sql, answer);
            String tealOk = TpchBench.check(teal, sql, answer);
            double[] dt = new double[runs], tt = new double[runs], tc = new double[runs], dc = new double[runs];
            for (int r = 0; r < runs; r++) {
                // CPU time of the process per run (the other engine idles meanwhile): steadier than wall time on a loaded machine
                long c0 = QueryLoop.cpuNanos();
                if (!tealOk.startsWith("ERR")) tt[r] = TpchBench.time(teal, sql);
                long c1 = QueryLoop.cpuNanos();
                dt[r] = TpchBench.time(duck, sql);
                tc[r] = c1 - c0;
                dc[r] = QueryLoop.cpuNanos() - c1;
            }
            double cpuRatio = TpchBench.median(tc) / TpchBench.median(dc);
            double dm = TpchBench.median(dt);
            double tm = tealOk.startsWith("ERR") ? Double.NaN : TpchBench.median(tt);
            double ratio = tm / dm;
            if (!Double.isNaN(ratio)) {
                logSum += Math.log(ratio);
                cpuLogSum += Math.log(cpuRatio);
                ratios++;
            }
            System.out.printf(Locale.ROOT, "Q%02d   %12s %12.1f %8s  %-8s %-8s %9.2f%n", q, Double.isNaN(tm) ? "-" : String.format(Locale.ROOT, "%.1f", tm),
                    dm, Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio), tealOk, duckOk, cpuRatio);
        }
        System.out.println("geometric mean ratio TealDB/DuckDB over read_parquet views: "
                + (ratios == 0 ? "-" : String.format(Locale.ROOT, "%.2f (CPU time %.2f)", Math.exp(logSum / ratios), Math.exp(cpuLogSum / ratios))));

        if (write) {
            for (Connection c : List.of(duck, teal)) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE lineitem_mem AS SELECT * FROM read_parquet('" + dir.resolve("lineitem.parquet") + "')");
                }
            }
            Path tealOut = dir.resolve("lineitem_teal_zstd.parquet"), duckOut = dir.resolve("lineitem_duck_zstd.parquet");
            double[] dt = new double[runs], tt = new double[runs], tc = new double[runs], dc = new double[runs];
            for (int r = 0; r < runs; r++) {
                long c0 = QueryLoop.cpuNanos();
                tt[r] = timeUpdate(teal, "COPY lineitem_mem TO '" + tealOut + "' (FORMAT parquet, COMPRESSION zstd)");
                long c1 = QueryLoop.cpuNanos();
                dt[r] = timeUpdate(duck, "COPY lineitem_mem TO '" + duckOut + "' (FORMAT parquet, COMPRESSION zstd)");
                tc[r] = (c1 - c0) / 1e6;
                dc[r] = (QueryLoop.cpuNanos() - c1) / 1e6;
            }
            double tm = TpchBench.median(tt), dm = TpchBench.median(dt);
            long tealRows = count(duck, "SELECT count(*) FROM read_parquet('" + tealOut + "')");
            System.out.printf(Locale.ROOT, "write lineitem zstd: TealDB %.0f ms (%,d bytes), DuckDB %.0f ms (%,d bytes), ratio %.2f;"
                            + " DuckDB reads %,d rows from TealDB's file; CPU TealDB %.0f ms, DuckDB %.0f ms, ratio %.2f%n", tm, Files.size(tealOut), dm,
                    Files.size(duckOut), tm / dm, tealRows, TpchBench.median(tc), TpchBench.median(dc), TpchBench.median(tc) / TpchBench.median(dc));
        }
        duck.close();
        teal.close();
    }

    private static double timeUpdate(Connection c, String sql) throws SQLException {
        long t = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        return (System.nanoTime() - t) / 1e6;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
