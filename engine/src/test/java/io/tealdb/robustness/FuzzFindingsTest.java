package io.tealdb.robustness;

import io.tealdb.Connection;
import io.tealdb.Teal;
import io.tealdb.error.BinderException;
import io.tealdb.error.TealException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Statements the fuzzer (bench/run FuzzBench) turned into internal errors: each is now a typed error that changes nothing. */
class FuzzFindingsTest {
    @Test
    void aColumnWithoutATypeIsABinderError() {
        try (Connection c = Teal.connect()) {
            c.execute("CREATE TABLE test (i INTEGER)");
            TealException e = assertThrows(BinderException.class, () -> c.execute("ALTER TABLE test ADD COLUMN k NULL"));
            assertTrue(e.getMessage().contains("data type"), e.getMessage());
            assertEquals(1, c.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'test'").fetchOne()[0] instanceof Number n ? n.intValue() : -1);
        }
    }
}
