"""Value conversions between Python and the engine, following duckdb's rules (README "Python"):
parameters Python -> Java objects, results Arrow -> Python values / pandas / NumPy."""

from __future__ import annotations

import datetime as _dt
import decimal
import re
import uuid

import numpy as np
import pyarrow as pa

from ._errors import ConversionException, InvalidInputException, NotImplementedException

_I64_MIN, _I64_MAX = -(1 << 63), (1 << 63) - 1
_I128_MIN, _I128_MAX = -(1 << 127), (1 << 127) - 1

_java = None


class _Java:
    """Java classes used by the conversions, each looked up on first use: JPype builds a Python class
    per Java class (up to 50 ms for java.math.BigDecimal), and most statements bind no parameters."""

    _CLASSES = {
        "Integer": "java.lang.Integer",
        "Long": "java.lang.Long",
        "Double": "java.lang.Double",
        "Boolean": "java.lang.Boolean",
        "BigInteger": "java.math.BigInteger",
        "BigDecimal": "java.math.BigDecimal",
        "LocalDate": "java.time.LocalDate",
        "LocalTime": "java.time.LocalTime",
        "LocalDateTime": "java.time.LocalDateTime",
        "Interval": "io.tealdb.types.Interval",
        "UUID": "java.util.UUID",
        "OffsetDateTime": "java.time.OffsetDateTime",
        "ZoneOffset": "java.time.ZoneOffset",
        "ArrayList": "java.util.ArrayList",
        "LinkedHashMap": "java.util.LinkedHashMap",
        "NamedParameters": "io.tealdb.NamedParameters",
    }

    def __init__(self):
        import jpype

        self.JObject = jpype.JObject
        self.JArray = jpype.JArray
        self.JByte = jpype.JByte
        self.ObjectArray = jpype.JArray(jpype.JObject)

    def __getattr__(self, name: str):
        java_name = self._CLASSES.get(name)
        if java_name is None:
            raise AttributeError(name)
        import jpype

        cls = jpype.JClass(java_name)
        setattr(self, name, cls)  # later lookups find the attribute and skip __getattr__
        return cls


def java():
    global _java
    if _java is None:
        _java = _Java()
    return _java


def _is_nat(v) -> bool:
    try:
        import pandas as pd
    except ImportError:
        return False
    return v is pd.NaT


def to_java(v, index: int = 0):
    """One Python value as the Java object the engine turns into the SQL value duckdb would bind."""
    j = java()
    if v is None or _is_nat(v):
        return None
    if isinstance(v, (bool, np.bool_)):
        return j.Boolean(bool(v))
    if isinstance(v, (int, np.integer)):
        v = int(v)
        if -(1 << 31) <= v < (1 << 31):
            return j.Integer(v)  # duckdb binds an int that fits 32 bits as INTEGER
        if _I64_MIN <= v <= _I64_MAX:
            return j.Long(v)
        if _I128_MIN <= v <= _I128_MAX:
            return j.BigInteger(str(v))
        return j.Double(float(v))
    if isinstance(v, (float, np.floating)):
        return j.Double(float(v))
    if isinstance(v, str):
        return v
    if isinstance(v, (bytes, bytearray, memoryview)):
        return j.JArray(j.JByte)(bytes(v))
    if isinstance(v, decimal.Decimal):
        if not v.is_finite():
            return j.Double(float(v))
        digits = len(v.as_tuple().digits)
        scale = max(-v.as_tuple().exponent, 0)
        if max(digits, scale) > 38:
            return j.Double(float(v))
        return j.BigDecimal(str(v))
    if isinstance(v, _dt.datetime):
        if v.tzinfo is not None and v.utcoffset() is not None:
            # an aware datetime is TIMESTAMP WITH TIME ZONE (the engine binds an OffsetDateTime so)
            off = int(v.utcoffset().total_seconds())
            return j.OffsetDateTime.of(v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond * 1000,
                                       j.ZoneOffset.ofTotalSeconds(off))
        return j.LocalDateTime.of(v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond * 1000)
    if isinstance(v, _dt.date):
        return j.LocalDate.of(v.year, v.month, v.day)
    if isinstance(v, _dt.time):
        return j.LocalTime.of(v.hour, v.minute, v.second, v.microsecond * 1000)
    if isinstance(v, _dt.timedelta):
        return j.Interval(0, v.days, v.seconds * 1_000_000 + v.microseconds)
    if isinstance(v, uuid.UUID):
        return j.UUID.fromString(str(v))
    if isinstance(v, np.datetime64):
        return to_java(v.astype("datetime64[us]").tolist(), index)
    if isinstance(v, np.timedelta64):
        return to_java(v.astype("timedelta64[us]").tolist(), index)
    if isinstance(v, np.ndarray):
        return to_java(v.tolist(), index)
    if isinstance(v, (list, tuple)):
        # a LIST of the most permissive type of its elements (the engine's rule for a java.util.List)
        out = j.ArrayList(len(v))
        for e in v:
            out.add(to_java(e, index))
        return out
    if isinstance(v, dict):
        # {'key': [...], 'value': [...]} of equal lengths is a MAP, any other dict a STRUCT (duckdb's rules;
        # the engine applies them to a java.util.Map)
        out = j.LinkedHashMap()
        for k, e in v.items():
            out.put(k if isinstance(k, str) else str(k), to_java(e, index))
        return out
    raise ConversionException(
        f"Conversion Error: could not convert parameter {index} of Python type '{type(v).__name__}' to a SQL value"
    )


