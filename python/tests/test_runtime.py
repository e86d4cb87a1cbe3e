"""Runtime: many threads with their own connections, Ctrl-C / interrupt(), clean interpreter exit,
the JDK lookup."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import tealdb
from tealdb import _jvm

SRC = str(Path(tealdb.__file__).resolve().parent.parent)


def test_64_threads_with_their_own_connections():
    base = tealdb.connect()
    base.execute("CREATE TABLE t AS SELECT range AS i FROM range(20000)")
    errors = []
    results = []

    def work(k):
        try:
            cur = base.cursor()
            for _ in range(3):
                results.append(cur.execute("SELECT sum(i) + ? FROM t WHERE i % 64 = ?", [k, k]).fetchone()[0])
            cur.close()
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(64)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    base.close()
    assert errors == []
    assert len(results) == 192
    assert sorted(set(results)) == sorted({sum(range(k, 20000, 64)) + k for k in range(64)})


def test_interrupt_from_another_thread():
    con = tealdb.connect()
    timer = threading.Timer(0.5, con.interrupt)
    timer.start()
    with pytest.raises(tealdb.InterruptException):
        con.execute("SELECT count(*) FROM range(100000000000) a")
    timer.join()
    assert con.execute("SELECT 1").fetchall() == [(1,)]  # the connection stays usable
    con.close()


def test_keyboard_interrupt_cancels_the_query():
    # Python turns SIGINT into KeyboardInterrupt only when its parent left SIGINT at its default:
    # a build started in the background (nohup ... &) hands it down ignored, so the test sets
    # Python's own handler, as an interactive interpreter has it
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        con = tealdb.connect()
        main = threading.get_ident()
        assert main == threading.main_thread().ident
        timer = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT))
        timer.start()
        started = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            con.execute("SELECT count(*) FROM range(100000000000) a")
        timer.join()
        assert time.monotonic() - started < 60
        assert con.execute("SELECT 2").fetchall() == [(2,)]
        con.close()
    finally:
        signal.signal(signal.SIGINT, previous)


def _run_python(code: str, env=None):
    e = dict(os.environ)
    e["PYTHONPATH"] = SRC + os.pathsep + e.get("PYTHONPATH", "")
    if env:
        e.update(env)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=e)


@pytest.mark.parametrize("attempt", range(4))
def test_exit_is_quiet_with_live_arrow_buffers(attempt):
    # pyarrow's thread pool busy before the JVM starts, Java-exported buffers alive at exit: exit
    # must neither print ("Failed to release Java C Data resource") nor abort ("FATAL: exception
    # not rethrown", JPype's reference-queue thread meeting interpreter finalization). The crash was
    # intermittent, hence several attempts.
    code = (
        "import pyarrow as pa\n"
        "pa.table({'a': list(range(300000)), 's': [str(i) for i in range(300000)]}).to_pandas()\n"
        "import tealdb\n"
        "t = tealdb.sql('SELECT range AS i, range::VARCHAR AS s FROM range(100000)').to_arrow_table()\n"
        "d = tealdb.execute('SELECT 1 AS x').df()\n"
        "print(t.num_rows)\n"
    )
    p = _run_python(code)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "100000"
    assert p.stderr == ""


def test_missing_jdk_is_a_clear_error(tmp_path):
    # no JDK anywhere: empty variables and PATH, and /usr/lib/jvm hidden by stubbing glob
    code = (
        "import glob\nglob.glob = lambda pattern: []\n"
        "import tealdb\ntry:\n    tealdb.sql('SELECT 1')\nexcept tealdb.Error as e:\n    print(type(e).__name__, e)\n"
    )
    env = {"TEALDB_JAVA_HOME": str(tmp_path), "JAVA_HOME": str(tmp_path), "PATH": str(tmp_path)}
    p = _run_python(code, env)
    assert p.returncode == 0, p.stderr
    assert "InvalidInputException" in p.stdout and "needs a JDK >= 21" in p.stdout


def test_java_version_parsing(tmp_path):
    (tmp_path / "release").write_text('JAVA_VERSION="17.0.2"\n')
    assert _jvm._java_version(tmp_path) == 17
    (tmp_path / "release").write_text('JAVA_VERSION="25"\n')
    assert _jvm._java_version(tmp_path) == 25
    (tmp_path / "release").write_text('JAVA_VERSION="1.8.0_392"\n')
    assert _jvm._java_version(tmp_path) == 8


def test_class_data_sharing_archive_is_made_once_then_used(tmp_path):
    # the first process starts a background maker; once its archive exists, later processes map it
    # (JVM flag present) and still print nothing
    env = {"XDG_CACHE_HOME": str(tmp_path), "TEALDB_CDS": "1"}
    code = (
        "import tealdb, jpype\n"
        "print(tealdb.sql('SELECT 40 + 2').fetchone()[0])\n"
        "args = jpype.java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()\n"
        "print(any(str(a).startswith('-XX:SharedArchiveFile=') for a in args))\n"
    )
    first = _run_python(code, env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.split() == ["42", "False"]
    assert first.stderr == ""
    archives = tmp_path / "tealdb" / "cds"
    deadline = time.time() + 120
    while not list(archives.glob("*.jsa")) and time.time() < deadline:
        time.sleep(0.5)
    assert len(list(archives.glob("*.jsa"))) == 1, list(archives.iterdir())
    second = _run_python(code, env)
    assert second.returncode == 0, second.stderr
    assert second.stdout.split() == ["42", "True"]
    assert second.stderr == ""
    off = _run_python(code, dict(env, TEALDB_CDS="0"))
    assert off.stdout.split() == ["42", "False"]


def test_archive_names_follow_the_jar_build_and_old_builds_are_pruned(tmp_path, monkeypatch):
    from tealdb import _cds

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    jar, other = tmp_path / "engine.jar", tmp_path / "other.jar"
    jar.write_bytes(b"build one")
    other.write_bytes(b"another jar")
    home = tmp_path
    first = _cds.archive_path(home, jar, ["-Xrs"])
    os.utime(jar, ns=(1_000_000_000, 1_000_000_000))
    old = _cds.archive_path(home, jar, ["-Xrs"])
    jar.write_bytes(b"build two!")  # a rebuild: new size and modification time
    new = _cds.archive_path(home, jar, ["-Xrs"])
    assert len({first, old, new}) == 3, "size and modification time name the archive"
    assert old.name.split("-")[0] == new.name.split("-")[0], "same JDK, jar path and flags"
    assert _cds.archive_path(home, jar, ["-Xrs", "-Xmx1g"]).name.split("-")[0] != new.name.split("-")[0]
    kept = _cds.archive_path(home, other, ["-Xrs"])
    legacy = old.parent / ("0123456789abcdef01234567" + ".jsa")
    old.parent.mkdir(parents=True)
    for f in (old, old.with_name(old.name + ".123.tmp"), kept, legacy):
        f.write_bytes(b"x")
    _cds.prune(new)
    assert sorted(p.name for p in new.parent.iterdir()) == [kept.name]


def test_rebuilt_jar_does_not_map_the_previous_archive(tmp_path):
    # a rebuild (same path, new modification time) must not start on the old build's archive: it
    # runs without one, makes its own, and the old build's archive is gone afterwards
    jar = tmp_path / "tealdb-python.jar"
    jar.write_bytes(_jvm.jar_path().read_bytes())
    env = {"XDG_CACHE_HOME": str(tmp_path), "TEALDB_CDS": "1", "TEALDB_JAR": str(jar)}
    code = (
        "import tealdb, jpype\n"
        "print(tealdb.sql('SELECT 40 + 2').fetchone()[0])\n"
        "args = jpype.java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()\n"
        "print(any(str(a).startswith('-XX:SharedArchiveFile=') for a in args))\n"
    )
    archives = tmp_path / "tealdb" / "cds"

    def made_one():
        deadline = time.time() + 120
        while not list(archives.glob("*.jsa")) and time.time() < deadline:
            time.sleep(0.5)
        return [p.name for p in archives.glob("*.jsa")]

    assert _run_python(code, env).stdout.split() == ["42", "False"]
    before = made_one()
    assert len(before) == 1, before
    assert _run_python(code, env).stdout.split() == ["42", "True"]
    os.utime(jar, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))  # the "rebuilt" jar
    rebuilt = _run_python(code, env)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rebuilt.stdout.split() == ["42", "False"], "the previous build's archive was mapped"
    deadline = time.time() + 120
    while [p.name for p in archives.glob("*.jsa")] in ([], before) and time.time() < deadline:
        time.sleep(0.5)
    after = [p.name for p in archives.glob("*.jsa")]
    assert len(after) == 1 and after != before, after
    assert _run_python(code, env).stdout.split() == ["42", "True"]


def _full_java_collections() -> int:
    import jpype

    beans = jpype.JClass("java.lang.management.ManagementFactory").getGarbageCollectorMXBeans()
    # G1 counts its stop-the-world full collections under "G1 Old Generation"
    return sum(int(b.getCollectionCount()) for b in beans if "Old" in str(b.getName()))


def test_large_arrow_results_set_off_no_full_java_collection():
    # JPype calls System.gc() when Python's collector runs after the process's malloc'd memory grew,
    # as it does with every large Arrow result: that was a full stop-the-world collection of the whole
    # Java heap (tables included) every few results; the JVM runs with explicit collections disabled
    import gc

    con = tealdb.connect()
    con.execute("CREATE TABLE big AS SELECT range AS i, 'value' || range AS s FROM range(2000000)")
    gc.collect()
    before = _full_java_collections()
    for _ in range(3):
        tbl = con.table("big").to_arrow_table()
        assert tbl.num_rows == 2_000_000
        gc.collect()
        del tbl
        gc.collect()
    assert _full_java_collections() == before
    con.close()
