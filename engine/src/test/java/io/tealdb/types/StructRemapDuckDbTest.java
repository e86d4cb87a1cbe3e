package io.tealdb.types;

import io.tealdb.testing.DuckDbTwins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * remap_struct and ALTER TABLE on fields of nested columns (RENAME / DROP / ADD s.a.b), against
 * DuckDB JDBC: the same 6,000-row table (several 2,048-row chunks, NULL structs, NULL fields, lists
 * and maps) is altered in both databases and must read back identically, types included; errors
 * must carry DuckDB's message.
 */
class StructRemapDuckDbTest {
    private static final String TABLE = "CREATE TABLE t AS SELECT i, "
            + "CASE WHEN i % 9 = 0 THEN NULL ELSE {'a': i, 'b': CASE WHEN i % 4 = 0 THEN NULL ELSE 'v' || (i % 5) END, "
            + "'c': {'x': i % 7, 'y': [i, i + 1]}} END AS s, "
            + "CASE WHEN i % 11 = 0 THEN NULL ELSE [{'p': i % 3, 'q': 'w' || i}, NULL, {'p': 1, 'q': NULL}] END AS l, "
            + "MAP {{'k1': i % 13, 'k2': i}: {'v1': 'x' || i, 'v2': i % 2 = 0}} AS m "
            + "FROM range(6000) r(i)";

    private DuckDbTwins twins;

    @BeforeEach
    void setUp() throws SQLException {
        twins = DuckDbTwins.open(2, TABLE);
    }

    @AfterEach
    void tearDown() throws SQLException {
        twins.close();
    }

    private void sameTable() throws SQLException {
        twins.assertSameRows("SELECT i, s::VARCHAR, l::VARCHAR, m::VARCHAR FROM t ORDER BY i");
        twins.assertSameRows("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 't' ORDER BY ordinal_position");
    }

    /**
     * TealDB rejects {@code sql} with {@code message}: for the errors whose text the DuckDB JDBC build
     * in the test scope (2.0.0.1) garbles (it doubles the quotes: {@code field ""zz""}); the expected
     * text is DuckDB 2.0.1's.
     */
    private void tealError(String sql, String message) {
        assertEquals(message, DuckDbTwins.firstLine(assertThrows(SQLException.class, () -> DuckDbTwins.run(twins.teal(), sql), sql).getMessage()), sql);
        assertThrows(SQLException.class, () -> DuckDbTwins.run(twins.duck(), sql), sql);
    }

    @Test
    void remapStructOverChunks() throws SQLException {
        twins.assertSameRows("SELECT remap_struct(s, NULL::STRUCT(n VARCHAR, a BIGINT, d DOUBLE, c STRUCT(y INTEGER[], z INTEGER)), "
                + "{'n': 'b', 'a': 'a', 'c': ROW('c', {'y': 'y'})}, {'d': 1.5::DOUBLE, 'c': {'z': 7}})::VARCHAR FROM t ORDER BY i");
        twins.assertSameRows("SELECT remap_struct(l, NULL::STRUCT(q2 VARCHAR, p BIGINT)[], {'list': ROW('list', {'q2': 'q', 'p': 'p'})}, NULL)::VARCHAR "
                + "FROM t ORDER BY i");
        twins.assertSameRows("SELECT remap_struct(m, NULL::MAP(STRUCT(k2 INTEGER), STRUCT(v2 BOOLEAN, v3 VARCHAR)), "
                + "{'key': ROW('key', {'k2': 'k2'}), 'value': ROW('value', {'v2': 'v2'})}, {'value': {'v3': 'd'}})::VARCHAR FROM t ORDER BY i");
        twins.assertSameRows("SELECT typeof(remap_struct({'i': 1}, NULL::ROW(v1 INT, v2 VARCHAR), {'v1': 'i'}, {'v2': NULL::VARCHAR}))");
    }

    @Test
    void remapStructErrors() {
        twins.assertSameError("SELECT remap_struct({'i': 1, 'j': 2}, NULL::ROW(v1 VARCHAR), {'v2': 'i'}, NULL)");
        twins.assertSameError("SELECT remap_struct({'i': 1, 'j': 2}, NULL::ROW(v1 VARCHAR), {'v1': 'k'}, NULL)");
        twins.assertSameError("SELECT remap_struct({'i': 1, 'j': 2}, NULL::ROW(v1 VARCHAR, v2 VARCHAR), {'v1': 'i'}, NULL)");
        twins.assertSameError("SELECT remap_struct({'i': 1, 'j': 2}, NULL::ROW(v1 INT), {'v1': 'i'}, {'v1': 2})");
        twins.assertSameError("SELECT remap_struct({'i': 1, 'j': 2}, NULL::ROW(v1 INT, v2 INT), {'v1': 'j'}, {'v2': 3::BIGINT})");
        twins.assertSameError("SELECT remap_struct({'i': 1, 'j': 2}, NULL::ROW(v1 INT, v2 INT), 5, NULL)");
        twins.assertSameError("SELECT remap_struct(ROW(1, 2), NULL::ROW(v1 VARCHAR), {'v2': 'i'}, NULL)");
        twins.assertSameError("SELECT remap_struct({'i': 1, 'j': {'a': 2}}, NULL::ROW(v1 INT, v2 INT), {'v1': 'j', 'v2': 'i'}, NULL)");
        twins.assertSameError("SELECT remap_struct(MAP {1: {'i': 1}}, NULL::MAP(INT, ROW(v1 INT)), {'value': ROW('value', {'v1': 'i'})}, NULL)");
        twins.assertSameError("SELECT remap_struct({'i': 1, 'j': 2}, NULL::ROW(v1 INT, v2 INT), {'v1': 'j', 'v2': 'i'}, {'v3': 5})");
        twins.assertSameError("SELECT remap_struct(s, NULL::ROW(a INT), {'a': 'a'}, s) FROM t");
    }

