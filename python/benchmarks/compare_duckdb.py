"""tealdb side by side with the duckdb package, in one process (startup in fresh interpreters).

    python python/benchmarks/compare_duckdb.py [--rows 10000000] [--many 100000] [--repeat 3]

Prints one line per measurement: the best of --repeat runs for each library and the ratio
tealdb/duckdb (for rows/s the ratio is tealdb's rate over duckdb's).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

import numpy as np


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def startup(lib: str, repeat: int) -> float:
    code = f"import {lib}; {lib}.sql('SELECT 42').fetchall()"
    return best(lambda: subprocess.run([sys.executable, "-c", code], check=True), repeat)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--many", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import duckdb
    import pandas as pd

    import tealdb

    def line(what, t, d, unit="s", higher_better=False):
        ratio = (t / d) if not higher_better else (t / d)
        fmt = "{:>12.3f}" if unit == "s" else "{:>12,.0f}"
        print(f"{what:<44} tealdb {fmt.format(t)} {unit:<6} duckdb {fmt.format(d)} {unit:<6} ratio {ratio:6.2f}", flush=True)

    line("startup: import + sql('SELECT 42')", startup("tealdb", args.repeat), startup("duckdb", args.repeat))

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
