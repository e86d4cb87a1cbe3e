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
 *   bench/run CommitBench [--seconds 10] [--threads 1] [--dir DIR]
 * </pre>
 * With several threads (one connection each) TealDB's concurrent commits share fsyncs (group commit).
 */
public final class CommitBench {
    private CommitBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = 10;
        int threads = 1;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: CommitBench [--seconds 10] [--threads 1] [--dir DIR]; unknown " + args[i]);
            }
        }
        if (dir == null) {
            dir = Files.createTempDirectory("tealdb-commitbench");
        }
        Files.createDirectories(dir);
        for (String name : List.of("teal", "duck")) {
            Path f = dir.resolve(name + ".db");
            Files.deleteIfExists(f);
            Files.deleteIfExists(Path.of(f + ".wal"));
            String url = (name.equals("teal") ? "jdbc:teal:" : "jdbc:duckdb:") + f;
            double rate = run(url, seconds, threads);
            System.out.printf(Locale.ROOT, "%-7s %d thread(s): %,.0f durable single-row commits/s%n",
                    name.equals("teal") ? "TealDB" : "DuckDB", threads, rate);
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
        return commits.get() / secs;
    }
}
