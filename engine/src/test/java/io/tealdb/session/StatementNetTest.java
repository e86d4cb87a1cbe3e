package io.tealdb.session;

import io.tealdb.error.InternalException;
import io.tealdb.error.OutOfMemoryException;
import io.tealdb.error.OutOfRangeException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The net under every statement (ClientContextImpl.guard): what an unexpected Java exception becomes. */
class StatementNetTest {
    @Test
    void unexpectedExceptionBecomesInternalErrorNamingTheStatement() {
        InternalException e = assertThrows(InternalException.class, () -> ClientContextImpl.guard(() -> {
            throw new IllegalStateException("invariant broken");
        }, "SELECT broken FROM t"));
        assertEquals("IllegalStateException: invariant broken [statement: SELECT broken FROM t]", e.getMessage());
        assertTrue(e.getCause() instanceof IllegalStateException);
    }

    @Test
    void exhaustedHeapBecomesOutOfMemoryError() {
        OutOfMemoryException e = assertThrows(OutOfMemoryException.class, () -> ClientContextImpl.guard(() -> {
            throw new OutOfMemoryError("Java heap space");
        }, "SELECT 1"));
        assertTrue(e.describe().startsWith("Out of Memory Error: the JVM heap is exhausted (Java heap space)"), e.describe());
    }

    @Test
    void typedErrorsPassUnchanged() {
        OutOfRangeException typed = new OutOfRangeException("Overflow");
        assertSame(typed, assertThrows(OutOfRangeException.class, () -> ClientContextImpl.guard(() -> {
            throw typed;
        }, "SELECT 1")));
    }
}
