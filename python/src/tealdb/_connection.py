"""Connection: duckdb's DuckDBPyConnection API on an engine io.tealdb.Connection in the process's JVM."""

from __future__ import annotations

import re
import sys
import threading

import pyarrow as pa

from . import _convert, _jvm, _scan
from ._errors import (
    CatalogException,
    ConnectionException,
    InvalidInputException,
    NotImplementedException,
    translate,
)
from ._result import ResultSet

_MISSING_TABLE = re.compile(r"^Catalog Error: Table with name (.+?) does not exist!")


def caller_vars(depth: int = 2):
    """(locals, globals) of the first frame outside this package: where a replacement scan looks."""
    f = sys._getframe(depth)
    while f is not None and (f.f_globals.get("__name__") or "").split(".")[0] == "tealdb":
        f = f.f_back
    if f is None:
        return ({}, {})
    return (dict(f.f_locals), f.f_globals)


class _Java:
    def __init__(self):
        import jpype

        self.jpype = jpype
        self.bridge = _jvm.bridge()
        self.Teal = jpype.JClass("io.tealdb.Teal")
        self.HashMap = jpype.JClass("java.util.HashMap")
        self.ArrowArrayStream = jpype.JClass("org.apache.arrow.c.ArrowArrayStream")
        self.ArrowArray = jpype.JClass("org.apache.arrow.c.ArrowArray")
        self.ArrowSchema = jpype.JClass("org.apache.arrow.c.ArrowSchema")
        self.TimeUnit = jpype.JClass("java.util.concurrent.TimeUnit")
        self.TimeoutException = jpype.JClass("java.util.concurrent.TimeoutException")
        self.JString = jpype.JString
        self.PythonFunctions = jpype.JClass("io.tealdb.python.PythonFunctions")
        self.LogicalType = jpype.JClass("io.tealdb.types.LogicalType")
        self.allocator = self.bridge.allocator()


_J = None


def J() -> _Java:
    global _J
    if _J is None:
        _J = _Java()
    return _J


def wait(con: "Connection", future):
    """Waits for a Java future in short polls (the GIL is free meanwhile); Ctrl-C interrupts the query."""
    j = J()
    try:
        while True:
            try:
                return future.get(200, j.TimeUnit.MILLISECONDS)
            except j.TimeoutException:
                continue
    except KeyboardInterrupt:
        con._jcon.interrupt()
        try:
            future.get()
        except Exception:  # noqa: BLE001 - the InterruptException the query ends with
            pass
        raise


def import_rows(outcome) -> pa.Table:
    """The rows of a QueryOutcome as a pyarrow Table (one chunk per engine record batch), zero-copy
    through one Arrow C stream; ENUM columns arrive dictionary-encoded, as duckdb exports them."""
    j = J()
    stream = j.ArrowArrayStream.allocateNew(j.allocator)
    try:
        j.bridge.exportBatches(outcome, stream.memoryAddress())
        return pa.RecordBatchReader._import_from_c(int(stream.memoryAddress())).read_all()
    finally:
        stream.close()


def stream_batches(con: "Connection", reader) -> pa.RecordBatchReader:
    """A pyarrow RecordBatchReader over an engine ArrowReader: each batch is loaded on the engine's
    pool while Python waits without the GIL, then moves to pyarrow zero-copy; the engine reader is
    closed at the end, on an error, or when the Python reader is closed or dropped."""
    j = J()
    sch = j.ArrowSchema.allocateNew(j.allocator)
    try:
        j.bridge.exportSchema(reader, sch.memoryAddress())
        schema = pa.Schema._import_from_c(int(sch.memoryAddress()))
    except BaseException:
        j.bridge.closeQuietly(reader)
        raise
    finally:
        sch.close()

    def batches():
        try:
            while True:
                try:
                    more = wait(con, j.bridge.loadNext(reader))
                except _jvm_exception() as e:
                    raise translate(e) from None
                if not more:
                    return
                arr = j.ArrowArray.allocateNew(j.allocator)
                c_schema = j.ArrowSchema.allocateNew(j.allocator)
                try:
                    j.bridge.exportRows(reader.getVectorSchemaRoot(), reader, arr.memoryAddress(), c_schema.memoryAddress())
                    yield pa.RecordBatch._import_from_c(int(arr.memoryAddress()), int(c_schema.memoryAddress()))
                finally:
                    arr.close()
                    c_schema.close()
        finally:
            j.bridge.closeQuietly(reader)

    return pa.RecordBatchReader.from_batches(schema, batches())


