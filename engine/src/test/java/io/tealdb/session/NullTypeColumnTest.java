package io.tealdb.session;

import io.tealdb.error.TealException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A column of the NULL type accepts only NULLs; other values fail to convert, as in DuckDB. */
class NullTypeColumnTest {
    private Database db;
    private ClientContext c;

    @BeforeEach
    void open() {
        db = Database.open(null, Map.of("threads", "1"));
        c = db.connect();
        SessionTestUtil.update(c, "CREATE TABLE null_table(i \"null\")");
    }

    @AfterEach
    void close() {
        c.close();
        db.close();
    }

    @Test
    void onlyNullsCanBeInserted() {
        SessionTestUtil.update(c, "INSERT INTO null_table VALUES (NULL), (NULL::\"null\")");
        assertEquals(List.of(Arrays.asList((Object) null), Arrays.asList((Object) null)),
                SessionTestUtil.rows(c, "SELECT i FROM null_table"));
        for (String value : List.of("42::TINYINT", "42", "'a'", "1.5::DOUBLE")) {
            TealException e = assertThrows(TealException.class,
                    () -> SessionTestUtil.update(c, "INSERT INTO null_table VALUES (" + value + ")"));
            assertEquals("Conversion Error", e.kind());
            assertEquals(true, e.getMessage().startsWith("Unimplemented type for cast ("), e.getMessage());
        }
    }
}
