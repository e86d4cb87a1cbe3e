package io.tealdb.session;

import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class SessionSmokeTest {
    static List<List<Object>> rows(ClientContext c, String sql) {
        List<List<Object>> out = new ArrayList<>();
        try (QueryResult r = c.execute(sql, List.of())) {
            for (DataChunk ch = r.nextChunk(); ch != null; ch = r.nextChunk()) {
                for (int i = 0; i < ch.size(); i++) {
                    List<Object> row = new ArrayList<>();
                    for (int j = 0; j < ch.columnCount(); j++) row.add(ch.getObject(j, i));
                    out.add(row);
                }
            }
        }
        return out;
    }

    @Test
    void smoke() {
        try (Database db = Database.open(null, Map.of()); ClientContext c = db.connect()) {
            String[] qs = {"SELECT 1 + 1 AS x, 'a' AS y", "VALUES (1, 'a'), (2, 'b')", "SELECT 42 WHERE 1 = 1",
                    "SELECT x, count(*) FROM (VALUES (1), (1), (2)) t(x) GROUP BY x ORDER BY x",
                    "CREATE TABLE t (a INTEGER, b VARCHAR)", "INSERT INTO t VALUES (1, 'x'), (2, 'y'), (3, NULL)",
                    "SELECT * FROM t WHERE a >= 2 ORDER BY a DESC", "SELECT b, sum(a) FROM t GROUP BY b ORDER BY b",
                    "UPDATE t SET a = a * 10 WHERE b = 'x'", "DELETE FROM t WHERE b IS NULL", "SELECT * FROM t ORDER BY a",
                    "SELECT (SELECT max(a) FROM t)", "SELECT a FROM t WHERE a IN (SELECT a FROM t WHERE a > 5)"};
            for (String q : qs) {
                try {
                    System.out.println(q + " -> " + rows(c, q));
                } catch (Exception e) {
                    System.out.println(q + " -> ERROR " + e);
                }
            }
        }
    }
}
