"""Relation: duckdb's lazy DuckDBPyRelation on an engine io.tealdb.Relation (SQL text that runs only
when results are asked for)."""

from __future__ import annotations

import pyarrow as pa

from . import _convert
from ._connection import J, to_result, wait
from ._errors import InvalidInputException
from ._result import ResultSet
from .sqltypes import DuckDBPyType


SQLType = DuckDBPyType  # a column type as duckdb's DuckDBPyType prints and compares: its SQL name


def _quote(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _exprs(args) -> list[str]:
    out = []
    for a in args:
        if isinstance(a, (list, tuple)):
            out += [str(x) for x in a]
        else:
            out.append(str(a))
    return out


class Relation:
    """A lazy query (duckdb's DuckDBPyRelation): composing it runs nothing; results run it."""

    def __init__(self, con, jrel, scope):
        self._con = con
        self._jrel = jrel
        self._scope = scope
        self._result: ResultSet | None = None  # rows being fetched with fetchone/fetchmany
        self._meta = None

    # ------------------------------------------------------------------ plumbing

    def _call(self, fn):
        return self._con._call(fn, self._scope)

    def _derive(self, jrel) -> "Relation":
        return Relation(self._con, jrel, self._scope)

    def _bind(self):
        if self._meta is None:
            names = [str(n) for n in self._call(lambda: self._jrel.columns())]
            types = [SQLType(str(t)) for t in self._call(lambda: self._jrel.types())]
            self._meta = (names, types)
        return self._meta

    def _run(self) -> ResultSet:
        bridge = J().bridge
        return self._call(lambda: to_result(wait(self._con, bridge.execute(self._jrel))))

    def _sql(self, text: str) -> "Relation":
        """A relation for SQL that refers to this one as "_r"."""
        return self._derive_sql(text.replace("{r}", f"({self._jrel.sql()}) AS _r"))

    def _derive_sql(self, text: str) -> "Relation":
        jrel = self._call(lambda: self._con._jcon.sql(text, _params_of(self._jrel)))
        return self._derive(jrel)

    # ------------------------------------------------------------------ metadata

    @property
    def columns(self) -> list[str]:
        return list(self._bind()[0])

    @property
    def types(self) -> list[SQLType]:
        return list(self._bind()[1])

    dtypes = types

    @property
    def description(self):
        names, types = self._bind()
        return [(n, t, None, None, None, None, None) for n, t in zip(names, types)]

    @property
    def alias(self) -> str:
        return str(self._jrel.alias())

    def set_alias(self, alias: str) -> "Relation":
        return self._derive(self._jrel.setAlias(alias))

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self), len(self.columns))

    def __len__(self) -> int:
        return int(self._sql("SELECT count(*) FROM {r}")._run().fetchone()[0])

    def sql_query(self) -> str:
        return str(self._jrel.sql())

    # ------------------------------------------------------------------ composing

    def project(self, *exprs, groups: str = "") -> "Relation":
        if groups:
            return self.aggregate(", ".join(_exprs(exprs)), groups)
        return self._derive(self._call(lambda: self._jrel.project(_exprs(exprs))))

    select = project

    def filter(self, condition: str) -> "Relation":
        return self._derive(self._jrel.filter(str(condition)))

    def order(self, order_expr: str) -> "Relation":
        return self._derive(self._jrel.order(str(order_expr)))

    def sort(self, *exprs) -> "Relation":
        return self.order(", ".join(_exprs(exprs)))

    def limit(self, n: int, offset: int = 0) -> "Relation":
        return self._derive(self._jrel.limit(int(n), int(offset)) if offset else self._jrel.limit(int(n)))

    def aggregate(self, aggr_expr, group_expr: str = "") -> "Relation":
        if isinstance(aggr_expr, (list, tuple)):
            aggr_expr = ", ".join(_exprs(aggr_expr))
        if isinstance(group_expr, (list, tuple)):
            group_expr = ", ".join(_exprs(group_expr))
        return self._derive(self._jrel.aggregate(str(aggr_expr), str(group_expr or "")))

    def distinct(self) -> "Relation":
        return self._derive(self._jrel.distinct())

    unique_rows = distinct

    def unique(self, unique_aggr: str) -> "Relation":
        return self._sql(f"SELECT DISTINCT {unique_aggr} FROM {{r}}")

    def join(self, other: "Relation", condition: str, how: str = "inner") -> "Relation":
        return self._derive(self._jrel.join(other._jrel, str(condition), str(how)))

    def cross(self, other: "Relation") -> "Relation":
        return self._derive_sql(
            f"SELECT * FROM ({self._jrel.sql()}) AS {_quote(self.alias)} CROSS JOIN ({other._jrel.sql()}) AS {_quote(other.alias)}"
        )

    def union(self, other: "Relation") -> "Relation":
        return self._derive(self._jrel.union(other._jrel))

    def except_(self, other: "Relation") -> "Relation":
        return self._derive(self._jrel.except_(other._jrel) if hasattr(self._jrel, "except_") else getattr(self._jrel, "except")(other._jrel))

    def intersect(self, other: "Relation") -> "Relation":
        return self._derive(self._jrel.intersect(other._jrel))

    def query(self, virtual_table_name: str, sql_query: str) -> "Relation":
        self._con._call(lambda: self._con._jcon.register(virtual_table_name, self._jrel), self._scope)
        return self._con.sql(sql_query)

    def __getitem__(self, name: str) -> "Relation":
        if name not in self.columns:
            raise KeyError(name)
        return self.project(_quote(name))

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            cols = self.columns
        except Exception:  # noqa: BLE001
            raise AttributeError(name) from None
        if name in cols:
            return self.project(_quote(name))
        raise AttributeError(f"This relation does not contain a column by the name of '{name}'")

    # aggregates over one column (duckdb's shorthands), optionally per group
    def _agg(self, fn: str, column: str, groups: str = "") -> "Relation":
        return self.aggregate(f"{fn}({column})" if not groups else f"{groups}, {fn}({column})", groups)

    def count(self, column: str = "*", groups: str = "") -> "Relation":
        return self._agg("count", column, groups)

    def sum(self, column: str, groups: str = "") -> "Relation":
        return self._agg("sum", column, groups)

    def avg(self, column: str, groups: str = "") -> "Relation":
        return self._agg("avg", column, groups)

    mean = avg

    def min(self, column: str, groups: str = "") -> "Relation":
        return self._agg("min", column, groups)

    def max(self, column: str, groups: str = "") -> "Relation":
        return self._agg("max", column, groups)

    def median(self, column: str, groups: str = "") -> "Relation":
        return self._agg("median", column, groups)

    def std(self, column: str, groups: str = "") -> "Relation":
        return self._agg("stddev_samp", column, groups)

    stddev = std

    def value_counts(self, column: str, groups: str = "") -> "Relation":
        return self._sql(f"SELECT {column}, count(*) AS count FROM {{r}} GROUP BY {column}")

    def describe(self) -> "Relation":
        names, types = self._bind()
        numeric = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE"}
        stats = ["count", "mean", "std", "min", "max", "median"]
        parts = []
        for stat in stats:
            cells = []
            for n, t in zip(names, types):
                q = _quote(n)
                is_num = t in numeric or t.startswith("DECIMAL")
                expr = {
                    "count": f"CAST(count({q}) AS DOUBLE)",
                    "mean": f"CAST(avg({q}) AS DOUBLE)" if is_num else "NULL::DOUBLE",
                    "std": f"CAST(stddev_samp({q}) AS DOUBLE)" if is_num else "NULL::DOUBLE",
                    "min": f"CAST(min({q}) AS VARCHAR)",
                    "max": f"CAST(max({q}) AS VARCHAR)",
                    "median": f"CAST(median({q}) AS DOUBLE)" if is_num else "NULL::DOUBLE",
                }[stat]
                cells.append(f"CAST({expr} AS VARCHAR) AS {q}")
            parts.append(f"SELECT '{stat}' AS aggr, {', '.join(cells)} FROM {{r}}")
        return self._sql(" UNION ALL ".join(parts))

    def explain(self, type: str = "standard") -> str:  # noqa: A002 - duckdb's parameter name
        res = self._con._call(lambda: to_result(wait(self._con, J().bridge.execute(self._con._jcon, "EXPLAIN " + str(self._jrel.sql()), _params_of(self._jrel)))), self._scope)
        return "\n".join(str(v) for row in res.fetchall() for v in row)

    # ------------------------------------------------------------------ results

    def execute(self) -> "Relation":
        self._result = self._run()
        return self

    def _rows(self) -> ResultSet:
        if self._result is None:
            self._result = self._run()
        return self._result

    def fetchone(self):
        return self._rows().fetchone()

    def fetchmany(self, size: int = 1):
        return self._rows().fetchmany(size)

    def fetchall(self):
        res = self._result if self._result is not None else self._run()
        self._result = None
        return res.fetchall()

    def df(self, *, date_as_object: bool = False):
        return self._run().df()

    to_df = df
    fetchdf = df

    def pl(self, batch_size: int = 1_000_000, *, lazy: bool = False):
        out = self._run().pl()
        return out.lazy() if lazy else out

    def to_arrow_table(self, batch_size: int = 1_000_000) -> pa.Table:
        return self._run().arrow_table()

    fetch_arrow_table = to_arrow_table

    def to_arrow_reader(self, batch_size: int = 1_000_000) -> pa.RecordBatchReader:
        """The result as a RecordBatchReader that streams: the query runs as batches are read, so a
        result larger than memory can be consumed batch by batch (duckdb's fetch_record_batch)."""
        from ._connection import stream_batches

        j = J()
        reader = self._call(lambda: wait(self._con, j.bridge.openReader(self._jrel, int(batch_size))))
        return stream_batches(self._con, reader)

    fetch_record_batch = to_arrow_reader
    record_batch = to_arrow_reader

    def arrow(self, batch_size: int = 1_000_000) -> pa.RecordBatchReader:
        return self.to_arrow_reader(batch_size)

    def fetchnumpy(self) -> dict:
        return self._run().fetchnumpy()

    def __arrow_c_stream__(self, requested_schema=None):
        return self.to_arrow_table().__arrow_c_stream__(requested_schema)

    def show(self, *, max_width=None, max_rows=None, max_col_width=None, null_value=None, render_mode=None) -> None:
        print(self._box())

    def _box(self) -> str:
        return str(self._call(lambda: self._jrel.toBoxString()))

    def __repr__(self) -> str:
        return self._box()

    __str__ = __repr__

    # ------------------------------------------------------------------ writing

    def write_csv(self, file_name: str, *, sep=None, na_rep=None, header=None, quotechar=None, escapechar=None,
                  date_format=None, timestamp_format=None, quoting=None, encoding=None, compression=None,
                  overwrite=None, per_thread_output=None, use_tmp_file=None, partition_by=None,
                  write_partition_columns=None) -> None:
        """Writes the relation to a CSV file (or, with partition_by / per_thread_output, a directory of them)."""
        opts = ["FORMAT csv"]
        _option(opts, "DELIMITER", sep)
        _option(opts, "NULLSTR", na_rep)
        _option(opts, "HEADER", header)
        _option(opts, "QUOTE", quotechar)
        _option(opts, "ESCAPE", escapechar)
        _option(opts, "DATEFORMAT", date_format)
        _option(opts, "TIMESTAMPFORMAT", timestamp_format)
        _option(opts, "QUOTING", quoting)
        _option(opts, "ENCODING", encoding)
        _option(opts, "COMPRESSION", compression)
        _layout_options(opts, overwrite, per_thread_output, use_tmp_file, partition_by, write_partition_columns)
        self._copy(file_name, opts)

    to_csv = write_csv

    def write_parquet(self, file_name: str, *, compression=None, field_ids=None, row_group_size_bytes=None,
                      row_group_size=None, overwrite=None, per_thread_output=None, use_tmp_file=None,
                      partition_by=None, write_partition_columns=None, append=None, filename_pattern=None,
                      file_size_bytes=None) -> None:
        """Writes the relation to a Parquet file (or, with partition_by / per_thread_output, a directory of them)."""
        opts = ["FORMAT parquet"]
        _option(opts, "COMPRESSION", compression)
        if field_ids is not None:
            opts.append("FIELD_IDS " + (_convert_literal(field_ids) if isinstance(field_ids, str) else _field_ids(field_ids)))
        _option(opts, "ROW_GROUP_SIZE_BYTES", row_group_size_bytes)
        _option(opts, "ROW_GROUP_SIZE", row_group_size)
        _layout_options(opts, overwrite, per_thread_output, use_tmp_file, partition_by, write_partition_columns)
        _option(opts, "APPEND", append)
        _option(opts, "FILENAME_PATTERN", filename_pattern)
        _option(opts, "FILE_SIZE_BYTES", file_size_bytes)
        self._copy(file_name, opts)

    to_parquet = write_parquet

    def _copy(self, file_name: str, opts: list[str]) -> None:
        sql = f"COPY ({self._jrel.sql()}) TO {_convert_literal(str(file_name))} ({', '.join(opts)})"
        self._con._call(lambda: to_result(wait(self._con, J().bridge.execute(self._con._jcon, sql, _params_of(self._jrel)))), self._scope)

    def to_table(self, table_name: str) -> None:
        self._call(lambda: self._jrel.create(table_name))

    create = to_table

    def to_view(self, view_name: str, replace: bool = True) -> "Relation":
        self._call(lambda: self._con._jcon.register(view_name, self._jrel))
        return self

    create_view = to_view

    def insert_into(self, table_name: str) -> None:
        self._call(lambda: self._jrel.insertInto(table_name))

    def insert(self, values) -> None:
        """Inserts one row into the table this relation reads (con.table(name).insert([...]))."""
        sql = str(self._jrel.sql())
        prefix = "SELECT * FROM "
        if not sql.startswith(prefix):
            raise InvalidInputException("Invalid Input Error: 'DuckDBPyRelation.insert' can only be used on a table relation")
        table = sql[len(prefix):]
        ph = ", ".join("?" for _ in values)
        self._con._run(f"INSERT INTO {table} VALUES ({ph})", list(values), self._scope)

    def close(self) -> None:
        self._result = None


