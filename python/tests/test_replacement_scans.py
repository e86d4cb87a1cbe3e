"""Python objects in the caller's scope queried in place by name, through the Arrow C stream."""

import numpy as np
import pyarrow as pa
import pytest

import tealdb

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")


def test_pandas_dataframe_in_locals(con):
    my_df = pd.DataFrame({"k": np.arange(10000) % 7, "v": np.arange(10000, dtype="float64"), "s": ["x"] * 10000})
    out = con.sql("SELECT k, count(*), sum(v) FROM my_df GROUP BY k ORDER BY k").fetchall()
    expected = my_df.groupby("k").agg(n=("v", "size"), s=("v", "sum")).reset_index()
    assert out == [(int(r.k), int(r.n), float(r.s)) for r in expected.itertuples()]


def test_module_level_sql_finds_locals():
    frame_df = pd.DataFrame({"a": [1, 2, 3]})
    assert tealdb.sql("SELECT sum(a) FROM frame_df").fetchall() == [(6,)]


def test_polars_arrow_numpy_and_c_stream(con):
    pol = pl.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]})
    lazy = pol.lazy()
    tbl = pa.table({"a": [4, 5]})
    reader = pa.RecordBatchReader.from_batches(tbl.schema, tbl.to_batches())
    arr = np.array([1.5, 2.5])
    arrays = {"x": np.array([1, 2]), "y": np.array([3, 4])}

    class Streamable:
        def __arrow_c_stream__(self, requested_schema=None):
            return tbl.__arrow_c_stream__(requested_schema)

    obj = Streamable()
    assert con.sql("SELECT sum(a) FROM pol").fetchall() == [(6,)]
    assert con.sql("SELECT string_agg(b, '') FROM lazy").fetchall() == [("xyz",)]
    assert con.sql("SELECT sum(a) FROM tbl").fetchall() == [(9,)]
    assert con.sql("SELECT sum(a) FROM reader").fetchall() == [(9,)]
    assert con.sql("SELECT sum(column0) FROM arr").fetchall() == [(4.0,)]
    assert con.sql("SELECT sum(x) + sum(y) FROM arrays").fetchall() == [(10,)]
    assert con.sql("SELECT count(*) FROM obj").fetchall() == [(2,)]


def test_table_in_catalog_wins(con):
    con.execute("CREATE TABLE shadow AS SELECT 1 AS a")
    shadow = pd.DataFrame({"a": [5, 6]})  # noqa: F841 - duckdb prefers the catalog's table
    assert con.sql("SELECT * FROM shadow").fetchall() == [(1,)]


def test_reassigned_variable_is_seen(con):
    d = pd.DataFrame({"a": [1]})
    assert con.execute("SELECT sum(a) FROM d").fetchall() == [(1,)]
    d = pd.DataFrame({"a": [10, 20]})
    assert con.execute("SELECT sum(a) FROM d").fetchall() == [(30,)]
    assert con.execute("SELECT sum(a) FROM d").fetchall() == [(30,)]  # queried again


def test_sliced_inputs_arrive_correctly(con):
    big = pd.DataFrame({"i": np.arange(10000), "s": [f"s{i}" for i in range(10000)]})
    sliced = big.iloc[2500:]
    assert con.sql("SELECT min(i), max(i), count(*), min(s) FROM sliced").fetchall() == [(2500, 9999, 7500, "s2500")]
    t = pa.table({"i": np.arange(10000)}).slice(777, 5000)
    assert con.sql("SELECT min(i), max(i), count(*) FROM t").fetchall() == [(777, 5776, 5000)]
    chunked = pa.Table.from_batches(pa.table({"i": np.arange(10000)}).to_batches(max_chunksize=999))
    assert con.sql("SELECT sum(i) FROM chunked").fetchall() == [(sum(range(10000)),)]


def test_unusable_object_names_its_type(con):
    not_a_table = 42  # noqa: F841
    with pytest.raises(tealdb.InvalidInputException, match="int"):
        con.sql("SELECT * FROM not_a_table")


def test_relation_keeps_its_scope(con):
    def make():
        inner = pd.DataFrame({"a": [1, 2, 3, 4]})
        return con.sql("SELECT sum(a) AS s FROM inner")

    rel = make()
    assert rel.fetchall() == [(10,)]
    assert rel.df()["s"].tolist() == [10]


def test_create_table_from_dataframe(con):
    src = pd.DataFrame({"a": range(3000), "b": ["q"] * 3000})
    con.execute("CREATE TABLE copy AS SELECT * FROM src")
    assert con.table("copy").aggregate("count(*), sum(a)").fetchall() == [(3000, sum(range(3000)))]
    con.append("copy", src.head(10))
    assert len(con.table("copy")) == 3010


def test_from_df_and_query_df(con):
    frame = pd.DataFrame({"a": [1, 2, 3]})
    assert con.from_df(frame).filter("a > 1").fetchall() == [(2,), (3,)]
    assert con.query_df(frame, "vt", "SELECT max(a) FROM vt").fetchall() == [(3,)]


def test_replacement_scan_inside_a_transaction(con):
    # the failed lookup that finds the DataFrame must not leave the transaction aborted
    con.execute("CREATE TABLE t AS SELECT 1 AS a")
    con.begin()
    con.execute("INSERT INTO t VALUES (2)")
    in_txn_df = pd.DataFrame({"a": [10, 20, 30]})
    con.execute("INSERT INTO t SELECT a FROM in_txn_df")
    con.commit()
    assert con.execute("SELECT sum(a), count(*) FROM t").fetchall() == [(63, 5)]
