"""The same calls on duckdb (the registry's package, test-only) and on tealdb: results, column types
and pandas dtypes must agree."""

import datetime as dt
import decimal

import numpy as np
import pyarrow as pa
import pytest

import tealdb

duckdb = pytest.importorskip("duckdb")
pd = pytest.importorskip("pandas")

SETUP = [
    "CREATE TABLE items AS SELECT range AS id, (range % 13)::INTEGER AS grp, (range % 5)::SMALLINT AS small, "
    "(range % 3)::TINYINT AS tiny, (range * 0.25)::DOUBLE AS price, (range % 100)::FLOAT AS f, "
    "CASE WHEN range % 7 = 0 THEN NULL ELSE 'name' || range END AS name, "
    "(range % 1000 / 8)::DECIMAL(10,3) AS amount, DATE '2020-01-01' + (range % 400)::INTEGER AS day, "
    "TIMESTAMP '2021-06-01 00:00:00' + to_seconds(range) AS ts, range % 2 = 0 AS flag, "
    "CASE WHEN range % 11 = 0 THEN NULL ELSE range END AS maybe, "
    "CASE WHEN range % 9 = 0 THEN NULL ELSE range % 4 = 0 END AS maybe_flag "
    "FROM range(10000)",
]

QUERIES = [
    "SELECT * FROM items ORDER BY id",
    "SELECT grp, count(*) AS n, sum(price) AS total, avg(f) AS af, min(name) AS mn, max(day) AS md FROM items GROUP BY grp ORDER BY grp",
    "SELECT grp, sum(amount) AS s FROM items GROUP BY grp ORDER BY grp",
    "SELECT name, length(name) AS len FROM items WHERE name IS NOT NULL ORDER BY id LIMIT 100",
    "SELECT small, tiny, count(maybe) AS c FROM items GROUP BY ALL ORDER BY ALL",
    "SELECT 1::TINYINT a, 2::SMALLINT b, 3::INTEGER c, 4::BIGINT d, NULL::INTEGER e, 1.5::FLOAT f, 2.5::DOUBLE g, "
    "'x' s, 1.25::DECIMAL(10,2) dec, 12345678901234567890123::HUGEINT h, DATE '2020-01-01' dt, TIME '01:02:03' tm, "
    "TIMESTAMP '2020-01-01 01:02:03.123456' ts, INTERVAL 3 DAY iv, true bo, NULL::BOOLEAN bon, 'ab'::BLOB bl",
    "SELECT id, ts, day FROM items WHERE id % 997 = 0 ORDER BY id",
]


@pytest.fixture(scope="module")
def pair():
    t = tealdb.connect()
    d = duckdb.connect()
    for s in SETUP:
        t.execute(s)
        d.execute(s)
    yield t, d
    t.close()
    d.close()


def _norm(v):
    if isinstance(v, float):
        return round(v, 6)
    return v


@pytest.mark.parametrize("query", QUERIES)
def test_fetchall_and_types(pair, query):
    t, d = pair
    got = t.execute(query).fetchall()
    want = d.execute(query).fetchall()
    assert [tuple(map(_norm, r)) for r in got] == [tuple(map(_norm, r)) for r in want]
    assert [c[0] for c in t.description] == [c[0] for c in d.description]
    assert [str(c[1]) for c in t.description] == [str(c[1]) for c in d.description]
    assert t.sql(query).types == [str(x) for x in d.sql(query).types]


@pytest.mark.parametrize("query", QUERIES)
def test_df_dtypes_and_values(pair, query):
    t, d = pair
    got = t.sql(query).df()
    want = d.sql(query).df()
    assert list(got.columns) == list(want.columns)
    assert {c: str(dtype) for c, dtype in got.dtypes.items()} == {c: str(dtype) for c, dtype in want.dtypes.items()}
    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-9)


@pytest.mark.parametrize("query", QUERIES[:3])
def test_fetchnumpy(pair, query):
    t, d = pair
    got = t.execute(query).fetchnumpy()
    want = d.execute(query).fetchnumpy()
    assert list(got) == list(want)
    for name in want:
        g, w = got[name], want[name]
        assert isinstance(g, np.ma.MaskedArray) == isinstance(w, np.ma.MaskedArray), name
        if isinstance(w, np.ma.MaskedArray):
            assert g.mask.tolist() == w.mask.tolist(), name
        assert g.dtype.kind == w.dtype.kind, name


