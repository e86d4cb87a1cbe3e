"""tealdb side by side with the duckdb package, in one process (startup in fresh interpreters).

    python python/benchmarks/compare_duckdb.py [--rows 10000000] [--many 100000] [--repeat 3] [--startups 11]

Prints one line per measurement: the best of --repeat runs for each library and the ratio
tealdb/duckdb (for rows/s the ratio is tealdb's rate over duckdb's). Start-up is the median of
--startups fresh interpreters of each library, alternating, after one tealdb start that makes the
class-data archive if it is missing (and waiting until it is made): it measures the steady state,
plus the process CPU time (user + system, all threads) and the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def _start(lib: str) -> tuple[float, float]:
    """(wall, CPU) seconds of a fresh interpreter running import + sql('SELECT 42').fetchall()."""
    code = f"import {lib}; {lib}.sql('SELECT 42').fetchall()"
    t0 = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-c", code])
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if status != 0:
        raise SystemExit(f"{lib} start-up failed ({status})")
    return wall, usage.ru_utime + usage.ru_stime


def _wait_for_archive_maker(limit_s: float = 300) -> None:
    """Until the background maker of this JDK's, jar's and flags' archive is done (its lock is gone)."""
    from tealdb import _cds, _jvm

    home, _lib, major = _jvm.find_java_home()
    flags = _jvm.jvm_flags(major)
    archive = _cds.archive_path(home, _jvm.jar_path(), flags, major) if _cds.enabled(flags) else None
    if archive is None:
        return
    lock = archive.with_name(archive.name + ".lock")
    deadline = time.time() + limit_s
    while lock.exists() and time.time() < deadline:
        time.sleep(0.5)


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def startup(runs: int) -> dict:
    """Median wall and CPU of `runs` fresh interpreters per library, alternating."""
    _start("tealdb")  # makes the class-data archive when this build has none yet
    _wait_for_archive_maker()
    load = _load()
    got = {"tealdb": [], "duckdb": []}
    for _ in range(runs):
        for lib in got:
            got[lib].append(_start(lib))
    med = {lib: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for lib, v in got.items()}
    med["load"] = f"{load} -> {_load()}"
    return med


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--many", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--startups", type=int, default=11, help="fresh interpreters per library for start-up")
    args = ap.parse_args()

    import duckdb
    import pandas as pd

    import tealdb

    def line(what, t, d, unit="s", higher_better=False):
        ratio = (t / d) if not higher_better else (t / d)
        fmt = "{:>12.3f}" if unit == "s" else "{:>12,.0f}"
        print(f"{what:<44} tealdb {fmt.format(t)} {unit:<6} duckdb {fmt.format(d)} {unit:<6} ratio {ratio:6.2f}", flush=True)

    st = startup(args.startups)
    line(f"startup: import + sql('SELECT 42'), median of {args.startups}", st["tealdb"][0], st["duckdb"][0])
    line("startup CPU (user + system), median", st["tealdb"][1], st["duckdb"][1])
    print(f"  (start-up measured at load average {st['load']})", flush=True)

    make = (
        f"CREATE TABLE big AS SELECT range AS i, (range * 0.5)::DOUBLE AS d, 'value' || range AS s, "
        f"TIMESTAMP '2020-01-01' + to_seconds(range) AS ts FROM range({args.rows})"
    )
    t = tealdb.connect()
    d = duckdb.connect()
    t.execute(make)
    d.execute(make)
    line(f"df() of {args.rows:,} rows x 4 cols", best(lambda: t.table("big").df(), args.repeat),
         best(lambda: d.table("big").df(), args.repeat))
    line(f"to_arrow_table() of {args.rows:,} rows x 4 cols", best(lambda: t.table("big").to_arrow_table(), args.repeat),
         best(lambda: d.table("big").to_arrow_table(), args.repeat))

    frame = pd.DataFrame({"k": np.arange(args.rows) % 1000, "v": np.random.default_rng(1).random(args.rows)})
    def group_by(con):
        # both libraries find `frame` in the calling frame's variables, so it must be one of them here
        assert frame is not None
        return con.sql("SELECT k, sum(v), count(*) FROM frame GROUP BY k").fetchall()

    line(f"GROUP BY over a {args.rows:,}-row DataFrame", best(lambda: group_by(t), args.repeat),
         best(lambda: group_by(d), args.repeat))

    rows = [(i, f"name{i}", i * 0.25) for i in range(args.many)]

    def many(con):
        con.execute("CREATE OR REPLACE TABLE m (i BIGINT, s VARCHAR, d DOUBLE)")
        t0 = time.perf_counter()
        con.executemany("INSERT INTO m VALUES (?, ?, ?)", rows)
        return args.many / (time.perf_counter() - t0)

    tr = max(many(t) for _ in range(args.repeat))
    dr = many(d)  # duckdb runs one statement per row: once is plenty
    line(f"executemany of {args.many:,} rows", tr, dr, unit="rows/s", higher_better=True)
    t.close()
    d.close()


if __name__ == "__main__":
    main()
