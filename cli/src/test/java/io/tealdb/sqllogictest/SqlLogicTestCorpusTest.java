package io.tealdb.sqllogictest;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sqllogictest corpus against TealDB.
 *
 * <ol>
 *   <li>Every file listed in {@code src/test/resources/sqllogictest/passing.txt} (paths relative to
 *       shared/sqllogictest/duckdb/) must pass; any failure fails this test.</li>
 *   <li>The rest of the corpus runs too; the overall pass rate and the files that pass but are not
 *       listed yet are printed. With {@code -Dsqllogictest.update=true} those are appended to the
 *       list (the list only grows; files are never removed by the test).</li>
 * </ol>
 * Options: {@code -Dsqllogictest.extensions=json} declares extensions for {@code require}
 * (default {@link #EXTENSIONS}: the engine has the JSON type, functions and reader, and its own
 * Parquet reader and writer);
 * {@code -Dsqllogictest.only=folder/} restricts part 2 to paths starting with that prefix.
 */
class SqlLogicTestCorpusTest {

    /** The database under test. */
    static final String URL = JdbcUrlDatabaseFactory.DEFAULT_URL;
    /** The {@code require} extensions the engine provides itself. */
    static final String EXTENSIONS = "json,parquet";
    static final Path PASSING_LIST = Path.of("src", "test", "resources", "sqllogictest", "passing.txt");

    @TempDir(factory = CorpusTempDir.class)
    Path scratch;

    @Test
    void corpus() throws IOException {
        Path corpus = CorpusLocator.corpus();
        Set<String> listed = readList();
        Set<String> extensions = Arrays.stream(System.getProperty("sqllogictest.extensions", EXTENSIONS).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        RunnerConfig config = RunnerConfig.defaults(corpus, CorpusLocator.data(), scratch, extensions::contains);
        TestDatabaseFactory factory = new JdbcUrlDatabaseFactory(URL, JdbcUrlDatabaseFactory.DEFAULT_INIT_SQL);

        List<Path> listedFiles = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : listed) {
            Path f = corpus.resolve(name);
            if (Files.isRegularFile(f)) {
                listedFiles.add(f);
            } else {
                missing.add(name);
            }
        }
        String only = System.getProperty("sqllogictest.only", "");
        List<Path> rest = SqlLogicTestMain.findTests(corpus).stream()
                .filter(f -> !listed.contains(rel(corpus, f)))
                .filter(f -> rel(corpus, f).startsWith(only))
                .toList();

        // 1. the listed files must all pass
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        SqlLogicTestMain.Summary listedRun = SqlLogicTestMain.runAll(config, factory, listedFiles,
                new PrintStream(buf, true, StandardCharsets.UTF_8), false);
        List<String> regressions = new ArrayList<>();
        for (FileResult r : listedRun.results()) {
            if (r.status() != FileResult.Status.PASSED) {
                regressions.add(r.summaryLine());
            }
        }

        // 2. the rest: report (and optionally record) newly passing files
        SqlLogicTestMain.Summary restRun = SqlLogicTestMain.runAll(config, factory, rest,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        List<String> newlyPassing = restRun.passing();
        int total = listedFiles.size() + rest.size();
        int passed = listedRun.passed() + restRun.passed();
        System.out.printf(Locale.ROOT, "sqllogictest corpus on %s: %d of %d files pass (%.1f%%), %d skipped;"
                        + " %d listed, %d newly passing%n", URL, passed, total, total == 0 ? 0 : 100.0 * passed / total,
                listedRun.skipped() + restRun.skipped(), listed.size(), newlyPassing.size());
        for (String n : newlyPassing) {
            System.out.println("  newly passing: " + n);
        }
        if (Boolean.getBoolean("sqllogictest.update") && !newlyPassing.isEmpty()) {
            TreeSet<String> all = new TreeSet<>(listed);
            all.addAll(newlyPassing);
            Files.createDirectories(PASSING_LIST.getParent());
            Files.write(PASSING_LIST, all, StandardCharsets.UTF_8);
            System.out.println("  added " + newlyPassing.size() + " files to " + PASSING_LIST.toAbsolutePath());
        }

        if (!missing.isEmpty()) {
            fail("files listed in " + PASSING_LIST + " do not exist in the corpus: " + missing);
        }
        assertTrue(regressions.isEmpty(), regressions.size() + " of " + listedFiles.size()
                + " files listed as passing now fail:\n" + String.join("\n", regressions));
    }

    private static String rel(Path corpus, Path f) {
        return corpus.relativize(f).toString().replace('\\', '/');
    }

    static Set<String> readList() throws IOException {
        Set<String> out = new TreeSet<>();
        Path list = Files.exists(PASSING_LIST) ? PASSING_LIST : null;
        List<String> lines;
        if (list != null) {
            lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        } else {
            try (var in = SqlLogicTestCorpusTest.class.getResourceAsStream("/sqllogictest/passing.txt")) {
                lines = in == null ? List.of() : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
        }
        for (String l : lines) {
            String t = l.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(t);
            }
        }
        return out;
    }
}
