"""Temporary objects belong to the connection that made them, as in DuckDB's Python package: a
cursor() is a connection of its own, and so is a second connect() to the same file; temporary
tables, views, sequences and macros end with their connection and never reach the file. The same
script runs on duckdb (the oracle) and tealdb and the transcripts are compared."""

import pytest

import tealdb

duckdb = pytest.importorskip("duckdb")

STEPS = [
    ("con", "CREATE TABLE t AS SELECT range AS i FROM range(5000)"),
    ("con", "CREATE TEMP TABLE t AS SELECT range * 10 AS i FROM range(3000)"),
    ("con", "CREATE TEMP VIEW v AS SELECT max(i) AS m FROM t"),
    ("con", "CREATE TEMP SEQUENCE sq START 5"),
    ("con", "CREATE TEMP MACRO twice(x) AS x * 2"),
    ("con", "SELECT count(*), sum(i) FROM t"),
    ("con", "SELECT m, nextval('sq'), twice(m) FROM v"),
    ("cur", "SELECT count(*), sum(i) FROM t"),
    ("cur", "SELECT * FROM v"),
    ("cur", "SELECT nextval('sq')"),
    ("cur", "SELECT twice(1)"),
    ("other", "SELECT count(*), sum(i) FROM t"),
    ("cur", "CREATE TEMP TABLE c AS SELECT 'cursor' AS s"),
    ("cur", "SELECT * FROM c"),
    ("con", "SELECT * FROM c"),
    ("other", "SELECT * FROM temp.c"),
    ("con", "SELECT database_name, table_name, temporary FROM duckdb_tables() ORDER BY ALL"),
    ("cur", "SELECT database_name, table_name, temporary FROM duckdb_tables() ORDER BY ALL"),
    ("other", "SELECT database_name, table_name, temporary FROM duckdb_tables() ORDER BY ALL"),
    ("con", "BEGIN"),
    ("con", "CREATE TEMP TABLE r (x INTEGER)"),
    ("con", "INSERT INTO r VALUES (1)"),
    ("con", "ROLLBACK"),
    ("con", "SELECT * FROM r"),
    ("close cur", None),
    ("con", "SELECT count(*) FROM duckdb_tables() WHERE temporary"),
    ("reopen", None),
    ("con", "SELECT database_name, table_name, temporary FROM duckdb_tables() ORDER BY ALL"),
    ("con", "SELECT count(*), sum(i) FROM t"),
    ("con", "SELECT * FROM v"),
]


def transcript(mod, path):
    out = []
    cons = {"con": mod.connect(path)}
    cons["cur"] = cons["con"].cursor()
    cons["other"] = mod.connect(path)
    try:
        for who, sql in STEPS:
            if who == "close cur":
                cons.pop("cur").close()
                continue
            if who == "reopen":
                for c in cons.values():
                    c.close()
                cons = {"con": mod.connect(path)}
                continue
            try:
                cons[who].execute(sql)
                rows = cons[who].fetchall() if sql.startswith("SELECT") else None
                out.append((who, sql, rows))
            except mod.Error as e:
                out.append((who, sql, type(e).__name__))
    finally:
        for c in cons.values():
            c.close()
    return out


def test_temporary_objects_are_private_to_their_connection(tmp_path):
    (tmp_path / "duck").mkdir()
    (tmp_path / "teal").mkdir()
    theirs = transcript(duckdb, str(tmp_path / "duck" / "f.db"))
    ours = transcript(tealdb, str(tmp_path / "teal" / "f.db"))
    assert ours == theirs
    assert ("other", "SELECT * FROM temp.c", "CatalogException") in ours
