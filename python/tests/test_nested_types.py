"""LIST/ARRAY/STRUCT/MAP, UUID, TIMESTAMPTZ and unsigned values between Python and the engine (over
the Arrow C stream), compared with duckdb: results, and Python parameters (lists, dicts, uuid.UUID,
aware datetimes) binding as duckdb binds them."""

import datetime as dt
import uuid

import pytest

import tealdb

duckdb = pytest.importorskip("duckdb")

ZONE = "Europe/Berlin"

QUERY = (
    "SELECT i, CASE WHEN i % 9 = 0 THEN NULL ELSE [i, NULL, i * 2] END AS li, "
    "CASE WHEN i % 7 = 0 THEN NULL ELSE {'a': i, 'b': 'v' || i, 'c': [i % 3, NULL]} END AS st, "
    "CASE WHEN i % 6 = 0 THEN NULL ELSE MAP {'k' || (i % 10): i, 'z': CASE WHEN i % 4 = 0 THEN NULL ELSE -i END} END AS m, "
    "[{'u': md5(i::VARCHAR)::UUID, 'm': MAP {i: [i]}}] AS deep, "
    "[i, i + 1, NULL]::BIGINT[3] AS arr, "
    "CASE WHEN i % 10 = 0 THEN NULL ELSE md5(i::VARCHAR)::UUID END AS u, "
    "TIMESTAMPTZ '2021-03-28 00:30:00+00' + INTERVAL (i * 37) MINUTE AS tz, "
    "(i % 250)::UTINYINT AS ut, (i::UBIGINT * 1000000000000000) AS ub, "
    "(i::HUGEINT * 100000000000000000000) AS h "
    "FROM range(5000) t(i) ORDER BY i"
)


@pytest.fixture(scope="module")
def pair():
    t = tealdb.connect()
    d = duckdb.connect()
    for c in (t, d):
        c.execute(f"SET TimeZone = '{ZONE}'")
    yield t, d
    t.close()
    d.close()


def test_nested_uuid_timestamptz_results_match_duckdb(pair):
    t, d = pair
    got = t.execute(QUERY).fetchall()
    want = d.execute(QUERY).fetchall()
    assert len(got) == 5000
    assert got == want


def test_nested_column_types_match_duckdb(pair):
    t, d = pair
    got = [c[1] for c in t.execute(QUERY).description]
    res = d.execute(QUERY)
    want = [str(c[1]) for c in res.description]
    res.fetchall()
    assert [str(g) for g in got] == want


def test_arrow_table_of_nested_types_reads_in_pyarrow_and_polars(pair):
    pl = pytest.importorskip("polars")
    t, d = pair
    tbl = pa_table(t.sql(QUERY).arrow())
    dt_ = pa_table(d.sql(QUERY).arrow())
    assert tbl.schema.field("tz").type == dt_.schema.field("tz").type
    assert tbl.column("li").to_pylist() == dt_.column("li").to_pylist()
    assert tbl.column("m").to_pylist() == dt_.column("m").to_pylist()
    frame = t.sql(QUERY).pl()
    assert frame.height == 5000
    assert frame["st"].struct.field("a").to_list() == [None if i % 7 == 0 else i for i in range(5000)]


def pa_table(x):
    # arrow() gives a RecordBatchReader in duckdb 2.0 (and in tealdb, which follows it)
    return x.read_all() if hasattr(x, "read_all") else x


PARAMS = [
    [1, 2, 3],
    [12345, "test"],
    [[1, 2], [3]],
    {"a": 1, "b": "x"},
    {"key": ["a", "b"], "value": [1, 2]},
    {"o": {"n": [1.5, None]}},
    uuid.UUID(int=5),
    dt.datetime(2020, 1, 1, 12, 30, tzinfo=dt.timezone.utc),
    dt.datetime(2020, 7, 1, 12, 30, 5, 123456, tzinfo=dt.timezone(dt.timedelta(hours=-3))),
]


@pytest.mark.parametrize("value", PARAMS, ids=[repr(p)[:40] for p in PARAMS])
def test_python_parameters_bind_as_in_duckdb(pair, value):
    t, d = pair
    sql = "SELECT ? AS v, typeof(?) AS t"
    assert t.execute(sql, [value, value]).fetchall() == d.execute(sql, [value, value]).fetchall()


def test_parameters_round_trip_through_a_table(pair):
    t, _ = pair
    t.execute("CREATE TABLE p (l INTEGER[], s STRUCT(a INTEGER, b VARCHAR), u UUID, tz TIMESTAMPTZ)")
    rows = [([i, None], {"a": i, "b": str(i)}, uuid.UUID(int=i), dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(hours=i))
            for i in range(300)]
    t.executemany("INSERT INTO p VALUES (?, ?, ?, ?)", rows)
    back = t.execute("SELECT l, s, u, tz FROM p ORDER BY u").fetchall()
    assert [(r[0], r[1], r[2], r[3]) for r in back] == [(r[0], r[1], r[2], r[3]) for r in rows]
    t.execute("DROP TABLE p")
