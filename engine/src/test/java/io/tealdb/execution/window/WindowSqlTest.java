package io.tealdb.execution.window;

import io.tealdb.Connection;
import io.tealdb.Result;
import io.tealdb.Teal;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Window functions end to end through SQL (parser, binder, planner, PhysicalWindow). */
class WindowSqlTest {
    @Test
    void windowQueryThroughSql() {
        try (Connection c = Teal.connect()) {
            c.execute("CREATE TABLE t(g INTEGER, o INTEGER, x INTEGER)");
            c.execute("INSERT INTO t VALUES (1, 1, 10), (1, 2, NULL), (1, 2, 30), (2, 1, 5), (2, 3, 7)");
            List<String> rows = new ArrayList<>();
            try (Result r = c.execute("SELECT g, o, x, rank() OVER (PARTITION BY g ORDER BY o), "
                    + "sum(x) OVER (PARTITION BY g ORDER BY o), lag(x, 1, -1) OVER (PARTITION BY g ORDER BY o, x) "
                    + "FROM t ORDER BY g, o, x")) {
                for (Object[] row : r.fetchAll()) rows.add(Arrays.toString(row));
            }
            assertEquals(List.of(
                    "[1, 1, 10, 1, 10, -1]",
                    "[1, 2, 30, 2, 40, 10]",
                    "[1, 2, null, 2, 40, 30]",
                    "[2, 1, 5, 1, 5, -1]",
                    "[2, 3, 7, 2, 12, 5]"), rows);
        }
    }
}
