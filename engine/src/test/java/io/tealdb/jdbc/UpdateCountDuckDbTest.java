package io.tealdb.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The update count JDBC reports per kind of statement is DuckDB's driver's: the rows changed for
 * DML (and CREATE TABLE AS, COPY, TRUNCATE), -1 for statements that change no rows (DDL, SET,
 * transaction control, ATTACH ...), also inside a batch and through a prepared statement.
 */
class UpdateCountDuckDbTest {
    @TempDir
    Path dir;

    @Test
    void updateCountsAreDuckDbs() throws SQLException {
        List<String> statements = List.of(
                "CREATE TABLE t (i INTEGER)",
                "CREATE TABLE t2 AS SELECT range AS i FROM range(5000)",
                "INSERT INTO t SELECT * FROM t2",
                "UPDATE t SET i = i + 1 WHERE i < 2100",
                "DELETE FROM t WHERE i % 3 = 0",
                "BEGIN",
                "COMMIT",
                "SET threads = 2",
                "RESET threads",
                "ATTACH ':memory:' AS x",
                "USE x",
                "USE memory",
                "DETACH x",
                "CREATE SEQUENCE s",
                "CREATE MACRO mm(x) AS x + 1",
                "CREATE VIEW v AS SELECT i FROM t",
                "CREATE SCHEMA sch",
                "CREATE TYPE mood AS ENUM ('a', 'b')",
                "ALTER TABLE t ADD COLUMN j INTEGER",
                "CREATE INDEX ix ON t (i)",
                "COPY t TO '" + dir.resolve("t.csv") + "'",
                "COPY t FROM '" + dir.resolve("t.csv") + "'",
                "CREATE OR REPLACE TABLE t3 (i INTEGER)",
                "CREATE TEMP TABLE tt (i INTEGER)",
                "TRUNCATE t",
                "DROP VIEW v",
                "DROP TABLE t2",
                "PREPARE p AS SELECT 1",
                "DEALLOCATE p",
                "VACUUM",
                "ANALYZE");
        assertEquals(run("jdbc:duckdb:", statements), run("jdbc:teal:", statements));
    }

    private static List<String> run(String url, List<String> statements) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url)) {
            for (String sql : statements) {
                try (Statement s = c.createStatement()) {
                    boolean rs = s.execute(sql);
                    out.add(sql + " -> " + (rs ? "result set" : s.getUpdateCount()));
                }
            }
            try (Statement s = c.createStatement()) {
                s.addBatch("CREATE TABLE b (i INTEGER)");
                s.addBatch("INSERT INTO b SELECT range FROM range(3000)");
                s.addBatch("SET threads = 1");
                out.add("batch -> " + Arrays.toString(s.executeBatch()));
            }
            try (PreparedStatement p = c.prepareStatement("CREATE TABLE IF NOT EXISTS b2 (i INTEGER)")) {
                out.add("prepared DDL -> " + p.executeUpdate());
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO b SELECT range FROM range(?)")) {
                p.setInt(1, 4100);
                out.add("prepared INSERT -> " + p.executeUpdate());
            }
        }
        return out;
    }
}
