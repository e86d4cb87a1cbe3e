package io.tealdb.bench;

import io.tealdb.bench.fuzz.CorpusStatements;
import io.tealdb.bench.fuzz.StatementFuzzer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The statement fuzzer's long run: mutants of the sqllogictest corpus' statements against the
 * embedded engine; prints the counts by outcome and each distinct internal-error / hang / OOM cause.
 *
 * <pre>
 * bench/run FuzzBench --statements 200000 --seed 1 --mutants 4 --budget-ms 2000 --minutes 60
 * </pre>
 * Exits 1 when any internal error, hang (still running 1 s after cancel) or exhausted heap was found.
 */
public final class FuzzBench {
    public static void main(String[] args) {
        long statements = 200_000;
        long seed = 1;
        int mutants = 4;
        long budget = 2000;
        long minutes = 60;
        Path corpus = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--statements" -> statements = Long.parseLong(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--mutants" -> mutants = Integer.parseInt(args[++i]);
                case "--budget-ms" -> budget = Long.parseLong(args[++i]);
                case "--minutes" -> minutes = Long.parseLong(args[++i]);
                case "--corpus" -> corpus = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (corpus == null) corpus = locateCorpus();
        List<CorpusStatements.File> files = CorpusStatements.load(corpus);
        long start = System.nanoTime();
        StatementFuzzer.Report r = new StatementFuzzer(seed, mutants, budget, 1000)
                .onProgress(line -> System.out.println(line))
                .run(files, statements, start + minutes * 60_000_000_000L);
        System.out.println(r.summary());
        System.out.printf("%.1f s, %d corpus files under %s%n", (System.nanoTime() - start) / 1e9, files.size(), corpus);
        System.exit(r.failuresCount() == 0 ? 0 : 1);
    }

    /** shared/sqllogictest/duckdb in a folder above the working directory. */
    public static Path locateCorpus() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared/sqllogictest/duckdb");
            if (Files.isDirectory(c)) return c;
        }
        throw new IllegalStateException("no shared/sqllogictest/duckdb above " + Path.of("").toAbsolutePath());
    }
}
