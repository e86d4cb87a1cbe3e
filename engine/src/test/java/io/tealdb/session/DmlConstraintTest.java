package io.tealdb.session;

import io.tealdb.error.TealException;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RETURNING, upsert (ON CONFLICT / OR REPLACE / OR IGNORE), ALTER TABLE ADD PRIMARY KEY, CREATE
 * UNIQUE INDEX and multi-column UPDATE assignment, checked against DuckDB JDBC as the oracle.
 */
class DmlConstraintTest {
    Connection duck;
    Database db;
    ClientContext teal;

    @BeforeEach
    void open() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        db = Database.open(null, Map.of("threads", "2"));
        teal = db.connect();
    }

    @AfterEach
    void close() throws SQLException {
        teal.close();
        db.close();
        duck.close();
    }

    /** Runs {@code sql} on both engines; returns both results as normalized rows (empty for statements without rows). */
    private void both(String sql) throws SQLException {
        List<String> expected = new ArrayList<>();
        try (Statement s = duck.createStatement()) {
            if (s.execute(sql)) {
                try (ResultSet rs = s.getResultSet()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= n; i++) row.append(SessionTestUtil.normalize(rs.getObject(i))).append('|');
                        expected.add(row.toString());
                    }
                }
            }
        }
        List<String> actual = new ArrayList<>();
        for (List<Object> r : SessionTestUtil.rows(teal, sql)) {
            StringBuilder row = new StringBuilder();
            for (Object o : r) row.append(SessionTestUtil.normalize(o)).append('|');
            actual.add(row.toString());
        }
        if (!sql.stripLeading().toUpperCase().startsWith("SELECT") || sql.toUpperCase().contains("ORDER BY")) {
            assertEquals(expected, actual, sql);
        } else {
            expected.sort(null);
            actual.sort(null);
            assertEquals(expected, actual, sql);
        }
    }

    private void bothFail(String sql, String messagePart) {
        assertThrows(SQLException.class, () -> {
            try (Statement s = duck.createStatement()) {
                s.execute(sql);
            }
        }, "DuckDB should reject " + sql);
        TealException e = assertThrows(TealException.class, () -> SessionTestUtil.rows(teal, sql));
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    private void table(String sql) throws SQLException {
        both(sql);
    }

    @Test
    void virtualGeneratedColumns() throws SQLException {
        table("CREATE TABLE g (a INTEGER, b AS (a * 2), c INTEGER GENERATED ALWAYS AS (b + a) VIRTUAL, d INTEGER DEFAULT 7)");
        both("INSERT INTO g VALUES (1, DEFAULT), (2, 3)");
        both("INSERT INTO g (a) VALUES (10)");
        both("SELECT * FROM g ORDER BY a");
        both("SELECT c, b FROM g WHERE b > 2 ORDER BY c");
        both("UPDATE g SET a = a + 100 WHERE c = 3");
        both("SELECT a, b, c, d FROM g ORDER BY a");
        both("DELETE FROM g WHERE b > 200");
        both("SELECT count(*), sum(c) FROM g");
        bothFail("UPDATE g SET b = 5", "generated column");
        bothFail("INSERT INTO g (a, b) VALUES (1, 2)", "generated column");
        bothFail("CREATE TABLE s (a INTEGER, b AS (a) STORED)", "STORED");
        bothFail("CREATE TABLE n (a INTEGER, b AS (a) NOT NULL)", "not supported yet");
    }

    @Test
    void insertUpdateDeleteReturning() throws SQLException {
        table("CREATE TABLE t (a INTEGER, b VARCHAR)");
        both("INSERT INTO t VALUES (1, 'x'), (2, 'y') RETURNING a * 10 AS ten, b");
        both("INSERT INTO t VALUES (3, 'z') RETURNING *");
        both("UPDATE t SET b = b || '!' WHERE a >= 2 RETURNING a, b");
        both("DELETE FROM t WHERE a = 1 RETURNING b, a");
        both("SELECT * FROM t ORDER BY a");
    }

    @Test
    void onConflictDoNothingAndDoUpdate() throws SQLException {
        table("CREATE TABLE tbl (i INTEGER PRIMARY KEY, j INTEGER UNIQUE, k INTEGER)");
        both("INSERT INTO tbl VALUES (1, 10, 1), (2, 20, 1), (3, 30, 2)");
        both("INSERT INTO tbl VALUES (3, 5, 1) ON CONFLICT (i) DO UPDATE SET k = k + excluded.k");
        both("INSERT INTO tbl VALUES (1, 11, 7), (4, 40, 4) ON CONFLICT DO NOTHING");
        both("INSERT INTO tbl VALUES (2, 99, 9) ON CONFLICT (i) DO UPDATE SET k = excluded.k WHERE excluded.j > 100");
        both("SELECT * FROM tbl ORDER BY i");
        bothFail("INSERT INTO tbl VALUES (5, 50, 5) ON CONFLICT DO UPDATE SET k = 1",
                "Conflict target has to be provided for a DO UPDATE operation");
        bothFail("INSERT INTO tbl VALUES (5, 50, 5) ON CONFLICT (k) DO NOTHING", "conflict target");
    }

    @Test
    void insertOrReplaceAndIgnore() throws SQLException {
        table("CREATE TABLE kv (k INTEGER PRIMARY KEY, v VARCHAR)");
        both("INSERT INTO kv VALUES (1, 'a'), (2, 'b')");
        both("INSERT OR REPLACE INTO kv VALUES (1, 'A'), (3, 'C')");
        both("INSERT OR IGNORE INTO kv VALUES (2, 'B'), (4, 'D')");
        both("SELECT * FROM kv ORDER BY k");
    }

    @Test
    void addPrimaryKeyAndUniqueIndex() throws SQLException {
        table("CREATE TABLE t (i INTEGER, j INTEGER)");
        both("INSERT INTO t VALUES (1, 1), (2, 1)");
        both("ALTER TABLE t ADD PRIMARY KEY (i)");
        bothFail("INSERT INTO t VALUES (1, 5)", "Duplicate key \"i: 1\" violates primary key constraint");
        bothFail("INSERT INTO t VALUES (NULL, 5)", "NOT NULL constraint failed: t.i");
        bothFail("ALTER TABLE t ADD PRIMARY KEY (j)", "can have only one primary key");
        bothFail("CREATE UNIQUE INDEX uj ON t (j)", "duplicates");
        both("DELETE FROM t WHERE i = 2");
        both("CREATE UNIQUE INDEX uj ON t (j)");
        bothFail("INSERT INTO t VALUES (7, 1)", "Duplicate key \"j: 1\" violates unique constraint");
        both("SELECT * FROM t ORDER BY i");
    }

    @Test
    void multiColumnAssignment() throws SQLException {
        table("CREATE TABLE f (key INTEGER, fruit VARCHAR, cost INTEGER)");
        both("INSERT INTO f VALUES (1, 'apple', 2), (2, 'orange', 3)");
        both("UPDATE f SET (key, fruit, cost) = (5, 'pear', 6) WHERE key = 1");
        both("UPDATE f SET (key, cost) = 9 WHERE key = 2");
        both("SELECT * FROM f ORDER BY key");
        bothFail("UPDATE f SET (key, fruit, cost) = (1, 2)", "expected 3 values, got 2");
    }

    @Test
    void foreignKeys() throws SQLException {
        table("CREATE TABLE album (artistid INTEGER, albumname TEXT, PRIMARY KEY (artistid, albumname))");
        both("INSERT INTO album VALUES (1, 'A'), (2, 'B'), (3, 'C')");
        table("CREATE TABLE song (songid INTEGER, artist INTEGER, album TEXT, FOREIGN KEY (artist, album) REFERENCES album (artistid, albumname))");
        bothFail("INSERT INTO song VALUES (10, 1, 'A'), (11, 4, 'D')",
                "Violates foreign key constraint because key \"artistid: 4, albumname: D\" does not exist in the referenced table");
        both("INSERT INTO song VALUES (10, 1, 'A'), (11, 2, 'B'), (12, NULL, 'X')");
        bothFail("DELETE FROM album WHERE artistid = 1", "is still referenced by a foreign key in a different table");
        both("DELETE FROM album WHERE artistid = 3");
        bothFail("UPDATE song SET artist = 3 WHERE songid = 10", "does not exist in the referenced table");
        bothFail("DROP TABLE album", "Could not drop the table");
        bothFail("CREATE TABLE bad (x INTEGER, FOREIGN KEY (x) REFERENCES album (artistid))", "Failed to create foreign key");
        both("SELECT * FROM song ORDER BY songid");
        both("DROP TABLE song");
        both("DROP TABLE album");
    }

    @Test
    void scalarAndTableMacros() throws SQLException {
        table("CREATE TABLE nums (i INTEGER)");
        both("INSERT INTO nums VALUES (1), (2), (3)");
        both("CREATE MACRO plus(a, b := 10) AS a + b");
        both("SELECT plus(1), plus(1, 2), plus(b := 5, a := 1), plus(i) FROM nums ORDER BY i");
        both("CREATE MACRO over(t) AS TABLE SELECT i FROM nums WHERE i > t");
        both("SELECT * FROM over(1) ORDER BY i");
        bothFail("SELECT plus(1, 2, 3)", "does not support the supplied arguments");
        both("DROP MACRO plus");
        both("DROP MACRO TABLE over");
        bothFail("SELECT * FROM over(1)", "does not exist");
    }
}
