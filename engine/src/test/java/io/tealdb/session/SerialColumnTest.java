package io.tealdb.session;

import io.tealdb.Connection;
import io.tealdb.Teal;
import io.tealdb.error.BinderException;
import io.tealdb.error.ConstraintException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * PostgreSQL's SERIAL / BIGSERIAL / SMALLSERIAL columns (what SQLAlchemy and Django emit for an
 * integer primary key): an integer NOT NULL column defaulting to nextval of its own sequence.
 */
class SerialColumnTest {
    @Test
    void serialColumnsNumberRowsFromOneAndRestartWhenTheTableIsMadeAgain() {
        try (Connection con = Teal.connect(Map.of("threads", "2"))) {
            con.execute("CREATE TABLE s (id SERIAL PRIMARY KEY, big BIGSERIAL, small smallserial, v VARCHAR)");
            assertEquals(List.of("INTEGER", "BIGINT", "SMALLINT", "VARCHAR"),
                    con.execute("SELECT data_type FROM information_schema.columns WHERE table_name = 's' ORDER BY ordinal_position")
                            .fetchAll().stream().map(r -> String.valueOf(r[0])).toList());
            List<Object[]> ids = con.execute("INSERT INTO s (v) SELECT 'v' || i FROM range(5000) t(i) RETURNING id").fetchAll();
            assertEquals(5000, ids.size());
            assertEquals(List.of(5000L, 1L, 5000L, 12502500L), List.of(con.execute("SELECT count(DISTINCT id), min(id), max(big), sum(small::BIGINT) FROM s")
                    .fetchOne()).stream().map(o -> ((Number) o).longValue()).toList());
            assertEquals(5001, ((Number) con.execute("INSERT INTO s (v) VALUES ('x') RETURNING id").fetchOne()[0]).intValue());
            assertEquals(5002L, ((Number) con.execute("SELECT nextval('s_id_seq')").fetchOne()[0]).longValue());
            assertThrows(ConstraintException.class, () -> con.execute("INSERT INTO s (id, v) VALUES (NULL, 'n')"));
            con.execute("DROP TABLE s");
            con.execute("CREATE TABLE s (id SERIAL, v VARCHAR)");
            assertEquals(1, ((Number) con.execute("INSERT INTO s (v) VALUES ('again') RETURNING id").fetchOne()[0]).intValue());
            // IF NOT EXISTS on an existing table keeps its sequence going
            con.execute("CREATE TABLE IF NOT EXISTS s (id SERIAL, v VARCHAR)");
            assertEquals(2, ((Number) con.execute("INSERT INTO s (v) VALUES ('more') RETURNING id").fetchOne()[0]).intValue());
            assertThrows(BinderException.class, () -> con.execute("CREATE TABLE bad (id SERIAL DEFAULT 5)"));
        }
    }
}
