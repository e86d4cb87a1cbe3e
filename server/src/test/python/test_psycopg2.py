"""psycopg2 (libpq, simple query protocol with client-side literals) against a real teal serve."""
import datetime
import io
from decimal import Decimal

import psycopg2
import psycopg2.extras
import pytest


def test_literals_round_trip(dsn):
    conn = psycopg2.connect(dsn)
    try:
        cur = conn.cursor()
        # bytes go into the SQL text as '\\x0102ff'::bytea, PostgreSQL's hex format (not DuckDB's per-byte escapes)
        cur.execute("CREATE TABLE p2 (i INTEGER, s VARCHAR, ts TIMESTAMP, d DATE, n DECIMAL(9, 3), f BOOLEAN, x DOUBLE, b BLOB)")
        rows = [(i, f"it's {i}", datetime.datetime(2024, 1, 2, 3, 4, 5, 123000), datetime.date(1999, 12, 31),
                 Decimal("123.456"), i % 3 == 0, i / 8 + 0.125, bytes([i % 256, 0, 255, 92, 39]) + f"x{i}".encode())
                for i in range(3000)]
        psycopg2.extras.execute_values(cur, "INSERT INTO p2 VALUES %s", rows, page_size=1000)
        conn.commit()
        cur.execute("SELECT * FROM p2 WHERE i < %s ORDER BY i", (3000,))
        assert [r[:7] + (bytes(r[7]),) for r in cur.fetchall()] == rows
        cur.execute("SELECT octet_length(b) FROM p2 WHERE i = 7")
        assert cur.fetchone() == (7,)
        # both of PostgreSQL's bytea input formats, as psql users write them, and its error for bad hex
        cur.execute("SELECT %s::bytea, '\\x4142 43'::bytea, 'a\\\\b\\001'::bytea", (psycopg2.Binary(b"\x00\xff"),))
        assert [bytes(v) for v in cur.fetchone()] == [b"\x00\xff", b"ABC", b"a\\b\x01"]
        conn.rollback()
        with pytest.raises(psycopg2.Error, match="invalid hexadecimal digit"):
            cur.execute("SELECT '\\x4g'::bytea")
        conn.rollback()
        cur.execute("SELECT TRY_CAST('\\x4' AS bytea) IS NULL")
        assert cur.fetchone() == (True,)
    finally:
        conn.close()


def test_integrity_error_rolls_back_transaction(dsn):
    conn = psycopg2.connect(dsn)
    try:
        cur = conn.cursor()
        cur.execute("CREATE TABLE p2k (k INTEGER PRIMARY KEY)")
        conn.commit()
        cur.execute("INSERT INTO p2k VALUES (1)")
        with pytest.raises(psycopg2.IntegrityError) as e:
            cur.execute("INSERT INTO p2k VALUES (1)")
        assert e.value.pgcode == "23505"
        conn.rollback()
        cur.execute("SELECT count(*) FROM p2k")
        assert cur.fetchone() == (0,)
    finally:
        conn.close()


def test_copy_expert_csv(dsn):
    conn = psycopg2.connect(dsn)
    try:
        cur = conn.cursor()
        cur.execute("CREATE TABLE p2c (id INTEGER, name VARCHAR)")
        data = "id,name\n" + "".join(f'{i},"a, ""quoted"" {i}"\n' for i in range(5000))
        cur.copy_expert("COPY p2c FROM STDIN WITH CSV HEADER", io.StringIO(data))
        conn.commit()
        out = io.StringIO()
        cur.copy_expert("COPY (SELECT id, name FROM p2c ORDER BY id) TO STDOUT WITH CSV HEADER", out)
        assert out.getvalue() == data
    finally:
        conn.close()


def test_programming_error_for_bad_sql(dsn):
    conn = psycopg2.connect(dsn)
    try:
        cur = conn.cursor()
        with pytest.raises(psycopg2.ProgrammingError) as e:
            cur.execute("SELECT * FROM nope")
        assert e.value.pgcode == "42P01"
    finally:
        conn.close()


def test_named_cursor_streams_in_batches(dsn):
    conn = psycopg2.connect(dsn)
    try:
        cur = conn.cursor(name="stream")
        cur.itersize = 2000
        cur.execute("SELECT i FROM range(12000) t(i) ORDER BY i")
        total = n = 0
        for (i,) in cur:
            total += i
            n += 1
        assert (n, total) == (12000, sum(range(12000)))
        cur.close()
        conn.commit()
    finally:
        conn.close()
