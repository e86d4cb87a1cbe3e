package io.tealdb.sqllogictest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Command line: {@code sqllogictest [options] PATH...}.
 *
 * <pre>
 *   --url JDBC_URL_PREFIX   database URL (default jdbc:teal:, a fresh private database per file)
 *   --force-storage         a fresh database FILE per test file (commits go through the log/checkpoints)
 *   --data DATA_DIR         folder standing for DuckDB's data/ (default: duckdb-data beside the corpus)
 *   --list-passing FILE     write the passing files (relative to the corpus root, sorted) to FILE
 *   --extensions a,b        extensions the engine has for 'require' (e.g. parquet,json; default none)
 *   --init-sql SQL          run on every new connection, {ROOT} = scratch root
 *                           (default: SET file_search_path = '{ROOT}'; failures are ignored)
 *   --lenient-errors        only check that 'statement error' fails, not the message
 *   --timeout SECONDS       per-statement time limit (default 30)
 *   -v                      print every file's verdict and every failing record
 * </pre>
 * PATH is a .test file or a directory searched recursively for *.test. Prints one line per
 * failing file and ends with the line {@code N passed, N failed, N skipped} (files).
 */
public final class SqlLogicTestMain {

    private SqlLogicTestMain() {}

    public static void main(String[] args) {
        int rc = run(args, System.out);
        System.exit(rc);
    }

    /** @return 0 if no file failed, 1 if some failed, 2 on a usage error */
    public static int run(String[] args, PrintStream out) {
        String url = JdbcUrlDatabaseFactory.DEFAULT_URL;
        Path data = null;
        Path listPassing = null;
        boolean verbose = false;
        boolean lenient = false;
        int timeout = 30;
        Set<String> extensions = new TreeSet<>();
        List<String> initSql = new ArrayList<>(JdbcUrlDatabaseFactory.DEFAULT_INIT_SQL);
        boolean initSqlGiven = false;
        List<Path> paths = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--url" -> url = args[++i];
                    case "--force-storage" -> url = JdbcUrlDatabaseFactory.FORCE_STORAGE;
                    case "--data" -> data = Path.of(args[++i]);
                    case "--list-passing" -> listPassing = Path.of(args[++i]);
                    case "--extensions" -> Arrays.stream(args[++i].split(",")).map(String::trim)
                            .filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).forEach(extensions::add);
                    case "--init-sql" -> {
                        if (!initSqlGiven) {
                            initSql.clear();
                            initSqlGiven = true;
                        }
                        initSql.add(args[++i]);
                    }
                    case "--lenient-errors" -> lenient = true;
                    case "--timeout" -> timeout = Integer.parseInt(args[++i]);
                    case "-v", "--verbose" -> verbose = true;
                    case "-h", "--help" -> {
                        usage(out);
                        return 0;
                    }
                    default -> {
                        if (a.startsWith("-")) {
                            out.println("unknown option " + a);
                            usage(out);
                            return 2;
                        }
                        paths.add(Path.of(a));
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            usage(out);
            return 2;
        }
        if (paths.isEmpty()) {
            usage(out);
            return 2;
        }
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                out.println("no such file or directory: " + p);
                return 2;
            }
            try {
                files.addAll(findTests(p));
            } catch (IOException e) {
                out.println("cannot list " + p + ": " + e);
                return 2;
            }
        }
        Path corpus = corpusDirFor(paths.get(0));
        if (data == null) {
            data = corpus.resolveSibling("duckdb-data");
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory("sqllogictest-"); // the dash: no "t1" in data paths (see CorpusTempDir)
        } catch (IOException e) {
            out.println("cannot create scratch directory: " + e);
            return 2;
        }
        RunnerConfig config = RunnerConfig.defaults(corpus, data, scratch, extensions::contains)
                .withLenientErrors(lenient)
                .withTimeouts(Duration.ofSeconds(timeout), Duration.ofSeconds(Math.max(300, timeout * 4L)));
        TestDatabaseFactory factory = new JdbcUrlDatabaseFactory(url, initSql);
        Summary summary = runAll(config, factory, files, out, verbose);
        if (listPassing != null) {
            try {
                Files.write(listPassing, summary.passing(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                out.println("cannot write " + listPassing + ": " + e);
            }
        }
        deleteQuietly(scratch);
        return summary.failed() == 0 ? 0 : 1;
    }

    /** Counts of a run, in files, and the sorted list of passing test names. */
    public record Summary(int passed, int failed, int skipped, List<String> passing, List<FileResult> results) {}

    /** Runs {@code files}, printing failing files (all files if verbose) and the closing count line. */
    public static Summary runAll(RunnerConfig config, TestDatabaseFactory factory, List<Path> files, PrintStream out,
                                 boolean verbose) {
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        TreeSet<String> passing = new TreeSet<>();
        List<FileResult> results = new ArrayList<>();
        try (SltRunner runner = new SltRunner(config, factory)) {
            for (Path f : files) {
                FileResult r = runner.runFile(f);
                results.add(r);
                switch (r.status()) {
                    case PASSED -> {
                        passed++;
                        passing.add(r.testName());
                    }
                    case FAILED -> failed++;
                    case SKIPPED -> skipped++;
                }
                if (verbose || r.status() == FileResult.Status.FAILED) {
                    out.println(r.summaryLine());
                }
                if (verbose && r.failures().size() > 1) {
                    for (String detail : r.failures()) {
                        out.println("    " + detail);
                    }
                }
                out.flush();
            }
        } catch (IOException e) {
            out.println("cannot prepare the runner: " + e);
            failed = Math.max(1, failed);
        }
        out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
        return new Summary(passed, failed, skipped, List.copyOf(passing), results);
    }

    private static void usage(PrintStream out) {
        out.println("usage: sqllogictest [--url JDBC_URL_PREFIX] [--force-storage] [--data DATA_DIR] [--list-passing FILE]"
                + " [--extensions parquet,json] [--init-sql SQL] [--lenient-errors] [--timeout SECONDS] [-v] PATH...");
    }

    /** The .test files under {@code p} (or {@code p} itself), sorted. */
    public static List<Path> findTests(Path p) throws IOException {
        if (Files.isRegularFile(p)) {
            return List.of(p);
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".test"))
                    .sorted().toList();
        }
    }

    /**
     * The folder that stands for DuckDB's {@code test/sql/}: the nearest ancestor of {@code p}
     * that has a sibling {@code duckdb-data}, else {@code shared/sqllogictest/duckdb} found by
     * walking up from the working directory, else {@code p}'s own folder.
     */
    static Path corpusDirFor(Path p) {
        for (Path d = p.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (d.getParent() != null && Files.isDirectory(d.resolveSibling("duckdb-data"))) {
                return d;
            }
        }
        Path found = findSharedCorpus(Path.of("").toAbsolutePath());
        if (found != null) {
            return found;
        }
        Path abs = p.toAbsolutePath().normalize();
        return Files.isDirectory(abs) ? abs : abs.getParent();
    }

    /** Walks up from {@code start} until a folder {@code shared/sqllogictest/duckdb} is found. */
    public static Path findSharedCorpus(Path start) {
        for (Path d = start.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path c = d.resolve("shared").resolve("sqllogictest").resolve("duckdb");
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        return null;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }
}
