package io.tealdb.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EXPORT DATABASE / IMPORT DATABASE in DuckDB's layout (schema.sql, load.sql, a file per table),
 * in CSV and Parquet: a TealDB database with schemas, an ENUM type, a sequence, constraints
 * (primary, unique, check, foreign keys), defaults, nested columns, dependent views and a macro
 * (7,000 rows: several chunks) comes back identical in a fresh TealDB and in DuckDB; and a database
 * DuckDB exports imports into TealDB.
 */
class ExportImportDatabaseTest {
    @TempDir
    Path dir;

    static final String[] SETUP = {
            "CREATE SCHEMA s2",
            "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
            "CREATE SEQUENCE seq START WITH 10 INCREMENT BY 5",
            "CREATE TABLE parent (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, m mood DEFAULT 'ok')",
            "CREATE TABLE child (id INTEGER, parent_id INTEGER REFERENCES parent(id), amount DECIMAL(12,2) CHECK (amount >= 0), "
                    + "tags VARCHAR[], info STRUCT(a INTEGER, b VARCHAR), UNIQUE (id))",
            "CREATE TABLE s2.other (k VARCHAR, v DOUBLE)",
            "INSERT INTO s2.other SELECT 'k' || i, i / 8 FROM range(3000) t(i)",
            "INSERT INTO parent SELECT i, 'name ' || i || CASE WHEN i % 7 = 0 THEN ', with \"quotes\"' ELSE '' END, "
                    + "CASE WHEN i % 5 = 0 THEN NULL ELSE (['sad', 'ok', 'happy'])[i % 3 + 1] END FROM range(7000) t(i)",
            "INSERT INTO child SELECT i, i % 7000, (i % 1000) / 4.0, CASE WHEN i % 3 = 0 THEN NULL ELSE ['t' || (i % 10), 'u'] END, "
                    + "{'a': i, 'b': 'x' || i} FROM range(9000) t(i)",
            "CREATE VIEW zz_base AS SELECT id, name FROM parent WHERE id % 2 = 0",
            "CREATE VIEW aa_top AS SELECT count(*) AS n FROM zz_base",
            "CREATE MACRO twice(x) AS x * 2",
            "SELECT nextval('seq')",
    };

    static final List<String> CHECKS = List.of(
            "SELECT * FROM parent ORDER BY id",
            "SELECT id, parent_id, amount, tags, info FROM child ORDER BY id",
            "SELECT * FROM s2.other ORDER BY k",
            "SELECT * FROM aa_top",
            "SELECT twice(21), nextval('seq')",
            "SELECT typeof(m), enum_range(m) FROM parent LIMIT 1",
            "SELECT m, count(*) FROM parent GROUP BY m ORDER BY m NULLS FIRST");

    private static Connection teal() throws SQLException {
        return DriverManager.getConnection("jdbc:teal:");
    }

    private static void exec(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }

    @Test
    void exportedDatabaseImportsIntoTealDbAndDuckDb() throws Exception {
        for (String format : List.of("csv", "parquet")) {
            Path out = dir.resolve("export_" + format);
            try (Connection src = teal()) {
                exec(src, SETUP);
                exec(src, "EXPORT DATABASE '" + out + "' (FORMAT " + format + ")");
                assertTrue(Files.exists(out.resolve("schema.sql")) && Files.exists(out.resolve("load.sql")));
                assertTrue(Files.exists(out.resolve("parent." + format)) && Files.exists(out.resolve("s2_other." + format)));
                try (Connection back = teal(); Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
                    exec(back, "IMPORT DATABASE '" + out + "'");
                    exec(duck, "IMPORT DATABASE '" + out + "'");
                    for (String q : CHECKS) {
                        List<List<String>> expected = rows(src, q);
                        assertEquals(expected, rows(back, q), format + ": " + q);
                        assertEquals(expected, rows(duck, q), format + " (DuckDB): " + q);
                        // nextval moved the sequence on each side alike
                    }
                    // constraints came back: the foreign key and the check still hold
                    assertThrows(SQLException.class, () -> exec(back, "INSERT INTO child VALUES (-1, 99999, 1, NULL, NULL)"));
                    assertThrows(SQLException.class, () -> exec(back, "INSERT INTO child VALUES (-2, 1, -5, NULL, NULL)"));
                    assertThrows(SQLException.class, () -> exec(back, "INSERT INTO parent VALUES (1, 'dup', NULL)"));
                }
            }
        }
    }

    @Test
    void databaseDuckDbExportsImportsIntoTealDb() throws Exception {
        Path out = dir.resolve("from_duck");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Connection back = teal()) {
            exec(duck, SETUP);
            exec(duck, "EXPORT DATABASE '" + out + "'");
            exec(back, "IMPORT DATABASE '" + out + "'");
            for (String q : CHECKS) assertEquals(rows(duck, q), rows(back, q), q);
        }
    }

    @Test
    void importOfAMissingDirectoryNamesIt() throws Exception {
        try (Connection c = teal()) {
            SQLException e = assertThrows(SQLException.class, () -> exec(c, "IMPORT DATABASE '" + dir.resolve("nope") + "'"));
            assertTrue(e.getMessage().contains("schema.sql"), e.getMessage());
        }
    }
}
