package io.tealdb.session;

import io.tealdb.testing.DuckDbTwins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

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

    @Test
    void columnsGoByName() throws SQLException {
        twins.execute("INSERT INTO t BY NAME SELECT c, A FROM src");
        twins.execute("INSERT INTO t BY NAME SELECT b AS B, c FROM src WHERE A % 3 = 0");
        twins.execute("INSERT INTO t BY NAME (SELECT 3.5 AS c, 'x' AS b, 7 AS a)");
        twins.execute("INSERT INTO t BY NAME SELECT 5 AS a UNION ALL SELECT 6");
        twins.execute("INSERT INTO t BY POSITION SELECT 1, 'p', 2.5");
        twins.execute("WITH w AS (SELECT 99 AS a) INSERT INTO t BY NAME SELECT * FROM w");
        twins.assertSameRows("SELECT * FROM t ORDER BY ALL");
        twins.assertSameRows("INSERT INTO t BY NAME SELECT 11 AS a, 'r' AS b RETURNING *");
    }

    @Test
    void errors() {
        twins.assertSameError("INSERT INTO t BY NAME SELECT 1 AS x");
        twins.assertSameError("INSERT INTO t BY NAME SELECT 1 AS a, 2 AS A");
        twins.assertSameError("INSERT INTO t BY NAME VALUES (1)");
        twins.assertSameError("INSERT INTO t BY NAME DEFAULT VALUES");
        assertThrows(SQLException.class, () -> DuckDbTwins.run(twins.teal(), "INSERT INTO t BY NAME SELECT 1 AS d"));
        assertThrows(SQLException.class, () -> DuckDbTwins.run(twins.duck(), "INSERT INTO t BY NAME SELECT 1 AS d"));
    }
}
