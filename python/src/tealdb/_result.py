"""A materialized statement result on the Python side: an Arrow table plus the SQL type names, read
by fetchone/fetchmany/fetchall, df, arrow, pl and fetchnumpy (duckdb's conversion rules)."""

from __future__ import annotations

import pyarrow as pa

from . import _convert


class ResultSet:
    __slots__ = ("names", "types", "table", "rowcount", "_pos", "_rows")

    def __init__(self, names: list[str], types: list[str], table: pa.Table | None, rowcount: int):
        self.names = names
        self.types = types
        self.table = table
        self.rowcount = rowcount
        self._pos = 0
        self._rows = None

    @property
    def description(self):
        if self.table is None:
            return None
        return [(n, t, None, None, None, None, None) for n, t in zip(self.names, self.types)]

    def _remaining(self) -> pa.Table:
        t = self.table
        return t if self._pos == 0 else t.slice(self._pos)

    def _take(self, n: int | None) -> list[tuple]:
        if self.table is None:
            return []
        end = self.table.num_rows if n is None else min(self.table.num_rows, self._pos + n)
        if end <= self._pos:
            return []
        part = self.table.slice(self._pos, end - self._pos)
        self._pos = end
        return _convert.table_to_rows(part, self.types)

    def fetchone(self):
        rows = self._take(1)
        return rows[0] if rows else None

    def fetchmany(self, size: int = 1) -> list[tuple]:
        return self._take(size)

    def fetchall(self) -> list[tuple]:
        return self._take(None)

    def arrow_table(self) -> pa.Table:
        if self.table is None:
            return pa.table({})
        t = self._remaining()
        self._pos = self.table.num_rows
        return t

    def df(self):
        t = self.arrow_table()
        return _convert.table_to_pandas(t, self.names, self.types)

    def fetchnumpy(self) -> dict:
        t = self.arrow_table()
        return {n: _convert.column_to_numpy(t.column(i), self.types[i]) for i, n in enumerate(self.names)}

    def pl(self):
        import polars as pl

        return pl.from_arrow(self.arrow_table())