def to_result(outcome) -> ResultSet:
    try:
        if outcome.hasRows():
            names = [str(n) for n in outcome.names()]
            types = [str(t) for t in outcome.types()]
            return ResultSet(names, types, import_rows(outcome), -1)
        count = int(outcome.updateCount())
        if count >= 0:
            # duckdb answers DML with one row holding the count
            return ResultSet(["Count"], ["BIGINT"], pa.table({"Count": pa.array([count], pa.int64())}), count)
        return ResultSet([], [], None, -1)
    finally:
        outcome.close()


class Connection:
    """A connection to a TealDB database (duckdb's DuckDBPyConnection)."""

    def __init__(self, database: str = ":memory:", read_only: bool = False, config: dict | None = None, *, _jcon=None):
        j = J()
        self._lock = threading.RLock()
        self._result: ResultSet | None = None
        self._registered: dict[str, tuple] = {}  # name -> (java reader, arrow data) from register()
        self._scanned: dict[str, tuple] = {}  # replacement scans: name -> (java reader, arrow data, source object)
        self._closed = False
        self.database = database
        if _jcon is not None:
            self._jcon = _jcon
        else:
            cfg = j.HashMap()
            for k, v in (config or {}).items():
                cfg.put(str(k), str(v).lower() if isinstance(v, bool) else str(v))
            if read_only:
                cfg.put("access_mode", "read_only")
            try:
                if database in (":memory:", "", None) or str(database).startswith(":memory:"):
                    self._jcon = j.Teal.connect(cfg)
                else:
                    self._jcon = self._open_file(j, str(database), cfg)
            except j.jpype.JException as e:
                raise translate(e) from None
        _jvm.track(self)

    @staticmethod
    def _open_file(j, path: str, cfg):
        # connections to one file in this process share its database; it checkpoints when the last closes
        return j.Teal.connect(j.JString(path), cfg)

    # ------------------------------------------------------------------ plumbing

    def _check(self):
        if self._closed:
            raise ConnectionException("Connection Error: Connection already closed!")

    def _call(self, fn, scope):
        """Runs fn() (which calls into Java), resolving unknown table names from scope (the caller's
        (locals, globals)) as duckdb's replacement scans do, and translating engine errors."""
        self._check()
        tried = set()
        with self._lock:
            self._refresh_scans(scope)
            while True:
                try:
                    return fn()
                except _jvm_exception() as e:
                    err = translate(e)
                    name = _missing_table(err)
                    if name is None or name in tried or not self._resolve(name, scope):
                        raise err from None
                    tried.add(name)
                    # inside BEGIN ... COMMIT the failed lookup aborted the transaction; it did
                    # nothing else, and duckdb resolves the name while binding, so carry on
                    self._jcon.context().resumeAbortedTransaction()

    def _resolve(self, name: str, scope) -> bool:
        if scope is None:
            return False
        local_vars, global_vars = scope
        for where in (local_vars, global_vars):
            if name in where:
                obj = where[name]
                break
        else:
            return False
        if not _scan.is_scannable(obj):
            raise InvalidInputException(
                f"Invalid Input Error: Python Object \"{name}\" of type \"{type(obj).__name__}\" found in the calling frame "
                "is not suitable for replacement scans (pass a DataFrame, Arrow table/reader, NumPy array or an object with __arrow_c_stream__)"
            )
        data = _scan.to_arrow_table(obj)
        self._register_data(self._scanned, name, data, obj)
        return True

    def _refresh_scans(self, scope):
        """Before each statement: a replacement-scanned name gets a fresh stream over its data (a
        stream is read once), re-resolved when the caller's variable now holds another object."""
        for name, (reader, data, obj) in list(self._scanned.items()):
            current = obj
            if scope is not None:
                for where in scope:
                    if name in where:
                        current = where[name]
                        break
            if current is not obj and _scan.is_scannable(current):
                self._register_data(self._scanned, name, _scan.to_arrow_table(current), current)
            elif isinstance(data, pa.Table):
                self._register_data(self._scanned, name, data, obj)
            else:
                del self._scanned[name]  # a RecordBatchReader was read once
        for name, (reader, data, obj) in list(self._registered.items()):
            if isinstance(data, pa.Table):
                self._register_data(self._registered, name, data, obj)

    def _register_data(self, registry: dict, name: str, data, obj):
        j = J()
        old = registry.pop(name, None)
        if old is not None:
            j.bridge.closeQuietly(old[0])
        stream = j.ArrowArrayStream.allocateNew(j.allocator)
        try:
            _scan.export_stream(data, int(stream.memoryAddress()))
            reader = j.bridge.registerStream(self._jcon, name, stream.memoryAddress())
        finally:
            stream.close()
        registry[name] = (reader, data, obj)

    def _run(self, sql: str, params, scope) -> ResultSet:
        j = J()
        jparams = self._call(lambda: _convert.params_to_java(params, sql), scope)
        res = self._call(lambda: to_result(wait(self, j.bridge.execute(self._jcon, sql, jparams))), scope)
        self._result = res
        return res

    def _relation(self, jrel, scope):
        from ._relation import Relation

        return Relation(self, jrel, scope)

    # ------------------------------------------------------------------ statements

    def execute(self, query: str, parameters=None) -> "Connection":
        """Runs query now (every statement of it); fetch* read the result of the last."""
        self._run(query, parameters, caller_vars())
        return self

    def executemany(self, query: str, parameters=None) -> "Connection":
        """Runs query once per parameter row, all rows in ONE engine batch (an INSERT appends them
        as column chunks in one statement)."""
        self._check()
        rows = list(parameters or [])
        scope = caller_vars()
        if not rows:
            self._result = ResultSet([], [], None, -1)
            return self
        j = J()
        data = _rows_as_arrow(rows)
        if data is not None:
            def run():
                stream = j.ArrowArrayStream.allocateNew(j.allocator)
                try:
                    _scan.export_stream(data, int(stream.memoryAddress()))
                    fut = j.bridge.executeBatch(self._jcon, query, stream.memoryAddress())
                finally:
                    stream.close()
                return wait(self, fut)
        else:
            jrows = j.jpype.JArray(j.jpype.JObject, 2)([_convert.params_to_java(r) for r in rows])

            def run():
                return wait(self, j.bridge.executeBatch(self._jcon, query, jrows))
        count = int(self._call(run, scope))
        self._result = ResultSet(["Count"], ["BIGINT"], pa.table({"Count": pa.array([count], pa.int64())}), count)
        return self

    def sql(self, query: str, *, alias: str = "", params=None):
        """A lazy Relation for a query (None for other statements, which run at once)."""
        j = J()
        scope = caller_vars()
        jparams = self._call(lambda: _convert.params_to_java(params, query), scope)

        def make():
            jrel = self._jcon.sql(query, jparams)
            if jrel is not None:
                jrel.columns()  # binds now, so unknown names resolve (and errors show) here as in duckdb
            return jrel

        jrel = self._call(make, scope)
        if jrel is None:
            return None
        if alias:
            jrel = jrel.setAlias(alias)
        return self._relation(jrel, scope)

    query = sql

    def table(self, name: str):
        return self._relation(self._call(lambda: _bound(self._jcon.table(name)), None), None)

    def view(self, name: str):
        return self.table(name)

    def values(self, *args):
        """A one-row relation of Python values (duckdb's rules), or several rows given as a list of tuples."""
        if len(args) == 1 and isinstance(args[0], list) and args[0] and isinstance(args[0][0], tuple):
            rows = args[0]
        elif len(args) == 1 and isinstance(args[0], tuple):
            rows = [args[0]]
        else:
            rows = [args]
        return self._values_relation(rows)

    def _values_relation(self, rows):
        j = J()
        jrows = j.jpype.JClass("java.util.ArrayList")()
        for r in rows:
            jrows.add(j.jpype.JClass("java.util.Arrays").asList(_convert.params_to_java(list(r))))
        return self._relation(self._call(lambda: self._jcon.values(jrows), None), None)

    # ------------------------------------------------------------------ results of execute()

    def _res(self) -> ResultSet:
        self._check()
        if self._result is None:
            raise InvalidInputException("Invalid Input Error: No open result set")
        return self._result

    def fetchone(self):
        return self._res().fetchone()

    def fetchmany(self, size: int = 1):
        return self._res().fetchmany(size)

    def fetchall(self):
        return self._res().fetchall()

    def fetchdf(self, *, date_as_object: bool = False):
        return self._res().df()

    df = fetchdf
    fetch_df = fetchdf

    def fetch_df_chunk(self, vectors_per_chunk: int = 1, *, date_as_object: bool = False):
        r = self._res()
        n = 2048 * vectors_per_chunk
        t = r.table.slice(r._pos, n) if r.table is not None else pa.table({})
        r._pos += t.num_rows
        from . import _convert as c

        return c.table_to_pandas(t, r.names, r.types)

    def fetchnumpy(self):
        return self._res().fetchnumpy()

    def fetch_arrow_table(self, batch_size: int = 1_000_000) -> pa.Table:
        return self._res().arrow_table()

    to_arrow_table = fetch_arrow_table

    def arrow(self, batch_size: int = 1_000_000) -> pa.RecordBatchReader:
        return self.fetch_record_batch(batch_size)

    def fetch_record_batch(self, rows_per_batch: int = 1_000_000) -> pa.RecordBatchReader:
        t = self._res().arrow_table()
        return pa.RecordBatchReader.from_batches(t.schema, t.to_batches(max_chunksize=rows_per_batch))

    to_arrow_reader = fetch_record_batch

    def pl(self, rows_per_batch: int = 1_000_000, *, lazy: bool = False):
        out = self._res().pl()
        return out.lazy() if lazy else out

    @property
    def description(self):
        return None if self._result is None else self._result.description

    @property
    def rowcount(self) -> int:
        return -1 if self._result is None else self._result.rowcount

    # ------------------------------------------------------------------ data in

    def register(self, view_name: str, python_object) -> "Connection":
        """Makes a DataFrame / Arrow object / NumPy data queryable as view_name on this connection."""
        self._check()
        data = _scan.to_arrow_table(python_object)
        with self._lock:
            self._scanned.pop(view_name, None)
            self._call(lambda: self._register_data(self._registered, view_name, data, python_object), None)
        return self

    def unregister(self, view_name: str) -> "Connection":
        self._check()
        with self._lock:
            for registry in (self._registered, self._scanned):
                old = registry.pop(view_name, None)
                if old is not None:
                    J().bridge.closeQuietly(old[0])
            self._call(lambda: self._jcon.unregister(view_name), None)
        return self

    def from_arrow(self, arrow_object):
        name = f"arrow_{id(arrow_object):x}_{len(self._registered)}"
        self.register(name, arrow_object)
        return self.table(name)

    def from_df(self, df):
        return self.from_arrow(df)

    from_polars = from_df

    def query_df(self, df, virtual_table_name: str, sql_query: str):
        self.register(virtual_table_name, df)
        return self.sql(sql_query)

    def append(self, table_name: str, df, *, by_name: bool = False) -> "Connection":
        name = f"__append_{id(df):x}"
        self.register(name, df)
        try:
            cols = "*"
            if by_name:
                cols = ", ".join('"' + str(c).replace('"', '""') + '"' for c in _scan.to_arrow_table(df).column_names)
                self.execute(f'INSERT INTO {table_name} ({cols}) SELECT {cols} FROM "{name}"')
            else:
                self.execute(f'INSERT INTO {table_name} SELECT * FROM "{name}"')
        finally:
            self.unregister(name)
        return self

    def read_csv(self, path_or_buffer, **kwargs):
        return self._read("read_csv", path_or_buffer, kwargs)

    from_csv_auto = read_csv

    def read_parquet(self, file_glob, **kwargs):
        return self._read("read_parquet", file_glob, kwargs)

    from_parquet = read_parquet

    def read_json(self, path_or_buffer, **kwargs):
        return self._read("read_json", path_or_buffer, kwargs)

    def _read(self, function: str, path, kwargs):
        if isinstance(path, (list, tuple)):
            arg = "[" + ", ".join(_sql_literal(str(p)) for p in path) + "]"
        else:
            arg = _sql_literal(str(path))
        opts = "".join(f", {k} := {_option(v)}" for k, v in kwargs.items() if v is not None)
        return self.sql(f"SELECT * FROM {function}({arg}{opts})")

    # ------------------------------------------------------------------ connections, transactions

    def create_function(self, name: str, function, parameters=None, return_type=None, *, type="native",
                        null_handling="default", exception_handling="default", side_effects: bool = False) -> "Connection":
        """Registers a Python function as a scalar SQL function (duckdb's create_function): 'native'
        calls it once per row with Python values, 'arrow' once per chunk with pyarrow arrays."""
        from . import _functions

        self._check()
        try:
            return _functions.create_function(self, name, function, parameters, return_type, type=type,
                                              null_handling=null_handling, exception_handling=exception_handling,
                                              side_effects=side_effects)
        except _jvm_exception() as e:
            raise translate(e) from None

    def remove_function(self, name: str) -> "Connection":
        self._check()
        try:
            self._jcon.removeFunction(name)
        except _jvm_exception() as e:
            raise translate(e) from None
        return self

    def cursor(self) -> "Connection":
        self._check()
        return Connection(self.database, _jcon=self._call(lambda: self._jcon.duplicate(), None))

    duplicate = cursor

    def begin(self) -> "Connection":
        self.execute("BEGIN TRANSACTION")
        return self

    def commit(self) -> "Connection":
        self.execute("COMMIT")
        return self

    def rollback(self) -> "Connection":
        self.execute("ROLLBACK")
        return self

    def checkpoint(self) -> "Connection":
        self.execute("CHECKPOINT")
        return self

    def interrupt(self) -> None:
        """Cancels the statement running on this connection (callable from another thread)."""
        if not self._closed:
            self._jcon.interrupt()

    def get_table_names(self, query: str) -> set[str]:
        rows = self.execute(
            "SELECT table_name FROM information_schema.tables"
        ).fetchall()
        names = {r[0] for r in rows}
        return {n for n in names if re.search(r"\b" + re.escape(n) + r"\b", query, re.IGNORECASE)}

    def close(self) -> None:
        if self._closed:
            return
        with self._lock:
            self._closed = True
            for registry in (self._registered, self._scanned):
                for reader, _data, _obj in registry.values():
                    J().bridge.closeQuietly(reader)
                registry.clear()
            self._result = None
            try:
                self._jcon.close()
            except Exception:  # noqa: BLE001
                pass
            _jvm.untrack(self)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close()
        return False

    def __del__(self):
        # an unreferenced connection frees its engine session (a file database checkpoints on its last close)
        try:
            self.close()
        except Exception:  # noqa: BLE001 - never raise from a finalizer
            pass


