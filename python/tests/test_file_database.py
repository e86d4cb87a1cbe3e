"""connect("file.db"): data survives close and reopen, also when the interpreter just exits."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import tealdb

SRC = str(Path(tealdb.__file__).resolve().parent.parent)


def test_reopen_file_database(tmp_path):
    path = str(tmp_path / "f.db")
    with tealdb.connect(path) as con:
        con.execute("CREATE TABLE t AS SELECT range AS i, 'v' || range AS s FROM range(5000)")
        con.executemany("INSERT INTO t VALUES (?, ?)", [(10000 + i, "x") for i in range(3000)])
    with tealdb.connect(path) as con:
        assert con.execute("SELECT count(*), sum(i) FROM t").fetchall() == [(8000, sum(range(5000)) + sum(range(10000, 13000)))]
    with tealdb.connect(path, read_only=True) as ro:
        assert ro.execute("SELECT count(*) FROM t").fetchall() == [(8000,)]
        with pytest.raises(tealdb.Error):
            ro.execute("INSERT INTO t VALUES (1, 'no')")


def test_exit_without_close_keeps_data(tmp_path):
    path = str(tmp_path / "exit.db")
    code = (
        "import tealdb\n"
        f"con = tealdb.connect({path!r})\n"
        "con.execute('CREATE TABLE t AS SELECT range AS i FROM range(3000)')\n"
    )
    env = dict(os.environ, PYTHONPATH=SRC)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert p.returncode == 0 and p.stderr == "", p.stderr
    with tealdb.connect(path) as con:
        assert con.execute("SELECT count(*) FROM t").fetchall() == [(3000,)]