PARAMS = [
    [None], [True], [7], [2**63 + 5], [-(2**100)], [1.5], ["text"], [b"\x00b"], [decimal.Decimal("123.4500")],
    [dt.date(2021, 3, 4)], [dt.time(1, 2, 3, 456)], [dt.datetime(2021, 3, 4, 5, 6, 7, 891)],
    [dt.timedelta(days=3, seconds=4, microseconds=5)], [np.float64(0.5)], [2**40], [-(2**31) - 1],
]


@pytest.mark.parametrize("params", PARAMS, ids=lambda p: type(p[0]).__name__)
def test_parameter_binding(pair, params):
    t, d = pair
    q = "SELECT ? AS v"
    assert t.execute(q, params).fetchall() == d.execute(q, params).fetchall()
    got_type, want_type = str(t.description[0][1]), str(d.description[0][1])
    if params[0] is not None and not (isinstance(params[0], int) and params[0] >= 2**63):  # UBIGINT: no unsigned types yet
        assert got_type == want_type


def test_dataframe_in_place_group_by(pair):
    t, d = pair
    frame = pd.DataFrame({"k": np.arange(50000) % 17, "v": np.arange(50000) * 0.5, "s": [f"s{i % 5}" for i in range(50000)]})
    q = "SELECT k, s, count(*) AS n, sum(v) AS total FROM frame GROUP BY k, s ORDER BY k, s"
    got = t.sql(q).df()
    want = d.sql(q).df()
    pd.testing.assert_frame_equal(got, want)


def test_relation_api_matches(pair):
    t, d = pair
    tr = t.table("items").filter("grp < 3").aggregate("grp, count(*) AS n, max(price) AS p", "grp").order("grp")
    dr = d.table("items").filter("grp < 3").aggregate("grp, count(*) AS n, max(price) AS p", "grp").order("grp")
    assert tr.fetchall() == dr.fetchall()
    assert tr.columns == dr.columns
    assert tr.shape == dr.shape
    assert [str(x) for x in tr.types] == [str(x) for x in dr.types]


def test_exception_classes_match():
    for name in ["Error", "DatabaseError", "ProgrammingError", "CatalogException", "ParserException", "BinderException",
                 "ConstraintException", "ConversionException", "InvalidInputException", "IOException",
                 "OutOfMemoryException", "InterruptException", "TransactionException", "NotImplementedException",
                 "OutOfRangeException", "InternalException"]:
        ours = getattr(tealdb, name)
        theirs = getattr(duckdb, name)
        assert [c.__name__ for c in ours.__mro__[:-2]] == [c.__name__ for c in theirs.__mro__[:-2]], name


@pytest.mark.parametrize("sql", ["SELECT * FROM nowhere", "SELEC 1", "SELECT nope", "SELECT 'x'::INTEGER"])
def test_same_exception_class(pair, sql):
    t, d = pair
    with pytest.raises(Exception) as mine:
        t.execute(sql)
    with pytest.raises(Exception) as theirs:
        d.execute(sql)
    assert type(mine.value).__name__ == type(theirs.value).__name__


def test_named_parameters_as_in_duckdb(pair):
    t, d = pair
    q = "SELECT $x + 1 AS a, $name AS b, $x * 2 AS c FROM range(5000) r(i) WHERE i < $x"
    params = {"x": 3000, "name": "teal"}
    assert t.execute(q, params).fetchall() == d.execute(q, params).fetchall()
    assert t.sql("SELECT $v AS v", params={"v": 5}).fetchall() == d.sql("SELECT $v AS v", params={"v": 5}).fetchall()
    # a missing value and an unused name are errors, as in duckdb
    for bad in ({"x": 1}, {"x": 1, "name": "n", "extra": 2}):
        with pytest.raises(tealdb.InvalidInputException):
            t.execute(q, bad)
        with pytest.raises(duckdb.InvalidInputException):
            d.execute(q, bad)
    with pytest.raises(tealdb.ParserException):
        t.execute("SELECT $a, ?", {"a": 1})


