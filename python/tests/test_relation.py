"""Lazy relations: composition, metadata, results, writing, tables and views."""

import pyarrow as pa
import pytest

import tealdb


@pytest.fixture
def rel(con):
    con.execute("CREATE TABLE t AS SELECT range AS i, range % 3 AS g, 'n' || range AS s FROM range(5000)")
    return con.table("t")


def test_metadata(rel):
    assert rel.columns == ["i", "g", "s"]
    assert rel.types == ["BIGINT", "BIGINT", "VARCHAR"]
    assert rel.dtypes == rel.types
    assert rel.shape == (5000, 3)
    assert len(rel) == 5000
    assert rel.alias == "t"
    assert rel.set_alias("x").alias == "x"


def test_lazy_composition(rel):
    out = rel.filter("i < 100").project("i, i * 2 AS twice").order("i DESC").limit(3, 1)
    assert out.fetchall() == [(98, 196), (97, 194), (96, 192)]
    assert rel.select("g").distinct().order("g").fetchall() == [(0,), (1,), (2,)]
    assert rel.aggregate("g, count(*) AS n", "g").order("g").fetchall() == [(0, 1667), (1, 1667), (2, 1666)]
    assert rel.sum("i").fetchall() == [(sum(range(5000)),)]
    assert rel.count("i").fetchall() == [(5000,)]
    assert rel.min("i").fetchall() == [(0,)] and rel.max("i").fetchall() == [(4999,)]
    assert rel.avg("i").fetchall() == [(2499.5,)]
    assert rel.value_counts("g").order("g").fetchall() == [(0, 1667), (1, 1667), (2, 1666)]
    assert rel["s"].limit(1).fetchall() == [("n0",)]
    assert rel.g.limit(1).fetchall() == [(0,)]


def test_set_operations_and_joins(con, rel):
    a = rel.filter("i < 10")
    b = rel.filter("i >= 5 AND i < 15")
    assert sorted(a.union(b).fetchall()) == sorted(a.fetchall() + b.fetchall())
    assert sorted(r[0] for r in a.except_(b).fetchall()) == [0, 1, 2, 3, 4]
    assert sorted(r[0] for r in a.intersect(b).fetchall()) == [5, 6, 7, 8, 9]
    left = con.sql("SELECT range AS k, range * 10 AS v FROM range(5)").set_alias("l")
    right = con.sql("SELECT range AS k, range * 100 AS w FROM range(3, 8)").set_alias("r")
    assert sorted(left.join(right, "k").fetchall()) == [(3, 30, 300), (4, 40, 400)]
    assert len(left.join(right, "l.k = r.k", how="left").fetchall()) == 5
    assert len(left.cross(right).fetchall()) == 25


def test_results(rel):
    small = rel.filter("i < 3").order("i")
    assert small.fetchone() == (0, 0, "n0")
    assert small.fetchmany(2) == [(1, 1, "n1"), (2, 2, "n2")]
    assert small.df()["i"].tolist() == [0, 1, 2]
    assert small.pl()["s"].to_list() == ["n0", "n1", "n2"]
    assert isinstance(small.arrow(), pa.RecordBatchReader)
    assert small.to_arrow_table().num_rows == 3
    assert pa.table(small).num_rows == 3  # __arrow_c_stream__
    pl = pytest.importorskip("polars")
    assert pl.DataFrame(small).height == 3
    assert small.fetchnumpy()["i"].tolist() == [0, 1, 2]


def test_show_and_repr(rel, capsys):
    r = rel.filter("i = 1")
    text = repr(r)
    assert "│" in text and "varchar" in text and "n1" in text
    r.show()
    assert "n1" in capsys.readouterr().out


def test_tables_views_insert(con, rel):
    rel.filter("i < 10").to_table("t10")
    assert con.table("t10").count("*").fetchall() == [(10,)]
    rel.filter("i < 5").insert_into("t10")
    assert con.execute("SELECT count(*) FROM t10").fetchall() == [(15,)]
    rel.filter("g = 0").to_view("v0")
    assert con.execute("SELECT count(*) FROM v0").fetchall() == [(1667,)]
    con.table("t10").insert([100, 1, "x"])
    assert con.execute("SELECT s FROM t10 WHERE i = 100").fetchall() == [("x",)]
    q = rel.query("tv", "SELECT max(i) FROM tv")
    assert q.fetchall() == [(4999,)]


