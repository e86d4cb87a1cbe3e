"""Connection and module-level API: statements, parameters, fetch methods, errors, transactions."""

import datetime as dt
import decimal
import uuid

import numpy as np
import pyarrow as pa
import pytest

import tealdb


def test_module_sql_and_default_connection():
    assert tealdb.sql("SELECT 42").fetchall() == [(42,)]
    assert tealdb.query("SELECT 1 + 1").fetchone() == (2,)
    assert tealdb.default_connection() is tealdb.default_connection()
    tealdb.execute("CREATE OR REPLACE TABLE mod_t AS SELECT range AS i FROM range(5)")
    assert tealdb.table("mod_t").fetchall() == [(i,) for i in range(5)]
    assert tealdb.execute("SELECT sum(i) FROM mod_t").fetchall() == [(10,)]


def test_dbapi_attributes():
    assert tealdb.apilevel == "2.0"
    assert tealdb.threadsafety == 1
    assert tealdb.paramstyle == "qmark"


def test_execute_fetch_methods(con):
    con.execute("CREATE TABLE t AS SELECT range AS i, 'v' || range AS s FROM range(10000)")
    con.execute("SELECT i, s FROM t ORDER BY i")
    assert con.fetchone() == (0, "v0")
    assert con.fetchmany(2) == [(1, "v1"), (2, "v2")]
    rest = con.fetchall()
    assert len(rest) == 9997 and rest[-1] == (9999, "v9999")
    assert con.fetchone() is None
    assert con.description == [("i", "BIGINT", None, None, None, None, None), ("s", "VARCHAR", None, None, None, None, None)]
    assert con.rowcount == -1


def test_dml_rowcount_and_count_row(con):
    con.execute("CREATE TABLE t (i INTEGER)")
    assert con.execute("INSERT INTO t VALUES (1), (2), (3)").fetchall() == [(3,)]
    assert con.rowcount == 3
    assert con.execute("DELETE FROM t WHERE i > 1").rowcount == 2


def test_executemany_batched(con):
    con.execute("CREATE TABLE t (i BIGINT, s VARCHAR, d DOUBLE, b BOOLEAN, ts TIMESTAMP)")
    rows = [(i, f"s{i}", i / 4, i % 2 == 0, dt.datetime(2020, 1, 1) + dt.timedelta(seconds=i)) for i in range(10000)]
    rows[5] = (None, None, None, None, None)
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?)", rows)
    assert con.rowcount == 10000
    assert con.execute("SELECT * FROM t ORDER BY i NULLS FIRST").fetchall() == [rows[5]] + rows[:5] + rows[6:]


def test_executemany_mixed_types_and_update(con):
    con.execute("CREATE TABLE t (k INTEGER, v VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?)", [(1, "a"), (2, 5), (3, decimal.Decimal("1.5"))])
    assert con.execute("SELECT * FROM t ORDER BY k").fetchall() == [(1, "a"), (2, "5"), (3, "1.5")]
    con.executemany("UPDATE t SET v = ? WHERE k = ?", [("x", 1), ("y", 2)])
    assert con.execute("SELECT v FROM t ORDER BY k").fetchall() == [("x",), ("y",), ("1.5",)]


