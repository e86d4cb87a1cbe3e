package io.tealdb.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Small durable transactions: single-row INSERTs, each its own (auto-)commit, into a database file,
 * TealDB and DuckDB side by side on the same disk.
 *
 * <pre>
 *   bench/run CommitBench [--seconds 10] [--threads 1] [--rounds 3] [--dir DIR]
 * </pre>
 * With several threads (one connection each) TealDB's concurrent commits share fsyncs (group commit).
 * The engines take turns, round after round (the first to go alternates), each round on fresh files,
 * so that both see the same disk and the same load from the rest of the machine; the ratio per round
 * is what carries over. After each run the database is reopened and must hold exactly the rows of
 * the commits that returned.
 */
public final class CommitBench {
    private CommitBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = 10;
        int threads = 1;
        int rounds = 3;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: CommitBench [--seconds 10] [--threads 1] [--rounds 3] [--dir DIR]; unknown " + args[i]);
            }
        }
        if (dir == null) {
            dir = Files.createTempDirectory("tealdb-commitbench");
        }
        Files.createDirectories(dir);
        List<Double> teal = new ArrayList<>();
        List<Double> duck = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<String> order = round % 2 == 1 ? List.of("teal", "duck") : List.of("duck", "teal");
            double[] rate = new double[2];
            for (String name : order) {
                Path f = dir.resolve(name + ".db");
                Files.deleteIfExists(f);
                Files.deleteIfExists(Path.of(f + ".wal"));
                String url = (name.equals("teal") ? "jdbc:teal:" : "jdbc:duckdb:") + f;
                rate[name.equals("teal") ? 0 : 1] = run(url, seconds, threads);
                Files.deleteIfExists(f);
                Files.deleteIfExists(Path.of(f + ".wal"));
            }
            teal.add(rate[0]);
            duck.add(rate[1]);
            System.out.printf(Locale.ROOT, "round %d, %d thread(s): TealDB %,.0f, DuckDB %,.0f durable single-row commits/s (%.2f×), load average %s%n",
                    round, threads, rate[0], rate[1], rate[0] / rate[1], loadAverage());
        }
        double t = median(teal);
        double d = median(duck);
        System.out.printf(Locale.ROOT, "median of %d rounds, %d thread(s): TealDB %,.0f, DuckDB %,.0f commits/s: %.2f× DuckDB's rate%n",
                rounds, threads, t, d, t / d);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private static double run(String url, int seconds, int threads) throws Exception {
        List<Connection> conns = new ArrayList<>();
        Connection first = DriverManager.getConnection(url);
        conns.add(first);
        try (var s = first.createStatement()) {
            s.execute("CREATE TABLE t (k BIGINT, v VARCHAR)");
        }
        for (int i = 1; i < threads; i++) {
            conns.add(DriverManager.getConnection(url));
        }
        AtomicLong commits = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Connection c = conns.get(i);
            long base = (long) i << 40;
            ts.add(Thread.ofPlatform().start(() -> {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                    long k = base;
                    while (System.nanoTime() < end) {
                        p.setLong(1, k);
                        p.setString(2, "value " + k);
                        p.executeUpdate();
                        k++;
                        commits.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        long start = System.nanoTime();
        for (Thread t : ts) t.join();
        double secs = (System.nanoTime() - start) / 1e9;
        for (Connection c : conns) c.close();
        try (Connection c = DriverManager.getConnection(url); var s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            if (rs.getLong(1) != commits.get()) {
                throw new IllegalStateException(url + ": " + commits.get() + " commits returned but " + rs.getLong(1) + " rows after reopening");
            }
        }
        return commits.get() / secs;
    }
}
