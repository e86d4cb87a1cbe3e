package io.tealdb.cli;

import io.tealdb.Connection;
import io.tealdb.Teal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a real {@code teal serve} process (Main in a child JVM, as CrashHarness runs its
 * workers) while clients write line protocol over HTTP: after every kill the database must hold
 * every request that got a 204, and every request either completely or not at all.
 */
class IlpCrashTest {
    private static final int ROWS_PER_REQUEST = 300;
    private static final Pattern PORT = Pattern.compile("line protocol over HTTP on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void acknowledgedRequestsSurviveKillNine() throws Exception {
        Path db = dir.resolve("ilp.teal");
        Random random = new Random(2026);
        Set<Integer> acked = ConcurrentHashMap.newKeySet();
        AtomicInteger nextRequest = new AtomicInteger();
        String java = ProcessHandle.current().info().command().orElse("java");
        int kills = 10;
        for (int round = 0; round < kills; round++) {
            Path err = dir.resolve("serve-" + round + ".log");
            Process server = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "serve", db.toString(), "--pg-port", "0", "--ilp-http-port", "0")
                    .redirectErrorStream(true).redirectOutput(err.toFile()).start();
            int port = awaitPort(server, err);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                writers.add(Thread.ofPlatform().start(() -> {
                    while (true) {
                        int req = nextRequest.getAndIncrement();
                        StringBuilder body = new StringBuilder();
                        for (int i = 0; i < ROWS_PER_REQUEST; i++) {
                            // out-of-order timestamps, two tables per request
                            body.append(i % 7 == 0 ? "crash_b" : "crash_a").append(",s=k").append(i % 5)
                                    .append(" req=").append(req).append("i,i=").append(i).append("i,v=").append(i * 0.5)
                                    .append(' ').append((long) (ROWS_PER_REQUEST - i) * 1_000_000L).append('\n');
                        }
                        try {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/write"))
                                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).timeout(Duration.ofSeconds(30)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 204) throw new AssertionError("request " + req + ": " + r.statusCode() + " " + r.body());
                            acked.add(req);
                        } catch (IOException e) {
                            return; // the server died
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
            Thread.sleep(300 + random.nextInt(1500));
            server.destroyForcibly(); // SIGKILL
            assertTrue(server.waitFor(30, TimeUnit.SECONDS));
            for (Thread t : writers) t.join(60_000);
            verify(db, acked, nextRequest.get());
        }
        assertTrue(acked.size() > kills, "the clients made progress: " + acked.size() + " requests acknowledged");
        System.out.println("IlpCrashTest: " + kills + " kills, " + acked.size() + " of " + nextRequest.get()
                + " requests acknowledged (" + acked.size() * ROWS_PER_REQUEST + " rows), all present after every kill");
    }

    private static int awaitPort(Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                Matcher m = PORT.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (m.find()) return Integer.parseInt(m.group(1));
            }
            if (!server.isAlive()) throw new AssertionError("teal serve exited: " + Files.readString(log, StandardCharsets.UTF_8));
            Thread.sleep(20);
        }
        server.destroyForcibly();
        throw new AssertionError("teal serve did not start: " + Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Every acknowledged request is there in full; no request is there in part. */
    private static void verify(Path db, Set<Integer> acked, int requests) throws Exception {
        Map<Integer, Long> rows = new HashMap<>();
        try (Connection c = Teal.connect(db.toString())) {
            for (String table : List.of("crash_a", "crash_b")) {
                try (io.tealdb.Result r = c.execute("SELECT req::INTEGER, count(*) FROM " + table + " GROUP BY req")) {
                    for (Object[] row : r.fetchAll()) rows.merge((Integer) row[0], ((Number) row[1]).longValue(), Long::sum);
                } catch (io.tealdb.error.TealException e) {
                    if (!String.valueOf(e.getMessage()).contains("does not exist")) throw e;
                }
            }
        }
        for (int req : acked) assertEquals(ROWS_PER_REQUEST, rows.getOrDefault(req, 0L), "acknowledged request " + req);
        for (Map.Entry<Integer, Long> e : rows.entrySet()) {
            assertEquals(ROWS_PER_REQUEST, e.getValue(), "request " + e.getKey() + " is there in part");
            assertTrue(e.getKey() < requests);
        }
    }
}
