package io.tealdb.bench.fuzz;

import io.tealdb.bench.FuzzBench;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bounded fuzz run of the test command: a fixed seed, mutants of the corpus' statements, at
 * most three minutes. Any internal error, statement still running a second after its cancel, or
 * exhausted heap fails the build with the distinct causes. (bench/run FuzzBench runs it longer.)
 */
class StatementFuzzerTest {
    @Test
    void mutatedCorpusStatementsNeverFailInternally() {
        List<CorpusStatements.File> files = CorpusStatements.load(FuzzBench.locateCorpus());
        assertTrue(files.size() > 500, "corpus files: " + files.size());
        long deadline = System.nanoTime() + 180_000_000_000L;
        StatementFuzzer.Report r = new StatementFuzzer(20261206L, 2, 2000, 1000).run(files, 12_000, deadline);
        System.out.println(r.summary());
        long total = r.counts().values().stream().mapToLong(Long::longValue).sum();
        assertTrue(total > 1000, "mutants run: " + total);
        assertEquals(0, r.failuresCount(), r.summary());
    }

    @Test
    void corpusRecordsAreExtracted() {
        List<String> s = CorpusStatements.parse(List.of("statement ok", "CREATE TABLE t (i INT)", "",
                "query I", "SELECT i", "FROM t", "----", "1", "", "loop i 0 3", "statement ok", "SELECT ${i}", ""));
        assertEquals(List.of("CREATE TABLE t (i INT)", "SELECT i\nFROM t"), s);
    }
}
