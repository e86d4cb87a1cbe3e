"""ClickHouse HTTP bench: clickhouse-connect against `teal serve --http-port`.

    ./teal serve --http-port 8123 &
    python bench/clickhouse/bench.py --rows 10000000 --port 8123
    bench/run ClickHouseBaseline --rows 10000000        # the embedded appender / toArrow baselines

insert: ROWS rows × 5 columns (Int64, Float64, String, DateTime64(6), Int32) with client.insert(), the
client's defaults (Native format, lz4-compressed request), column-oriented Python lists in blocks of
1M rows (with --df: pandas DataFrames through insert_df, the client's numpy path);
query_arrow: SELECT * of those rows as Arrow. Prints rows/s (best of --runs; data built once, before
the clock starts).

--client-only: the same inserts with the HTTP request left out (clickhouse-connect builds, encodes and
lz4-compresses every block, and the bytes are dropped), which is the client's own ceiling: with
the client's default codec and a pandas string column, this alone takes longer than the embedded
appender needs for the whole load, so it bounds what any server can reach (see the README).
"""
import argparse
import datetime
import resource
import time

import clickhouse_connect

DDL = ("CREATE TABLE bench_ch (id Int64, x Float64, s String, ts DateTime64(6), k Int32) "
       "ENGINE = MergeTree ORDER BY id")


def columns(start, n):
    names = ["name-%d" % i for i in range(1000)]
    base = datetime.datetime(2024, 1, 1)
    day = [base + datetime.timedelta(seconds=i) for i in range(86_400)]
    r = range(start, start + n)
    return [list(r), [i * 0.25 for i in r], [names[i % 1000] for i in r], [day[i % 86_400] for i in r],
            [i % 100_000 for i in r]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8123)
    ap.add_argument("--user", default="default")
    ap.add_argument("--password", default="")
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--block", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--df", action="store_true", help="insert pandas DataFrames with insert_df (numpy columns)")
    ap.add_argument("--client-only", action="store_true",
                    help="time the client's encoding alone: the insert's blocks are built and compressed, not sent")
    a = ap.parse_args()
    client = clickhouse_connect.get_client(host=a.host, port=a.port, username=a.user, password=a.password,
                                           send_receive_timeout=3600)
    blocks = [columns(s, min(a.block, a.rows - s)) for s in range(0, a.rows, a.block)]
    if a.df:
        import pandas as pd
        blocks = [pd.DataFrame({"id": b[0], "x": b[1], "s": b[2], "ts": pd.to_datetime(b[3]), "k": b[4]}) for b in blocks]
    if a.client_only:
        client_only(client, blocks, a)
        return
    best_insert = best_arrow = 0.0
    for run in range(a.runs):
        client.command("DROP TABLE IF EXISTS bench_ch")
        client.command(DDL)
        t = time.perf_counter()
        for b in blocks:
            if a.df:
                client.insert_df("bench_ch", b)
            else:
                client.insert("bench_ch", b, column_names=["id", "x", "s", "ts", "k"], column_oriented=True)
        ins = a.rows / (time.perf_counter() - t)
        assert client.command("SELECT count() FROM bench_ch") == a.rows
        t = time.perf_counter()
        tbl = client.query_arrow("SELECT * FROM bench_ch")
        arr = a.rows / (time.perf_counter() - t)
        assert tbl.num_rows == a.rows, tbl.num_rows
        print("run %d: insert %.0f rows/s, query_arrow %.0f rows/s" % (run + 1, ins, arr))
        best_insert, best_arrow = max(best_insert, ins), max(best_arrow, arr)
    client.command("DROP TABLE bench_ch")
    print("clickhouse-connect best of %d, %d rows: insert %.0f rows/s, query_arrow %.0f rows/s"
          % (a.runs, a.rows, best_insert, best_arrow))


def cpu_seconds():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def client_only(client, blocks, a):
    """Runs the inserts with the request replaced by a loop that drains the encoded body."""
    backend = getattr(client, "_backend", None)
    if backend is None or not hasattr(backend, "execute_data_insert"):
        raise SystemExit("--client-only needs clickhouse-connect's HTTP backend (1.13): this version has no _backend.execute_data_insert")
    sent = [0]

    def drain(context, runtime, gen, rebuild):
        for chunk in gen:
            sent[0] += len(chunk)
        return {}

    client.command("DROP TABLE IF EXISTS bench_ch")
    client.command(DDL)  # the client reads the column types from the server before encoding
    backend.execute_data_insert = drain
    best = 0.0
    for run in range(a.runs):
        sent[0] = 0
        t, c = time.perf_counter(), cpu_seconds()
        for b in blocks:
            if a.df:
                client.insert_df("bench_ch", b)
            else:
                client.insert("bench_ch", b, column_names=["id", "x", "s", "ts", "k"], column_oriented=True)
        wall, cpu = time.perf_counter() - t, cpu_seconds() - c
        print("run %d: client encoding alone %.0f rows/s (%.2f s wall, %.2f s CPU, %d MB compressed)"
              % (run + 1, a.rows / wall, wall, cpu, sent[0] >> 20))
        best = max(best, a.rows / wall)
    print("clickhouse-connect best of %d, %d rows: client encoding alone %.0f rows/s" % (a.runs, a.rows, best))


if __name__ == "__main__":
    main()
