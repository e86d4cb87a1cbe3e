package io.tealdb.sqllogictest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validates the runner itself: the corpus passes on DuckDB 2.0.0 (see shared/sqllogictest/README.md),
 * so a file failing here points at a runner bug. Runs a deterministic sample spread over all
 * folders (every k-th file of each folder); {@code -Dsqllogictest.duckdb.all=true} runs the whole
 * corpus instead.
 */
class RunnerSelfTestWithDuckDb {

    private static final int SAMPLE_SIZE = 150;

    @TempDir
    Path scratch;

    @Test
    void sampleOfCorpusPassesOnDuckDb() throws Exception {
        Path corpus = CorpusLocator.corpus();
        List<Path> all = SqlLogicTestMain.findTests(corpus);
        List<Path> files = Boolean.getBoolean("sqllogictest.duckdb.all") ? all : sample(corpus, all);
        RunnerConfig config = RunnerConfig.defaults(corpus, CorpusLocator.data(), scratch,
                ext -> ext.equals("parquet") || ext.equals("json"));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        SqlLogicTestMain.Summary s = SqlLogicTestMain.runAll(config, new DuckDbTestDatabaseFactory(), files, out, false);
        String report = buf.toString(StandardCharsets.UTF_8);
        System.out.println(report);
        Path reportFile = Path.of(System.getProperty("java.io.tmpdir"), "slt-duckdb-selftest.txt");
        StringBuilder details = new StringBuilder(report);
        for (FileResult r : s.results()) {
            for (String f : r.failures()) {
                details.append("  ").append(f).append('\n');
            }
        }
        Files.writeString(reportFile, details);
        int ran = s.passed() + s.failed();
        double rate = ran == 0 ? 0 : 100.0 * s.passed() / ran;
        System.out.printf("DuckDB self-test: %d files, %.1f%% of run files pass (details: %s)%n", files.size(), rate,
                reportFile);
        assertTrue(ran >= files.size() * 0.9, "too many files skipped: " + s.skipped() + " of " + files.size());
        assertTrue(rate >= 97.0, String.format("only %.1f%% of corpus files pass on DuckDB; runner bug? failures:%n%s",
                rate, report));
    }

    /** About SAMPLE_SIZE files, proportional per top-level folder, deterministic. */
    static List<Path> sample(Path corpus, List<Path> all) {
        Map<String, List<Path>> byFolder = new TreeMap<>();
        for (Path p : all) {
            Path rel = corpus.relativize(p);
            String folder = rel.getNameCount() > 1 ? rel.getName(0).toString() : "";
            byFolder.computeIfAbsent(folder, k -> new ArrayList<>()).add(p);
        }
        double step = (double) all.size() / SAMPLE_SIZE;
        List<Path> out = new ArrayList<>();
        for (List<Path> files : byFolder.values()) {
            int take = Math.max(1, (int) Math.round(files.size() / step));
            for (int i = 0; i < take; i++) {
                out.add(files.get((int) ((long) i * files.size() / take)));
            }
        }
        return out;
    }
}
