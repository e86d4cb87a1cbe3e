"""A class-data-sharing archive for the JVM, so that later processes start faster.

Loading and verifying the engine's classes is most of the first query's cost (about 0.9 s on a
2-core machine; 0.6 s with the archive). A dynamic CDS archive holds those classes pre-parsed.
The JVM writes one only when it is destroyed, and ours never is (pyarrow may hold Java buffers at
exit, see _jvm.py), so the archive is made once, in a separate short-lived process that runs a
small workload and shuts its JVM down: `python -m tealdb._cds <archive>`. The first process
starts that maker in the background; every later one maps the archive.

The archive is keyed by everything that must match for the JVM to accept it (JDK, jar file and
its modification time, flags); a stale one is simply never looked up again. TEALDB_CDS=0 turns
the mechanism off.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path


def enabled() -> bool:
    return os.environ.get("TEALDB_CDS", "1") != "0"


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tealdb" / "cds"


def archive_path(java_home: Path, jar: Path, flags: list[str]) -> Path | None:
    """Where the archive for this JDK, jar and flag set lives (None when the jar cannot be read)."""
    try:
        st = jar.stat()
    except OSError:
        return None
    key = "\0".join([str(java_home.resolve()), str(jar.resolve()), str(st.st_size), str(st.st_mtime_ns), *flags])
    return _cache_dir() / (hashlib.sha256(key.encode()).hexdigest()[:24] + ".jsa")


# The JDK's own base archive was dumped without our --add-opens / --enable-native-access, so the JVM
# logs "mismatched module property" at error level while mapping our archive, and warns about classes
# it cannot archive while dumping; none of that may reach the user's terminal.
_QUIET = ["-Xlog:disable", "-Xlog:all=off"]


def use_flags(archive: Path) -> list[str]:
    return [f"-XX:SharedArchiveFile={archive}", *_QUIET]


def start_maker(archive: Path) -> None:
    """Make the archive in a detached background process; any failure there only means no archive."""
    try:
        archive.parent.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, TEALDB_CDS="0")
        subprocess.Popen(
            [sys.executable, "-m", "tealdb._cds", str(archive)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,  # neither a Ctrl-C in the user's terminal nor their exit stops it
            close_fds=True,
        )
    except OSError:
        pass


def _make(archive: Path) -> None:
    """Run a workload that loads the classes a typical session loads, then dump them at JVM exit."""
    import jpype
    import jpype.config

    from . import _jvm

    tmp = archive.with_name(f"{archive.name}.{os.getpid()}.tmp")
    _home, lib, major = _jvm.find_java_home()
    flags = _jvm.jvm_flags(major) + [f"-XX:ArchiveClassesAtExit={tmp}", *_QUIET]
    jpype.startJVM(str(lib), *flags, classpath=[str(_jvm.jar_path())], convertStrings=False, interrupt=False)
    # from here on the package's own bridge() sees a started JVM and reuses it
    import tealdb

    con = tealdb.connect()
    con.sql("SELECT 42").fetchall()
    con.sql("SELECT range % 7 AS g, sum(range), avg(range) FROM range(50000) GROUP BY g ORDER BY g").fetchall()
    con.execute("CREATE TABLE t AS SELECT range AS i, range::VARCHAR AS s FROM range(1000)")
    con.execute("SELECT * FROM t WHERE i > ?", [10]).fetchall()
    con.sql("SELECT * FROM t").arrow()
    con.close()
    jpype.config.destroy_jvm = True
    jpype.shutdownJVM()  # the JVM writes the archive here
    if tmp.exists():
        os.replace(tmp, archive)  # atomic: a concurrent starter sees a whole archive or none


if __name__ == "__main__":
    try:
        _make(Path(sys.argv[1]))
    except Exception:  # noqa: BLE001 - a background optimisation: failing only means no archive
        sys.exit(1)
