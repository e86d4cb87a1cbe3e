"""A class-data-sharing archive for the JVM, so that later processes start faster.

Loading and verifying the engine's classes is most of the first query's cost (about 0.9 s on a
2-core machine; 0.6 s with the archive). A dynamic CDS archive holds those classes pre-parsed.
The JVM writes one only when it is destroyed, and ours never is (pyarrow may hold Java buffers at
exit, see _jvm.py), so the archive is made once, in a separate short-lived process that runs a
small workload and shuts its JVM down: `python -m tealdb._cds <archive>`. The first process
starts that maker in the background; every later one maps the archive.

The archive is named after everything that must match for the JVM to accept it: the JDK, the jar's
path and the flags (the first part of the name), and the jar's size and modification time (the
second part), so a rebuilt jar never maps the previous build's archive. When a new archive is
made, the archives of earlier builds of the same jar (and names of an older scheme) are deleted:
the folder holds one archive per jar and JDK, not one per build. TEALDB_CDS=0 turns the mechanism off.
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


def _digest(parts: list[str], n: int) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:n]


def archive_path(java_home: Path, jar: Path, flags: list[str]) -> Path | None:
    """Where the archive for this JDK, jar build and flag set lives (None when the jar cannot be read):
    `<JDK, jar path, flags>-<jar size, mtime>.jsa`."""
    try:
        st = jar.stat()
    except OSError:
        return None
    which = _digest([str(java_home.resolve()), str(jar.resolve()), *flags], 16)
    build = _digest([str(st.st_size), str(st.st_mtime_ns)], 8)
    return _cache_dir() / f"{which}-{build}.jsa"


def prune(archive: Path) -> None:
    """Delete the archives (and unfinished ones) of other builds of archive's jar, and archives named
    by the older one-part scheme, which nothing looks up any more."""
    which = archive.name.split("-", 1)[0]
    try:
        entries = list(archive.parent.iterdir())
    except OSError:
        return
    for f in entries:
        stem = f.name.split(".", 1)[0]
        stale_build = stem.startswith(which + "-") and stem != archive.name.split(".", 1)[0]
        old_scheme = f.name.endswith(".jsa") and "-" not in stem and len(stem) == 24
        if stale_build or old_scheme:
            try:
                f.unlink()
            except OSError:
                pass  # another process's: it goes next time


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
        prune(archive)
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
