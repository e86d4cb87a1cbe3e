package io.tealdb.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bench/run CrashBench --kills 500 [--seed N] [--dir DIR]}: the crash harness at scale. A child
 * JVM writes transactions to a database file and is SIGKILLed at random moments; after every kill
 * the database must open and hold exactly the acknowledged operations (plus possibly the one in
 * flight). Prints a line per kill and a summary; exits 1 on any lost commit or unopenable file.
 */
public final class CrashBench {
    private CrashBench() {
    }

    public static void main(String[] args) throws Exception {
        int kills = 500;
        long seed = System.nanoTime();
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kills" -> kills = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --kills N --seed N --dir DIR)");
            }
        }
        if (dir == null) {
            dir = Files.createTempDirectory("tealdb-crash");
        }
        Files.createDirectories(dir);
        long start = System.nanoTime();
        CrashHarness.Result r = new CrashHarness(dir.resolve("crash.db"), seed).run(kills, System.out);
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d kills in %.0f s (seed %d): %d operations durable, in-flight commit kept %d times, %d failures%n",
                r.kills(), secs, seed, r.operations(), r.inFlightKept(), r.failures().size());
        r.failures().forEach(f -> System.out.println("FAILURE " + f));
        System.exit(r.failures().isEmpty() ? 0 : 1);
    }
}
