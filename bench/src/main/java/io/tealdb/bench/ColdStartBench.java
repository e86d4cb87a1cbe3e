package io.tealdb.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first query of a fresh process on a database file, TealDB beside DuckDB:
 *
 * <pre>
 *   bench/run FileTpchBench --sf 1 --dir DIR --no-queries        (loads DIR/teal.db and DIR/duck.db)
 *   bench/run ColdStartBench --dir DIR [--queries 1,6] [--runs 5] [--no-launcher] [--launcher-cds]
 * </pre>
 * Each run starts, per query, one new process per variant, in an order that rotates between runs:
 * <ul>
 * <li>{@code teal-jdbc}: a JVM opens {@code jdbc:teal:DIR/teal.db} and runs the query (the embedded
 *   driver, no class-data archive and no flags: what an application gets by default);</li>
 * <li>{@code teal-launcher}: {@code ./teal -readonly DIR/teal.db} with the query on standard input
 *   (the launcher's flags, its class-data archive or, on JDK 25+, its ahead-of-time cache);</li>
 * <li>{@code teal-cds} ({@code --launcher-cds}): the launcher with {@code TEAL_AOT=0}: the class-data
 *   archive only, as on JDK 21-24;</li>
 * <li>{@code duckdb}: a JVM opens {@code jdbc:duckdb:DIR/duck.db} and runs the query.</li>
 * </ul>
 * A JDBC child has the bench's class path less the jars of the other JDBC drivers on it (DuckDB's
 * for TealDB's child, TealDB's and PostgreSQL's for DuckDB's, ...): {@code DriverManager} loads and
 * initializes every driver on the class path at the first connection (DuckDB's starts JFR support and
 * logging, some 150 classes), which an application with one driver does not pay.
 * {@code --shared-classpath} gives both children the whole class path, as before 2026-12-08.
 * Printed per variant, medians: the whole process (start to exit), the open and the first query as
 * the process measured them (the launcher prints only the query's, so its "open" is the rest of its
 * process: JVM start, open and exit), and the CPU seconds of the
 * process (user + system, from /usr/bin/time when present). The target compares open + first query.
 */
public final class ColdStartBench {
    private ColdStartBench() {
    }

