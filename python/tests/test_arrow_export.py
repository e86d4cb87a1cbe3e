"""Results leaving the engine as Arrow: a stored table's rows are handed over by the scan instead of
being copied once more before the Arrow write (ARCHITECTURE.md, "Results to Arrow"), so the values
must be exactly duckdb's, over many 2,048-row chunks, and a batch already handed to Python must stay
intact while the query goes on; TIME WITH TIME ZONE leaves as duckdb's does, with and without
arrow_lossless_conversion."""

import pyarrow as pa
import pytest

import tealdb

duckdb = pytest.importorskip("duckdb")

ROWS = 50_000  # ~25 chunks of 2,048 rows

WIDE = (
    "CREATE TABLE wide AS SELECT range AS i, (range % 1000)::INTEGER AS k, range * 0.5 AS dbl, "
    "CASE WHEN range % 7 = 0 THEN NULL ELSE 'value' || range END AS s, "
    "(range % 100000 / 8)::DECIMAL(12,3) AS dec, (range::HUGEINT * 1000000000000)::DECIMAL(38,4) AS wide_dec, "
    "TIMESTAMP '2020-01-01' + to_seconds(range) AS ts, DATE '2000-01-01' + (range % 9000)::INTEGER AS day, "
    "CASE WHEN range % 11 = 0 THEN NULL ELSE [range, range + 1, NULL] END AS l, "
    "{'a': range % 3, 'b': CASE WHEN range % 5 = 0 THEN NULL ELSE 'x' || (range % 13) END} AS st, "
    "range % 2 = 0 AS flag, ('\\x' || lpad(to_hex(range % 256), 2, '0'))::BLOB AS bl "
    f"FROM range({ROWS})"
)


@pytest.fixture(scope="module")
def pair():
    t = tealdb.connect()
    d = duckdb.connect()
    t.execute(WIDE)
    d.execute(WIDE)
    yield t, d
    t.close()
    d.close()


def test_table_to_arrow_is_duckdbs_over_many_chunks(pair):
    t, d = pair
    want = d.table("wide").to_arrow_table()
    for got in (t.table("wide").to_arrow_table(), t.table("wide").arrow().read_all(), t.sql("SELECT * FROM wide").fetch_arrow_table()):
        assert got.num_rows == ROWS
        assert got.schema == want.schema
        assert got.equals(want)
    flat = "SELECT i, k, dbl, s, dec, ts, day, flag FROM wide"
    assert t.sql(flat).df().equals(d.sql(flat).df())
    assert t.sql("SELECT i, s, l, st FROM wide WHERE i % 3 <> 1").arrow().read_all().equals(
        d.sql("SELECT i, s, l, st FROM wide WHERE i % 3 <> 1").arrow().read_all())


def test_batches_handed_to_python_stay_intact_while_the_query_goes_on(pair):
    # the scan refills its vectors for every chunk: a batch already taken must not see later rows
    t, d = pair
    want = d.table("wide").to_arrow_table()
    reader = t.table("wide").fetch_record_batch(3000)
    first, second = reader.read_next_batch(), reader.read_next_batch()
    rest = reader.read_all()  # the query runs on through all remaining chunks
    assert rest.num_rows == ROWS - 6000
    assert pa.Table.from_batches([first, second]).equals(want.slice(0, 6000))
    assert rest.equals(want.slice(6000))
    held = [b for b in t.table("wide").fetch_record_batch(2048)]
    assert pa.Table.from_batches(held).equals(want)


TIMETZ = (
    "SELECT '12:00:00+05'::TIMETZ AS t, '23:30:00.123456-03:30'::TIMETZ AS u, NULL::TIMETZ AS n, "
    "['01:02:03-01'::TIMETZ, NULL] AS l, {'a': '00:00:00+15:59:59'::TIMETZ} AS s"
)


@pytest.mark.parametrize("lossless", [False, True])
def test_timetz_to_arrow_as_duckdb(lossless):
    t, d = tealdb.connect(), duckdb.connect()
    try:
        for c in (t, d):
            c.execute(f"SET arrow_lossless_conversion = {str(lossless).lower()}")
        got, want = t.sql(TIMETZ).arrow().read_all(), d.sql(TIMETZ).arrow().read_all()
        assert got.schema == want.schema
        assert got.equals(want)
        assert (got.schema.field("t").type == pa.time64("us")) is not lossless
        assert t.sql(TIMETZ).to_arrow_table().equals(want)
        if lossless:
            # both read the opaque time_tz back as TIME WITH TIME ZONE, offset included
            back = want  # noqa: F841 - found by name in the caller's frame
            q = "SELECT typeof(t), t::VARCHAR, u::VARCHAR FROM back"
            assert t.sql(q).fetchall() == d.sql(q).fetchall() == [("TIME WITH TIME ZONE", "12:00:00+05", "23:30:00.123456-03:30")]
    finally:
        t.close()
        d.close()
