package io.tealdb.persist;

import io.tealdb.Connection;
import io.tealdb.Teal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** LIST / STRUCT / MAP columns survive a checkpoint and a reopen (through the log and the block file). */
class NestedPersistenceTest {
    @TempDir
    Path dir;

    private static String render(Connection c, String sql) {
        StringBuilder sb = new StringBuilder();
        for (Object[] r : c.sql(sql).fetchAll()) sb.append(java.util.Arrays.deepToString(r)).append('\n');
        return sb.toString();
    }

    @Test
    void nestedColumnsSurviveReopen() {
        Path f = dir.resolve("nested.db");
        String all = "SELECT i, l::VARCHAR, s::VARCHAR, m::VARCHAR, a::VARCHAR, typeof(l), typeof(s), typeof(m), typeof(a) FROM t ORDER BY i";
        String expected;
        try (Connection c = Teal.connect(f.toString())) {
            c.execute("CREATE TABLE t (i INTEGER, l VARCHAR[][], s STRUCT(x INTEGER, \"y z\" DOUBLE[]), m MAP(VARCHAR, INTEGER[]), a INTEGER[2])");
            c.execute("INSERT INTO t SELECT r, CASE WHEN r % 7 = 0 THEN NULL ELSE [['a' || r, NULL], []] END, "
                    + "CASE WHEN r % 11 = 0 THEN NULL ELSE {'x': r, 'y z': [r / 2.0, NULL]} END, MAP {'k' || (r % 3): [r]}, [r, -r]::INTEGER[2] "
                    + "FROM range(0, 5000) t(r)");
            c.execute("CHECKPOINT");
            c.execute("INSERT INTO t VALUES (100000, [[NULL]], {'x': NULL, 'y z': NULL}, MAP {}, NULL)");
            c.execute("UPDATE t SET l = [['upd']] WHERE i % 1000 = 1");
            expected = render(c, all);
        }
        try (Connection c = Teal.connect(f.toString())) {
            assertEquals(expected, render(c, all));
            assertEquals(List.of(List.of("upd")), c.sql("SELECT l FROM t WHERE i = 1").fetchAll().get(0)[0]);
        }
    }
}
