"""duckdb 1.x's name for :mod:`tealdb.sqltypes`."""

from .sqltypes import *  # noqa: F401,F403
from .sqltypes import DuckDBPyType  # noqa: F401
