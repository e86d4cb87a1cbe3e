package io.tealdb.bench.fuzz;

import io.tealdb.function.FunctionRegistry;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The grammar fuzzer's bounded run in the test command: a fixed seed, generated statements over
 * random schemas through JDBC, at most a minute. Any internal error, statement still running five
 * seconds after Statement.cancel, or exhausted heap fails the build with the distinct causes.
 * (bench/run GrammarFuzzBench runs it longer.)
 */
class GrammarFuzzerTest {
    @Test
    void generatedStatementsNeverFailInternally() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        // cancel after 500 ms; a statement still running 5 s after its cancel is a hang. The long runs
        // of bench/run GrammarFuzzBench measure the 1 s target; the test command may share a machine
        // so loaded that a cancelled statement waits seconds for a core, which is not a hang
        StatementFuzzer.Report r = new GrammarFuzzer(20261207L, 500, 5000, 300).run(3000, deadline);
        System.out.println(r.summary());
        long total = r.counts().values().stream().mapToLong(Long::longValue).sum();
        assertTrue(total > 500, "statements run: " + total);
        // the generator writes mostly valid SQL: a fuzzer whose statements all fail tests only the parser
        assertTrue(r.counts().get(StatementFuzzer.Outcome.OK) * 3 > total, r.summary());
        assertEquals(0, r.failuresCount(), r.summary());
    }

    @Test
    void catalogFindsTypedSignaturesOfTheRegistry() {
        FunctionCatalog c = FunctionCatalog.probe(FunctionRegistry.getDefault(), 1, 40);
        assertTrue(c.scalars().stream().anyMatch(s -> s.name().equals("abs")), "abs is probed");
        assertTrue(c.aggregates().stream().anyMatch(s -> s.name().equals("sum")), "sum is probed");
        assertTrue(!c.scalarsReturning(io.tealdb.types.LogicalType.BOOLEAN).isEmpty());
    }

    @Test
    void generationIsDeterministicForASeed() {
        FunctionCatalog c = FunctionCatalog.probe(FunctionRegistry.getDefault(), 1, 10);
        for (int round = 0; round < 2; round++) {
            Random a = new Random(7);
            Random b = new Random(7);
            QueryGenerator ga = new QueryGenerator(a, GenSchema.random(a, new Literals(a)), c);
            QueryGenerator gb = new QueryGenerator(b, GenSchema.random(b, new Literals(b)), c);
            for (int i = 0; i < 50; i++) assertEquals(ga.statement(), gb.statement());
        }
    }
}
