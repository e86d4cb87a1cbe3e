"""Side-by-side wire-protocol bench: the same psycopg 3 client against `teal serve` and PostgreSQL.

    python bench/pgwire/bench.py --rows 2000000 "host=127.0.0.1 port=6543 user=teal dbname=teal" \
        "host=127.0.0.1 port=55433 user=postgres dbname=postgres"

For each server: COPY … FROM STDIN (text) of ROWS rows × (BIGINT, DOUBLE, VARCHAR, TIMESTAMP),
then a full fetch of the table with a binary cursor and with a text cursor, then a pipelined
executemany of min(ROWS, 100k) two-column INSERTs (--many-runs N: N times; the first run, when the
server has not run that path yet, and the best are reported). Prints rows/s and the
ratio TealDB / PostgreSQL (> 1 means TealDB is faster). One run each, after one warm-up fetch.
"""
import argparse
import time

import psycopg

DDL = "CREATE TABLE bench_rows (id BIGINT, x DOUBLE PRECISION, s VARCHAR, ts TIMESTAMP)"


def copy_data(rows, chunk=10_000):
    for start in range(0, rows, chunk):
        buf = []
        for i in range(start, min(rows, start + chunk)):
            buf.append(f"{i}\t{i * 0.25}\tname-{i % 1000}\t2024-01-01 00:00:{i % 60:02d}\n")
        yield "".join(buf).encode()


def run(dsn, rows, many_runs=1):
    out = {}
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_rows")
        conn.execute(DDL.replace("DOUBLE PRECISION", "DOUBLE") if "teal" in dsn else DDL)
        data = list(copy_data(rows))
        t = time.perf_counter()
        with conn.cursor() as cur:
            with cur.copy("COPY bench_rows FROM STDIN") as cp:
                for block in data:
                    cp.write(block)
        out["copy_in"] = rows / (time.perf_counter() - t)
        for binary in (True, False):
            name = "fetch_binary" if binary else "fetch_text"
            with conn.cursor(binary=binary) as cur:
                cur.execute("SELECT id, x, s, ts FROM bench_rows LIMIT 10000")
                cur.fetchall()
                t = time.perf_counter()
                cur.execute("SELECT id, x, s, ts FROM bench_rows")
                n = 0
                while True:
                    batch = cur.fetchmany(10_000)
                    if not batch:
                        break
                    n += len(batch)
                assert n == rows, (n, rows)
                out[name] = rows / (time.perf_counter() - t)
        conn.execute("DROP TABLE bench_rows")
        many = [(i, f"v{i}") for i in range(min(rows, 100_000))]
        rates = []
        for _ in range(many_runs):
            conn.execute("CREATE TABLE bench_many (id BIGINT, s VARCHAR)")
            t = time.perf_counter()
            with conn.cursor() as cur:
                cur.executemany("INSERT INTO bench_many VALUES (%s, %s)", many)
            rates.append(len(many) / (time.perf_counter() - t))
            conn.execute("DROP TABLE bench_many")
        out["executemany"] = rates[0]
        if many_runs > 1:
            out["executemany_best"] = max(rates)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--many-runs", type=int, default=1)
    ap.add_argument("teal_dsn")
    ap.add_argument("pg_dsn")
    a = ap.parse_args()
    teal = run(a.teal_dsn, a.rows, a.many_runs)
    pg = run(a.pg_dsn, a.rows, a.many_runs)
    print(f"{'metric':<14}{'TealDB rows/s':>16}{'PostgreSQL rows/s':>20}{'ratio':>8}")
    for k in teal:
        print(f"{k:<14}{teal[k]:>16,.0f}{pg[k]:>20,.0f}{teal[k] / pg[k]:>8.2f}")


if __name__ == "__main__":
    main()
