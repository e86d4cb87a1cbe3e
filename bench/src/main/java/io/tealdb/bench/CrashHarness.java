package io.tealdb.bench;

import io.tealdb.Connection;
import io.tealdb.Teal;
import io.tealdb.error.TealException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kills {@link CrashWorker} processes with SIGKILL at random moments and checks after each kill that
 * the database opens, holds every acknowledged operation and no partial one (its contents equal
 * {@link CrashModel} after exactly the number of operations it records, which is the last
 * acknowledged one or the one in flight). Used by {@code CrashRecoveryTest} (20+ kills) and by the
 * bench module (500 kills).
 */
public final class CrashHarness {
    /** Outcome of a run. */
    public record Result(int kills, long operations, long inFlightKept, List<String> failures) {
    }

    private final Path db;
    private final Random random;
    private final String java;
    private final String classPath;

    public CrashHarness(Path db, long seed) {
        this.db = db;
        this.random = new Random(seed);
        this.java = ProcessHandle.current().info().command().orElse("java");
        this.classPath = System.getProperty("java.class.path");
    }

    private static void scan(Path out, AtomicLong acked, AtomicLong ready) {
        try {
            String text = Files.readString(out, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n'); // a last line without its newline may be cut short
            for (String line : text.substring(0, Math.max(0, end)).split("\n")) {
                if (line.startsWith("ACK ")) acked.accumulateAndGet(Long.parseLong(line.substring(4).trim()), Math::max);
                else if (line.startsWith("READY ")) ready.set(Long.parseLong(line.substring(6).trim()));
            }
        } catch (IOException | NumberFormatException e) {
            // partly written last line: read again later
        }
    }

    public Result run(int kills, java.io.PrintStream log) throws IOException, InterruptedException {
        CrashModel model = new CrashModel();
        List<String> failures = new ArrayList<>();
        long inFlightKept = 0;
        long lastAck = 0;
        for (int round = 0; round < kills; round++) {
            // stdout goes to a file, not a pipe: what the worker wrote survives its death in the page cache
            Path out = db.resolveSibling("worker.out");
            Files.deleteIfExists(out);
            Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath, CrashWorker.class.getName(), db.toString())
                    .redirectOutput(out.toFile()).redirectError(db.resolveSibling("worker.err").toFile()).start();
            AtomicLong acked = new AtomicLong(-1);
            AtomicLong ready = new AtomicLong(-1);
            Runnable poll = () -> scan(out, acked, ready);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ready.get() < 0 && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
                poll.run();
            }
            if (ready.get() < 0) {
                p.destroyForcibly().waitFor();
                failures.add("round " + round + ": the worker did not open the database (exit " + p.exitValue() + ")");
                break;
            }
            if (round == 0) {
                // a second process gets a clear error naming the file and the holder
                try (Connection c = Teal.connect(db.toString())) {
                    failures.add("a second process opened the database while the worker held it");
                } catch (TealException e) {
                    if (!e.getMessage().contains(db.getFileName().toString()) || !e.getMessage().contains(String.valueOf(p.pid()))) {
                        failures.add("lock error does not name the file and pid " + p.pid() + ": " + e.getMessage());
                    }
                }
            }
            if (round % 5 == 4) {
                Thread.sleep(random.nextInt(300)); // early: during the first commits after recovery
            } else {
                long startAck = acked.get();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (acked.get() == startAck && p.isAlive() && System.nanoTime() < until) {
                    Thread.sleep(2);
                    poll.run();
                }
                Thread.sleep(random.nextInt(1000));
            }
            if (!p.isAlive()) {
                String err = Files.readString(db.resolveSibling("worker.err"));
                failures.add("round " + round + ": the worker exited by itself (" + p.exitValue() + "): "
                        + err.substring(Math.max(0, err.length() - 2000)));
                break;
            }
            p.destroyForcibly(); // SIGKILL
            p.waitFor();
            poll.run();
            long ack = Math.max(acked.get(), ready.get());
            lastAck = Math.max(lastAck, ack);
            // reopen in this process and compare with the model
            try (Connection c = Teal.connect(db.toString())) {
                long n = CrashWorker.progress(c);
                if (n < lastAck || n > lastAck + 1) {
                    failures.add("round " + round + ": database holds operation " + n + ", last acknowledged " + lastAck
                            + " (worker: ready " + ready.get() + ", acked " + acked.get() + ")");
                    n = Math.max(n, model.applied);
                }
                if (n == lastAck + 1) inFlightKept++;
                lastAck = n;
                model.advanceTo(n);
                List<Object[]> r = c.sql("SELECT count(*), coalesce(sum(k), 0), coalesce(sum(v), 0) FROM t").fetchAll();
                long cnt = ((Number) r.get(0)[0]).longValue();
                long sk = ((Number) r.get(0)[1]).longValue();
                long sv = ((Number) r.get(0)[2]).longValue();
                if (cnt != model.count() || sk != model.sumK() || sv != model.sumV()) {
                    failures.add("round " + round + " (operation " + n + "): t has count/sum(k)/sum(v) " + cnt + "/" + sk + "/" + sv
                            + ", expected " + model.count() + "/" + model.sumK() + "/" + model.sumV());
                }
                List<Object[]> b = c.sql("SELECT count(*), coalesce(sum(v), 0) FROM big").fetchAll();
                long bc = ((Number) b.get(0)[0]).longValue();
                long bv = ((Number) b.get(0)[1]).longValue();
                if (bc != model.bigCount || bv != model.bigSumV) {
                    failures.add("round " + round + " (operation " + n + "): big has count/sum(v) " + bc + "/" + bv
                            + ", expected " + model.bigCount + "/" + model.bigSumV);
                }
                StringBuilder tables = new StringBuilder();
                for (Object[] row : c.sql("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'x%' ORDER BY table_name").fetchAll()) {
                    tables.append(row[0]).append(' ');
                }
                StringBuilder expected = new StringBuilder();
                new java.util.TreeSet<>(model.tables.keySet().stream().map(k -> "x" + k).toList()).forEach(s -> expected.append(s).append(' '));
                if (!tables.toString().equals(expected.toString())) {
                    failures.add("round " + round + ": tables [" + tables + "], expected [" + expected + "]");
                }
                for (var e : model.tables.entrySet()) {
                    long rows = ((Number) c.sql("SELECT count(*) FROM x" + e.getKey()).fetchAll().get(0)[0]).longValue();
                    if (rows != e.getValue()) {
                        failures.add("round " + round + ": x" + e.getKey() + " has " + rows + " rows, expected " + e.getValue());
                    }
                }
            } catch (TealException e) {
                failures.add("round " + round + ": the database does not open: " + e.getMessage());
                break;
            }
            if (log != null) {
                log.println("kill " + (round + 1) + ": operation " + lastAck + " durable, " + model.count() + " rows");
            }
        }
        return new Result(kills, lastAck, inFlightKept, failures);
    }
}
