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


# what a fresh interpreter reports: the answer, whether an archive was passed to the JVM, whether the
# JVM maps one (java.vm.info says "sharing")
_ARCHIVE_PROBE = (
    "import tealdb, jpype\n"
    "print(tealdb.sql('SELECT 40 + 2').fetchone()[0])\n"
    "args = jpype.java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()\n"
    "print(any(str(a).startswith(('-XX:SharedArchiveFile=', '-XX:AOTCache=')) for a in args))\n"
    "print(bool(tealdb._jvm.bridge().sharing()))\n"
)


def _archive_suffix() -> str:
    from tealdb import _cds

    return ".aot" if _cds.aot(_jvm.find_java_home()[2]) else ".jsa"


def _wait_for_archives(folder: Path, unlike=None) -> list[str]:
    """The archive names in folder once the background maker wrote one (that differs from unlike)."""
    pattern = "*" + _archive_suffix()
    deadline = time.time() + 300  # the maker runs at the lowest priority: minutes on a busy machine
    while time.time() < deadline:
        names = sorted(p.name for p in folder.glob(pattern))
        if names and names != unlike and not list(folder.glob("*.lock")):
            return names
        time.sleep(0.5)
    for log in folder.glob("*.log"):  # a maker that failed says why
        print(log.name, log.read_text(errors="replace"))
    return sorted(p.name for p in folder.glob(pattern))


def test_class_data_sharing_archive_is_made_once_then_used(tmp_path):
    # the first process starts a background maker; once its archive exists (an AOT cache on JDK >= 25),
    # later processes pass it to the JVM, which maps it, and still print nothing
    env = {"XDG_CACHE_HOME": str(tmp_path), "TEALDB_CDS": "1"}
    first = _run_python(_ARCHIVE_PROBE, env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.split()[:2] == ["42", "False"]
    assert first.stderr == ""
    archives = tmp_path / "tealdb" / "cds"
    made = _wait_for_archives(archives)
    assert len(made) == 1, list(archives.iterdir())
    second = _run_python(_ARCHIVE_PROBE, env)
    assert second.returncode == 0, second.stderr
    assert second.stdout.split() == ["42", "True", "True"]
    assert second.stderr == ""
    assert sorted(p.name for p in archives.iterdir()) == made, "a second start made nothing new"
    off = _run_python(_ARCHIVE_PROBE, dict(env, TEALDB_CDS="0"))
    assert off.stdout.split()[:2] == ["42", "False"]
    own = _run_python(_ARCHIVE_PROBE, dict(env, TEALDB_JVM_OPTIONS="-Xshare:off"))
    assert own.returncode == 0, own.stderr
    assert own.stdout.split() == ["42", "False", "False"], "the user's -Xshare:off wins over the archive"


def test_damaged_archive_falls_back_quietly_and_is_made_again(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path), "TEALDB_CDS": "1"}
    assert _run_python(_ARCHIVE_PROBE, env).returncode == 0
    archives = tmp_path / "tealdb" / "cds"
    made = _wait_for_archives(archives)
    assert len(made) == 1, made
    archive = archives / made[0]
    archive.write_bytes(b"not an archive" * 1000)  # e.g. a disk that filled up under another tool
    damaged = _run_python(_ARCHIVE_PROBE, env)
    assert damaged.returncode == 0, damaged.stderr
    assert damaged.stdout.split() == ["42", "True", "False"], "passed to the JVM, which could not map it"
    assert damaged.stderr == ""
    deadline = time.time() + 300
    while (archive.stat().st_size == 14000 or list(archives.glob("*.lock"))) and time.time() < deadline:
        time.sleep(0.5)
    assert archive.stat().st_size > 14000, "the damaged archive was not made again"
    again = _run_python(_ARCHIVE_PROBE, env)
    assert again.stdout.split() == ["42", "True", "True"]


