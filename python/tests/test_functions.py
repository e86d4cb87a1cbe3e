"""create_function / remove_function: Python scalar UDFs, side by side with duckdb's."""

import datetime
import random
import threading
import uuid

import pyarrow as pa
import pyarrow.compute as pc
import pytest

import tealdb
from tealdb.sqltypes import BIGINT, VARCHAR

ROWS = 10_000  # several 2,048-row chunks


def both(con, duck, name, fn, *args, **kwargs):
    con.create_function(name, fn, *args, **kwargs)
    duck.create_function(name, fn, *args, **kwargs)


def same_error(con, duck, sql, text, kind="InvalidInputException"):
    """sql fails on both engines with an exception of the same class name whose message holds text."""
    for c in (con, duck):
        with pytest.raises(Exception) as e:
            c.sql(sql).fetchall()
        assert kind is None or type(e.value).__name__ == kind, (c, e.value)
        assert text in str(e.value), (c, e.value)


def same(con, duck, sql):
    ours, theirs = con.sql(sql).fetchall(), duck.sql(sql).fetchall()
    assert ours == theirs, sql
    return ours


def test_native_function_from_annotations_over_many_chunks(con, duck):
    def add_one(x: int) -> int:
        return x + 1

    both(con, duck, "add_one", add_one)
    same(con, duck, f"SELECT sum(add_one(i)), count(add_one(i)), add_one(NULL) FROM range({ROWS}) t(i)")
    same(con, duck, f"SELECT add_one(CASE WHEN i % 3 = 0 THEN NULL ELSE i END) AS r FROM range({ROWS}) t(i) ORDER BY i")
    assert con.sql("SELECT typeof(add_one(1))").fetchone() == ("BIGINT",)


def test_declared_types_strings_and_nested_values(con, duck):
    both(con, duck, "two", lambda a, b: f"{a}-{b}", [VARCHAR, "INTEGER"], VARCHAR)
    both(con, duck, "pair", lambda x: [x, -x], ["INTEGER"], "INTEGER[]")
    both(con, duck, "rec", lambda x: {"a": x, "b": str(x)}, ["INTEGER"], "STRUCT(a INTEGER, b VARCHAR)")
    both(con, duck, "nxt", lambda d: d + datetime.timedelta(days=1), ["DATE"], "DATE")
    both(con, duck, "mk", lambda i: uuid.UUID(int=i), ["BIGINT"], "UUID")
    both(con, duck, "size", lambda m: len(m), ["MAP(VARCHAR, INTEGER)"], "INTEGER")
    same(con, duck, f"SELECT two(i::VARCHAR, i::INTEGER), pair(i::INTEGER), rec(i::INTEGER) FROM range({ROWS}) t(i) ORDER BY i")
    same(con, duck, "SELECT nxt(DATE '2020-02-28'), mk(5), size(MAP {'a': 1, 'b': 2})")


def test_results_are_cast_to_the_declared_type(con, duck):
    def rounded(x: int) -> int:
        return x + 0.7

    both(con, duck, "rounded", rounded)
    same(con, duck, "SELECT rounded(1), rounded(-3)")

    def text(x: int) -> int:
        return "abc"

    both(con, duck, "as_text", text)
    same_error(con, duck, "SELECT as_text(1)", "Could not convert string 'abc' to INT64")


def test_arrow_functions_get_whole_chunks(con, duck):
    calls = []

    def doubled(x):
        calls.append(len(x))
        return pc.multiply(x, 2)

    both(con, duck, "doubled", doubled, [BIGINT], BIGINT, type="arrow")
    calls.clear()
    same(con, duck, f"SELECT sum(doubled(i)), count(*) FROM range({ROWS}) t(i)")
    assert len(calls) >= 2 and max(calls) > 1  # vectorized: far fewer calls than rows (both engines ran)
    same(con, duck, "SELECT doubled(i) FROM (VALUES (1), (NULL), (3)) t(i) ORDER BY i NULLS LAST")

    both(con, duck, "short", lambda x: x.slice(0, 1), [BIGINT], BIGINT, type="arrow")
    same_error(con, duck, "SELECT short(i) FROM range(5) t(i)", "Returned pyarrow table should have 5 tuples, found 1", kind=None)