def _jvm_exception():
    import jpype

    return jpype.JException


def _missing_table(err) -> str | None:
    if not isinstance(err, CatalogException):
        return None
    m = _MISSING_TABLE.match(str(err))
    if not m:
        return None
    name = m.group(1)
    return name.split(".")[-1] if "." in name else name


def _bound(jrel):
    jrel.columns()
    return jrel


def _sql_literal(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _option(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_option(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_sql_literal(str(k))}: {_option(x)}" for k, x in v.items()) + "}"
    return _sql_literal(str(v))


def _rows_as_arrow(rows) -> pa.Table | None:
    """Parameter rows as an Arrow table (one column per parameter), or None when a column mixes types
    pyarrow cannot hold in one array (those rows go to Java value by value)."""
    width = len(rows[0])
    if any(not isinstance(r, (list, tuple)) or len(r) != width for r in rows):
        raise InvalidInputException("Invalid Input Error: executemany needs a list of parameter tuples of equal length")
    if width == 0:
        return None
    cols = list(zip(*rows))
    arrays = []
    for c in cols:
        try:
            a = pa.array(c, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError, TypeError, ValueError):
            return None
        t = a.type
        if not (pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_string(t) or pa.types.is_boolean(t)
                or pa.types.is_timestamp(t) or pa.types.is_date(t) or pa.types.is_binary(t) or pa.types.is_null(t)):
            return None
        arrays.append(a)
    return pa.table({f"p{i}": a for i, a in enumerate(arrays)})