def test_nan_in_pandas_float_columns_is_null_as_in_duckdb(pair):
    # 30,000 rows: many 2,048-row morsels, NaN in both float widths, a nullable Float64 column and a
    # string column beside them; an Arrow table's NaN stays NaN (duckdb reads only pandas NaN as NULL)
    t, d = pair
    n = 30_000
    rng = np.random.default_rng(7)
    v = rng.random(n)
    v[::7] = np.nan
    f = rng.random(n).astype(np.float32)
    f[3::11] = np.nan
    frame = pd.DataFrame({
        "k": np.arange(n) % 17,
        "v": v,
        "f": f,
        "s": [None if i % 5 == 0 else f"s{i % 13}" for i in range(n)],
        "e": pd.array([None if i % 3 == 0 else i * 0.5 for i in range(n)], dtype="Float64"),
    })
    q = ("SELECT k, count(v) AS cv, count(f) AS cf, count(s) AS cs, count(e) AS ce, round(sum(v), 6) AS sv, "
         "round(sum(f), 2) AS sf, count(*) FILTER (WHERE isnan(v)) AS nans, typeof(any_value(f)) AS tf "
         "FROM frame GROUP BY k ORDER BY k")
    assert t.sql(q).fetchall() == d.sql(q).fetchall()
    tbl = pa.table({"x": pa.array([1.0, float("nan"), None])})
    q2 = "SELECT count(x), count(*) FILTER (WHERE isnan(x)) FROM tbl"
    assert t.sql(q2).fetchall() == d.sql(q2).fetchall() == [(2, 1)]


def test_large_result_to_arrow_in_batches(pair):
    # 2.5M rows leave the engine as record batches of at most a million rows, as duckdb's
    # fetch_arrow_table does; the values and the Arrow schema match duckdb's
    t, d = pair
    q = "SELECT range AS i, range / 2 AS d, CASE WHEN range % 3 = 0 THEN NULL ELSE 'v' || range END AS s FROM range(2500000)"
    got = t.sql(q).to_arrow_table()
    want = d.sql(q).to_arrow_table()
    assert got.num_rows == 2_500_000
    assert max(len(b) for b in got.to_batches()) <= 1_000_000
    assert got.schema == want.schema
    assert got.equals(want)
    frame = t.sql(q).df()
    assert len(frame) == 2_500_000 and frame["s"].isna().sum() == 833_334


def test_enums_leave_as_arrow_dictionaries_as_in_duckdb(pair):
    # duckdb exports an ENUM as dictionary<string, uint8|uint16> over its labels; pandas gets an
    # ordered Categorical, polars a Categorical; 5,000 rows cross several engine chunks
    t, d = pair
    many = ", ".join(f"'l{i}'" for i in range(300))
    q = ("SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE (['sad', 'o''k', 'happy'])[i % 3 + 1]::ENUM('sad', 'o''k', 'happy') END AS m, "
         f"('l' || (i % 300))::ENUM({many}) AS wide FROM range(5000) t(i) ORDER BY i")
    got, want = t.sql(q).to_arrow_table(), d.sql(q).to_arrow_table()
    assert [f.type for f in got.schema] == [f.type for f in want.schema]
    assert str(got.schema.field("wide").type) == "dictionary<values=string, indices=uint16, ordered=0>"
    assert got.column("m").to_pylist() == want.column("m").to_pylist()
    assert got.column("wide").to_pylist() == want.column("wide").to_pylist()
    streamed = t.sql(q).arrow()
    streamed = streamed.read_all() if hasattr(streamed, "read_all") else streamed
    assert streamed.schema.field("m").type == want.schema.field("m").type
    assert streamed.column("m").to_pylist() == want.column("m").to_pylist()
    gdf, wdf = t.sql(q).df(), d.sql(q).df()
    assert gdf["m"].dtype == wdf["m"].dtype and list(gdf["m"].cat.categories) == ["sad", "o'k", "happy"]
    assert gdf["m"].isna().sum() == wdf["m"].isna().sum() == 715
    assert (gdf["m"].astype(object).fillna("-") == wdf["m"].astype(object).fillna("-")).all()
    assert t.sql(q).pl().schema == d.sql(q).pl().schema


def test_enums_inside_lists_and_structs_leave_as_arrow_dictionaries_as_in_duckdb(pair):
    # duckdb dictionary-encodes an ENUM at any depth: list<dictionary<string, uint8>>, a struct's
    # dictionary field; fetchall gives the labels as duckdb's does, df() a struct's too
    t, d = pair
    e = "(['sad', 'ok', 'happy'])[i % 3 + 1]::ENUM('sad', 'ok', 'happy')"
    q = (f"SELECT i, CASE WHEN i % 9 = 0 THEN NULL ELSE [{e}, NULL] END AS l, {{'x': {e}, 'n': i}} AS s "
         "FROM range(5000) t(i) ORDER BY i")
    got, want = t.sql(q).to_arrow_table(), d.sql(q).to_arrow_table()
    assert [f.type for f in got.schema] == [f.type for f in want.schema]
    assert str(got.schema.field("l").type) == "list<l: dictionary<values=string, indices=uint8, ordered=0>>"
    assert got.column("l").to_pylist() == want.column("l").to_pylist()
    assert got.column("s").to_pylist() == want.column("s").to_pylist()
    streamed = t.sql(q).arrow()
    streamed = streamed.read_all() if hasattr(streamed, "read_all") else streamed
    assert [f.type for f in streamed.schema] == [f.type for f in want.schema]
    assert streamed.column("l").to_pylist() == want.column("l").to_pylist()
    assert t.sql(q).fetchall() == d.sql(q).fetchall()
    # df() of a LIST of ENUM: each list an array of the codes (pandas Categorical codes: int8 here,
    # -1 for a NULL element), NULL lists <NA>
    gdf, wdf = t.sql(q).df(), d.sql(q).df()
    assert list(gdf["s"]) == list(wdf["s"])
    assert gdf["l"].dtype == wdf["l"].dtype
    for g, w in zip(gdf["l"], wdf["l"]):
        if w is pd.NA:
            assert g is pd.NA
        else:
            assert g.dtype == w.dtype == np.int8 and g.tolist() == w.tolist()


