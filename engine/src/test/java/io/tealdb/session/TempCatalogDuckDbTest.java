package io.tealdb.session;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * DuckDB's rules for its {@code temp} catalog of temporary objects, checked against DuckDB itself:
 * only a TEMPORARY object may name it (with or without TEMP, {@code temp.x} and {@code temp.main.x}
 * are the same place), a temporary object may also be named {@code main.x} but not after another
 * database, no schema can be created in it and USE cannot make it current.
 */
class TempCatalogDuckDbTest {

    @Test
    void tempCatalogRulesAreDuckDbs() throws SQLException {
        List<String> statements = List.of(
                "CREATE TABLE temp.x (i INTEGER)",
                "CREATE TABLE temp.main.x (i INTEGER)",
                "CREATE TABLE temp.x AS SELECT 1 AS i",
                "CREATE VIEW temp.v AS SELECT 1 AS i",
                "CREATE SEQUENCE temp.sq",
                "CREATE MACRO temp.m(x) AS x + 1",
                "CREATE TYPE temp.ty AS INTEGER",
                "CREATE TEMP TABLE main.z (i INTEGER)",
                "CREATE TEMP TABLE memory.main.z2 (i INTEGER)",
                "CREATE TEMP TABLE nosuch.z3 (i INTEGER)",
                "CREATE TEMP TABLE temp.main.z3 (i INTEGER)",
                "CREATE TEMP TABLE temp.z4 (i INTEGER)",
                "CREATE TEMP VIEW main.tv AS SELECT 42 AS answer",
                "CREATE TEMP SEQUENCE temp.ts",
                "CREATE SCHEMA temp.s2",
                "USE temp",
                "USE temp.main",
                "CREATE TABLE kept (i INTEGER)",
                "INSERT INTO temp.main.z4 SELECT range FROM range(3000)",
                "INSERT INTO z SELECT i * 2 FROM temp.z4",
                "INSERT INTO kept SELECT i FROM z WHERE i % 3 = 0",
                "SELECT count(*), sum(i) FROM temp.z4",
                "SELECT count(*), sum(i) FROM temp.main.z",
                "SELECT count(*), sum(i) FROM kept",
                "SELECT answer FROM tv",
                "SELECT nextval('temp.ts')",
                "SELECT current_database(), current_schema()",
                "SELECT database_name, schema_name, table_name, temporary FROM duckdb_tables() ORDER BY ALL",
                "SELECT database_name, schema_name, view_name FROM duckdb_views() WHERE NOT internal ORDER BY ALL",
                "DROP TABLE temp.z4",
                "SELECT table_name FROM duckdb_tables() ORDER BY ALL");
        assertEquals(SessionTestUtil.transcript("jdbc:duckdb:", statements), SessionTestUtil.transcript("jdbc:teal:", statements));
    }
}
