"""The one JVM of the process: found like ./teal finds a JDK >= 21, started lazily on first use with
the flags Arrow Java needs, and shut down quietly at exit (see docs/ARCHITECTURE.md, "Python")."""

from __future__ import annotations

import atexit
import glob
import os
import re
import threading
import weakref
from importlib import resources
from pathlib import Path

from . import _cds
from ._errors import InvalidInputException

_lock = threading.Lock()
_started = False
_bridge = None  # io.tealdb.python.PythonBridge once the JVM runs
_open_connections: "weakref.WeakSet" = weakref.WeakSet()  # unreferenced connections may go


def _java_version(home: Path) -> int | None:
    """Major version of the JDK at home (from its `release` file), or None when it is not a JDK."""
    release = home / "release"
    try:
        text = release.read_text(errors="replace")
    except OSError:
        return None
    m = re.search(r'JAVA_VERSION="(\d+)(?:\.(\d+))?', text)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2)) if major == 1 and m.group(2) else major


def _libjvm(home: Path) -> Path | None:
    for rel in ("lib/server/libjvm.so", "lib/server/libjvm.dylib", "bin/server/jvm.dll", "jre/lib/amd64/server/libjvm.so"):
        p = home / rel
        if p.exists():
            return p
    return None


def find_java_home() -> tuple[Path, Path, int]:
    """(JDK home, libjvm path, major version) of the first JDK >= 21 among TEALDB_JAVA_HOME,
    JAVA_HOME, the JDK of `java` on PATH and /usr/lib/jvm/*; raises with the places it looked."""
    candidates: list[Path] = []
    for var in ("TEALDB_JAVA_HOME", "JAVA_HOME"):
        if os.environ.get(var):
            candidates.append(Path(os.environ[var]))
    for d in os.environ.get("PATH", "").split(os.pathsep):
        java = Path(d) / "java"
        if java.exists():
            candidates.append(java.resolve().parent.parent)
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/jvm/*"), reverse=True)]
    candidates += [Path(p) for p in sorted(glob.glob("/Library/Java/JavaVirtualMachines/*/Contents/Home"), reverse=True)]
    seen = []
    for home in candidates:
        if home in seen:
            continue
        seen.append(home)
        major = _java_version(home)
        lib = _libjvm(home)
        if major is not None and major >= 21 and lib is not None:
            return home, lib, major
    raise InvalidInputException(
        "tealdb needs a JDK >= 21 and found none (looked at TEALDB_JAVA_HOME, JAVA_HOME, java on PATH, "
        "/usr/lib/jvm): install one (e.g. Temurin 21+) or set TEALDB_JAVA_HOME to its directory"
    )


def jar_path() -> Path:
    """The shaded engine jar: $TEALDB_JAR, else the copy bundled in the package (src/tealdb/_jars)."""
    if os.environ.get("TEALDB_JAR"):
        return Path(os.environ["TEALDB_JAR"])
    jar = Path(str(resources.files("tealdb").joinpath("_jars/tealdb-python.jar")))
    if not jar.exists():
        raise InvalidInputException(
            f"tealdb's engine jar is missing ({jar}): build it with `mvn -B -Dmaven.test.skip=true -pl python -am package` "
            "from the TealDB clone, or reinstall with `pip install ./python`"
        )
    return jar


def jvm_flags(major: int) -> list[str]:
    flags = [
        "-Xrs",  # leave SIGINT/SIGTERM to Python: Ctrl-C becomes KeyboardInterrupt, then interrupt()
        "--add-opens=java.base/java.nio=ALL-UNNAMED",  # Arrow is on the class path (unnamed module)
        "-Dslf4j.internal.verbosity=ERROR",  # Arrow logs through SLF4J and no provider is bundled
        "--enable-native-access=ALL-UNNAMED",
        # JPype calls System.gc() whenever the process's malloc'd memory grew by some megabytes between
        # two Python collections, which every large Arrow result does (Arrow Java mallocs its buffers):
        # a full stop-the-world collection of the whole Java heap, tables included (0.2 s for 430 MB).
        # Nothing here needs it: exported buffers are freed by their consumer, the JVM collects on its own.
        "-XX:+DisableExplicitGC",
    ]
    if major >= 23:
        flags.append("--sun-misc-unsafe-memory-access=allow")
    extra = os.environ.get("TEALDB_JVM_OPTIONS")
    if extra:
        flags += extra.split()
    return flags


def bridge():
    """io.tealdb.python.PythonBridge, starting the JVM on first use."""
    global _started, _bridge
    if _bridge is not None:
        return _bridge
    with _lock:
        if _bridge is not None:
            return _bridge
        import jpype

        if not jpype.isJVMStarted():
            _home, lib, major = find_java_home()
            jar = jar_path()
            flags = jvm_flags(major)
            archive = _cds.archive_path(_home, jar, flags, major) if _cds.enabled(flags) else None
            use_archive = archive is not None and archive.exists()
            if use_archive:
                flags = flags + _cds.use_flags(archive)
            if archive is not None:
                flags = flags + _cds.prune_flags(archive)
            jpype.startJVM(str(lib), *flags, classpath=[str(jar)], convertStrings=False, interrupt=False)
            bridge_class = jpype.JClass("io.tealdb.python.PythonBridge")
            # the engine's one-time start-up work runs on a Java thread while Python imports pyarrow
            bridge_class.warmUp()
            if archive is not None and (not use_archive or not bridge_class.sharing()):
                # none yet, or one the JVM could not map (damaged; made by another build of this JDK)
                _cds.start_maker(archive)
            # At exit JPype's hook must still stop its reference queue (a Java thread that takes
            # the GIL; CPython kills it mid-C++ when it tries during finalization: "FATAL: exception
            # not rethrown"), but must not destroy the JVM: pyarrow may still hold buffers exported
            # from Java, and releasing them needs a live JVM ("Failed to release Java C Data
            # resource" otherwise). Our hook, registered later, runs first and closes (so
            # checkpoints) the open databases.
            import jpype.config

            jpype.config.destroy_jvm = False
            atexit.register(_close_all_at_exit)
        _bridge = jpype.JClass("io.tealdb.python.PythonBridge")  # JPype's cached class
        _started = True
        return _bridge


def track(con) -> None:
    _open_connections.add(con)


def untrack(con) -> None:
    _open_connections.discard(con)


def _close_all_at_exit() -> None:
    for con in list(_open_connections):
        try:
            con.close()
        except Exception:  # noqa: BLE001 - exit must not fail or print because one database would not close
            pass
    try:
        # stop (and join) JPype's reference-queue thread now, while the interpreter is whole
        import jpype

        jpype.JClass("org.jpype.ref.JPypeReferenceQueue").getInstance().stop()
    except Exception:  # noqa: BLE001
        pass
