package io.tealdb.bench;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PostgreSQL wire protocol with pgjdbc, TealDB ({@code teal serve}) side by side with PostgreSQL,
 * both already running on loopback (same client, same data, alternating runs):
 *
 * <pre>
 * bench/run PgWireBench --teal 'jdbc:postgresql://127.0.0.1:6543/teal?user=teal' \
 *     --pg 'jdbc:postgresql://127.0.0.1:55433/postgres?user=postgres' --rows 1000000 --runs 3
 * bench/run PgWireBench --teal … --pg … --clients 200 --seconds 60      # concurrency
 * </pre>
 *
 * Throughput mode: {@code COPY … FROM STDIN} (text, CopyManager) of ROWS rows × (BIGINT, DOUBLE,
 * VARCHAR, TIMESTAMP); a full fetch of them with fetch size 10,000 in text (pgjdbc's default for a
 * statement run fewer than 5 times) and in binary ({@code prepareThreshold=-1}); {@code executeBatch}
 * of 100k two-column INSERTs; 20,000 small prepared queries one after the other. Prints the best of
 * {@code --runs} per server in rows (or queries) per second and the ratio TealDB / PostgreSQL (> 1:
 * TealDB faster).
 *
 * Concurrency mode ({@code --clients N}): N connections, each running short analytical queries (a
 * grouped aggregate over a random 20,000-row id range of a 1M-row table) back to back for
 * {@code --seconds}; prints queries/s, p50/p99 latency and errors. PostgreSQL gets a b-tree index on
 * the id (its usual set-up for range queries); TealDB prunes by its zone maps.
 */
public final class PgWireBench {
    private PgWireBench() {
    }

