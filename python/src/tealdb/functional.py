"""The option enums of ``create_function``, under duckdb's names (plain strings are accepted too)."""

from __future__ import annotations

import enum


class PythonUDFType(str, enum.Enum):
    """How the function sees its arguments: one call per row with Python values, or one call per chunk with pyarrow arrays."""

    NATIVE = "native"
    ARROW = "arrow"


class FunctionNullHandling(str, enum.Enum):
    """DEFAULT: a row with a NULL argument is NULL without calling the function. SPECIAL: the function sees NULLs (as None)."""

    DEFAULT = "default"
    SPECIAL = "special"


class PythonExceptionHandling(str, enum.Enum):
    """DEFAULT: an exception in the function fails the query. RETURN_NULL: it makes that row NULL."""

    DEFAULT = "default"
    RETURN_NULL = "return_null"


NATIVE = PythonUDFType.NATIVE
ARROW = PythonUDFType.ARROW
DEFAULT = FunctionNullHandling.DEFAULT
SPECIAL = FunctionNullHandling.SPECIAL