def params_to_java(params, sql=None):
    """A parameter sequence as a Java Object[] (None -> no parameters); a dict binds the $name
    parameters of sql (numbered by the engine in order of first appearance), as duckdb does."""
    j = java()
    if params is None:
        return j.ObjectArray(0)
    if isinstance(params, dict):
        if sql is None:
            raise NotImplementedException("Not implemented Error: named parameters need the statement's text here")
        named = j.LinkedHashMap()
        for k, v in params.items():
            named.put(str(k), to_java(v))
        return j.NamedParameters.positional(sql, named)
    if not isinstance(params, (list, tuple)):
        raise InvalidInputException(f"Invalid Input Error: parameters must be a list or tuple, got {type(params).__name__}")
    return j.ObjectArray([to_java(v, i + 1) for i, v in enumerate(params)])


# ------------------------------------------------------------------- SQL -> Python


def _interval_py(v):
    if v is None:
        return None
    months, days, nanos = v.months, v.days, v.nanoseconds
    return _dt.timedelta(days=months * 30 + days, microseconds=nanos // 1000)


def _bit_text(v: bytes) -> str:
    """A BIT value from Arrow (DuckDB's storage form: a padding count, then the bits packed eight to a
    byte, most significant first) as duckdb's fetchall gives it: its '0'/'1' text."""
    pad = v[0]
    return "".join(format(b, "08b") for b in v[1:])[pad:]


def _fixer(t: pa.DataType, meta):
    """A function turning one non-NULL pyarrow to_pylist value of type t (with field metadata meta)
    into duckdb's Python value, or None when pyarrow's value already is it: MAP as a dict, UUID as
    uuid.UUID, HUGEINT as int, INTERVAL as timedelta, at any depth."""
    kind = meta.get(b"tealdb.type") if meta else None
    if kind == b"UUID":
        return uuid.UUID
    if kind in (b"HUGEINT", b"UHUGEINT"):
        return int
    if kind == b"BIT":
        return _bit_text
    if pa.types.is_interval(t):
        return _interval_py
    if pa.types.is_map(t):
        kf = _fixer(t.key_field.type, t.key_field.metadata)
        vf = _fixer(t.item_field.type, t.item_field.metadata)
        return lambda v: {(k if kf is None or k is None else kf(k)): (x if vf is None or x is None else vf(x)) for k, x in v}
    if pa.types.is_fixed_size_list(t):
        # duckdb gives an ARRAY as a tuple
        ef = _fixer(t.value_type, t.value_field.metadata)
        if ef is None:
            return tuple
        return lambda v: tuple(None if e is None else ef(e) for e in v)
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        ef = _fixer(t.value_type, t.value_field.metadata)
        if ef is None:
            return None
        return lambda v: [None if e is None else ef(e) for e in v]
    if pa.types.is_struct(t):
        fs = [(t.field(i).name, _fixer(t.field(i).type, t.field(i).metadata)) for i in range(t.num_fields)]
        if all(f is None for _, f in fs):
            return None
        return lambda v: {n: (v[n] if f is None or v[n] is None else f(v[n])) for n, f in fs}
    return None


#: numpy/pandas datetime64 unit of each date/time type in fetchnumpy and df(), as duckdb gives them
_TIME_UNITS = {"DATE": "us", "TIMESTAMP": "us", "TIMESTAMP_S": "s", "TIMESTAMP_MS": "ms", "TIMESTAMP_NS": "ns",
               "TIMESTAMP WITH TIME ZONE": "us"}
_DATE_INFINITY = 2**31 - 1  # DATE 'infinity' in days; -infinity is its negation (the engine's encoding)
_TIMESTAMP_INFINITY = 2**63 - 1  # TIMESTAMP 'infinity' in the column's unit; likewise


def _infinities(col: pa.ChunkedArray, sql_type: str):
    """(raw integer values, infinity) when the date/time column holds ±infinity, else None."""
    import pyarrow.compute as pc  # on first use: importing it takes 0.05-0.1 s, and most results never need it

    is_date = sql_type == "DATE"
    raw = col.cast(pa.int32() if is_date else pa.int64())
    top = _DATE_INFINITY if is_date else _TIMESTAMP_INFINITY
    mm = pc.min_max(raw)
    lo, hi = mm["min"].as_py(), mm["max"].as_py()
    if lo is None or (lo > -top and hi < top):
        return None
    return raw, top


def _temporal_to_python(col: pa.ChunkedArray, sql_type: str) -> list:
    """DATE/TIMESTAMP values as duckdb's fetchall gives them: ±infinity as date.max/min or
    datetime.max/min (naive, also for TIMESTAMPTZ), TIMESTAMP_NS truncated to a datetime."""
    import pyarrow.compute as pc

    inf = _infinities(col, sql_type)
    values = col
    if inf is not None:
        raw, top = inf
        values = pc.if_else(pc.or_(pc.equal(raw, top), pc.equal(raw, -top)), pa.scalar(None, col.type), col)
    if sql_type == "TIMESTAMP_NS":
        values = values.cast(pa.timestamp("us", tz=col.type.tz), safe=False)
    out = values.to_pylist()
    if inf is None:
        return out
    raw, top = inf
    big, small = (_dt.date.max, _dt.date.min) if sql_type == "DATE" else (_dt.datetime.max, _dt.datetime.min)
    return [big if r == top else small if r == -top else v for r, v in zip(raw.to_pylist(), out)]


def _check_date_in_range(col: pa.ChunkedArray, sql_type: str) -> None:
    """df() and fetchnumpy give dates as datetime64[us], where ±infinity has no value: duckdb's error."""
    import pyarrow.compute as pc

    if sql_type != "DATE":
        return
    inf = _infinities(col, sql_type)
    if inf is not None:
        raw, top = inf
        which = "infinity" if pc.max(raw).as_py() == top else "-infinity"
        raise ConversionException(f"Conversion Error: Could not convert DATE ({which}) to microseconds")


def column_to_python(col: pa.ChunkedArray, sql_type: str) -> list:
    """One result column as Python values (duckdb's fetchall rules)."""
    if sql_type in _TIME_UNITS:
        return _temporal_to_python(col, sql_type)
    values = col.to_pylist()
    if pa.types.is_nested(col.type):
        f = _fixer(col.type, None)
        return values if f is None else [None if v is None else f(v) for v in values]
    if sql_type == "HUGEINT" or sql_type == "UHUGEINT":
        return [None if v is None else int(v) for v in values]
    if sql_type == "INTERVAL":
        return [_interval_py(v) for v in values]
    if sql_type == "BIT":
        return [None if v is None else _bit_text(v) for v in values]
    if sql_type == "UUID":
        return [None if v is None else uuid.UUID(v if isinstance(v, str) else bytes(v).hex()) for v in values]
    return values


def table_to_rows(table: pa.Table, types: list[str]) -> list[tuple]:
    cols = [column_to_python(table.column(i), types[i]) for i in range(table.num_columns)]
    if not cols:
        return []
    return list(zip(*cols))


_INT_TYPES = {"TINYINT": 8, "SMALLINT": 16, "INTEGER": 32, "BIGINT": 64}
_UINT_TYPES = {"UTINYINT": 8, "USMALLINT": 16, "UINTEGER": 32, "UBIGINT": 64}


_LIST_SUFFIX = re.compile(r"\[\d*\]$")


def _element_type(sql_type: str) -> str | None:
    """The element type of a LIST ("INTEGER[]") or ARRAY ("INTEGER[3]") type name, else None."""
    m = _LIST_SUFFIX.search(sql_type)
    return sql_type[: m.start()] if m else None


def _lists_to_arrays(col: pa.ChunkedArray, element_type: str, for_pandas: bool = False):
    """A LIST/ARRAY column as duckdb's df() and fetchnumpy() give it: each list a NumPy array of its
    elements, converted as fetchnumpy converts a column of the element type (masked where an element
    is NULL, an array of arrays for nested lists). Returns the object array and the rows' NULL mask."""
    out = np.empty(len(col), dtype=object)
    null_rows = col.is_null().to_numpy(zero_copy_only=False)
    at = 0
    for chunk in col.chunks:
        n = len(chunk)
        if n == 0:
            continue
        if pa.types.is_fixed_size_list(chunk.type):
            size = chunk.type.list_size
            offsets = (np.arange(n + 1, dtype=np.int64) + chunk.offset) * size
        else:
            offsets = chunk.offsets.to_numpy()
        child = pa.chunked_array([chunk.values], chunk.type.value_type)
        if for_pandas and element_type in ("VARCHAR", "BIT"):
            # df() gives a list of strings as a plain object array, None for NULL (fetchnumpy masks
            # them), and a list of BIT likewise, each value the bytes of its storage form
            values = np.empty(len(child), dtype=object)
            values[:] = child.to_pylist()
        elif for_pandas and element_type.startswith("ENUM("):
            # df() gives a list of ENUM values as their codes (as pandas Categorical codes: -1 for NULL)
            categories = enum_categories(element_type)
            values = _enum_codes(child, categories).astype(_codes_dtype(len(categories)))
        else:
            values = column_to_numpy(child, element_type)
        masked = isinstance(values, np.ma.MaskedArray)
        mask = np.ma.getmaskarray(values) if masked else None
        data = np.ma.getdata(values) if masked else values
        for i in range(n):
            if not null_rows[at + i]:
                a, b = offsets[i], offsets[i + 1]
                # as duckdb: a list holding a NULL element is a masked array, any other a plain one
                out[at + i] = values[a:b] if masked and mask[a:b].any() else data[a:b]
        at += n
    return out, null_rows


def enum_categories(sql_type: str) -> list[str]:
    """The labels of "ENUM('a', 'b''c')" in order."""
    body = sql_type[sql_type.index("(") + 1: sql_type.rindex(")")]
    labels, i = [], 0
    while i < len(body):
        if body[i] != "'":
            i += 1
            continue
        j, text = i + 1, []
        while j < len(body):
            if body[j] == "'" and j + 1 < len(body) and body[j + 1] == "'":
                text.append("'")
                j += 2
            elif body[j] == "'":
                break
            else:
                text.append(body[j])
                j += 1
        labels.append("".join(text))
        i = j + 1
    return labels


def _enum_codes(col: pa.ChunkedArray, categories: list[str]) -> np.ndarray:
    """The positions of an ENUM column's values among its labels (int32, -1 for NULL), found by one
    vectorized lookup, not per row."""
    import pyarrow.compute as pc

    if pa.types.is_dictionary(col.type):
        # the engine's results: codes over the enum's own labels
        indices = [chunk.indices for chunk in col.chunks] or [pa.array([], pa.int32())]
        codes = pc.fill_null(pc.cast(pa.chunked_array(indices), pa.int32()), -1)
    else:
        codes = pc.fill_null(pc.index_in(col, value_set=pa.array(categories, pa.string())), -1)
    return codes.to_numpy()


def _codes_dtype(n: int):
    """The integer type pandas gives the codes of a Categorical with n categories."""
    return np.int8 if n < 2**7 else np.int16 if n < 2**15 else np.int32


def column_to_pandas(col: pa.ChunkedArray, sql_type: str):
    """One result column as the pandas array duckdb's df() gives for its SQL type."""
    import pyarrow.compute as pc

    import pandas as pd

    nulls = col.null_count
    element = _element_type(sql_type)
    if element is not None:
        out, null_rows = _lists_to_arrays(col, element, for_pandas=True)
        out[null_rows] = pd.NA
        return out
    if sql_type.startswith("ENUM("):
        # ENUM values compare by position, as in duckdb
        categories = enum_categories(sql_type)
        return pd.Categorical.from_codes(_enum_codes(col, categories), categories=categories, ordered=True)
    if sql_type == "BIT":
        # as duckdb's df(): the bytes of the storage form (padding count, packed bits), NULL as pd.NA
        out = np.empty(len(col), dtype=object)
        out[:] = [pd.NA if v is None else v for v in col.to_pylist()]
        return out
    if sql_type == "BLOB":
        out = np.empty(len(col), dtype=object)
        out[:] = [pd.NA if v is None else bytearray(v) for v in col.to_pylist()]
        return out
    if sql_type in _INT_TYPES or sql_type in _UINT_TYPES:
        if nulls == 0:
            return col.to_numpy()
        # duckdb gives pandas' nullable integer types (Int32, UInt64, ...) when a column has NULLs
        return pd.arrays.IntegerArray(pc.fill_null(col, 0).to_numpy(), col.is_null().to_numpy())
    if sql_type == "BOOLEAN":
        if nulls == 0:
            return col.to_numpy()
        return pd.arrays.BooleanArray(pc.fill_null(col, False).to_numpy(), col.is_null().to_numpy())
    if sql_type in ("FLOAT", "DOUBLE"):
        return col.to_numpy() if nulls == 0 else pc.fill_null(col, float("nan")).to_numpy()
    if sql_type.startswith("DECIMAL") or sql_type in ("HUGEINT", "UHUGEINT"):
        return pc.cast(col, pa.float64()).to_numpy(zero_copy_only=False)
    if sql_type == "VARCHAR":
        if nulls == len(col):
            return np.array([None] * len(col), dtype=object)
        return col.to_pandas().array
    if sql_type in _TIME_UNITS and sql_type != "TIMESTAMP WITH TIME ZONE":
        _check_date_in_range(col, sql_type)
        return pc.cast(col, pa.timestamp(_TIME_UNITS[sql_type])).to_pandas(coerce_temporal_nanoseconds=False).array
    if sql_type == "INTERVAL":
        vals = [_interval_py(v) for v in col.to_pylist()]
        return pd.array(pd.Series(vals, dtype="timedelta64[us]"))
    values = column_to_python(col, sql_type)
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def table_to_pandas(table: pa.Table, names: list[str], types: list[str]):
    import pandas as pd

    data = {}
    for i, name in enumerate(names):
        data[name] = column_to_pandas(table.column(i), types[i])
    if not names:
        return pd.DataFrame()
    df = pd.DataFrame(data, copy=False)
    if len(set(names)) != len(names):
        df.columns = names
    return df


def column_to_numpy(col: pa.ChunkedArray, sql_type: str):
    """One result column as duckdb's fetchnumpy gives it (a masked array where there are NULLs)."""
    import pyarrow.compute as pc

    nulls = col.null_count
    if sql_type in _INT_TYPES or sql_type in _UINT_TYPES or sql_type in ("FLOAT", "DOUBLE", "BOOLEAN"):
        if nulls == 0:
            return col.to_numpy()
        filler = False if sql_type == "BOOLEAN" else 0
        return np.ma.masked_array(pc.fill_null(col, filler).to_numpy(), mask=col.is_null().to_numpy())
    if sql_type.startswith("DECIMAL") or sql_type in ("HUGEINT", "UHUGEINT"):
        arr = pc.cast(col, pa.float64())
        return arr.to_numpy() if nulls == 0 else np.ma.masked_array(pc.fill_null(arr, 0.0).to_numpy(), mask=col.is_null().to_numpy())
    if sql_type in _TIME_UNITS:
        # TIMESTAMPTZ as UTC datetime64[us], as duckdb's fetchnumpy gives it
        _check_date_in_range(col, sql_type)
        unit = _TIME_UNITS[sql_type]
        arr = pc.cast(col, pa.timestamp(unit))
        if nulls == 0:
            return arr.to_numpy()
        return np.ma.masked_array(pc.fill_null(pc.cast(arr, pa.int64()), 0).to_numpy().view(f"datetime64[{unit}]"),
                                  mask=col.is_null().to_numpy())
    if sql_type.startswith("ENUM("):
        # duckdb: the labels, NaN for NULL, unmasked
        out = np.empty(len(col), dtype=object)
        out[:] = [np.nan if v is None else v for v in col.to_pylist()]
        return out
    if sql_type == "BLOB":
        out = np.empty(len(col), dtype=object)
        out[:] = [None if v is None else bytearray(v) for v in col.to_pylist()]
        return np.ma.masked_array(out, mask=col.is_null().to_numpy()) if nulls else out
    if sql_type == "INTERVAL":
        vals = np.array([np.timedelta64(0, "us") if v is None else _interval_py(v) for v in col.to_pylist()], dtype="timedelta64[us]")
        return vals if nulls == 0 else np.ma.masked_array(vals, mask=col.is_null().to_numpy())
    element = _element_type(sql_type)
    if element is not None:
        out, null_rows = _lists_to_arrays(col, element)
        return np.ma.masked_array(out, mask=null_rows) if nulls else out
    values = column_to_python(col, sql_type)
    out = np.empty(len(values), dtype=object)
    out[:] = values
    if nulls:
        return np.ma.masked_array(out, mask=col.is_null().to_numpy())
    return out
