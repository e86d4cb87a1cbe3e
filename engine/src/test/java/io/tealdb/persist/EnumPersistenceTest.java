package io.tealdb.persist;

import io.tealdb.Connection;
import io.tealdb.Teal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ENUM types survive a reopen: the catalog's CREATE TYPE (with its labels, usable in new tables),
 * enum columns written by a checkpoint and by the log, and columns whose type was dropped since.
 */
class EnumPersistenceTest {
    @TempDir
    Path dir;

    private static String render(Connection c, String sql) {
        StringBuilder sb = new StringBuilder();
        for (Object[] r : c.sql(sql).fetchAll()) sb.append(java.util.Arrays.deepToString(r)).append('\n');
        return sb.toString();
    }

    @Test
    void enumTypesAndColumnsSurviveReopen() {
        Path f = dir.resolve("enum.db");
        String all = "SELECT i, m, enum_code(m), l, typeof(m), typeof(l), typeof(k) FROM t ORDER BY m NULLS FIRST, i";
        String expected;
        try (Connection c = Teal.connect(f.toString())) {
            c.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'it''s ok')");
            c.execute("CREATE TYPE gone AS ENUM ('x', 'y')");
            c.execute("CREATE TABLE t (i INTEGER, m mood, l mood[], k gone)");
            c.execute("INSERT INTO t SELECT r, CASE WHEN r % 9 = 0 THEN NULL ELSE enum_range(NULL::mood)[r % 4 + 1] END, "
                    + "[enum_first(NULL::mood), enum_last(NULL::mood)], (['x', 'y'])[r % 2 + 1] FROM range(0, 6000) t(r)");
            c.execute("CHECKPOINT");
            c.execute("INSERT INTO t VALUES (100000, 'it''s ok', ['ok'], 'y')");
            c.execute("UPDATE t SET m = 'happy' WHERE i % 1000 = 1");
            c.execute("DROP TYPE gone");
            expected = render(c, all);
        }
        try (Connection c = Teal.connect(f.toString())) {
            assertEquals(expected, render(c, all));
            c.execute("CREATE TABLE u (m mood)");
            c.execute("INSERT INTO u VALUES ('ok')");
            assertEquals("[ok, 1]\n", render(c, "SELECT m, enum_code(m) FROM u"));
            assertEquals("[ENUM('sad', 'ok', 'happy', 'it''s ok')]\n", render(c, "SELECT typeof('sad'::mood)"));
        }
    }
}
