package io.tealdb.bench;

import io.tealdb.bench.fuzz.GrammarFuzzer;
import io.tealdb.bench.fuzz.StatementFuzzer;

/**
 * The grammar fuzzer's long run: statements generated over random schemas, run through the JDBC
 * driver; prints each new failure cause as it is found, counts every 10,000 statements, and at the
 * end the counts by outcome and each distinct internal-error / hang / OOM cause.
 *
 * <pre>
 * bench/run GrammarFuzzBench --statements 200000 --seed 1 --budget-ms 2000 --per-schema 500 --minutes 60
 * </pre>
 * Exits 1 when any internal error, hang (still running 1 s after Statement.cancel) or exhausted heap was found.
 */
public final class GrammarFuzzBench {
    public static void main(String[] args) {
        long statements = 200_000;
        long seed = 1;
        long budget = 2000;
        int perSchema = 500;
        long minutes = 60;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--statements" -> statements = Long.parseLong(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--budget-ms" -> budget = Long.parseLong(args[++i]);
                case "--per-schema" -> perSchema = Integer.parseInt(args[++i]);
                case "--minutes" -> minutes = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long start = System.nanoTime();
        StatementFuzzer.Report r = new GrammarFuzzer(seed, budget, 1000, perSchema)
                .onProgress(line -> System.out.println(line))
                .run(statements, start + minutes * 60_000_000_000L);
        System.out.println(r.summary());
        System.out.printf("%.1f s, seed %d%n", (System.nanoTime() - start) / 1e9, seed);
        System.exit(r.failuresCount() == 0 ? 0 : 1);
    }
}
