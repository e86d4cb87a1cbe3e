package io.tealdb.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;

/**
 * A high-cardinality GROUP BY side by side: the same generated table in TealDB and DuckDB JDBC in
 * one JVM, then the query run alternately on both engines; prints the medians of wall time and of
 * the process's CPU time per run (the other engine idles meanwhile) and their ratios. The table:
 * {@code --rows} rows with an integer key of about {@code --groups} distinct values (NULL every
 * 1000th row), a VARCHAR key, and two values.
 *
 * <pre>
 *   bench/run GroupByBench --rows 10000000 --groups 5000000 --runs 5
 * </pre>
 */
public final class GroupByBench {
    private GroupByBench() {
    }

    static final String[] QUERIES = {
            // integer key: the sink, the merge and the scan of millions of groups
            "SELECT count(*), sum(c), sum(s) FROM (SELECT k, count(*) AS c, sum(v) AS s FROM t GROUP BY k)",
            // a VARCHAR key and more state per group
            "SELECT count(*), sum(c), max(m) FROM (SELECT ks, count(*) AS c, max(v) AS m, avg(w) AS a FROM t GROUP BY ks)",
    };

    public static void main(String[] args) throws Exception {
        long rows = 10_000_000;
        long groups = 5_000_000;
        int runs = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--groups" -> groups = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("usage: GroupByBench [--rows N] [--groups N] [--runs N]");
            }
        }
        String create = String.format(Locale.ROOT, "CREATE TABLE t AS SELECT CASE WHEN i %% 1000 = 0 THEN NULL "
                + "ELSE (i * 7919) %% %d END AS k, 'key-' || ((i * 104729) %% %d) AS ks, i %% 100 AS v, "
                + "(i %% 37)::DOUBLE AS w FROM range(%d) r(i)", groups, groups, rows);
        try (Connection teal = DriverManager.getConnection(TpchBench.TEAL_URL);
             Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            for (Connection c : new Connection[]{teal, duck}) {
                try (Statement s = c.createStatement()) {
                    s.execute(create);
                }
            }
            System.out.printf(Locale.ROOT, "%,d rows, ~%,d groups; load average %.1f%n", rows, groups, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            for (String sql : QUERIES) {
                TpchBench.time(teal, sql); // warm-up
                TpchBench.time(duck, sql);
                double[] tw = new double[runs];
                double[] dw = new double[runs];
                double[] tc = new double[runs];
                double[] dc = new double[runs];
                for (int r = 0; r < runs; r++) {
                    long c0 = QueryLoop.cpuNanos();
                    tw[r] = TpchBench.time(teal, sql);
                    long c1 = QueryLoop.cpuNanos();
                    dw[r] = TpchBench.time(duck, sql);
                    long c2 = QueryLoop.cpuNanos();
                    tc[r] = (c1 - c0) / 1e6;
                    dc[r] = (c2 - c1) / 1e6;
                }
                double t = TpchBench.median(tw);
                double d = TpchBench.median(dw);
                double tcm = TpchBench.median(tc);
                double dcm = TpchBench.median(dc);
                System.out.printf(Locale.ROOT, "%s%n  wall: TealDB %.0f ms, DuckDB %.0f ms, ratio %.2f; CPU: TealDB %.0f ms, DuckDB %.0f ms,"
                        + " ratio %.2f; CPU/wall TealDB %.2f, DuckDB %.2f%n", sql, t, d, t / d, tcm, dcm, tcm / dcm, tcm / t, dcm / d);
            }
            System.out.printf(Locale.ROOT, "load average at the end %.1f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

}
