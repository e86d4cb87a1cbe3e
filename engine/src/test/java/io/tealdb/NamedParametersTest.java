package io.tealdb;

import io.tealdb.error.InvalidInputException;
import io.tealdb.parser.ParserException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** $name parameters bound from a map (DuckDB's named parameters), in statements and lazy relations. */
class NamedParametersTest {
    @Test
    void namesAreNumberedByFirstAppearanceAndBoundFromAMap() {
        assertEquals(List.of("lo", "hi"), io.tealdb.parser.Parser.parameterNames("SELECT $lo, $hi, $lo, '$notme', $x$dollar$x$"));
        try (Connection c = Teal.connect()) {
            c.execute("CREATE TABLE t AS SELECT i FROM range(10000) r(i)");
            Object[] row = c.execute("SELECT count(*), min(i), max(i) FROM t WHERE i BETWEEN $lo AND $hi AND i <> $lo",
                    Map.of("hi", 5000, "lo", 2500)).fetchOne();
            assertEquals(List.of(2500L, 2501L, 5000L), List.of(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue()));
            assertEquals("tealdb", String.valueOf(c.sql("SELECT $who AS w", Map.of("who", "tealdb")).fetchAll().get(0)[0]));
        }
    }

    @Test
    void missingUnusedAndMixedParametersAreErrors() {
        try (Connection c = Teal.connect()) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> c.execute("SELECT $a + $b", Map.of("a", 1)));
            assertTrue(e.getMessage().contains("b"), e.getMessage());
            e = assertThrows(InvalidInputException.class, () -> c.execute("SELECT $a", Map.of("a", 1, "z", 2)));
            assertTrue(e.getMessage().contains("'z'"), e.getMessage());
            assertThrows(ParserException.class, () -> c.execute("SELECT $a, $1", Map.of("a", 1)));
        }
    }
}