def test_unusable_cache_folder_only_costs_the_archive(tmp_path):
    # XDG_CACHE_HOME is a file: no folder can be made there; start-up works, prints nothing, makes nothing
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("x")
    env = {"XDG_CACHE_HOME": str(blocker), "TEALDB_CDS": "1"}
    for _ in range(2):
        p = _run_python(_ARCHIVE_PROBE, env)
        assert p.returncode == 0, p.stderr
        assert p.stdout.split()[:2] == ["42", "False"]
        assert p.stderr == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache-is-a-file"]


def test_one_archive_maker_at_a_time(tmp_path, monkeypatch):
    from tealdb import _cds

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    archive = tmp_path / "tealdb" / "cds" / "0123456789abcdef-01234567.aot"
    archive.parent.mkdir(parents=True)
    assert _cds._claim(archive) is True
    assert _cds._claim(archive) is False, "a second maker while the first runs"
    lock = archive.with_name(archive.name + ".lock")
    old = time.time() - _cds._STALE_LOCK_S - 60
    os.utime(lock, (old, old))  # its maker died long ago
    assert _cds._claim(archive) is True
    assert _cds._claim(archive) is False


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
    assert _cds.prune(new) == 3  # by the JVM's rule, io.tealdb.ClassDataArchives, the launcher's too
    assert sorted(p.name for p in new.parent.iterdir()) == [kept.name]
    assert _cds.prune_flags(new) == [f"-Dtealdb.cds.archive={new}"]


def test_rebuilt_jar_does_not_map_the_previous_archive(tmp_path):
    # a rebuild (same path, new modification time) must not start on the old build's archive: it
    # runs without one, makes its own, and the old build's archive is gone afterwards
    jar = tmp_path / "tealdb-python.jar"
    jar.write_bytes(_jvm.jar_path().read_bytes())
    env = {"XDG_CACHE_HOME": str(tmp_path), "TEALDB_CDS": "1", "TEALDB_JAR": str(jar)}
    archives = tmp_path / "tealdb" / "cds"

    assert _run_python(_ARCHIVE_PROBE, env).stdout.split()[:2] == ["42", "False"]
    before = _wait_for_archives(archives)
    assert len(before) == 1, before
    assert _run_python(_ARCHIVE_PROBE, env).stdout.split() == ["42", "True", "True"]
    os.utime(jar, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))  # the "rebuilt" jar
    rebuilt = _run_python(_ARCHIVE_PROBE, env)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rebuilt.stdout.split()[:2] == ["42", "False"], "the previous build's archive was mapped"
    after = _wait_for_archives(archives, unlike=before)
    assert len(after) == 1 and after != before, after
    assert _run_python(_ARCHIVE_PROBE, env).stdout.split() == ["42", "True", "True"]


def test_first_query_leaves_pyarrow_compute_and_the_conversion_classes_unloaded():
    # start-up cost: pyarrow.compute (0.05-0.1 s to import) and the Java classes parameters convert
    # to (JPype builds each, java.math.BigDecimal up to 50 ms) load only when something needs them;
    # the warm-up thread's private database is not visible to the user's connection
    code = (
        "import sys, tealdb\n"
        "print(tealdb.sql('SELECT 42').fetchall())\n"
        "print('pyarrow.compute' in sys.modules)\n"
        "from tealdb import _convert\n"
        "print(sorted(k for k in vars(_convert.java()) if k in _convert._Java._CLASSES))\n"
        "print(tealdb.execute('SELECT ?::DECIMAL(5,2) + 1', [1.5]).fetchall())\n"
        "print(sorted(k for k in vars(_convert.java()) if k in _convert._Java._CLASSES))\n"
        "print(tealdb.sql(\"SELECT count(*) FROM duckdb_databases() WHERE NOT internal\").fetchall())\n"
    )
    p = _run_python(code)
    assert p.returncode == 0, p.stderr
    assert p.stdout.splitlines() == [
        "[(42,)]", "False", "[]", "[(Decimal('2.50'),)]", "['Double']", "[(1,)]",
    ], p.stdout
    assert p.stderr == ""
