package io.tealdb.session;

import io.tealdb.error.TealException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Aggregates in LATERAL subqueries: only over lateral columns they are refused (DuckDB's rule). */
class LateralAggregateTest {
    private Database db;
    private ClientContext c;

    @BeforeEach
    void open() {
        db = Database.open(null, Map.of("threads", "1"));
        c = db.connect();
        SessionTestUtil.update(c, "CREATE TABLE integers(i INTEGER)");
        SessionTestUtil.update(c, "INSERT INTO integers VALUES (1), (2)");
    }

    @AfterEach
    void close() {
        c.close();
        db.close();
    }

    @Test
    void aggregateOfOnlyLateralColumnsFails() {
        for (String sql : List.of("SELECT * FROM integers, (SELECT SUM(i)) t(s)",
                "SELECT * FROM integers, LATERAL (SELECT SUM(i)) t(s)")) {
            TealException e = assertThrows(TealException.class, () -> SessionTestUtil.rows(c, sql), sql);
            assertEquals("Binder Error: LATERAL join cannot contain aggregates", e.describe());
        }
    }

    @Test
    void aggregateMixingLocalAndLateralColumnsWorks() {
        assertEquals("[[1, 5], [2, 7]]", String.valueOf(SessionTestUtil.rows(c,
                "SELECT * FROM integers i1, LATERAL (SELECT SUM(i + i1.i) FROM integers) t(s) ORDER BY i")));
        // a scalar subquery in SELECT is not lateral: SUM(i) aggregates its single row
        assertEquals("[[1], [2]]", String.valueOf(SessionTestUtil.rows(c, "SELECT (SELECT SUM(i)) FROM integers ORDER BY 1")));
    }
}