    @Test
    void renameFields() throws SQLException {
        twins.execute("ALTER TABLE t RENAME s.A TO a2");
        twins.execute("ALTER TABLE t RENAME COLUMN s.c.x TO x2");
        twins.execute("ALTER TABLE t RENAME l.element.q TO q2");
        twins.execute("ALTER TABLE t RENAME m.key.k1 TO kk");
        twins.execute("ALTER TABLE t RENAME m.value.v2 TO flag");
        sameTable();
        twins.assertSameError("ALTER TABLE t RENAME s.b TO A2");
        tealError("ALTER TABLE t RENAME s.zz TO y", "Catalog Error: Cannot rename field \"zz\" - it does not exist");
        twins.assertSameError("ALTER TABLE t RENAME zz.a TO y");
        twins.assertSameError("ALTER TABLE t RENAME i.a TO y");
        twins.assertSameError("ALTER TABLE t RENAME s.b.z TO y");
        twins.assertSameError("ALTER TABLE t RENAME l.element TO y");
        twins.assertSameError("ALTER TABLE t RENAME m.value TO y");
    }

    @Test
    void dropFields() throws SQLException {
        twins.execute("ALTER TABLE t DROP s.b");
        twins.execute("ALTER TABLE t DROP COLUMN s.c.y");
        twins.execute("ALTER TABLE t DROP COLUMN IF EXISTS s.c.y");
        twins.execute("ALTER TABLE t DROP COLUMN IF EXISTS nope.y");
        twins.execute("ALTER TABLE t DROP l.element.p");
        twins.execute("ALTER TABLE t DROP m.value.v1");
        sameTable();
        tealError("ALTER TABLE t DROP s.c.y", "Catalog Error: Cannot drop field \"y\" - it does not exist");
        twins.assertSameError("ALTER TABLE t DROP s.c.x");
        twins.assertSameError("ALTER TABLE t DROP l.element");
        twins.assertSameError("ALTER TABLE t DROP m.key");
        twins.assertSameError("ALTER TABLE t DROP i.x");
        twins.assertSameError("ALTER TABLE t DROP nope.x");
    }

    @Test
    void addFields() throws SQLException {
        twins.execute("ALTER TABLE t ADD COLUMN s.n VARCHAR");
        twins.execute("ALTER TABLE t ADD s.c.z INTEGER DEFAULT 42");
        twins.execute("ALTER TABLE t ADD COLUMN IF NOT EXISTS s.n INTEGER");
        twins.execute("ALTER TABLE t ADD l.element.r DATE DEFAULT DATE '2024-01-02'");
        twins.execute("ALTER TABLE t ADD m.value.v3 DOUBLE DEFAULT 2.5::DOUBLE");
        sameTable();
        twins.assertSameError("ALTER TABLE t ADD s.n INTEGER");
        twins.assertSameError("ALTER TABLE t ADD i.n INTEGER");
        twins.assertSameError("ALTER TABLE t ADD l.n INTEGER");
        twins.assertSameError("ALTER TABLE t ADD nope.n INTEGER");
    }

    /**
     * RENAME and ADD rewrite the column's DEFAULT through remap_struct. The expected rows are DuckDB
     * 2.0.1's: the JDBC build in the test scope (2.0.0.1) loses the added field's default after an
     * earlier rename (row 3 gets 'c': NULL), a DuckDB bug fixed in 2.0.1.
     */
    @Test
    void defaultsFollowTheNewShape() throws SQLException {
        Connection c = twins.teal();
        DuckDbTwins.run(c, "CREATE TABLE d(id INTEGER, s STRUCT(a INTEGER, b STRUCT(x INTEGER, y VARCHAR)) DEFAULT {'a': 1, 'b': {'x': 2, 'y': 'z'}})");
        DuckDbTwins.run(c, "INSERT INTO d (id) VALUES (1)");
        DuckDbTwins.run(c, "ALTER TABLE d RENAME s.b.x TO x2");
        DuckDbTwins.run(c, "INSERT INTO d (id) VALUES (2)");
        DuckDbTwins.run(c, "ALTER TABLE d ADD s.c INTEGER DEFAULT 9");
        DuckDbTwins.run(c, "INSERT INTO d (id) VALUES (3)");
        DuckDbTwins.run(c, "ALTER TABLE d DROP s.a");
        DuckDbTwins.run(c, "INSERT INTO d (id) VALUES (4)");
        assertEquals(List.of(
                List.of("1", "{'b': {'x2': 2, 'y': z}, 'c': 9}"),
                List.of("2", "{'b': {'x2': 2, 'y': z}, 'c': 9}"),
                List.of("3", "{'b': {'x2': 2, 'y': z}, 'c': 9}"),
                List.of("4", "{'b': {'x2': 2, 'y': z}, 'c': 9}")), DuckDbTwins.rows(c, "SELECT id, s::VARCHAR FROM d ORDER BY id"));
    }

    @Test
    void rollbackRestoresTheShape() throws SQLException {
        twins.execute("BEGIN");
        twins.execute("ALTER TABLE t RENAME s.a TO z");
        twins.execute("ALTER TABLE t DROP l.element.q");
        twins.execute("ROLLBACK");
        sameTable();
    }
}
