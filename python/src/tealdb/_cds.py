"""A class-data archive for the JVM, so that later processes start faster.

Loading, verifying and linking the engine's classes is most of the first query's cost. On JDK >= 25
the archive is an ahead-of-time cache (JEP 483/514/515: the classes parsed *and* linked, lambdas
resolved, method profiles of the workload that made it), elsewhere a dynamic CDS archive (the
classes parsed). The JVM writes either only when it is destroyed, and ours never is (pyarrow may
hold Java buffers at exit, see _jvm.py), so the archive is made once, in a separate short-lived
process that runs a small workload and shuts its JVM down: `python -m tealdb._cds <archive>`. The
first process starts that maker in the background at the lowest priority (one maker at a time, and
none when the cache folder is not writable); every later one maps the archive. A damaged archive
only costs the JVM its use (it starts without one, quietly).

The archive is named after everything that must match for the JVM to accept it: the JDK, the jar's
path and the flags (the first part of the name), and the jar's size and modification time (the
second part), so a rebuilt jar never maps the previous build's archive. At start the JVM deletes the
archives of earlier builds of the same jar (and names of an older scheme) on a background thread
(io.tealdb.ClassDataArchives, the launcher's rule too): the folder holds one archive per jar and
JDK, not one per build. TEALDB_CDS=0 turns the mechanism off.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path


def enabled(flags: list[str] = ()) -> bool:
    """TEALDB_CDS=0 turns the archive off, and so do flags of the user's own about class sharing
    (TEALDB_JVM_OPTIONS=-Xshare:off, an archive of their own)."""
    own = ("-Xshare", "-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit", "-XX:AOT", "-XX:+AutoCreateSharedArchive")
    return os.environ.get("TEALDB_CDS", "1") != "0" and not any(f.startswith(own) for f in flags)


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tealdb" / "cds"


def _digest(parts: list[str], n: int) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:n]


def aot(major: int) -> bool:
    """Whether this JDK makes ahead-of-time caches in one step (-XX:AOTCacheOutput, JDK >= 25)."""
    return major >= 25 and os.environ.get("TEALDB_AOT", "1") != "0"


def archive_path(java_home: Path, jar: Path, flags: list[str], major: int = 21) -> Path | None:
    """Where the archive for this JDK, jar build and flag set lives (None when the jar cannot be read):
    `<JDK, jar path, flags>-<jar size, mtime>.aot` (an AOT cache), `.jsa` (a CDS archive) before JDK 25."""
    try:
        st = jar.stat()
    except OSError:
        return None
    which = _digest([str(java_home.resolve()), str(jar.resolve()), *flags], 16)
    build = _digest([str(st.st_size), str(st.st_mtime_ns)], 8)
    return _cache_dir() / f"{which}-{build}.{'aot' if aot(major) else 'jsa'}"


def prune_flags(archive: Path) -> list[str]:
    """Flags that make the JVM delete the archives (and unfinished ones) of other builds of archive's
    jar, and archives named by the older one-part scheme, on a background thread at start: the rule
    of io.tealdb.ClassDataArchives, which the `teal` launcher's JVM applies to its own archives too."""
    return [f"-Dtealdb.cds.archive={archive}"]


def prune(archive: Path) -> int:
    """Apply that rule now, in this process's JVM (started if need be); returns the files deleted."""
    import jpype

    from . import _jvm

    _jvm.bridge()
    path = jpype.JClass("java.nio.file.Path").of(str(archive), jpype.JArray(jpype.JString)(0))
    return int(jpype.JClass("io.tealdb.ClassDataArchives").prune(path))


# The JDK's own base archive was dumped without our --add-opens / --enable-native-access, so the JVM
# logs "mismatched module property" at error level while mapping our archive, and warns about classes
# it cannot archive while dumping; none of that may reach the user's terminal.
_QUIET = ["-Xlog:disable", "-Xlog:all=off"]


def use_flags(archive: Path) -> list[str]:
    if archive.suffix == ".aot":
        return [f"-XX:AOTCache={archive}", *_QUIET]
    return [f"-XX:SharedArchiveFile={archive}", *_QUIET]


def _record_flags(archive: Path, out: Path) -> list[str]:
    """Flags of the maker's training JVM: an AOT configuration (JDK >= 25; the cache is assembled
    from it afterwards) or the dynamic CDS archive itself, written when the JVM shuts down."""
    if archive.suffix == ".aot":
        return ["-XX:AOTMode=record", f"-XX:AOTConfiguration={_config(out)}", *_QUIET]
    return [f"-XX:ArchiveClassesAtExit={out}", *_QUIET]


