package io.tealdb.session;

import io.tealdb.error.TealException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** CREATE TABLE .. AS: column-name count check and WITH [NO] DATA, as DuckDB. */
class CreateTableAsChecksTest {
    private Database db;
    private ClientContext c;

    @BeforeEach
    void open() {
        db = Database.open(null, Map.of("threads", "1"));
        c = db.connect();
    }

    @AfterEach
    void close() {
        c.close();
        db.close();
    }

    @Test
    void moreColumnNamesThanResultColumnsFails() {
        TealException e = assertThrows(TealException.class,
                () -> SessionTestUtil.update(c, "CREATE TABLE t(col1, col2) AS SELECT 5"));
        assertEquals("Binder Error: Target table has more column names than query result.", e.describe());
        SessionTestUtil.update(c, "CREATE TABLE u(col1) AS SELECT 4, 'x'");
        assertEquals(List.of(List.of(4, "x")), SessionTestUtil.rows(c, "SELECT * FROM u"));
    }

    @Test
    void withNoDataCopiesOnlyTheShape() {
        SessionTestUtil.update(c, "CREATE TABLE empty AS SELECT 42 AS answer, 'a' AS s WITH NO DATA");
        assertEquals(List.of(List.of(0L)), SessionTestUtil.rows(c, "SELECT count(*) FROM empty"));
        assertEquals(List.of(List.of("answer", "INTEGER"), List.of("s", "VARCHAR")),
                SessionTestUtil.rows(c, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'empty' ORDER BY ordinal_position"));
        SessionTestUtil.update(c, "CREATE TABLE full AS SELECT 42 WITH DATA");
        assertEquals(List.of(List.of(1L)), SessionTestUtil.rows(c, "SELECT count(*) FROM full"));
    }
}
