"""SQL types as Python values, under duckdb's names (``duckdb.sqltypes``): ``BIGINT``, ``VARCHAR``, ...
and :class:`DuckDBPyType`, which also turns a Python type into the SQL type duckdb maps it to
(``int`` -> BIGINT, ``list[str]`` -> VARCHAR[], ``dict[str, int]`` -> MAP(VARCHAR, BIGINT),
``{'a': int}`` -> STRUCT(a BIGINT)). Types print and compare as their SQL names."""

from __future__ import annotations

import typing as _typing


class DuckDBPyType(str):
    """A SQL type, a ``str`` of its SQL name ('INTEGER', 'DECIMAL(10,2)', 'VARCHAR[]')."""

    __slots__ = ()

    def __new__(cls, obj="SQLNULL"):
        return str.__new__(cls, obj if isinstance(obj, str) else _from_python(obj))

    def __repr__(self) -> str:
        return str(self)

    @property
    def id(self) -> str:
        return self.split("(")[0].lower()


_SIMPLE = {int: "BIGINT", str: "VARCHAR", float: "DOUBLE", bool: "BOOLEAN", bytes: "BLOB", bytearray: "BLOB"}


def _from_python(obj) -> str:
    """The SQL type duckdb gives a Python type (TypeError for the ones it has no type for)."""
    if isinstance(obj, type) and obj in _SIMPLE:
        return _SIMPLE[obj]
    if isinstance(obj, dict):
        return "STRUCT(" + ", ".join(f"{_ident(k)} {DuckDBPyType(v)}" for k, v in obj.items()) + ")"
    origin, args = _typing.get_origin(obj), _typing.get_args(obj)
    if origin is list and len(args) == 1:
        return f"{DuckDBPyType(args[0])}[]"
    if origin is dict and len(args) == 2:
        return f"MAP({DuckDBPyType(args[0])}, {DuckDBPyType(args[1])})"
    raise TypeError(f"Could not convert from unknown '{type(obj).__name__}' to DuckDBPyType")


def _ident(name) -> str:
    name = str(name)
    return name if name.isidentifier() and name.isascii() else '"' + name.replace('"', '""') + '"'


SQLNULL = DuckDBPyType("\"NULL\"")
BOOLEAN = DuckDBPyType("BOOLEAN")
TINYINT = DuckDBPyType("TINYINT")
UTINYINT = DuckDBPyType("UTINYINT")
SMALLINT = DuckDBPyType("SMALLINT")
USMALLINT = DuckDBPyType("USMALLINT")
INTEGER = DuckDBPyType("INTEGER")
UINTEGER = DuckDBPyType("UINTEGER")
BIGINT = DuckDBPyType("BIGINT")
UBIGINT = DuckDBPyType("UBIGINT")
HUGEINT = DuckDBPyType("HUGEINT")
UHUGEINT = DuckDBPyType("UHUGEINT")
UUID = DuckDBPyType("UUID")
FLOAT = DuckDBPyType("FLOAT")
DOUBLE = DuckDBPyType("DOUBLE")
DATE = DuckDBPyType("DATE")
TIMESTAMP = DuckDBPyType("TIMESTAMP")
TIMESTAMP_MS = DuckDBPyType("TIMESTAMP_MS")
TIMESTAMP_NS = DuckDBPyType("TIMESTAMP_NS")
TIMESTAMP_S = DuckDBPyType("TIMESTAMP_S")
TIMESTAMP_TZ = DuckDBPyType("TIMESTAMP WITH TIME ZONE")
TIME = DuckDBPyType("TIME")
TIME_TZ = DuckDBPyType("TIME WITH TIME ZONE")
INTERVAL = DuckDBPyType("INTERVAL")
VARCHAR = DuckDBPyType("VARCHAR")
BLOB = DuckDBPyType("BLOB")
BIT = DuckDBPyType("BIT")


def list_type(child) -> DuckDBPyType:
    return DuckDBPyType(f"{DuckDBPyType(child)}[]")


def array_type(child, size: int) -> DuckDBPyType:
    return DuckDBPyType(f"{DuckDBPyType(child)}[{int(size)}]")


def map_type(key, value) -> DuckDBPyType:
    return DuckDBPyType(f"MAP({DuckDBPyType(key)}, {DuckDBPyType(value)})")


def struct_type(fields) -> DuckDBPyType:
    """STRUCT of a dict name -> type, or of a list of types (fields v1, v2, ... as in duckdb)."""
    if not isinstance(fields, dict):
        fields = {f"v{i + 1}": t for i, t in enumerate(fields)}
    return DuckDBPyType(_from_python(fields))


row_type = struct_type


def decimal_type(width: int, scale: int) -> DuckDBPyType:
    return DuckDBPyType(f"DECIMAL({int(width)},{int(scale)})")


def string_type(collation: str = "") -> DuckDBPyType:
    return VARCHAR
