package io.tealdb.bench;

import io.questdb.client.Sender;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Line-protocol ingest over HTTP with QuestDB's Java client into TealDB ({@code teal serve}) and into
 * the QuestDB server (org.questdb:questdb jar), each started here as its own process on loopback:
 * {@code --rows} rows of 2 symbols, 3 doubles and a timestamp (one per 10 ms), then the same
 * one-minute-bucket aggregate on both over the PostgreSQL protocol (QuestDB: SAMPLE BY 1m; TealDB:
 * time_bucket + GROUP BY). Durability: TealDB fsyncs every HTTP request's commit (its only mode);
 * QuestDB runs with {@code cairo.commit.mode} from {@code --questdb-commit-mode} (its default nosync,
 * or sync).
 *
 * <pre>bench/run IlpBench --rows 10000000 --questdb-jar ~/.m2/.../questdb-9.3.4.jar [--questdb-commit-mode sync]</pre>
 * {@code --teal-jars a.jar,b.jar [--rounds 3]} instead compares TealDB builds (copies of {@code cli/target/teal.jar}),
 * interleaved round by round.
 */
public final class IlpBench {
    private IlpBench() {
    }

    public static void main(String[] args) throws Exception {
        long rows = 10_000_000;
        String questJar = null, commitMode = "nosync", only = "both";
        int runs = 5, rounds = 3;
        String[] tealJars = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--questdb-jar" -> questJar = args[++i];
                case "--questdb-commit-mode" -> commitMode = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                case "--teal-jars" -> tealJars = args[++i].split(",");
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("ilpbench");
        String java = ProcessHandle.current().info().command().orElse("java");
        if (tealJars != null) {
            compareJars(java, tealJars, rows, runs, rounds, work);
            return;
        }
        double tealRate = 0, questRate = 0, tealMs = 0, questMs = 0;
        if (!only.equals("questdb")) {
            ProcessBuilder tealProcess = new ProcessBuilder("./teal", "serve", work.resolve("bench.teal").toString(), "--pg-port", "25432",
                    "--ilp-http-port", "29000").redirectErrorStream(true).redirectOutput(work.resolve("teal.log").toFile());
            // TEAL_SERVER_OPTS: JVM options for the server alone (e.g. a JFR recording), since JAVA_OPTS is this JVM's
            String serverOpts = System.getenv("TEAL_SERVER_OPTS");
            if (serverOpts != null) tealProcess.environment().put("JAVA_OPTS", serverOpts);
            Process teal = tealProcess.start();
            try {
                awaitPort(29000, teal);
                tealRate = ingest("TealDB", "http::addr=127.0.0.1:29000;", rows, teal);
                tealMs = query("TealDB", "jdbc:postgresql://127.0.0.1:25432/teal", "teal", "",
                        "SELECT time_bucket(INTERVAL '1 minute', timestamp) AS ts, sym, avg(bid), max(ask), sum(vol), count(*) "
                                + "FROM ilp_bench GROUP BY ALL ORDER BY ts, sym", runs);
            } finally {
                teal.destroy();
                teal.waitFor(60, TimeUnit.SECONDS);
            }
        }
        if (!only.equals("tealdb")) {
            if (questJar == null) throw new IllegalArgumentException("--questdb-jar PATH (org.questdb:questdb:9.3.4) is needed");
            Path qdb = work.resolve("qdb");
            Files.createDirectories(qdb.resolve("conf"));
            Files.writeString(qdb.resolve("conf/server.conf"), String.join("\n",
                    "http.bind.to=127.0.0.1:39000", "http.min.net.bind.to=127.0.0.1:39003", "pg.net.bind.to=127.0.0.1:38812",
                    "line.tcp.net.bind.to=127.0.0.1:39009", "line.udp.enabled=false", "telemetry.enabled=false",
                    "shared.worker.count=2", "cairo.commit.mode=" + commitMode, ""));
            Process quest = new ProcessBuilder(java, "-Xmx2g", "-cp", questJar, "io.questdb.ServerMain", "-d", qdb.toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("questdb.log").toFile()).start();
            try {
                awaitPort(39000, quest);
                awaitPort(38812, quest);
                questRate = ingest("QuestDB", "http::addr=127.0.0.1:39000;", rows, quest);
                awaitQuestRows(rows);
                questMs = query("QuestDB", "jdbc:postgresql://127.0.0.1:38812/qdb", "admin", "quest",
                        "SELECT timestamp AS ts, sym, avg(bid), max(ask), sum(vol), count(*) FROM ilp_bench SAMPLE BY 1m ORDER BY ts, sym", runs);
            } finally {
                quest.destroy();
                quest.waitFor(60, TimeUnit.SECONDS);
            }
        }
        deleteTree(work);
        System.out.printf("%nrows %d; TealDB %.0f rows/s (fsync per request), QuestDB %.0f rows/s (cairo.commit.mode=%s)%n",
                rows, tealRate, questRate, commitMode);
        if (tealRate > 0 && questRate > 0) {
            System.out.printf("ingest ratio TealDB/QuestDB: %.2fx; aggregate TealDB %.1f ms vs QuestDB %.1f ms (time ratio %.2fx)%n",
                    tealRate / questRate, tealMs, questMs, tealMs / questMs);
        }
    }

