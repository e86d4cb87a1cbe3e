package io.tealdb.session;

import io.tealdb.settings.Settings;
import io.tealdb.types.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tealdb.session.SessionTestUtil.update;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A query prepared inside a transaction and executed next in it (what the PostgreSQL endpoint does
 * for every Parse, Bind, Execute) is bound once: the execution runs the plan the metadata binding
 * made. Anything that may change that binding in between (a statement, a setting, another
 * transaction, parameter values, a second execution) makes the execution bind again, with the
 * result that binding gives.
 */
class PreparedBindOnceTest {
    Database db;
    ClientContext c;
    ClientContextImpl impl;

    @BeforeEach
    void open() {
        db = Database.open(null, Map.of("threads", "2"));
        c = db.connect();
        impl = (ClientContextImpl) c;
        // several chunks of rows, so the plan that runs is a real parallel scan and aggregate
        update(c, "CREATE TABLE t AS SELECT i AS a FROM range(10000) r(i)");
        update(c, "CREATE SCHEMA s");
        update(c, "CREATE TABLE s.t AS SELECT i + 100000 AS a FROM range(3) r(i)");
    }

    @AfterEach
    void close() {
        c.close();
        db.close();
    }

    private static List<List<Object>> run(ClientContext.PreparedQuery q, Value... params) {
        return SessionTestUtil.rows(q.execute(List.of(params)));
    }

    @Test
    void firstExecutionInTheTransactionRunsTheMetadataBinding() {
        update(c, "BEGIN");
        long before = impl.binds;
        ClientContext.PreparedQuery q = c.prepare("SELECT count(*), sum(a), min(a), max(a) FROM t WHERE a % 3 = 0");
        assertEquals(before + 1, impl.binds, "prepare binds for the metadata");
        assertEquals(List.of(List.of(3334L, java.math.BigInteger.valueOf(16668333L), 0L, 9999L)), run(q));
        assertEquals(before + 1, impl.binds, "the first execution runs that binding");
        assertEquals(List.of(List.of(3334L, java.math.BigInteger.valueOf(16668333L), 0L, 9999L)), run(q));
        assertEquals(before + 2, impl.binds, "a second execution binds again");
        update(c, "COMMIT");
    }

    @Test
    void aStatementInBetweenMakesTheExecutionBindAgain() {
        update(c, "BEGIN");
        ClientContext.PreparedQuery q = c.prepare("SELECT * FROM t WHERE a = 5");
        update(c, "ALTER TABLE t ADD COLUMN b INTEGER DEFAULT 7");
        long before = impl.binds;
        assertEquals(List.of(List.of(5L, 7)), run(q), "the column added after the prepare is there");
        assertEquals(before + 1, impl.binds);
        update(c, "COMMIT");
    }

    @Test
    void aSettingChangedInBetweenMakesTheExecutionBindAgain() {
        update(c, "BEGIN");
        ClientContext.PreparedQuery q = c.prepare("SELECT min(a) FROM t");
        c.settings().set(Settings.SEARCH_PATH, "s"); // as the PostgreSQL endpoint's SET does, outside any statement
        long before = impl.binds;
        assertEquals(List.of(List.of(100000L)), run(q), "t is s.t now");
        assertEquals(before + 1, impl.binds);
        update(c, "COMMIT");
    }

    @Test
    void outsideATransactionEachExecutionBindsInItsOwnSnapshot() {
        ClientContext.PreparedQuery q = c.prepare("SELECT count(*) FROM t");
        try (ClientContext other = db.connect()) {
            update(other, "INSERT INTO t SELECT i FROM range(500) r(i)");
        }
        long before = impl.binds;
        assertEquals(List.of(List.of(10500L)), run(q));
        assertEquals(before + 1, impl.binds);
    }

    @Test
    void parametersAreBoundWithTheirValues() {
        update(c, "BEGIN");
        ClientContext.PreparedQuery q = c.prepare("SELECT count(*) FROM t WHERE a < ?");
        long before = impl.binds;
        assertEquals(List.of(List.of(42L)), run(q, Value.ofInteger(42)));
        assertEquals(before + 1, impl.binds);
        update(c, "COMMIT");
    }
}