@pytest.mark.parametrize("labels", [127, 128, 40000])
def test_df_of_a_list_of_enum_gives_codes_of_pandas_width_as_in_duckdb(pair, labels):
    # the codes' integer type follows the number of labels as pandas Categorical codes do
    t, d = pair
    body = ", ".join(f"'v{i}'" for i in range(labels))
    q = f"SELECT ['v' || (i % {labels}), NULL]::ENUM({body})[] AS l FROM range(3000) t(i)"
    got, want = t.sql(q).df()["l"], d.sql(q).df()["l"]
    assert len(got) == len(want) == 3000
    for g, w in zip(got, want):
        assert g.dtype == w.dtype and g.tolist() == w.tolist()


def test_bit_leaves_as_duckdbs_binary_and_fetches_as_text(pair):
    # duckdb sends BIT to Arrow as binary in its storage form (padding count, packed bits); fetchall
    # gives the '0'/'1' text; 5,000 rows of 1 to 40 bits, NULLs, and BIT in a list
    t, d = pair
    q = ("SELECT i, CASE WHEN i % 13 = 0 THEN NULL ELSE substr(bin(i * 2654435761), 1, (i % 40 + 1)::INTEGER)::BIT END AS b, "
         "[CASE WHEN i % 3 = 0 THEN '1'::BIT ELSE '0110'::BIT END] AS l FROM range(5000) t(i) ORDER BY i")
    got, want = t.sql(q).to_arrow_table(), d.sql(q).to_arrow_table()
    assert [f.type for f in got.schema] == [f.type for f in want.schema]
    assert got.column("b").to_pylist() == want.column("b").to_pylist()
    assert got.column("l").to_pylist() == want.column("l").to_pylist()
    assert t.sql(q).fetchall() == d.sql(q).fetchall()
    # df() gives the stored bytes (NULL as <NA>), in lists too
    gdf, wdf = t.sql(q).df(), d.sql(q).df()
    assert list(gdf.dtypes) == list(wdf.dtypes)
    assert [v if v is pd.NA else bytes(v) for v in gdf["b"]] == [v if v is pd.NA else bytes(v) for v in wdf["b"]]
    assert all(type(g) is type(w) for g, w in zip(gdf["b"], wdf["b"]))
    assert [list(v) for v in gdf["l"]] == [list(v) for v in wdf["l"]]


TEMPORAL_EDGES = (
    "SELECT i, CASE i % 5 WHEN 0 THEN 'infinity'::{t} WHEN 1 THEN '-infinity'::{t} WHEN 2 THEN NULL "
    "ELSE {base}::{t} + INTERVAL (i) SECOND END AS v FROM range(6000) t(i) ORDER BY i"
)


@pytest.mark.parametrize("sql_type", ["TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMPTZ"])
def test_timestamp_infinities_and_units_as_in_duckdb(pair, sql_type):
    # 6,000 rows (three 2,048-row chunks): ±infinity are datetime.max/min in fetchall, TIMESTAMP_NS
    # a datetime, and df()/fetchnumpy give each type's datetime64 unit
    t, d = pair
    q = TEMPORAL_EDGES.format(t=sql_type, base="TIMESTAMP '2021-03-04 05:06:07.123456789'")
    assert t.execute(q).fetchall() == d.execute(q).fetchall()
    if sql_type != "TIMESTAMPTZ":
        got, want = t.sql(q).df(), d.sql(q).df()
        assert str(got["v"].dtype) == str(want["v"].dtype)
        assert got["v"].isna().tolist() == want["v"].isna().tolist()
    finite = q.replace("WHEN 0 THEN 'infinity'", "WHEN 0 THEN NULL").replace("WHEN 1 THEN '-infinity'", "WHEN 1 THEN NULL")
    got, want = t.sql(finite).fetchnumpy()["v"], d.sql(finite).fetchnumpy()["v"]
    assert got.dtype == want.dtype
    assert got.mask.tolist() == want.mask.tolist()
    assert (got.data[~got.mask] == want.data[~want.mask]).all()