    /** The child process of the JDBC variants: {@code URL QUERY-FILE}; prints "open MS first MS". */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            String sql = Files.readString(Path.of(args[1])).strip();
            if (sql.endsWith(";")) sql = sql.substring(0, sql.length() - 1);
            long t0 = System.nanoTime();
            Connection c = DriverManager.getConnection(args[0]);
            double open = (System.nanoTime() - t0) / 1e6;
            double first = TpchBench.time(c, sql);
            c.close();
            System.out.printf(Locale.ROOT, "open %.1f first %.1f%n", open, first);
        }
    }

    record Sample(double processMs, double openMs, double firstMs, double cpuS) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = null;
        String queries = "1,6";
        int runs = 5;
        boolean launcher = true;
        boolean launcherCds = false;
        boolean sharedClasspath = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--queries" -> queries = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--no-launcher" -> launcher = false;
                case "--launcher-cds" -> launcherCds = true;
                case "--shared-classpath" -> sharedClasspath = true;
                default -> throw new IllegalArgumentException("usage: ColdStartBench --dir DIR [--queries 1,6] [--runs 5] [--no-launcher] [--launcher-cds] [--shared-classpath]; unknown " + args[i]);
            }
        }
        if (dir == null) throw new IllegalArgumentException("--dir DIR (loaded by FileTpchBench) is required");
        Path teal = dir.resolve("teal.db");
        Path duck = dir.resolve("duck.db");
        Path root = Path.of("").toAbsolutePath();
        Path tealScript = root.resolve("teal");
        List<String> variants = new ArrayList<>(List.of("teal-jdbc", "duckdb"));
        if (launcher && Files.isExecutable(tealScript)) variants.add(1, "teal-launcher");
        if (launcherCds && Files.isExecutable(tealScript)) variants.add(1, "teal-cds");
        boolean timeTool = Files.isExecutable(Path.of("/usr/bin/time"));
        String tealClasspath = sharedClasspath ? System.getProperty("java.class.path") : classpathWithOnlyDriver("jdbc:teal:");
        String duckClasspath = sharedClasspath ? System.getProperty("java.class.path") : classpathWithOnlyDriver("jdbc:duckdb:");
        for (String qs : queries.split(",")) {
            int q = Integer.parseInt(qs.trim());
            Path queryFile = TpchBench.sharedTpch().resolve("queries").resolve(String.format(Locale.ROOT, "q%02d.sql", q));
            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            for (String v : variants) samples.put(v, new ArrayList<>());
            for (int r = 0; r < runs; r++) {
                for (int k = 0; k < variants.size(); k++) {
                    String v = variants.get((k + r) % variants.size());
                    Sample s = switch (v) {
                        case "teal-jdbc" -> runJdbc("jdbc:teal:" + teal, tealClasspath, queryFile, timeTool);
                        case "duckdb" -> runJdbc("jdbc:duckdb:" + duck, duckClasspath, queryFile, timeTool);
                        case "teal-cds" -> runLauncher(tealScript, teal, queryFile, timeTool, false);
                        default -> runLauncher(tealScript, teal, queryFile, timeTool, true);
                    };
                    samples.get(v).add(s);
                    System.out.printf(Locale.ROOT, "Q%02d run %d %-13s process %7.0f ms  open %6.0f ms  first %6.0f ms  cpu %5.2f s  (load %s)%n",
                            q, r + 1, v, s.processMs, s.openMs, s.firstMs, s.cpuS, load());
                }
            }
            Sample duckMedian = median(samples.get("duckdb"));
            System.out.printf(Locale.ROOT, "Q%02d medians of %d runs:%n", q, runs);
            for (var e : samples.entrySet()) {
                Sample m = median(e.getValue());
                String ratio = e.getKey().equals("duckdb") ? "" : String.format(Locale.ROOT, "  process %.2fx, open+first %.2fx, cpu %.2fx DuckDB's",
                        m.processMs / duckMedian.processMs, (m.openMs + m.firstMs) / (duckMedian.openMs + duckMedian.firstMs), m.cpuS / duckMedian.cpuS);
                System.out.printf(Locale.ROOT, "  %-13s process %7.0f ms  open %6.0f ms  first %6.0f ms  cpu %5.2f s%s%n",
                        e.getKey(), m.processMs, m.openMs, m.firstMs, m.cpuS, ratio);
            }
        }
    }

    /**
     * The bench's class path without the entries that hold a JDBC driver ({@code
     * META-INF/services/java.sql.Driver}) other than the one that accepts {@code urlPrefix}.
     */
    static String classpathWithOnlyDriver(String urlPrefix) throws IOException {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) continue;
            List<String> drivers = driversIn(Path.of(entry));
            boolean own = false;
            for (String d : drivers) {
                try {
                    Class<?> c = Class.forName(d, false, ColdStartBench.class.getClassLoader());
                    java.sql.Driver driver = (java.sql.Driver) c.getDeclaredConstructor().newInstance();
                    own |= driver.acceptsURL(urlPrefix + "x");
                } catch (ReflectiveOperationException | LinkageError | java.sql.SQLException e) {
                    // a driver that cannot be built here is not the one asked for
                }
            }
            if (drivers.isEmpty() || own) kept.add(entry);
        }
        return String.join(java.io.File.pathSeparator, kept);
    }

    /** The driver classes that a class path entry (jar or directory) declares as services. */
    private static List<String> driversIn(Path entry) throws IOException {
        String service = "META-INF/services/java.sql.Driver";
        String text = null;
        if (Files.isDirectory(entry)) {
            Path f = entry.resolve(service);
            if (Files.isRegularFile(f)) text = Files.readString(f);
        } else if (Files.isRegularFile(entry)) {
            try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(entry.toFile())) {
                java.util.zip.ZipEntry e = z.getEntry(service);
                if (e != null) {
                    try (var in = z.getInputStream(e)) {
                        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\n")) {
                String l = line.replaceAll("#.*", "").strip();
                if (!l.isEmpty()) out.add(l);
            }
        }
        return out;
    }

    private static Sample runJdbc(String url, String classpath, Path queryFile, boolean timeTool) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (timeTool) cmd.addAll(List.of("/usr/bin/time", "-f", "cpu %U %S"));
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of("-Xmx8g", "--enable-native-access=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp", classpath, Child.class.getName(), url, queryFile.toString()));
        Out o = run(new ProcessBuilder(cmd), null);
        Matcher m = Pattern.compile("open ([0-9.]+) first ([0-9.]+)").matcher(o.text);
        if (!m.find()) throw new IllegalStateException(url + ": " + o.text);
        return new Sample(o.ms, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), o.cpu);
    }

    /** {@code ./teal -readonly FILE} with ".timer on" and the query on standard input: its open is the process less the query. */
    private static Sample runLauncher(Path script, Path db, Path queryFile, boolean timeTool, boolean aot) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (timeTool) cmd.addAll(List.of("/usr/bin/time", "-f", "cpu %U %S"));
        cmd.addAll(List.of(script.toString(), "-readonly", db.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JAVA_OPTS", "-Xmx8g");
        if (!aot) pb.environment().put("TEAL_AOT", "0");
        Out o = run(pb, ".timer on\n" + Files.readString(queryFile).strip() + "\n");
        Matcher m = Pattern.compile("Run Time \\(s\\): real ([0-9.]+)").matcher(o.text);
        if (!m.find()) throw new IllegalStateException("teal: " + o.text);
        double first = Double.parseDouble(m.group(1)) * 1000;
        // the shell does not time its open: "open" is the rest of the process (JVM start, open, exit)
        return new Sample(o.ms, o.ms - first, first, o.cpu);
    }

    record Out(String text, double ms, double cpu) {
    }

    private static Out run(ProcessBuilder pb, String stdin) throws IOException, InterruptedException {
        pb.redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("child did not finish: " + pb.command());
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (p.exitValue() != 0) throw new IllegalStateException("child failed (" + p.exitValue() + "): " + text);
        Matcher m = Pattern.compile("cpu ([0-9.]+) ([0-9.]+)").matcher(text);
        double cpu = Double.NaN;
        while (m.find()) cpu = Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2));
        return new Out(text, ms, cpu);
    }

    private static Sample median(List<Sample> s) {
        double[] a = new double[s.size()];
        double[] b = new double[s.size()];
        double[] c = new double[s.size()];
        double[] d = new double[s.size()];
        for (int i = 0; i < s.size(); i++) {
            a[i] = s.get(i).processMs;
            b[i] = s.get(i).openMs;
            c[i] = s.get(i).firstMs;
            d[i] = s.get(i).cpuS;
        }
        return new Sample(TpchBench.median(a), TpchBench.median(b), TpchBench.median(c), TpchBench.median(d));
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