    public static void main(String[] args) throws Exception {
        String teal = null, pg = null;
        long rows = 1_000_000;
        int runs = 3, clients = 0, seconds = 60;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--teal" -> teal = args[++i];
                case "--pg" -> pg = args[++i];
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (teal == null) throw new IllegalArgumentException("--teal JDBC-URL is needed (and --pg JDBC-URL for the baseline)");
        System.out.printf(Locale.ROOT, "load average at start: %s%n", loadAverage());
        if (clients > 0) {
            concurrency(teal, pg, clients, seconds);
        } else {
            throughput(teal, pg, rows, runs);
        }
        System.out.printf(Locale.ROOT, "load average at end: %s%n", loadAverage());
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    // ---------------------------------------------------------------- throughput

    private static void throughput(String teal, String pg, long rows, int runs) throws Exception {
        byte[] copyText = copyText(rows);
        Map<String, double[]> best = new LinkedHashMap<>();
        String[] urls = pg == null ? new String[]{teal} : new String[]{teal, pg};
        for (int run = 0; run < runs; run++) {
            for (int s = 0; s < urls.length; s++) {
                Map<String, Double> r = once(urls[s], s == 0, rows, copyText);
                for (var e : r.entrySet()) {
                    double[] b = best.computeIfAbsent(e.getKey(), k -> new double[2]);
                    b[s] = Math.max(b[s], e.getValue());
                }
                System.out.printf(Locale.ROOT, "run %d %-10s %s%n", run + 1, s == 0 ? "TealDB" : "PostgreSQL", r);
            }
        }
        System.out.printf(Locale.ROOT, "%n%-16s %16s %18s %8s%n", "best of " + runs, "TealDB /s", "PostgreSQL /s", "ratio");
        for (var e : best.entrySet()) {
            double[] b = e.getValue();
            System.out.printf(Locale.ROOT, "%-16s %,16.0f %,18.0f %8s%n", e.getKey(), b[0], b[1],
                    b[1] == 0 ? "-" : String.format(Locale.ROOT, "%.2f", b[0] / b[1]));
        }
    }

    private static byte[] copyText(long rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(rows * 48, Integer.MAX_VALUE - 16));
        StringBuilder sb = new StringBuilder(64);
        for (long i = 0; i < rows; i++) {
            sb.setLength(0);
            sb.append(i).append('\t').append(i * 0.25).append('\t').append("name-").append(i % 1000).append('\t')
                    .append("2024-01-01 ").append(String.format(Locale.ROOT, "%02d:%02d:%02d.%06d", i / 3600 % 24, i / 60 % 60, i % 60, i % 1_000_000))
                    .append('\n');
            out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static Map<String, Double> once(String url, boolean teal, long rows, byte[] copyText) throws Exception {
        Map<String, Double> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_rows");
            s.execute("CREATE TABLE bench_rows (id BIGINT, x DOUBLE PRECISION, s VARCHAR, ts TIMESTAMP)");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long t = System.nanoTime();
            long n = copy.copyIn("COPY bench_rows FROM STDIN", new ByteArrayInputStream(copyText), 1 << 16);
            out.put("copy_in", rate(rows, t));
            if (n != rows) throw new IllegalStateException("COPY loaded " + n + " rows, not " + rows);
            if (!teal) s.execute("VACUUM ANALYZE bench_rows");
        }
        out.put("fetch_text", fetch(url, rows, false));
        out.put("fetch_binary", fetch(url, rows, true));
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_many");
            s.execute("CREATE TABLE bench_many (id BIGINT, s VARCHAR)");
            int many = (int) Math.min(rows, 100_000);
            c.setAutoCommit(false);
            long t = System.nanoTime();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bench_many VALUES (?, ?)")) {
                for (int i = 0; i < many; i++) {
                    p.setLong(1, i);
                    p.setString(2, "v" + i);
                    p.addBatch();
                }
                p.executeBatch();
            }
            c.commit();
            out.put("execute_batch", rate(many, t));
            c.setAutoCommit(true);
            int small = 20_000;
            t = System.nanoTime();
            long check = 0;
            try (PreparedStatement p = c.prepareStatement("SELECT ?::INTEGER + 1")) {
                for (int i = 0; i < small; i++) {
                    p.setInt(1, i);
                    try (ResultSet r = p.executeQuery()) {
                        r.next();
                        check += r.getInt(1);
                    }
                }
            }
            out.put("small_queries", rate(small, t));
            if (check != (long) small * (small + 1) / 2) throw new IllegalStateException("wrong answers from small queries");
            s.execute("DROP TABLE bench_many");
            s.execute("DROP TABLE bench_rows");
        }
        return out;
    }

    private static double fetch(String url, long rows, boolean binary) throws SQLException {
        String u = url + (url.contains("?") ? "&" : "?") + (binary ? "prepareThreshold=-1" : "prepareThreshold=0");
        try (Connection c = DriverManager.getConnection(u)) {
            c.setAutoCommit(false); // pgjdbc streams with a fetch size only inside a transaction
            long t = System.nanoTime();
            long n = 0, sum = 0;
            try (PreparedStatement p = c.prepareStatement("SELECT id, x, s, ts FROM bench_rows")) {
                p.setFetchSize(10_000);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        sum += r.getLong(1);
                        r.getDouble(2);
                        r.getString(3);
                        r.getTimestamp(4);
                        n++;
                    }
                }
            }
            c.commit();
            if (n != rows || sum != rows * (rows - 1) / 2) throw new IllegalStateException("fetched " + n + " rows, not " + rows);
            return rate(rows, t);
        }
    }

    private static double rate(long n, long t0) {
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    // ---------------------------------------------------------------- concurrency

    private static final int CONC_ROWS = 1_000_000;
    private static final int RANGE = 20_000;
    private static final String CONC_QUERY = "SELECT grp, count(*), sum(x), avg(y) FROM bench_conc WHERE id BETWEEN ? AND ? GROUP BY grp ORDER BY grp";

    private static void concurrency(String teal, String pg, int clients, int seconds) throws Exception {
        List<String[]> lines = new ArrayList<>();
        lines.add(concurrent("TealDB", teal, true, clients, seconds));
        if (pg != null) lines.add(concurrent("PostgreSQL", pg, false, clients, seconds));
        System.out.printf(Locale.ROOT, "%n%-12s %8s %10s %10s %10s %10s %8s%n", "server", "clients", "queries", "queries/s", "p50 ms", "p99 ms", "errors");
        for (String[] l : lines) System.out.printf(Locale.ROOT, "%-12s %8s %10s %10s %10s %10s %8s%n", (Object[]) l);
    }

    private static String[] concurrent(String name, String url, boolean teal, int clients, int seconds) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_conc");
            s.execute("CREATE TABLE bench_conc AS SELECT i AS id, i % 50 AS grp, (i % 1000) * 0.5 AS x, i % 7 AS y "
                    + "FROM generate_series(1, " + CONC_ROWS + ") AS g(i)");
            if (!teal) {
                s.execute("CREATE INDEX bench_conc_id ON bench_conc (id)");
                s.execute("VACUUM ANALYZE bench_conc");
            }
        }
        List<Connection> conns = new ArrayList<>();
        for (int i = 0; i < clients; i++) conns.add(DriverManager.getConnection(url));
        AtomicLong errors = new AtomicLong();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int me = i;
            threads.add(Thread.ofPlatform().start(() -> {
                long[] lat = new long[1024];
                int n = 0;
                try (PreparedStatement p = conns.get(me).prepareStatement(CONC_QUERY)) {
                    while (System.nanoTime() < end) {
                        long lo = ThreadLocalRandom.current().nextLong(1, CONC_ROWS - RANGE);
                        p.setLong(1, lo);
                        p.setLong(2, lo + RANGE - 1);
                        long t = System.nanoTime();
                        try (ResultSet r = p.executeQuery()) {
                            long total = 0;
                            while (r.next()) total += r.getLong(2);
                            if (total != RANGE) throw new IllegalStateException("wrong count " + total);
                        } catch (Exception e) {
                            if (errors.getAndIncrement() < 5) System.out.println(name + " error: " + e);
                            continue;
                        }
                        if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                        lat[n++] = System.nanoTime() - t;
                    }
                } catch (SQLException e) {
                    errors.incrementAndGet();
                    System.out.println(name + " error: " + e);
                }
                latencies[me] = lat;
                counts[me] = n;
            }));
        }
        for (Thread t : threads) t.join();
        for (Connection c : conns) c.close();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < clients; i++) {
            System.arraycopy(latencies[i], 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        double p50 = total == 0 ? 0 : all[total / 2] / 1e6;
        double p99 = total == 0 ? 0 : all[Math.min(total - 1, (int) (total * 0.99))] / 1e6;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE bench_conc");
        }
        System.out.printf(Locale.ROOT, "%s: %d queries in %d s from %d connections, %d errors%n", name, total, seconds, clients, errors.get());
        // fairness: how evenly the connections were served (a starved connection completes few queries)
        int[] sortedCounts = counts.clone();
        Arrays.sort(sortedCounts);
        System.out.printf(Locale.ROOT, "%s: queries per connection min %d, median %d, max %d; max latency %.1f ms%n", name,
                sortedCounts[0], sortedCounts[clients / 2], sortedCounts[clients - 1], total == 0 ? 0 : all[total - 1] / 1e6);
        return new String[]{name, String.valueOf(clients), String.valueOf(total), String.format(Locale.ROOT, "%.0f", total / (double) seconds),
                String.format(Locale.ROOT, "%.1f", p50), String.format(Locale.ROOT, "%.1f", p99), String.valueOf(errors.get())};
    }
}
