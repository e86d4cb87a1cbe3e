package io.tealdb;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The engine works without Apache Arrow: Arrow interchange lives in module tealdb-arrow, so an
 * application that does not use it needs neither the Arrow jars nor Arrow's JVM flags (this module's
 * tests run with no Arrow class on the class path and no --add-opens).
 */
class NoArrowDependencyTest {
    @Test
    void engineRunsWithoutArrowOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.arrow.vector.VectorSchemaRoot"));
        try (Connection con = Teal.connect(Map.of("threads", "2"))) {
            Object[] row = con.sql("SELECT count(*), sum(i) FROM range(10000) t(i)").fetchOne();
            assertEquals(10000L, ((Number) row[0]).longValue());
            assertEquals(49995000L, ((Number) row[1]).longValue());
        }
    }
}
