"""psql (Debian postgresql-client) against a real teal serve: queries, \\copy, \\dt, errors."""
import re
import shutil
import subprocess

import pytest

PSQL = shutil.which("psql")


def psql(env, *args, stdin=None):
    return subprocess.run([PSQL, "-X", "-v", "ON_ERROR_STOP=1", *args], env=env, input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_psql_is_installed():
    assert PSQL, "psql not found: .ci/run installs postgresql-client"


def test_queries_and_copy(pg_env, tmp_path):
    r = psql(pg_env, "-c", "CREATE TABLE ps (id INTEGER, name VARCHAR)",
             "-c", "INSERT INTO ps SELECT i, 'n' || i FROM range(1000) t(i)",
             "-At", "-c", "SELECT count(*), max(name) FROM ps")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["CREATE TABLE", "INSERT 0 1000", "1000|n999"]
    src = tmp_path / "in.csv"
    src.write_text("".join(f"{i},x{i}\n" for i in range(5000, 5100)))
    out = tmp_path / "out.csv"
    r = psql(pg_env, "-c", f"\\copy ps FROM '{src}' WITH (FORMAT csv)",
             "-c", f"\\copy (SELECT * FROM ps WHERE id >= 5000 ORDER BY id) TO '{out}' WITH (FORMAT csv)")
    assert r.returncode == 0, r.stderr
    assert "COPY 100" in r.stdout
    assert out.read_text() == src.read_text()


def test_list_tables(pg_env):
    psql(pg_env, "-c", "CREATE TABLE listed_table (a INTEGER)")
    r = psql(pg_env, "-c", "\\dt")
    assert r.returncode == 0, r.stderr
    assert "listed_table" in r.stdout and "table" in r.stdout


def test_error_exit_code_and_caret(pg_env):
    r = psql(pg_env, "-c", "SELECT * FROM no_such_relation")
    assert r.returncode != 0
    assert "no_such_relation" in r.stderr and "^" in r.stderr


def test_multi_statement_string(pg_env):
    r = psql(pg_env, "-At", stdin="SELECT 1; SELECT 'two';\nSELECT 3\n")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["1", "two", "3"]


def test_describe_table_shows_columns_defaults_and_constraints(pg_env):
    r = psql(pg_env, "-c", "CREATE TABLE d_parent (id INTEGER PRIMARY KEY, code VARCHAR UNIQUE)",
             "-c", "CREATE TABLE d_child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES d_parent(id), "
                   "note VARCHAR DEFAULT 'x', amount DECIMAL(10,2) NOT NULL)")
    assert r.returncode == 0, r.stderr
    r = psql(pg_env, "-c", "\\d d_child")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert 'Table "main.d_child"' in out
    assert "amount | numeric(10,2)" in out and "not null" in out
    assert "'x'" in out
    assert '"d_child_id_pkey" PRIMARY KEY' in out
    assert "FOREIGN KEY (pid) REFERENCES d_parent(id)" in out
    r = psql(pg_env, "-c", "\\d d_parent")
    assert r.returncode == 0, r.stderr
    assert "UNIQUE" in r.stdout and "Referenced by:" in r.stdout


def test_list_tables_shows_the_sessions_own_temporary_tables(pg_env):
    # one psql session: its temporary table is listed in its pg_temp_N schema next to the persistent one
    r = psql(pg_env, "-c", "CREATE TABLE dt_kept (a INTEGER)", "-c", "CREATE TEMP TABLE dt_scratch (b INTEGER, c VARCHAR)",
             "-c", "INSERT INTO dt_scratch SELECT i, 'x' || i FROM range(3000) t(i)", "-c", "\\dt", "-c", "\\d dt_scratch")
    assert r.returncode == 0, r.stderr
    rows = [[f.strip() for f in line.split("|")] for line in r.stdout.splitlines() if line.count("|") == 3]
    schemas = {row[1]: row[0] for row in rows if row[1] in ("dt_kept", "dt_scratch")}
    assert schemas["dt_kept"] == "main"
    assert re.fullmatch(r"pg_temp_\d+", schemas["dt_scratch"]), r.stdout
    assert f'Table "{schemas["dt_scratch"]}.dt_scratch"' in r.stdout
    assert "b      | integer" in r.stdout and "c      | text" in r.stdout, r.stdout
    # another session does not see it
    r = psql(pg_env, "-c", "\\dt")
    assert r.returncode == 0, r.stderr
    assert "dt_kept" in r.stdout and "dt_scratch" not in r.stdout
    r = psql(pg_env, "-c", "\\d dt_scratch")
    assert r.returncode != 0 and "dt_scratch" in r.stderr
    psql(pg_env, "-c", "DROP TABLE dt_kept")
