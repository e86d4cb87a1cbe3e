package io.tealdb.session;

import io.tealdb.testing.DuckDbTwins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * INSERT INTO t BY NAME query: the query's columns go to the table columns of the same name (any
 * case, any order), the others take their DEFAULT. Against DuckDB JDBC, with 5,000-row sources (several
 * 2,048-row chunks); errors carry DuckDB's first line.
 */
class InsertByNameDuckDbTest {
    private DuckDbTwins twins;

    @BeforeEach
    void setUp() throws SQLException {
        twins = DuckDbTwins.open(2,
                "CREATE TABLE t(a INTEGER, b VARCHAR DEFAULT 'dflt', c DOUBLE, d INTEGER GENERATED ALWAYS AS (a * 2))",
                "CREATE TABLE src AS SELECT i AS A, i / 4 AS c, 'v' || i AS b FROM range(5000) r(i)");
    }

    @AfterEach
    void tearDown() throws SQLException {
        twins.close();
    }

    private void both(String sql) throws SQLException {
        for (Connection c : new Connection[]{twins.teal(), twins.duck()}) {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    private void sameError(String sql) {
        String expected = assertThrows(SQLException.class, () -> run(twins.duck(), sql), sql).getMessage().split("\n")[0];
        String actual = assertThrows(SQLException.class, () -> run(twins.teal(), sql), sql).getMessage().split("\n")[0];
        assertEquals(expected, actual, sql);
    }

    private static void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void columnsGoByName() throws SQLException {
        both("INSERT INTO t BY NAME SELECT c, A FROM src");
        both("INSERT INTO t BY NAME SELECT b AS B, c FROM src WHERE A % 3 = 0");
        both("INSERT INTO t BY NAME (SELECT 3.5 AS c, 'x' AS b, 7 AS a)");
        both("INSERT INTO t BY NAME SELECT 5 AS a UNION ALL SELECT 6");
        both("INSERT INTO t BY POSITION SELECT 1, 'p', 2.5");
        both("WITH w AS (SELECT 99 AS a) INSERT INTO t BY NAME SELECT * FROM w");
        twins.assertSameRows("SELECT * FROM t ORDER BY ALL");
        twins.assertSameRows("INSERT INTO t BY NAME SELECT 11 AS a, 'r' AS b RETURNING *");
    }

    @Test
    void errors() {
        sameError("INSERT INTO t BY NAME SELECT 1 AS x");
        sameError("INSERT INTO t BY NAME SELECT 1 AS a, 2 AS A");
        sameError("INSERT INTO t BY NAME VALUES (1)");
        sameError("INSERT INTO t BY NAME DEFAULT VALUES");
        assertThrows(SQLException.class, () -> run(twins.teal(), "INSERT INTO t BY NAME SELECT 1 AS d"));
        assertThrows(SQLException.class, () -> run(twins.duck(), "INSERT INTO t BY NAME SELECT 1 AS d"));
    }
}
