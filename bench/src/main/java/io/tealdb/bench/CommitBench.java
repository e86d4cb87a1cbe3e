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
 *   bench/run CommitBench [--seconds 10] [--threads 1] [--rounds 10] [--dir DIR]
 * </pre>
 * With several threads (one connection each) TealDB's concurrent commits share fsyncs (group commit).
 *
 * <p>The time an fsync takes on a shared virtual disk swings by several times within seconds, so the
 * engines take turns in short slices ({@code --seconds} split into {@code --rounds} turns each, the
 * first to go alternating): both see the same disk and the same load from the rest of the machine.
 * After the last turn each database is closed, reopened, and must hold exactly the rows of the
 * commits that returned.
 */
public final class CommitBench {
    private CommitBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = 10;
        int threads = 1;
        int rounds = 10;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: CommitBench [--seconds 10] [--threads 1] [--rounds 10] [--dir DIR]; unknown " + args[i]);
            }
        }
        if (dir == null) {
            dir = Files.createTempDirectory("tealdb-commitbench");
        }
        Files.createDirectories(dir);
        Engine teal = new Engine("TealDB", dir.resolve("teal.db"), "jdbc:teal:", threads);
        Engine duck = new Engine("DuckDB", dir.resolve("duck.db"), "jdbc:duckdb:", threads);
        long slice = seconds * 1_000_000_000L / rounds;
        for (int round = 1; round <= rounds; round++) {
            List<Engine> order = round % 2 == 1 ? List.of(teal, duck) : List.of(duck, teal);
            long[] before = {teal.commits.get(), duck.commits.get()};
            for (Engine e : order) {
                e.runFor(slice);
            }
            System.out.printf(Locale.ROOT, "turn %d: TealDB %,d, DuckDB %,d commits in %.2f s each, load average %s%n",
                    round, teal.commits.get() - before[0], duck.commits.get() - before[1], slice / 1e9, loadAverage());
        }
        double t = teal.close();
        double d = duck.close();
        System.out.printf(Locale.ROOT, "%d thread(s): TealDB %,.0f, DuckDB %,.0f durable single-row commits/s: %.2f× DuckDB's rate%n",
                threads, t, d, t / d);
        Files.deleteIfExists(dir.resolve("teal.db"));
        Files.deleteIfExists(dir.resolve("teal.db.wal"));
        Files.deleteIfExists(dir.resolve("duck.db"));
        Files.deleteIfExists(dir.resolve("duck.db.wal"));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    /** One engine's database, its connections (one per thread) and the commits they got back. */
    private static final class Engine {
        final String name;
        final String url;
        final List<Connection> conns = new ArrayList<>();
        final List<PreparedStatement> inserts = new ArrayList<>();
        final long[] nextKey;
        final AtomicLong commits = new AtomicLong();
        long nanos;

        Engine(String name, Path file, String prefix, int threads) throws Exception {
            this.name = name;
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + ".wal"));
            this.url = prefix + file;
            for (int i = 0; i < threads; i++) {
                Connection c = DriverManager.getConnection(url);
                if (i == 0) {
                    try (var s = c.createStatement()) {
                        s.execute("CREATE TABLE t (k BIGINT, v VARCHAR)");
                    }
                }
                conns.add(c);
                inserts.add(c.prepareStatement("INSERT INTO t VALUES (?, ?)"));
            }
            nextKey = new long[threads];
            for (int i = 0; i < threads; i++) nextKey[i] = (long) i << 40;
        }

        void runFor(long slice) throws Exception {
            long start = System.nanoTime();
            long end = start + slice;
            List<Thread> ts = new ArrayList<>();
            List<Exception> failures = new ArrayList<>();
            for (int i = 0; i < inserts.size(); i++) {
                int thread = i;
                PreparedStatement p = inserts.get(i);
                ts.add(Thread.ofPlatform().start(() -> {
                    try {
                        while (System.nanoTime() < end) {
                            long k = nextKey[thread];
                            p.setLong(1, k);
                            p.setString(2, "value " + k);
                            p.executeUpdate();
                            nextKey[thread] = k + 1;
                            commits.incrementAndGet();
                        }
                    } catch (Exception e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }));
            }
            for (Thread t : ts) t.join();
            nanos += System.nanoTime() - start;
            if (!failures.isEmpty()) {
                throw new IllegalStateException(name + ": a commit failed", failures.get(0));
            }
        }

        /** Closes, reopens, checks that every returned commit's row is there; returns commits/s. */
        double close() throws Exception {
            for (PreparedStatement p : inserts) p.close();
            for (Connection c : conns) c.close();
            try (Connection c = DriverManager.getConnection(url); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                if (rs.getLong(1) != commits.get()) {
                    throw new IllegalStateException(name + ": " + commits.get() + " commits returned but "
                            + rs.getLong(1) + " rows after reopening");
                }
            }
            return commits.get() / (nanos / 1e9);
        }
    }
}
