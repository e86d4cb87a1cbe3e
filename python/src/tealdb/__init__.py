"""TealDB for Python: duckdb's Python API on TealDB's Java engine, running in-process (JPype), with
data crossing through the Arrow C Stream interface.

    import tealdb
    tealdb.sql("SELECT 42").show()
    con = tealdb.connect()
    con.execute("CREATE TABLE t AS SELECT * FROM df")   # a pandas DataFrame in the caller's scope
"""

from __future__ import annotations

import threading as _threading

from ._errors import (  # noqa: F401 - re-exported with duckdb's names
    BinderException,
    CatalogException,
    ConnectionException,
    ConstraintException,
    ConversionException,
    DataError,
    DatabaseError,
    DependencyException,
    Error,
    FatalException,
    HTTPException,
    IntegrityError,
    InterfaceError,
    InternalError,
    InternalException,
    InterruptException,
    InvalidInputException,
    InvalidTypeException,
    IOException,
    NotImplementedException,
    NotSupportedError,
    OperationalError,
    OutOfMemoryException,
    OutOfRangeException,
    ParserException,
    PermissionException,
    ProgrammingError,
    SequenceException,
    SerializationException,
    SyntaxException,
    TransactionException,
    TypeMismatchException,
    Warning,
)

from . import functional, sqltypes  # noqa: F401,E402 - duckdb's submodules
from .functional import PythonExceptionHandling  # noqa: F401,E402
from .sqltypes import (  # noqa: F401,E402 - duckdb's type constructors at module level
    DuckDBPyType,
    array_type,
    decimal_type,
    list_type,
    map_type,
    row_type,
    string_type,
    struct_type,
)

__version__ = "0.1.0"

# DB-API 2.0 module attributes (duckdb's values)
apilevel = "2.0"
threadsafety = 1
paramstyle = "qmark"

_default = None
_default_lock = _threading.Lock()


def connect(database: str = ":memory:", read_only: bool = False, config: dict | None = None):
    """A connection to a database (':memory:' for a private in-memory one)."""
    from . import _jvm

    _jvm.bridge()  # the JVM first: its warm-up thread runs while the next line imports pyarrow
    from ._connection import Connection

    return Connection(database, read_only, config)


def default_connection():
    """The module's own in-memory connection, used by tealdb.sql(...) and the other module functions."""
    global _default
    with _default_lock:
        if _default is None or _default._closed:
            _default = connect()
        return _default


def set_default_connection(con) -> None:
    global _default
    with _default_lock:
        _default = con


def _con(connection):
    return connection if connection is not None else default_connection()


def sql(query: str, *, alias: str = "", params=None, connection=None):
    return _con(connection).sql(query, alias=alias, params=params)


query = sql


def execute(query: str, parameters=None, connection=None):
    return _con(connection).execute(query, parameters)


def executemany(query: str, parameters=None, connection=None):
    return _con(connection).executemany(query, parameters)


def fetchone(connection=None):
    return _con(connection).fetchone()


def fetchmany(size: int = 1, connection=None):
    return _con(connection).fetchmany(size)


def fetchall(connection=None):
    return _con(connection).fetchall()


def fetchdf(connection=None):
    return _con(connection).fetchdf()


df = fetchdf


def fetchnumpy(connection=None):
    return _con(connection).fetchnumpy()


def fetch_arrow_table(connection=None):
    return _con(connection).fetch_arrow_table()


def table(name: str, connection=None):
    return _con(connection).table(name)


def view(name: str, connection=None):
    return _con(connection).view(name)


def values(*args, connection=None):
    return _con(connection).values(*args)


def register(view_name: str, python_object, connection=None):
    return _con(connection).register(view_name, python_object)


def unregister(view_name: str, connection=None):
    return _con(connection).unregister(view_name)


def from_df(df, connection=None):
    return _con(connection).from_df(df)


def from_arrow(arrow_object, connection=None):
    return _con(connection).from_arrow(arrow_object)


def query_df(df, virtual_table_name: str, sql_query: str, connection=None):
    return _con(connection).query_df(df, virtual_table_name, sql_query)


def read_csv(path_or_buffer, connection=None, **kwargs):
    return _con(connection).read_csv(path_or_buffer, **kwargs)


from_csv_auto = read_csv


def read_parquet(file_glob, connection=None, **kwargs):
    return _con(connection).read_parquet(file_glob, **kwargs)


from_parquet = read_parquet


def read_json(path_or_buffer, connection=None, **kwargs):
    return _con(connection).read_json(path_or_buffer, **kwargs)


def append(table_name: str, df, *, by_name: bool = False, connection=None):
    return _con(connection).append(table_name, df, by_name=by_name)


def create_function(name: str, function, parameters=None, return_type=None, *, type="native", null_handling="default",
                    exception_handling="default", side_effects: bool = False, connection=None):
    return _con(connection).create_function(name, function, parameters, return_type, type=type, null_handling=null_handling,
                                            exception_handling=exception_handling, side_effects=side_effects)


def remove_function(name: str, connection=None):
    return _con(connection).remove_function(name)


def cursor(connection=None):
    return _con(connection).cursor()


def begin(connection=None):
    return _con(connection).begin()


def commit(connection=None):
    return _con(connection).commit()


def rollback(connection=None):
    return _con(connection).rollback()


def interrupt(connection=None):
    return _con(connection).interrupt()


def get_table_names(query: str, connection=None):
    return _con(connection).get_table_names(query)


def __getattr__(name):
    # DuckDBPyConnection / DuckDBPyRelation under duckdb's class names, imported lazily
    if name in ("DuckDBPyConnection", "Connection"):
        from ._connection import Connection

        return Connection
    if name in ("DuckDBPyRelation", "Relation"):
        from ._relation import Relation

        return Relation
    raise AttributeError(f"module 'tealdb' has no attribute '{name}'")


def sqltype(type_str) -> DuckDBPyType:
    """A SQL type from its name or a Python type (duckdb's ``sqltype`` / ``type``)."""
    return DuckDBPyType(type_str)


type = sqltype  # noqa: A001 - duckdb's name; defined last so nothing above sees the builtin shadowed