def test_date_infinities_as_in_duckdb(pair):
    t, d = pair
    q = TEMPORAL_EDGES.format(t="DATE", base="DATE '2021-03-04'").replace("INTERVAL (i) SECOND", "(i // 10)::INTEGER")
    assert t.execute(q).fetchall() == d.execute(q).fetchall()
    for method in ("df", "fetchnumpy"):
        with pytest.raises(tealdb.ConversionException, match=r"Could not convert DATE \(infinity\) to microseconds"):
            getattr(t.sql(q), method)()
        with pytest.raises(duckdb.ConversionException, match=r"Could not convert DATE \(infinity\) to microseconds"):
            getattr(d.sql(q), method)()


NESTED_COLUMNS = (
    "SELECT i, CASE WHEN i % 5 = 0 THEN NULL ELSE [i, CASE WHEN i % 3 = 0 THEN NULL ELSE i + 1 END] END AS ints, "
    "[i::VARCHAR, NULL] AS strs, CASE WHEN i % 4 = 0 THEN NULL ELSE [[i], NULL, []] END AS nested, "
    "[i * 1.5, NULL]::DOUBLE[2] AS arr, [{'x': i}, NULL] AS structs, [DATE '2020-01-01' + i::INTEGER, NULL] AS dates, "
    "[INTERVAL (i) DAY] AS ivs, [('b' || i)::BLOB, NULL] AS blobs, "
    "CASE WHEN i % 6 = 0 THEN NULL ELSE (['x', 'y', 'z'])[i % 3 + 1]::ENUM('x', 'y', 'z') END AS e, "
    "CASE WHEN i % 7 = 0 THEN NULL ELSE ('b' || i)::BLOB END AS bl, "
    "CASE WHEN i % 8 = 0 THEN NULL ELSE to_days(i::INTEGER) END AS iv "
    "FROM range(5000) t(i) ORDER BY i"
)


def _same(g, w, where):
    """Recursively equal as duckdb builds them: the same container classes, dtypes, masks and values."""
    assert type(g).__name__ == type(w).__name__, (where, g, w)
    if isinstance(w, np.ndarray):
        assert g.dtype == w.dtype, (where, g.dtype, w.dtype)
        assert len(g) == len(w), where
        gm = np.ma.getmaskarray(g) if isinstance(w, np.ma.MaskedArray) else np.zeros(len(g), bool)
        wm = np.ma.getmaskarray(w) if isinstance(w, np.ma.MaskedArray) else np.zeros(len(w), bool)
        assert gm.tolist() == wm.tolist(), where
        for k in range(len(w)):
            if not wm[k]:
                _same(np.ma.getdata(g)[k], np.ma.getdata(w)[k], f"{where}[{k}]")
    elif w is pd.NA or (isinstance(w, float) and np.isnan(w)):
        assert g is w or (isinstance(g, float) and np.isnan(g)), (where, g, w)
    else:
        assert g == w, (where, g, w)


def test_lists_enums_blobs_and_intervals_in_numpy_and_pandas_as_in_duckdb(pair):
    t, d = pair
    got, want = t.sql(NESTED_COLUMNS).fetchnumpy(), d.sql(NESTED_COLUMNS).fetchnumpy()
    assert list(got) == list(want)
    for name in want:
        _same(got[name], want[name], f"fetchnumpy {name}")
    got, want = t.sql(NESTED_COLUMNS).df(), d.sql(NESTED_COLUMNS).df()
    assert {c: str(x) for c, x in got.dtypes.items()} == {c: str(x) for c, x in want.dtypes.items()}
    assert list(got["e"].cat.categories) == list(want["e"].cat.categories)
    for name in want.columns:
        if str(want[name].dtype) == "object":
            for k, (g, w) in enumerate(zip(got[name].tolist(), want[name].tolist())):
                _same(g, w, f"df {name}[{k}]")
        else:
            pd.testing.assert_series_equal(got[name], want[name])
    assert t.sql("SELECT [1, 2]::INTEGER[2] AS a").to_arrow_table().schema == d.sql("SELECT [1, 2]::INTEGER[2] AS a").to_arrow_table().schema
