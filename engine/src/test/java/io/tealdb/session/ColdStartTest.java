package io.tealdb.session;

import io.tealdb.Connection;
import io.tealdb.Teal;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.planner.RegistryFunctionResolver;
import io.tealdb.types.LogicalType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process's first statements register the families of built-in functions they name at their
 * first lookup ({@code LazyBuiltins}), and give the same answers as in a process where every
 * family was registered long before. The cold start runs in a fresh JVM (in this one the registry
 * was filled by earlier tests).
 */
class ColdStartTest {
    @TempDir
    Path dir;

    static final List<String> QUERIES = List.of(
            "SELECT k % 7 AS g, count(*), sum(v), avg(v)::DECIMAL(18,3), max(upper(s)) FROM t GROUP BY g ORDER BY g",
            "SELECT sum(v * 2 - 1), min(d + INTERVAL 3 DAY), count(DISTINCT s) FROM t WHERE d <= DATE '2024-03-01'",
            "SELECT strftime(d, '%Y-%m'), length(string_agg(s, ',')) FROM t GROUP BY 1 ORDER BY 1 LIMIT 5",
            "SELECT round(stddev_samp(v), 4), median(k), list_sum([k, 1]) FROM t GROUP BY list_sum([k, 1]) ORDER BY 3 LIMIT 3");

    @Test
    void firstStatementsOfAProcessRegisterTheFunctionsTheyName() throws Exception {
        Path db = dir.resolve("cold.db");
        List<String> expected = new ArrayList<>();
        try (Connection c = Teal.connect(db.toString())) {
            c.execute("CREATE TABLE t AS SELECT r AS k, r * 0.5 AS v, 's' || (r % 100) AS s, DATE '2024-01-01' + (r % 120)::INTEGER AS d FROM range(20000) t(r)");
            for (String q : QUERIES) expected.add(c.sql(q).toBoxString());
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = dir.resolve("child.out");
        Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                ColdStartChild.class.getName(), db.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the child finished");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        List<String> got = new ArrayList<>();
        for (String part : text.split(ColdStartChild.SEPARATOR + "\n", -1)) {
            if (!part.isEmpty()) got.add(part);
        }
        assertEquals(expected, got);
    }

    @Test
    void deferredResolverBindsAsTheRegistry() {
        RegistryFunctionResolver deferred = RegistryFunctionResolver.deferredDefault();
        FunctionRegistry r = FunctionRegistry.getDefault();
        List<LogicalType> args = List.of(LogicalType.INTEGER, LogicalType.BIGINT);
        assertEquals(r.bindScalar("+", args).returnType(), deferred.bindScalar("+", args, null).returnType());
        assertEquals(r.bindAggregate("sum", List.of(LogicalType.INTEGER)).returnType(),
                deferred.bindAggregate("sum", List.of(LogicalType.INTEGER)).returnType());
        assertTrue(deferred.isScalar("upper") && deferred.isAggregate("avg") && !deferred.isScalar("no_such_function"));
    }
}
