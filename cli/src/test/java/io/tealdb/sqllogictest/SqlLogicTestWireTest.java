package io.tealdb.sqllogictest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus over the PostgreSQL wire protocol: every file that passes embedded (passing.txt) runs
 * again through pgjdbc against a real server ({@link PgWireTestDatabaseFactory}). The files that
 * fail only over the wire are listed in {@code wire-failing.txt}; that list may only shrink (a listed
 * file that passes is reported, {@code -Dsqllogictest.update=true} removes it), and it must stay
 * under 2% of the corpus, so the pass rate over the wire stays within 2 points of the embedded one.
 */
class SqlLogicTestWireTest {
    static final Path WIRE_FAILING = Path.of("src", "test", "resources", "sqllogictest", "wire-failing.txt");

    @TempDir(factory = CorpusTempDir.class)
    Path scratch;

    @Test
    void embeddedPassingFilesPassOverTheWire() throws IOException {
        Path corpus = CorpusLocator.corpus();
        Set<String> listed = SqlLogicTestCorpusTest.readList();
        Set<String> known = readKnown();
        List<Path> files = new ArrayList<>();
        for (String name : listed) {
            Path f = corpus.resolve(name);
            if (Files.isRegularFile(f)) {
                files.add(f);
            }
        }
        RunnerConfig config = RunnerConfig.defaults(corpus, CorpusLocator.data(), scratch,
                List.of(SqlLogicTestCorpusTest.EXTENSIONS.split(","))::contains); // as SqlLogicTestCorpusTest
        SqlLogicTestMain.Summary run = SqlLogicTestMain.runAll(config, new PgWireTestDatabaseFactory(), files,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        List<String> regressions = new ArrayList<>();
        TreeSet<String> failing = new TreeSet<>();
        for (FileResult r : run.results()) {
            String name = r.testName();
            if (r.status() != FileResult.Status.PASSED) {
                failing.add(name);
                if (!known.contains(name)) {
                    regressions.add(r.summaryLine());
                }
            }
        }
        int total = SqlLogicTestMain.findTests(corpus).size();
        List<String> nowPassing = known.stream().filter(n -> !failing.contains(n) && listed.contains(n)).toList();
        System.out.printf(Locale.ROOT, "sqllogictest over the PostgreSQL wire: %d of %d embedded-passing files pass"
                        + " (corpus %d files: %.1f%% over the wire, %.1f%% embedded); %d known wire failures, %d now pass%n",
                run.passed(), files.size(), total, 100.0 * run.passed() / total, 100.0 * files.size() / total,
                known.size(), nowPassing.size());
        nowPassing.forEach(n -> System.out.println("  passes over the wire now: " + n));
        if (Boolean.getBoolean("sqllogictest.update")) {
            List<String> lines = new ArrayList<>();
            if (Files.exists(WIRE_FAILING)) {
                Files.readAllLines(WIRE_FAILING, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("#")).forEach(lines::add);
            }
            lines.addAll(failing);
            Files.write(WIRE_FAILING, lines, StandardCharsets.UTF_8);
        }
        assertTrue(regressions.isEmpty(), regressions.size() + " files that pass embedded fail over the wire:\n"
                + String.join("\n", regressions));
        assertTrue(failing.size() <= total * 0.02, "the wire's pass rate is more than 2 points below the embedded one: "
                + failing.size() + " of " + total + " files fail only over the wire");
    }

    private static Set<String> readKnown() throws IOException {
        Set<String> out = new TreeSet<>();
        if (Files.exists(WIRE_FAILING)) {
            for (String l : Files.readAllLines(WIRE_FAILING, StandardCharsets.UTF_8)) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    out.add(l.strip());
                }
            }
        }
        return out;
    }
}