def test_parameter_conversions(con):
    values = [
        (None, None, '"NULL"'),
        (True, True, "BOOLEAN"),
        (7, 7, "INTEGER"),
        (2**40, 2**40, "BIGINT"),
        (2**63 + 5, 2**63 + 5, "UBIGINT"),
        (-(2**100), -(2**100), "HUGEINT"),
        (1.5, 1.5, "DOUBLE"),
        ("héllo", "héllo", "VARCHAR"),
        (b"\x00\x01", b"\x00\x01", "BLOB"),
        (bytearray(b"ab"), b"ab", "BLOB"),
        (memoryview(b"cd"), b"cd", "BLOB"),
        (decimal.Decimal("123.4500"), decimal.Decimal("123.4500"), "DECIMAL(7,4)"),
        (dt.date(2021, 3, 4), dt.date(2021, 3, 4), "DATE"),
        (dt.time(1, 2, 3, 456), dt.time(1, 2, 3, 456), "TIME"),
        (dt.datetime(2021, 3, 4, 5, 6, 7, 891), dt.datetime(2021, 3, 4, 5, 6, 7, 891), "TIMESTAMP"),
        (dt.timedelta(days=3, seconds=4, microseconds=5), dt.timedelta(days=3, seconds=4, microseconds=5), "INTERVAL"),
        (np.int32(5), 5, "INTEGER"),
        (np.float32(0.5), 0.5, "DOUBLE"),
        (np.bool_(True), True, "BOOLEAN"),
        (np.datetime64("2020-01-02T03:04:05"), dt.datetime(2020, 1, 2, 3, 4, 5), "TIMESTAMP"),
    ]
    for value, back, sql_type in values:
        con.execute("SELECT ? AS v", [value])
        assert con.fetchall() == [(back,)], value
        if sql_type != '"NULL"':
            assert con.description[0][1] == sql_type, value


def test_big_int_beyond_hugeint_is_double(con):
    assert con.execute("SELECT ?", [2**130]).fetchall() == [(float(2**130),)]


def test_fetch_conversions(con):
    row = con.execute(
        "SELECT 1::TINYINT, 2::SMALLINT, 3::INTEGER, 4::BIGINT, 5::HUGEINT, 1.5::FLOAT, 2.5::DOUBLE, 1.25::DECIMAL(10,2), "
        "'s', 'ab'::BLOB, DATE '2020-01-02', TIME '01:02:03.5', TIMESTAMP '2020-01-02 03:04:05.25', "
        "INTERVAL 1 MONTH + INTERVAL 2 DAY + INTERVAL 3 SECOND, true, NULL"
    ).fetchone()
    assert row == (
        1, 2, 3, 4, 5, 1.5, 2.5, decimal.Decimal("1.25"), "s", b"ab", dt.date(2020, 1, 2), dt.time(1, 2, 3, 500000),
        dt.datetime(2020, 1, 2, 3, 4, 5, 250000), dt.timedelta(days=32, seconds=3), True, None,
    )
    assert isinstance(row[4], int)


def test_fetchnumpy(con):
    res = con.execute("SELECT * FROM (VALUES (1, 'a', 1.5), (NULL, NULL, NULL), (3, 'c', 2.5)) t(i, s, d)").fetchnumpy()
    assert isinstance(res["i"], np.ma.MaskedArray)
    assert res["i"].mask.tolist() == [False, True, False]
    assert res["i"].compressed().tolist() == [1, 3]
    assert res["s"].compressed().tolist() == ["a", "c"]
    plain = con.execute("SELECT range AS i FROM range(3)").fetchnumpy()
    assert plain["i"].dtype == np.int64 and plain["i"].tolist() == [0, 1, 2]


def test_arrow_outputs(con):
    con.execute("SELECT range AS i, range * 0.5 AS d FROM range(5000)")
    table = con.fetch_arrow_table()
    assert isinstance(table, pa.Table)
    assert table.column("i").to_pylist() == list(range(5000))
    reader = con.execute("SELECT range AS i FROM range(5000)").fetch_record_batch(1000)
    assert isinstance(reader, pa.RecordBatchReader)
    assert sum(b.num_rows for b in reader) == 5000
    assert con.execute("SELECT 1 AS x").arrow().read_all().to_pylist() == [{"x": 1}]


def test_df_and_pl(con):
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    df = con.execute("SELECT range AS i, 'x' || range AS s FROM range(3)").df()
    assert isinstance(df, pd.DataFrame) and df["i"].tolist() == [0, 1, 2]
    frame = con.execute("SELECT range AS i FROM range(3)").pl()
    assert isinstance(frame, pl.DataFrame) and frame["i"].to_list() == [0, 1, 2]
    chunk = con.execute("SELECT range AS i FROM range(5000)").fetch_df_chunk()
    assert len(chunk) == 2048


