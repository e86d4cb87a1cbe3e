package io.tealdb.function;

import io.tealdb.error.BinderException;
import io.tealdb.error.CatalogException;
import io.tealdb.types.LogicalType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default registry registers its built-ins family by family at the first lookup of a name
 * ({@link LazyBuiltins}), guided by the checked-in index {@value LazyBuiltins#INDEX}: the index must
 * say exactly what the registration code registers, and every lookup must give what the eager
 * registration of all families gives, in the same order, from any number of threads.
 */
class BuiltinFunctionIndexTest {
    private static final Path SOURCE = Path.of("src/main/resources/io/tealdb/function/" + LazyBuiltins.INDEX);

    private static String resource() throws IOException {
        try (InputStream in = LazyBuiltins.class.getResourceAsStream(LazyBuiltins.INDEX)) {
            assertNotNull(in, "the resource " + LazyBuiltins.INDEX + " is on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void indexListsWhatEachFamilyRegisters() throws IOException {
        String expected = FunctionRegistry.lazyBuiltins(null).builtins().render();
        if (Boolean.getBoolean("tealdb.writeFunctionIndex") && Files.isDirectory(SOURCE.getParent())) {
            Files.writeString(SOURCE, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, resource(), "the function index is stale: run this test with -Dtealdb.writeFunctionIndex=true"
                + " (it rewrites engine/" + SOURCE + ") and rebuild");
    }

    @Test
    void lazyLookupsGiveTheEagerOverloadsInOrder() {
        FunctionRegistry eager = new FunctionRegistry(true);
        FunctionRegistry lazy = FunctionRegistry.lazyBuiltins(indexText());
        assertEquals(new TreeSet<>(eager.scalarNames()), new TreeSet<>(lazy.scalarNames()));
        assertEquals(new TreeSet<>(eager.aggregateNames()), new TreeSet<>(lazy.aggregateNames()));
        for (String n : new TreeSet<>(eager.scalarNames())) {
            assertEquals(signatures(eager, n), signatures(lazy, n), n);
        }
        for (String n : new TreeSet<>(eager.aggregateNames())) {
            assertEquals(eager.signatures(n, true), lazy.signatures(n, true), n);
        }
    }

    private static String indexText() {
        try {
            return resource();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> signatures(FunctionRegistry r, String name) {
        List<String> s = r.signatures(name, false);
        assertFalse(s.isEmpty(), name);
        return s;
    }

    @Test
    void aQueryLoadsOnlyTheFamiliesItNames() {
        FunctionRegistry r = FunctionRegistry.lazyBuiltins(indexText());
        assertEquals(List.of(), r.builtins().loadedFamilies());
        assertTrue(r.isScalar("UPPER") && r.isAggregate("avg") && r.isScalar("sin!strict"));
        assertFalse(r.isAggregate("upper") || r.isScalar("sum"));
        assertEquals(List.of(), r.builtins().loadedFamilies(), "asking whether a listed name exists registers nothing");
        assertEquals(LogicalType.decimal(38, 2), r.bindAggregate("sum", List.of(LogicalType.decimal(15, 2))).returnType());
        assertEquals(List.of("CountSumAggregates"), r.builtins().loadedFamilies());
        assertEquals(LogicalType.BIGINT, r.bindScalar("+", List.of(LogicalType.INTEGER, LogicalType.BIGINT)).returnType());
        assertTrue(r.builtins().loadedFamilies().contains("Arithmetic"));
        assertFalse(r.builtins().loadedFamilies().contains("JsonFunctions"));
        // an alias of another family's operator sees every overload registered before it
        assertEquals(r.bindScalar("+", List.of(LogicalType.DATE, LogicalType.INTERVAL)).returnType(),
                r.bindScalar("add", List.of(LogicalType.DATE, LogicalType.INTERVAL)).returnType());
    }

    @Test
    void anIndexOlderThanTheCodeStillFindsEveryFunction() {
        StringBuilder stale = new StringBuilder();
        for (String line : indexText().split("\n")) {
            // as if upper() and median() had been added after the index was written
            stale.append(line.replace(" upper ", " ").replace(" median ", " ")).append('\n');
        }
        assertFalse(stale.toString().contains(" upper ") || stale.toString().contains(" median "));
        FunctionRegistry r = FunctionRegistry.lazyBuiltins(stale.toString());
        assertEquals(LogicalType.BIGINT, r.bindScalar("+", List.of(LogicalType.INTEGER, LogicalType.BIGINT)).returnType());
        assertTrue(r.isScalar("upper"), "a name the index lacks registers every family and is found");
        assertEquals(LazyBuiltins.FAMILIES, r.builtins().loadedFamilies());
        assertTrue(r.isAggregate("median"));
        FunctionRegistry eager = new FunctionRegistry(true);
        for (String n : List.of("upper", "+", "add", "divide")) assertEquals(signatures(eager, n), signatures(r, n), n);
        assertEquals(eager.signatures("median", true), r.signatures("median", true));
        assertFalse(r.isScalar("no_such_function"));
    }

    @Test
    void unknownNamesAndRegistrationGiveTheSameErrors() {
        FunctionRegistry lazy = FunctionRegistry.lazyBuiltins(indexText());
        FunctionRegistry eager = new FunctionRegistry(true);
        assertFalse(lazy.isScalar("no_such_function") || lazy.isAggregate("no_such_function"));
        assertEquals(assertThrows(CatalogException.class, () -> eager.bindScalar("no_such_function", List.of())).getMessage(),
                assertThrows(CatalogException.class, () -> lazy.bindScalar("No_Such_Function", List.of())).getMessage());
        assertEquals(assertThrows(CatalogException.class, () -> eager.bindAggregate("no_such_aggregate", List.of())).getMessage(),
                assertThrows(CatalogException.class, () -> lazy.bindAggregate("no_such_aggregate", List.of())).getMessage());
        assertEquals(assertThrows(BinderException.class, () -> eager.bindScalar("upper", List.of(LogicalType.INTERVAL))).getMessage(),
                assertThrows(BinderException.class, () -> lazy.bindScalar("upper", List.of(LogicalType.INTERVAL))).getMessage());
        assertThrows(UnsupportedOperationException.class, () -> FunctionRegistry.getDefault().aliasScalar("plus", "+"));
        assertFalse(FunctionRegistry.getDefault().isScalar("plus"));
    }

    @Test
    void concurrentFirstLookupsLoadEachFamilyOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            FunctionRegistry lazy = FunctionRegistry.lazyBuiltins(indexText());
            FunctionRegistry eager = new FunctionRegistry(true);
            List<String> names = new ArrayList<>(new TreeSet<>(eager.scalarNames()));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int offset = t * 37 + round;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < names.size(); i++) {
                            String n = names.get((i + offset) % names.size());
                            assertEquals(signatures(eager, n), signatures(lazy, n), n);
                        }
                        for (String a : eager.aggregateNames()) {
                            assertEquals(eager.signatures(a, true), lazy.signatures(a, true), a);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) f.get();
            } finally {
                pool.shutdown();
            }
        }
    }
}