def _params_of(jrel):
    """The relation's positional parameters as a Java Object[] again (its SQL keeps the ?s)."""
    j = J()
    values = jrel.parameters()
    JavaValues = j.jpype.JClass("io.tealdb.JavaValues")
    return _convert.java().ObjectArray([JavaValues.toJava(v) for v in values])


def _convert_literal(s: str) -> str:
    return "'" + str(s).replace("'", "''") + "'"


def _option(opts: list, name: str, value) -> None:
    """Appends a COPY option when the keyword was given: booleans and numbers as they are, the rest quoted."""
    if value is None:
        return
    if isinstance(value, bool):
        opts.append(f"{name} {'true' if value else 'false'}")
    elif isinstance(value, int):
        opts.append(f"{name} {value}")
    else:
        opts.append(f"{name} {_convert_literal(value)}")


def _identifier(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _layout_options(opts: list, overwrite, per_thread_output, use_tmp_file, partition_by, write_partition_columns) -> None:
    _option(opts, "OVERWRITE", overwrite)
    _option(opts, "PER_THREAD_OUTPUT", per_thread_output)
    _option(opts, "USE_TMP_FILE", use_tmp_file)
    if partition_by is not None:
        columns = [partition_by] if isinstance(partition_by, str) else list(partition_by)
        opts.append("PARTITION_BY (" + ", ".join(_identifier(c) for c in columns) + ")")
    _option(opts, "WRITE_PARTITION_COLUMNS", write_partition_columns)


def _field_ids(spec) -> str:
    """A dict of column -> id (or -> a nested dict) as the STRUCT literal FIELD_IDS takes."""
    if isinstance(spec, dict):
        return "{" + ", ".join(f"{_identifier(k)}: {_field_ids(v)}" for k, v in spec.items()) + "}"
    if isinstance(spec, bool) or not isinstance(spec, int):
        raise TypeError(f"field_ids values must be integers or dicts, not {type(spec).__name__}")
    return str(spec)