    /**
     * A/B of TealDB builds: each round ingests into a fresh server of every jar in turn (the order alternates
     * by round), so builds see the same load; prints each run and per jar the median rows/s and server CPU.
     */
    private static void compareJars(String java, String[] jars, long rows, int runs, int rounds, Path work) throws Exception {
        List<List<double[]>> results = new ArrayList<>();
        for (String ignored : jars) results.add(new ArrayList<>());
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < jars.length; k++) {
                int j = round % 2 == 0 ? k : jars.length - 1 - k;
                Path dir = Files.createTempDirectory(work, "ab");
                List<String> cmd = new ArrayList<>(List.of(java));
                String serverOpts = System.getenv("TEAL_SERVER_OPTS");
                if (serverOpts != null) cmd.addAll(Arrays.asList(serverOpts.trim().split("\\s+")));
                cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-jar", jars[j], "serve", dir.resolve("bench.teal").toString(),
                        "--pg-port", "25432", "--ilp-http-port", "29000"));
                Process teal = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("teal.log").toFile()).start();
                try {
                    awaitPort(29000, teal);
                    double[] r = new double[3];
                    long cpu0 = cpuNanos(teal);
                    r[0] = ingest(jars[j], "http::addr=127.0.0.1:29000;", rows, teal);
                    r[1] = (cpuNanos(teal) - cpu0) / 1e9;
                    System.out.println("  server CPU by thread (s, since start): " + threadCpu(teal.pid()));
                    r[2] = query(jars[j], "jdbc:postgresql://127.0.0.1:25432/teal", "teal", "",
                            "SELECT time_bucket(INTERVAL '1 minute', timestamp) AS ts, sym, avg(bid), max(ask), sum(vol), count(*) "
                                    + "FROM ilp_bench GROUP BY ALL ORDER BY ts, sym", runs);
                    results.get(j).add(r);
                } finally {
                    teal.destroy();
                    teal.waitFor(60, TimeUnit.SECONDS);
                    deleteTree(dir);
                }
            }
        }
        deleteTree(work);
        System.out.println();
        for (int j = 0; j < jars.length; j++) {
            double[] rate = results.get(j).stream().mapToDouble(r -> r[0]).sorted().toArray();
            double[] cpu = results.get(j).stream().mapToDouble(r -> r[1]).sorted().toArray();
            double[] ms = results.get(j).stream().mapToDouble(r -> r[2]).sorted().toArray();
            System.out.printf("%s: median %.0f rows/s %s, server CPU during ingest median %.2f s %s, aggregate median %.1f ms%n",
                    jars[j], rate[rate.length / 2], Arrays.toString(rate), cpu[cpu.length / 2], Arrays.toString(cpu), ms[ms.length / 2]);
        }
    }

    /** Linux: the process's CPU seconds per thread name (digits folded), largest first; empty elsewhere. */
    private static String threadCpu(long pid) {
        java.util.Map<String, Double> byName = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks.toList()) {
                String stat = Files.readString(t.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double secs = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks
                byName.merge(name, secs, Double::sum);
            }
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        byName.entrySet().stream().sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed()).limit(10)
                .forEach(e -> sb.append(String.format("%s %.2f; ", e.getKey(), e.getValue())));
        return sb.toString();
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static void awaitPort(int port, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                if (!p.isAlive()) throw new IllegalStateException("server exited with " + p.exitValue());
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("server did not open port " + port);
    }

    /** Sends the rows with the client's defaults (auto-flush every 75,000 rows); returns rows/s up to the last 204. */
    private static double ingest(String name, String conf, long rows, Process server) {
        long serverCpu0 = cpuNanos(server), clientCpu0 = clientCpuNanos();
        String[] syms = {"EURUSD", "GBPUSD", "USDJPY", "AUDUSD", "USDCHF", "NZDUSD", "USDCAD", "EURGBP"};
        String[] venues = {"LMAX", "EBS", "HOTSPOT", "CURRENEX"};
        long t0 = System.nanoTime();
        long base = 1_733_443_200_000_000L; // 2024-12-06, micros
        try (Sender s = Sender.fromConfig(conf)) {
            for (long i = 0; i < rows; i++) {
                double x = (i % 1000) * 0.001;
                s.table("ilp_bench").symbol("sym", syms[(int) (i % syms.length)]).symbol("venue", venues[(int) (i % venues.length)])
                        .doubleColumn("bid", 1.0 + x).doubleColumn("ask", 1.0001 + x).doubleColumn("vol", i % 100)
                        .at(base + i * 10_000L, ChronoUnit.MICROS);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double rate = rows / secs;
        System.out.printf("%s: %d rows in %.2f s = %.0f rows/s (CPU: server %.2f s, client %.2f s)%n", name, rows, secs, rate,
                (cpuNanos(server) - serverCpu0) / 1e9, (clientCpuNanos() - clientCpu0) / 1e9);
        return rate;
    }

    /** The server process's CPU time so far (0 where the OS does not tell). */
    private static long cpuNanos(Process p) {
        return p.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /** This JVM's CPU time (the client's side of the ingest). */
    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** QuestDB applies its WAL after the 204 (asynchronously): wait until every row is readable. */
    private static void awaitQuestRows(long rows) throws Exception {
        long t0 = System.nanoTime();
        while (true) {
            try (Connection c = connect("jdbc:postgresql://127.0.0.1:38812/qdb", "admin", "quest");
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM ilp_bench")) {
                rs.next();
                if (rs.getLong(1) >= rows) break;
            }
            Thread.sleep(100);
        }
        System.out.printf("QuestDB: all rows readable %.2f s after the last 204%n", (System.nanoTime() - t0) / 1e9);
    }

    private static Connection connect(String url, String user, String password) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection(url, p);
    }

    /** Median of {@code runs} timings (after one warm-up) of the query, result fully read. */
    private static double query(String name, String url, String user, String password, String sql, int runs) throws Exception {
        List<Double> ms = new ArrayList<>();
        long groups = 0;
        try (Connection c = connect(url, user, password); Statement st = c.createStatement()) {
            for (int r = 0; r <= runs; r++) {
                long t0 = System.nanoTime();
                groups = 0;
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) groups++;
                }
                if (r > 0) ms.add((System.nanoTime() - t0) / 1e6);
            }
        }
        double[] a = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = a[a.length / 2];
        System.out.printf("%s: aggregate (%d groups) median %.1f ms of %s%n", name, groups, median, Arrays.toString(a));
        return median;
    }
}
