package io.tealdb;

import io.tealdb.testing.FakeEngine;
import io.tealdb.testing.FakeEngine.Answer;
import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RelationAndResultTest {
    private final FakeEngine engine = new FakeEngine();
    private final Connection con = Database.wrap(engine).connect();

    @Test
    void relationsComposeLazilyAndRunOnlyOnFetch() {
        Relation base = con.sql("SELECT * FROM range(10) t(i)");
        Relation r = base.filter("i % 2 = 0").project("i * 10 AS x").order("x DESC").limit(3);
        assertTrue(engine.executed.isEmpty(), "composing must not run anything");
        String expected = "SELECT * FROM (SELECT * FROM (SELECT i * 10 AS x FROM (SELECT * FROM (SELECT * FROM range(10) t(i)) AS _r"
                + " WHERE i % 2 = 0) AS _r) AS _r ORDER BY x DESC) AS _r LIMIT 3";
        assertEquals(expected, r.sql());
        engine.answer(expected, Answer.rows(List.of("x"), List.of(LogicalType.BIGINT), new Object[]{80L}, new Object[]{60L}, new Object[]{40L}));
        List<Object[]> rows = r.fetchAll();
        assertEquals(List.of(expected), engine.executedSql());
        assertEquals(3, rows.size());
        assertEquals(80L, rows.get(0)[0]);
        r.fetchAll();
        assertEquals(2, engine.executed.size(), "each fetch runs the query anew");
    }

    @Test
    void aggregateJoinUnionDistinctBuildSql() {
        Relation a = con.table("a");
        Relation b = con.table("b");
        assertEquals("SELECT g, sum(x) FROM (SELECT * FROM a) AS _r GROUP BY g", a.aggregate("g, sum(x)", "g").sql());
        assertEquals("SELECT count(*) FROM (SELECT * FROM a) AS _r", a.aggregate("count(*)").sql());
        assertEquals("SELECT * FROM (SELECT * FROM a) AS \"a\" JOIN (SELECT * FROM b) AS \"b\" ON a.id = b.id", a.join(b, "a.id = b.id").sql());
        assertEquals("SELECT * FROM (SELECT * FROM a) AS \"a\" LEFT JOIN (SELECT * FROM b) AS \"b\" USING (id)", a.join(b, "id", "left").sql());
        assertEquals("SELECT * FROM (SELECT * FROM a) AS _l UNION ALL SELECT * FROM (SELECT * FROM b) AS _r", a.union(b).sql());
        assertEquals("SELECT DISTINCT * FROM (SELECT * FROM a) AS _r", a.distinct().sql());
        assertThrows(io.tealdb.error.InvalidInputException.class, () -> a.join(b, "id", "sideways"));
        assertTrue(engine.executed.isEmpty());
    }

    @Test
    void registerCreatesTempViewAndSqlUsesIt() {
        Relation r = con.sql("SELECT 1 AS i");
        con.register("r1", r);
        assertEquals(List.of("CREATE OR REPLACE TEMPORARY VIEW \"r1\" AS SELECT 1 AS i"), engine.executedSql());
        engine.answer("SELECT i * 2 FROM r1", Answer.rows(List.of("(i * 2)"), List.of(LogicalType.INTEGER), new Object[]{2}));
        assertEquals(2, con.sql("SELECT i * 2 FROM r1").fetchOne()[0]);
        Relation withParams = con.sql("SELECT ? AS p", 5);
        assertThrows(io.tealdb.error.InvalidInputException.class, () -> con.register("bad", withParams));
    }

    @Test
    void scriptsRunEagerlyExceptTheLastQuery() {
        Relation r = con.sql("CREATE TABLE t(i INT); INSERT INTO t VALUES (1); SELECT * FROM t");
        assertEquals(List.of("CREATE TABLE t(i INT)", "INSERT INTO t VALUES (1)"), engine.executedSql());
        assertEquals("SELECT * FROM t", r.sql());
        assertNull(con.sql("DROP TABLE t"), "a non-query runs at once and gives no relation, as DuckDB's None");
        assertEquals("DROP TABLE t", engine.executedSql().getLast());
    }

    @Test
    void parametersTravelWithTheRelation() {
        Relation r = con.sql("SELECT * FROM t WHERE i > ?", 41L).filter("i < 100");
        engine.answer(r.sql(), Answer.rows(List.of("i"), List.of(LogicalType.BIGINT), new Object[]{42L}));
        r.fetchAll();
        assertEquals(List.of(io.tealdb.types.Value.ofBigint(41)), engine.executed.getLast().params());
    }

    @Test
    void valuesRendersTypedLiterals() {
        Relation r = con.values(1, "it's", null, LocalDate.of(2020, 1, 2), new BigDecimal("1.50"));
        assertEquals("SELECT * FROM (VALUES (1, 'it''s', NULL, DATE '2020-01-02', CAST(1.50 AS DECIMAL(3,2)))) AS _v", r.sql());
    }

    @Test
    void resultFetchesContinueAndConvertToJavaTypes() {
        Object[][] rows = new Object[5000][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Object[]{(long) i, i % 3 == 0 ? null : "s" + i, 18262 + i, 1_577_923_200_000_000L, new Interval(1, 2, 3)};
        }
        engine.answer("SELECT * FROM big", Answer.rows(List.of("i", "s", "d", "ts", "iv"),
                List.of(LogicalType.BIGINT, LogicalType.VARCHAR, LogicalType.DATE, LogicalType.TIMESTAMP, LogicalType.INTERVAL), rows));
        try (Result r = con.execute("SELECT * FROM big")) {
            Object[] first = r.fetchOne();
            assertEquals(0L, first[0]);
            assertNull(first[1]);
            assertEquals(LocalDate.of(2020, 1, 1), first[2]);
            assertEquals(LocalDateTime.of(2020, 1, 2, 0, 0), first[3]);
            assertEquals(new Interval(1, 2, 3), first[4]);
            assertEquals("s1", r.fetchOne()[1]);
            List<Object[]> many = r.fetchMany(3000);
            assertEquals(3000, many.size());
            assertEquals(2L, many.getFirst()[0]);
            DataChunk rest = r.nextChunk();
            assertEquals(DataChunk.CAPACITY * 2 - 3002, rest.size(), "rest of the partly read chunk comes first");
            assertEquals(3002L, rest.getObject(0, 0));
            assertEquals(5000 - 4096, r.fetchAll().size());
            assertNull(r.fetchOne());
        }
    }

    @Test
    void fetchColumnsGivesPrimitiveArraysAndNullMasks() {
        engine.answer("SELECT * FROM c", Answer.rows(List.of("i", "d", "s", "b", "dec"),
                List.of(LogicalType.INTEGER, LogicalType.DOUBLE, LogicalType.VARCHAR, LogicalType.BOOLEAN, LogicalType.decimal(10, 2)),
                new Object[]{1, 1.5, "a", true, new BigDecimal("1.25")},
                new Object[]{null, null, null, null, null},
                new Object[]{3, 3.5, "c", false, new BigDecimal("-3.00")}));
        engine.chunkSize = 2; // arrays are stitched across chunks
        List<FetchedColumn> cols = con.sql("SELECT * FROM c").fetchColumns();
        assertArrayEquals(new int[]{1, 0, 3}, cols.get(0).ints());
        assertArrayEquals(new boolean[]{false, true, false}, cols.get(0).nulls());
        assertArrayEquals(new double[]{1.5, 0, 3.5}, cols.get(1).doubles());
        assertArrayEquals(new String[]{"a", null, "c"}, cols.get(2).strings());
        assertArrayEquals(new boolean[]{true, false, false}, cols.get(3).booleans());
        assertArrayEquals(new BigDecimal[]{new BigDecimal("1.25"), null, new BigDecimal("-3.00")}, cols.get(4).decimals());
        assertThrows(io.tealdb.error.InvalidInputException.class, () -> cols.get(0).longs());
    }

    @Test
    void showPrintsABox() {
        engine.answer("SELECT * FROM s", Answer.rows(List.of("i", "name"), List.of(LogicalType.INTEGER, LogicalType.VARCHAR),
                new Object[]{1, "one"}, new Object[]{null, "three"}));
        assertEquals("""
                ┌───────┬─────────┐
                │   i   │  name   │
                │ int32 │ varchar │
                ├───────┼─────────┤
                │     1 │ one     │
                │  NULL │ three   │
                └───────┴─────────┘
                """, con.sql("SELECT * FROM s").toBoxString());
    }

    @Test
    void privateDatabaseClosesWithItsLastConnection() {
        FakeEngine e = new FakeEngine();
        Database db = Database.wrapPrivate(e);
        Connection a = db.connect();
        Connection b = a.duplicate();
        a.close();
        assertFalse(e.closed);
        b.close();
        assertTrue(e.closed);
        assertThrows(io.tealdb.error.TealException.class, db::connect);
    }

    @Test
    void tealConnectReportsEngineErrors() {
        // until the engine is wired, Database.open fails with a TealException (not an NPE)
        try (Connection c = Teal.connect()) {
            assertNotNull(c);
        } catch (io.tealdb.error.TealException e) {
            assertFalse(e.getMessage().isEmpty());
        }
    }
}
