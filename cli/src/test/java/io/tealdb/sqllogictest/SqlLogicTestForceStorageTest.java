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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB's {@code --force-storage}: every third listed (passing) corpus file runs against a fresh
 * database FILE, so its DDL commits through checkpoints and its DML through the write-ahead log, and
 * must still pass. (All 581 listed files pass this way: {@code ./teal sqllogictest --force-storage}.)
 */
class SqlLogicTestForceStorageTest {
    @TempDir(factory = CorpusTempDir.class)
    Path scratch;

    @Test
    void listedFilesPassOnDatabaseFiles() throws IOException {
        Path corpus = CorpusLocator.corpus();
        List<String> listed = Files.readAllLines(SqlLogicTestCorpusTest.PASSING_LIST, StandardCharsets.UTF_8);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < listed.size(); i += 3) {
            Path f = corpus.resolve(listed.get(i).trim());
            if (!listed.get(i).isBlank() && Files.isRegularFile(f)) {
                files.add(f);
            }
        }
        RunnerConfig config = RunnerConfig.defaults(corpus, CorpusLocator.data(), scratch,
                List.of(SqlLogicTestCorpusTest.EXTENSIONS.split(","))::contains); // as SqlLogicTestCorpusTest
        TestDatabaseFactory factory = new JdbcUrlDatabaseFactory(JdbcUrlDatabaseFactory.FORCE_STORAGE,
                JdbcUrlDatabaseFactory.DEFAULT_INIT_SQL);
        SqlLogicTestMain.Summary run = SqlLogicTestMain.runAll(config, factory, files,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        List<String> failed = new ArrayList<>();
        for (FileResult r : run.results()) {
            if (r.status() != FileResult.Status.PASSED) {
                failed.add(r.summaryLine());
            }
        }
        assertTrue(files.size() > 100, "files run: " + files.size());
        assertTrue(failed.isEmpty(), "listed files failing on a database file:\n" + String.join("\n", failed));
    }
}