def test_null_handling(con, duck):
    def describe(x):
        return "null" if x is None else str(x)

    both(con, duck, "show_null", describe, [BIGINT], VARCHAR, null_handling="special")
    same(con, duck, "SELECT show_null(NULL), show_null(3)")
    both(con, duck, "nothing", lambda x: None, [VARCHAR], VARCHAR)
    same_error(con, duck, "SELECT nothing('a')", "'null_handling' was set to DEFAULT")
    same(con, duck, "SELECT nothing(NULL)")


def test_exceptions_fail_the_query_or_become_null(con, duck):
    def boom(x: int) -> int:
        raise ValueError("bad x")

    both(con, duck, "boom", boom)
    both(con, duck, "boom_null", boom, exception_handling="return_null")
    same_error(con, duck, "SELECT boom(1)", "Python exception occurred while executing the UDF: ValueError: bad x")
    same(con, duck, "SELECT boom_null(1), boom_null(NULL)")
    # the connection stays usable after a failed call
    assert con.sql("SELECT 1").fetchall() == [(1,)]


def test_registration_errors_match_duckdb(con, duck):
    def f(x: int) -> int:
        return x

    both(con, duck, "f", f)
    for c in (con, duck):
        with pytest.raises(Exception) as e:
            c.create_function("f", f)
        assert type(e.value).__name__ == "NotImplementedException"
        assert "already created" in str(e.value)
        with pytest.raises(Exception) as e:
            c.remove_function("nope")
        assert type(e.value).__name__ == "InvalidInputException"
        assert "No function by the name of 'nope'" in str(e.value)
        with pytest.raises(Exception) as e:
            c.create_function("g", lambda x: x)
        assert "Could not infer the return type" in str(e.value)
        with pytest.raises(Exception) as e:
            c.create_function("h", lambda a, b: a, [VARCHAR], VARCHAR)
        assert "1 types provided, but the provided function takes 2 parameters" in str(e.value)
        with pytest.raises(TypeError):
            c.create_function("k", f, type="bogus")
    c = con
    c.remove_function("f")
    with pytest.raises(tealdb.CatalogException):
        c.sql("SELECT f(1)").fetchall()


def test_a_function_shadows_a_builtin_and_cursors_see_it(con, duck):
    def plus_one(x: int) -> int:
        return x + 1

    both(con, duck, "sin", plus_one)
    same(con, duck, "SELECT sin(1)")
    assert con.cursor().sql("SELECT sin(1)").fetchall() == [(2,)]
    con.remove_function("sin")
    assert con.sql("SELECT round(sin(1), 6)").fetchall() == [(0.841471,)]


def test_side_effects_run_per_row(con):
    con.create_function("rnd", lambda: random.random(), [], "DOUBLE", side_effects=True)
    assert con.sql(f"SELECT count(DISTINCT rnd()) FROM range({ROWS})").fetchone() == (ROWS,)


def test_module_level_and_type_helpers():
    def triple(x: int) -> int:
        return 3 * x

    tealdb.create_function("triple", triple)
    try:
        assert tealdb.sql("SELECT triple(14)").fetchall() == [(42,)]
    finally:
        tealdb.remove_function("triple")
    assert tealdb.sqltypes.DuckDBPyType(list[str]) == "VARCHAR[]"
    assert tealdb.sqltypes.DuckDBPyType(dict[str, int]) == "MAP(VARCHAR, BIGINT)"
    assert tealdb.struct_type({"a": int, "b": "VARCHAR"}) == "STRUCT(a BIGINT, b VARCHAR)"
    assert tealdb.list_type(tealdb.sqltypes.INTEGER) == "INTEGER[]"
    assert tealdb.decimal_type(10, 2) == "DECIMAL(10,2)"


def test_functions_called_from_many_threads(con):
    def label(x: int) -> str:
        return f"n{x}"

    con.create_function("label", label)
    errors, results = [], []

    def work():
        try:
            c = con.cursor()
            results.append(c.sql("SELECT count(DISTINCT label(i)) FROM range(3000) t(i)").fetchone()[0])
            c.close()
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert results == [3000] * 16


def test_arrow_functions_may_answer_other_arrow_types(con):
    con.create_function("halves", lambda x: pa.array([v / 2 for v in x.to_pylist()]), [BIGINT], BIGINT, type="arrow")
    assert con.sql("SELECT halves(5), halves(4)").fetchall() == [(2, 2)]