def test_write_csv(con, rel, tmp_path):
    path = tmp_path / "out.csv"
    rel.filter("i < 100").write_csv(str(path))
    back = con.read_csv(str(path))
    assert back.aggregate("count(*), sum(i)").fetchall() == [(100, sum(range(100)))]


def test_describe(rel):
    d = {row[0]: row for row in rel.describe().fetchall()}
    assert float(d["count"][1]) == 5000.0
    assert d["max"][1] == "4999"


def test_relation_errors_are_typed(con):
    with pytest.raises(tealdb.BinderException):
        con.sql("SELECT 1 AS a").filter("nope > 1").fetchall()
    with pytest.raises(tealdb.CatalogException):
        con.sql("SELECT * FROM no_such_thing")


def test_arrow_reader_streams_batches_while_the_query_runs(con):
    import pyarrow as pa

    reader = con.sql("SELECT i, i::VARCHAR AS s FROM range(2500000) t(i)").to_arrow_reader(1_000_000)
    assert isinstance(reader, pa.RecordBatchReader)
    assert reader.schema.names == ["i", "s"]
    sizes = [b.num_rows for b in reader]
    assert sizes == [1_000_000, 1_000_000, 500_000]
    # a result far too large to materialize: the first batch comes at once, closing stops the query
    huge = con.sql("SELECT i FROM range(10000000000) t(i)").fetch_record_batch(1000)
    first = huge.read_next_batch()
    assert first.num_rows == 1000 and first.column(0).to_pylist()[:3] == [0, 1, 2]
    huge.close()
    # no rows: the schema still comes through
    empty = con.sql("SELECT i FROM range(10) t(i) WHERE i > 100").to_arrow_reader()
    assert empty.schema.names == ["i"] and empty.read_all().num_rows == 0
    # an error in a later batch surfaces with its engine type, and the connection stays usable
    failing = con.sql("SELECT CASE WHEN i = 1500000 THEN error('boom') ELSE i END AS v FROM range(2000000) t(i)")
    with pytest.raises(tealdb.InvalidInputException, match="boom"):
        failing.to_arrow_reader(100_000).read_all()
    assert con.sql("SELECT 42").fetchall() == [(42,)]


def test_write_parquet_and_csv_take_duckdbs_keywords(con, tmp_path):
    import os

    rel = con.sql("SELECT range AS i, range % 3 AS p, 'v' || range AS s FROM range(5000)")
    parts = tmp_path / "parts"
    rel.write_parquet(str(parts), partition_by=["p"], compression="zstd", row_group_size=1000)
    assert sorted(os.listdir(parts)) == ["p=0", "p=1", "p=2"]
    back = con.read_parquet(str(parts / "*" / "*.parquet"), hive_partitioning=True)
    assert back.aggregate("count(*), sum(i), count(DISTINCT p)").fetchall() == [(5000, sum(range(5000)), 3)]
    with pytest.raises(tealdb.IOException):
        rel.write_parquet(str(parts), partition_by=["p"])
    rel.write_parquet(str(parts), partition_by="p", overwrite=True, write_partition_columns=True)
    kept = parts / "p=1" / "data_0.parquet"
    assert con.sql(f"SELECT name FROM parquet_schema('{kept}') WHERE name <> 'duckdb_schema' ORDER BY name").fetchall() == [
        ("i",), ("p",), ("s",)]

    ids = tmp_path / "ids.parquet"
    rel.write_parquet(str(ids), field_ids={"i": 7, "s": 9})
    assert con.sql(f"SELECT name, field_id FROM parquet_schema('{ids}') WHERE name IN ('i', 'p', 's') ORDER BY name").fetchall() == [
        ("i", 7), ("p", None), ("s", 9)]
    rel.write_parquet(str(ids), field_ids="auto")
    assert con.sql(f"SELECT field_id FROM parquet_schema('{ids}') WHERE name = 's'").fetchall() == [(2,)]

    threads = tmp_path / "threads"
    rel.write_csv(str(threads), per_thread_output=True, sep="|", header=True)
    files = sorted(os.listdir(threads))
    assert files[0] == "data_0.csv"
    assert con.read_csv(str(threads / "*.csv"), sep="|").aggregate("count(*)").fetchall() == [(5000,)]

    csv_parts = tmp_path / "csv_parts"
    rel.write_csv(str(csv_parts), partition_by=["p"], na_rep="NA")
    assert sorted(os.listdir(csv_parts)) == ["p=0", "p=1", "p=2"]
    with pytest.raises(TypeError):
        rel.write_parquet(str(ids), bogus=1)