def _config(out: Path) -> Path:
    return out.with_name(out.name + ".aotconf")


_STALE_LOCK_S = 600  # a maker takes seconds; a lock this old is one whose maker died


def _claim(archive: Path) -> bool:
    """Take the one-maker-at-a-time lock of archive (a file created exclusively), or say it is taken."""
    lock = archive.with_name(archive.name + ".lock")
    for _ in range(2):
        try:
            os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            return True
        except FileExistsError:
            try:
                if time.time() - lock.stat().st_mtime < _STALE_LOCK_S:
                    return False
                lock.unlink()  # its maker died (a killed machine): take it over
            except OSError:
                return False
        except OSError:
            return False  # a read-only folder: no maker, every process starts without an archive
    return False


def start_maker(archive: Path) -> None:
    """Make the archive in a detached background process; any failure there only means no archive."""
    try:
        archive.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(archive.parent, os.W_OK) or not _claim(archive):
            return
        env = dict(os.environ, TEALDB_CDS="0")
        # what the maker prints goes to <archive>.log, which it deletes when it succeeded
        with open(archive.with_name(archive.name + ".log"), "wb") as log:
            subprocess.Popen(
                [sys.executable, "-m", "tealdb._cds", str(archive)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                env=env,
                start_new_session=True,  # neither a Ctrl-C in the user's terminal nor their exit stops it
                close_fds=True,
            )
    except OSError:
        try:
            archive.with_name(archive.name + ".lock").unlink()
        except OSError:
            pass


def _make(archive: Path) -> None:
    """Run a workload that loads the classes a typical session loads, then dump them at JVM exit."""
    import jpype
    import jpype.config

    from . import _jvm

    try:
        os.nice(19)  # the user's own process comes first; the JVM's threads inherit this
    except OSError:
        pass
    tmp = archive.with_name(f"{archive.name}.{os.getpid()}.tmp")
    home, lib, major = _jvm.find_java_home()
    base_flags = _jvm.jvm_flags(major)
    jpype.startJVM(str(lib), *base_flags, *_record_flags(archive, tmp), *prune_flags(archive), classpath=[str(_jvm.jar_path())],
                   convertStrings=False, interrupt=False)
    classpath = str(jpype.java.lang.System.getProperty("java.class.path"))  # the jar and JPype's own
    # from here on the package's own bridge() sees a started JVM and reuses it
    import tealdb

    con = tealdb.connect()
    con.sql("SELECT 42").fetchall()
    con.sql("SELECT range % 7 AS g, sum(range), avg(range) FROM range(50000) GROUP BY g ORDER BY g").fetchall()
    con.execute("CREATE TABLE t AS SELECT range AS i, range::VARCHAR AS s FROM range(1000)")
    con.execute("SELECT * FROM t WHERE i > ?", [10]).fetchall()
    con.sql("SELECT * FROM t").arrow()
    import pyarrow as pa

    con.register("scanned", pa.table({"k": [1, 2, 3], "v": ["a", "b", "c"]}))  # Arrow into the engine
    con.sql("SELECT k, v FROM scanned WHERE k > 1").fetchall()
    con.close()
    jpype.config.destroy_jvm = True
    jpype.shutdownJVM()  # the JVM writes the CDS archive or the AOT configuration here
    if archive.suffix == ".aot":
        # assemble the cache from the configuration with the same class path and flags. (The one-step
        # -XX:AOTCacheOutput forks this at shutdown too, but a JVM shut down through JNI does not wait
        # for it, so nothing would say when the cache is complete.)
        config = _config(tmp)
        try:
            subprocess.run(
                [str(home / "bin" / "java"), *base_flags, "-XX:AOTMode=create", f"-XX:AOTConfiguration={config}",
                 f"-XX:AOTCache={tmp}", *_QUIET, "-cp", classpath],
                stdin=subprocess.DEVNULL, check=True, timeout=_STALE_LOCK_S,
            )
        finally:
            config.unlink(missing_ok=True)
    if not tmp.exists():
        raise RuntimeError(f"the JVM wrote no archive to {tmp}")
    os.replace(tmp, archive)  # atomic: a concurrent starter sees a whole archive or none
    archive.with_name(archive.name + ".log").unlink(missing_ok=True)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    try:
        _make(target)
    except Exception:  # noqa: BLE001 - a background optimisation: failing only means no archive
        import traceback

        traceback.print_exc()  # into <archive>.log
        sys.exit(1)
    finally:
        try:
            target.with_name(target.name + ".lock").unlink()
        except OSError:
            pass
