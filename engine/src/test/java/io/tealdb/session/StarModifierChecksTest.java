package io.tealdb.session;

import io.tealdb.error.TealException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code * EXCLUDE / REPLACE / RENAME} validation, with DuckDB's messages. */
class StarModifierChecksTest {
    private Database db;
    private ClientContext c;

    @BeforeEach
    void open() {
        db = Database.open(null, Map.of("threads", "1"));
        c = db.connect();
        SessionTestUtil.update(c, "CREATE TABLE integers(i INTEGER, j INTEGER, k INTEGER)");
        SessionTestUtil.update(c, "INSERT INTO integers VALUES (1, 2, 3)");
    }

    @AfterEach
    void close() {
        c.close();
        db.close();
    }

    private String error(String sql) {
        TealException e = assertThrows(TealException.class, () -> SessionTestUtil.rows(c, sql), sql);
        return e.describe();
    }

    @Test
    void excludingEveryColumnLeavesNoSelectList() {
        assertEquals("Binder Error: SELECT list is empty after resolving * expressions!",
                error("SELECT * EXCLUDE (i, j, k) FROM integers"));
        assertEquals("Binder Error: SELECT list is empty after resolving * expressions!",
                error("SELECT integers.* EXCLUDE (i, j, k) FROM integers"));
        // another star item still contributes columns
        assertEquals(List.of(List.of(3)),
                SessionTestUtil.rows(c, "SELECT i1.* EXCLUDE (i, j), i2.* EXCLUDE (i, j, k) FROM integers i1, integers i2"));
    }

    @Test
    void qualifiedExcludeEntriesNameOneTable() {
        assertEquals("Binder Error: Column \"integers2\".\"i\" in EXCLUDE list not found in FROM clause",
                error("SELECT * EXCLUDE (integers2.i) FROM integers"));
        assertEquals("Binder Error: Column \"x\" in EXCLUDE list not found in integers",
                error("SELECT integers.* EXCLUDE (x) FROM integers"));
        assertEquals(List.of(List.of(2, 3, 2, 3)),
                SessionTestUtil.rows(c, "SELECT * EXCLUDE (i1.i, i2.i) FROM integers i1 JOIN integers i2 USING (i)"));
    }

    @Test
    void duplicateAndConflictingEntriesAreParserErrors() {
        assertEquals("Parser Error: Duplicate entry \"i\" in EXCLUDE list", error("SELECT * EXCLUDE (i, i) FROM integers"));
        assertEquals("Parser Error: Duplicate entry \"i\" in EXCLUDE list",
                error("SELECT * EXCLUDE (integers.i, i) FROM integers"));
        assertEquals("Parser Error: Duplicate entry \"i\" in REPLACE list",
                error("SELECT * REPLACE (i+100 AS i, i+200 AS i) FROM integers"));
        assertEquals("Parser Error: Column \"\"i\"\" cannot occur in both EXCLUDE and REPLACE list",
                error("SELECT * EXCLUDE (i) REPLACE (i+100 AS i) FROM integers"));
        assertEquals("Parser Error: Column \"i\" cannot occur in both EXCLUDE and RENAME list",
                error("SELECT * EXCLUDE (i) RENAME (i AS y) FROM integers"));
    }

    @Test
    void replaceOfUnknownColumnFails() {
        assertEquals("Binder Error: Column \"blabla\" in REPLACE list not found in FROM clause",
                error("SELECT * REPLACE (i+100 AS blabla) FROM integers"));
        assertEquals("Binder Error: Column \"blabla\" in REPLACE list not found in integers",
                error("SELECT integers.* REPLACE (i+100 AS blabla) FROM integers"));
    }
}
