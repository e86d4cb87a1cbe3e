package io.tealdb.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Locale;

/**
 * Profiling aid: loads TPC-H (native appender) or, with {@code --tpcds}, TPC-DS (COPY of the files
 * {@link TpcdsBench} generates) into TealDB once, then runs the given queries in a
 * loop for a number of seconds each and prints per-run times ({@code --explain} prints the plan first,
 * {@code --analyze} the plan with rows and time per operator). Run it under JFR to find hot methods:
 *
 * <pre>
 *   JAVA_OPTS="-Xmx8g -XX:StartFlightRecording=filename=/tmp/q.jfr,settings=profile" \
 *     bench/run QueryLoop --sf 1 --queries 6 --seconds 20
 * </pre>
 */
public final class QueryLoop {

    private QueryLoop() {}

    public static void main(String[] args) throws Exception {
        double sf = 1;
        String queries = "6";
        double seconds = 20;
        boolean explain = false;
        boolean analyze = false;
        boolean tpcds = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sf" -> sf = Double.parseDouble(args[++i]);
                case "--queries" -> queries = args[++i];
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--explain" -> explain = true;
                case "--analyze" -> analyze = true;
                case "--tpcds" -> tpcds = true;
                default -> throw new IllegalArgumentException(
                        "usage: QueryLoop [--tpcds] [--sf 1] [--queries 1,6] [--seconds 20] [--explain] [--analyze]");
            }
        }
        try (Connection c = DriverManager.getConnection(TpchBench.TEAL_URL)) {
            long t0 = System.nanoTime();
            Path tpcdsDir = TpcdsData.shared();
            long rows;
            if (tpcds) {
                // the files TpcdsBench generates (and reuses) at this scale
                String sfName = sf == Math.rint(sf) ? String.valueOf((long) sf) : String.valueOf(sf);
                Path data = Path.of(System.getProperty("java.io.tmpdir"), "tealdb-tpcds", "sf" + sfName);
                TpcdsData.generate(tpcdsDir, sf, data, 2);
                rows = TpcdsData.load(c, tpcdsDir, data);
            } else {
                rows = TpchLoader.load(c, sf, TealAppenderSink.factory(c));
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
                    try (var st = c.createStatement(); var rs = st.executeQuery((analyze ? "EXPLAIN ANALYZE " : "EXPLAIN ") + sql)) {
                        while (rs.next()) {
                            for (int k = 1; k <= rs.getMetaData().getColumnCount(); k++) {
                                System.out.println(rs.getString(k));
                            }
                        }
                    }
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
