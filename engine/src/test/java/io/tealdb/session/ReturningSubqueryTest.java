package io.tealdb.session;

import io.tealdb.error.TealException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** DuckDB rejects subqueries in RETURNING of INSERT, UPDATE and DELETE, before changing anything. */
class ReturningSubqueryTest {
    private Database db;
    private ClientContext c;

    @BeforeEach
    void open() {
        db = Database.open(null, Map.of("threads", "1"));
        c = db.connect();
        SessionTestUtil.update(c, "CREATE TABLE t(a INTEGER, b INTEGER)");
        SessionTestUtil.update(c, "INSERT INTO t VALUES (1, 2)");
    }

    @AfterEach
    void close() {
        c.close();
        db.close();
    }

    @Test
    void subqueriesInReturningFail() {
        for (String sql : List.of(
                "INSERT INTO t VALUES (3, 4) RETURNING a IN (SELECT a FROM t)",
                "INSERT INTO t VALUES (3, 4) RETURNING (SELECT 1), b",
                "UPDATE t SET a = 5 RETURNING EXISTS (SELECT 1)",
                "DELETE FROM t WHERE a = 1 RETURNING a = ANY (SELECT a FROM t)")) {
            TealException e = assertThrows(TealException.class, () -> SessionTestUtil.rows(c, sql), sql);
            assertEquals("Binder Error: SUBQUERY is not supported in returning statements", e.describe(), sql);
        }
        assertEquals(List.of(List.of(1, 2)), SessionTestUtil.rows(c, "SELECT * FROM t"));
        assertEquals(List.of(List.of(3)), SessionTestUtil.rows(c, "INSERT INTO t VALUES (3, 4) RETURNING a"));
    }
}
