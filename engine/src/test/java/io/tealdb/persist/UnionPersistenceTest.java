package io.tealdb.persist;

import io.tealdb.Connection;
import io.tealdb.Teal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A UNION column (top level and inside a LIST and a STRUCT) survives a checkpoint, a reopen and the
 * replay of the log: tags, members, NULL unions and unions holding NULL, over 10,000 rows.
 */
class UnionPersistenceTest {
    @TempDir
    Path dir;

    private static final String U = "UNION(num INTEGER, str VARCHAR, l INTEGER[])";
    private static final String ALL = "SELECT i, u::VARCHAR, union_tag(u), u.num, u.str, u.l, lu::VARCHAR, s::VARCHAR, typeof(u), typeof(lu), typeof(s) "
            + "FROM t ORDER BY i";
    private static final String AGG = "SELECT union_tag(u), count(*), count(u), count(DISTINCT u), min(u)::VARCHAR, max(u)::VARCHAR FROM t GROUP BY ALL ORDER BY ALL";

    private static String render(Connection c, String sql) {
        StringBuilder sb = new StringBuilder();
        for (Object[] r : c.sql(sql).fetchAll()) sb.append(java.util.Arrays.deepToString(r)).append('\n');
        return sb.toString();
    }

    private static void load(Connection c, int from, int to) {
        c.execute("INSERT INTO t SELECT r, CASE WHEN r % 97 = 0 THEN NULL WHEN r % 89 = 0 THEN union_value(str := NULL::VARCHAR)::" + U
                + " WHEN r % 3 = 0 THEN union_value(num := r)::" + U + " WHEN r % 3 = 1 THEN union_value(str := 's' || r)::" + U
                + " ELSE union_value(l := [r, NULL])::" + U + " END, "
                + "[union_value(num := r)::" + U + ", NULL, 'x' || r], {'a': union_value(str := 'y' || r)::" + U + ", 'b': r} "
                + "FROM range(" + from + ", " + to + ") t(r)");
    }

    @Test
    void unionColumnsSurviveCheckpointReopenAndLogReplay() {
        Path f = dir.resolve("union.db");
        String expected;
        String expectedAgg;
        try (Connection c = Teal.connect(f.toString())) {
            c.execute("CREATE TABLE t (i INTEGER, u " + U + ", lu " + U + "[], s STRUCT(a " + U + ", b INTEGER))");
            load(c, 0, 6000);
            c.execute("CHECKPOINT");
            // after the checkpoint: only in the log
            load(c, 6000, 10000);
            c.execute("UPDATE t SET u = 'updated' WHERE i % 1000 = 1");
            c.execute("DELETE FROM t WHERE i % 1000 = 2");
            expected = render(c, ALL);
            expectedAgg = render(c, AGG);
        }
        try (Connection c = Teal.connect(f.toString())) {
            assertEquals(expected, render(c, ALL));
            assertEquals(expectedAgg, render(c, AGG));
            assertEquals("updated", c.sql("SELECT u FROM t WHERE i = 1001").fetchAll().get(0)[0]);
            c.execute("CHECKPOINT");
        }
        try (Connection c = Teal.connect(f.toString())) {
            assertEquals(expected, render(c, ALL));
        }
    }
}