def test_errors_have_duckdb_classes(con):
    cases = [
        ("SELECT * FROM missing_table", tealdb.CatalogException),
        ("SELEC 1", tealdb.ParserException),
        ("SELECT no_such_column", tealdb.BinderException),
        ("SELECT 'abc'::INTEGER", tealdb.ConversionException),
    ]
    for sql, cls in cases:
        with pytest.raises(cls) as info:
            con.execute(sql)
        assert isinstance(info.value, tealdb.Error)
    con.execute("CREATE TABLE pk (i INTEGER PRIMARY KEY)")
    con.execute("INSERT INTO pk VALUES (1)")
    with pytest.raises(tealdb.ConstraintException):
        con.execute("INSERT INTO pk VALUES (1)")
    assert issubclass(tealdb.CatalogException, tealdb.ProgrammingError)
    assert issubclass(tealdb.ProgrammingError, tealdb.DatabaseError)


def test_transactions(con):
    con.execute("CREATE TABLE t (i INTEGER)")
    con.begin()
    con.execute("INSERT INTO t VALUES (1)")
    con.rollback()
    assert con.execute("SELECT count(*) FROM t").fetchall() == [(0,)]
    con.begin()
    con.execute("INSERT INTO t VALUES (1)")
    con.commit()
    assert con.execute("SELECT count(*) FROM t").fetchall() == [(1,)]


def test_an_error_aborts_the_transaction_as_in_duckdb(con):
    import duckdb

    outcomes = []
    for c, errors in ((con, tealdb), (duckdb.connect(), duckdb)):
        c.execute("CREATE TABLE t AS SELECT range AS i FROM range(5000)")
        c.begin()
        c.execute("DELETE FROM t WHERE i < 100")
        with pytest.raises(errors.CatalogException):
            c.execute("SELECT * FROM nosuch_table_xyz")
        with pytest.raises(errors.TransactionException, match=r"Current transaction is aborted \(please ROLLBACK\)"):
            c.execute("SELECT 1")
        c.commit()  # rolls back
        outcomes.append(c.execute("SELECT count(*) FROM t").fetchall())
    assert outcomes[0] == outcomes[1] == [(5000,)]


def test_cursor_duplicate_close_context_manager():
    with tealdb.connect() as c:
        c.execute("CREATE TABLE t AS SELECT 1 AS i")
        cur = c.cursor()
        assert cur.execute("SELECT i FROM t").fetchall() == [(1,)]
        dup = c.duplicate()
        assert dup.execute("SELECT count(*) FROM t").fetchall() == [(1,)]
        cur.close()
        dup.close()
    with pytest.raises(tealdb.ConnectionException):
        c.execute("SELECT 1")


def test_register_unregister_and_from_arrow(con):
    table = pa.table({"k": [1, 2, 3], "v": ["a", "b", "c"]})
    con.register("arrow_t", table)
    assert con.execute("SELECT sum(k) FROM arrow_t").fetchall() == [(6,)]
    assert con.execute("SELECT v FROM arrow_t WHERE k = 2").fetchall() == [("b",)]  # a registered table is read again
    con.unregister("arrow_t")
    with pytest.raises(tealdb.CatalogException):
        con.execute("SELECT * FROM arrow_t")
    rel = con.from_arrow(table)
    assert rel.filter("k > 1").fetchall() == [(2, "b"), (3, "c")]


def test_values(con):
    assert con.values(1, "a", 2.5).fetchall() == [(1, "a", 2.5)]
    assert con.values([(1, "a"), (2, "b")]).fetchall() == [(1, "a"), (2, "b")]


def test_read_csv(con, tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("a,b\n" + "".join(f"{i},x{i}\n" for i in range(5000)))
    rel = con.read_csv(str(path))
    assert rel.columns == ["a", "b"]
    assert rel.aggregate("count(*), sum(a)").fetchall() == [(5000, sum(range(5000)))]
    assert tealdb.read_csv(str(path)).limit(1).fetchall() == [(0, "x0")]


def test_uuid_parameter_binds_as_uuid(con):
    u = uuid.uuid4()
    assert con.execute("SELECT ?, typeof(?)", [u, u]).fetchall() == [(u, "UUID")]
