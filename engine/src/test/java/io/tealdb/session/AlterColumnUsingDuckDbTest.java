package io.tealdb.session;

import io.tealdb.testing.DuckDbTwins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * ALTER TABLE … ALTER COLUMN c [SET DATA] TYPE t USING expr over a 6,000-row table (several
 * 2,048-row chunks, NULLs): the new values are expr over each row, any of its columns, cast to t.
 * Against DuckDB JDBC; errors carry DuckDB's first line.
 */
class AlterColumnUsingDuckDbTest {
    private DuckDbTwins twins;

    @BeforeEach
    void setUp() throws SQLException {
        twins = DuckDbTwins.open(2, "CREATE TABLE t AS SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE i * 3 END AS j, "
                + "CASE WHEN i % 5 = 0 THEN [] ELSE ['w' || i, 'x'] END AS l, i % 4 + 1 AS k FROM range(6000) r(i)");
    }

    @AfterEach
    void tearDown() throws SQLException {
        twins.close();
    }

    private void sameTable() throws SQLException {
        twins.assertSameRows("SELECT * FROM t ORDER BY i");
        twins.assertSameRows("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 't' ORDER BY ordinal_position");
    }

    @Test
    void usingReadsTheRow() throws SQLException {
        twins.execute("ALTER TABLE t ALTER j TYPE VARCHAR USING j::VARCHAR || '/' || i");
        twins.execute("ALTER TABLE t ALTER COLUMN k SET DATA TYPE BIGINT USING i * k + 1");
        twins.execute("ALTER TABLE t ALTER l TYPE STRUCT(title VARCHAR)[] USING list_transform(l, lambda x: {'title': x})");
        twins.execute("ALTER TABLE t ALTER i TYPE DOUBLE USING 0.5");
        sameTable();
    }

    @Test
    void rollbackKeepsTheOldValues() throws SQLException {
        twins.execute("BEGIN");
        twins.execute("ALTER TABLE t ALTER j TYPE VARCHAR USING 'x'");
        twins.execute("ROLLBACK");
        sameTable();
    }

    @Test
    void errors() {
        twins.assertSameError("ALTER TABLE t ALTER j TYPE BIGINT USING sum(i)");
        twins.assertSameError("ALTER TABLE t ALTER j TYPE BIGINT USING (SELECT 1)");
        twins.assertSameError("ALTER TABLE t ALTER j TYPE INTEGER USING 'abc'");
        assertThrows(SQLException.class, () -> DuckDbTwins.run(twins.teal(), "ALTER TABLE t ALTER j TYPE BIGINT USING zz"));
    }
}
