package io.tealdb.session;

import io.tealdb.error.CatalogException;
import io.tealdb.error.TealException;
import io.tealdb.parser.ParserException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tealdb.session.SessionTestUtil.rows;
import static io.tealdb.session.SessionTestUtil.scalar;
import static io.tealdb.session.SessionTestUtil.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CREATE TYPE / DROP TYPE (user type aliases): creation, use as column and cast types, errors, transactions. */
class TypeAliasTest {
    Database db;
    ClientContext c;

    @BeforeEach
    void open() {
        db = Database.open(null, Map.of("threads", "2"));
        c = db.connect();
    }

    @AfterEach
    void close() {
        c.close();
        db.close();
    }

    private void assertError(Class<? extends TealException> kind, String message, String sql) {
        TealException e = assertThrows(kind, () -> update(c, sql), sql);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aliasResolvesInReturningAndMergeClauses() {
        update(c, "CREATE TYPE small AS SMALLINT");
        update(c, "CREATE TABLE t (a INTEGER)");
        assertEquals(List.of(List.of("SMALLINT")), rows(c, "INSERT INTO t VALUES (7) RETURNING typeof(a::small)"));
        update(c, "MERGE INTO t USING (SELECT 7 AS k) s ON t.a = s.k WHEN MATCHED THEN UPDATE SET a = (a + 1)::small");
        assertEquals(8, ((Number) scalar(c, "SELECT a FROM t")).intValue());
    }

    @Test
    void aliasIsUsableWhereverATypeIsWritten() {
        update(c, "CREATE TYPE money AS DECIMAL(10,2)");
        update(c, "CREATE TYPE name_t AS VARCHAR");
        update(c, "CREATE TABLE t (n name_t, m money)");
        update(c, "INSERT INTO t VALUES ('a', 1.234), ('b', NULL)");
        assertEquals(List.of(List.of("a", new java.math.BigDecimal("1.23"))), rows(c, "SELECT * FROM t WHERE m IS NOT NULL"));
        assertEquals("DECIMAL(10,2)", scalar(c, "SELECT typeof(m) FROM t LIMIT 1"));
        assertEquals("VARCHAR", scalar(c, "SELECT typeof(42::name_t)"));
        assertEquals("42", scalar(c, "SELECT CAST(42 AS name_t)"));
        assertEquals(null, scalar(c, "SELECT TRY_CAST('x' AS money)"));
        update(c, "CREATE TYPE i AS BIGINT");
        update(c, "ALTER TABLE t ADD COLUMN k i");
        update(c, "ALTER TABLE t ALTER COLUMN k TYPE money");
        assertThrows(io.tealdb.error.ConversionException.class, () -> rows(c, "SELECT 'zz'::money"));
        assertEquals(List.of(List.of("k", "DECIMAL(10,2)"), List.of("n", "VARCHAR")),
                rows(c, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 't' AND column_name IN ('k', 'n') ORDER BY 1"));
        update(c, "CREATE MACRO as_money(x) AS x::money");
        assertEquals("DECIMAL(10,2)", scalar(c, "SELECT typeof(as_money(3))"));
        // an alias of an alias is the underlying type
        update(c, "CREATE TYPE i2 AS i");
        assertEquals("BIGINT", scalar(c, "SELECT typeof(1::i2)"));
    }

    @Test
    void createAndDropFollowDuckDbRules() {
        update(c, "CREATE TYPE a AS INTEGER");
        assertError(CatalogException.class, "Type with name \"a\" already exists!", "CREATE TYPE a AS VARCHAR");
        update(c, "CREATE TYPE IF NOT EXISTS a AS VARCHAR");
        assertEquals("INTEGER", scalar(c, "SELECT typeof(1::a)"));
        update(c, "CREATE OR REPLACE TYPE a AS VARCHAR");
        assertEquals("VARCHAR", scalar(c, "SELECT typeof(1::a)"));
        assertError(CatalogException.class, "Type with name \"integer\" already exists!", "CREATE TYPE integer AS VARCHAR");
        assertError(CatalogException.class, "Type with name BLOBL does not exist!", "CREATE TYPE b AS BLOBL");
        assertError(CatalogException.class, "Type with name nope does not exist!", "SELECT 1::nope");
        assertError(ParserException.class, "Expected a constant as type modifier", "CREATE TYPE b AS XX(a, 2)");
        update(c, "CREATE TYPE b AS INTEGER[]");
        assertEquals("INTEGER[]", scalar(c, "SELECT typeof(['1']::b)"));
        update(c, "CREATE TYPE s AS STRUCT(x INT)");
        assertEquals("STRUCT(x INTEGER)", scalar(c, "SELECT typeof({'x': 1}::s)"));
        update(c, "CREATE TYPE e AS ENUM('x', 'y')");
        assertEquals("ENUM('x', 'y')", scalar(c, "SELECT typeof('y'::e)"));
        // like DuckDB, a column keeps the aliased type, so a type in use can be dropped
        update(c, "CREATE TABLE t (x a)");
        update(c, "DROP TYPE a");
        assertEquals("VARCHAR", scalar(c, "SELECT typeof(x) FROM (SELECT x FROM t UNION ALL SELECT 'v')"));
        assertError(CatalogException.class, "Type with name a does not exist!", "DROP TYPE a");
        update(c, "DROP TYPE IF EXISTS a");
        assertError(CatalogException.class, "Type with name a does not exist!", "CREATE TABLE u (x a)");
        // types and tables have separate namespaces
        update(c, "CREATE TYPE t AS INTEGER");
        assertEquals("INTEGER", scalar(c, "SELECT typeof('1'::t)"));
    }

    @Test
    void typesLiveInSchemas() {
        update(c, "CREATE SCHEMA s");
        update(c, "CREATE TYPE s.st AS SMALLINT");
        update(c, "CREATE TYPE mt AS DOUBLE");
        assertEquals("SMALLINT", scalar(c, "SELECT typeof(1::s.st)"));
        assertError(CatalogException.class, "Type with name st does not exist!", "SELECT 1::st");
        // a table definition sees the types of its own schema, then main
        update(c, "CREATE TABLE s.t (a st, b mt)");
        update(c, "ALTER TABLE s.t ADD COLUMN c st");
        assertError(CatalogException.class, "Type with name st does not exist!", "CREATE TABLE t (a st)");
        update(c, "INSERT INTO s.t VALUES (1, 2, 3)");
        assertEquals(List.of(List.of("SMALLINT", "DOUBLE", "SMALLINT")), rows(c, "SELECT typeof(a), typeof(b), typeof(c) FROM s.t"));
        assertError(CatalogException.class, "Schema with name nope does not exist!", "CREATE TYPE nope.x AS INT");
        assertError(CatalogException.class, "Type with name x does not exist!", "DROP TYPE nope.x");
        update(c, "DROP TYPE IF EXISTS nope.x");
        update(c, "DROP TYPE s.st");
        assertError(CatalogException.class, "Type with name st does not exist!", "SELECT 1::s.st");
    }

    @Test
    void createAndDropAreTransactional() {
        update(c, "BEGIN");
        update(c, "CREATE TYPE rb AS INTEGER");
        assertEquals("INTEGER", scalar(c, "SELECT typeof(1::rb)"));
        ClientContext other = db.connect();
        try {
            TealException e = assertThrows(CatalogException.class, () -> scalar(other, "SELECT 1::rb"), "uncommitted type is invisible");
            assertTrue(e.getMessage().contains("Type with name rb does not exist!"), e.getMessage());
            update(c, "ROLLBACK");
            assertError(CatalogException.class, "Type with name rb does not exist!", "SELECT 1::rb");
            update(c, "CREATE TYPE kept AS VARCHAR");
            update(c, "BEGIN");
            update(c, "DROP TYPE kept");
            assertError(CatalogException.class, "Type with name kept does not exist!", "SELECT 1::kept");
            assertEquals("VARCHAR", scalar(other, "SELECT typeof(1::kept)"));
            update(c, "ROLLBACK");
            assertEquals("VARCHAR", scalar(c, "SELECT typeof(1::kept)"));
        } finally {
            other.close();
        }
    }

    /** DuckDB shows the aliased type, not the alias, in typeof / DESCRIBE / information_schema. */
    @Test
    void metadataMatchesDuckDb() throws SQLException {
        String[] setup = {"CREATE TYPE myint AS INTEGER", "CREATE TYPE d AS DECIMAL(12,4)", "CREATE TABLE t (a myint, b d, c VARCHAR)"};
        String[] queries = {
                "SELECT column_name, column_type FROM (DESCRIBE t)",
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 't' ORDER BY ordinal_position",
                "SELECT typeof(1::myint), typeof(TRY_CAST('x' AS d)), typeof(CAST(2 AS myint))",
        };
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            for (String sql : setup) {
                s.execute(sql);
                update(c, sql);
            }
            for (String sql : queries) {
                List<List<Object>> expected = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(sql)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int i = 1; i <= n; i++) row.add(rs.getString(i));
                        expected.add(row);
                    }
                }
                assertEquals(expected, rows(c, sql), sql);
            }
        }
    }
}
