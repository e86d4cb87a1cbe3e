"""Python objects as Arrow data for the engine: pandas / Polars DataFrames and LazyFrames, pyarrow
Tables / RecordBatchReaders / Datasets, NumPy arrays and dicts of arrays, and anything with
__arrow_c_stream__ -- what register(), from_df()/from_arrow() and replacement scans accept."""

from __future__ import annotations

import pyarrow as pa

from ._errors import InvalidInputException


def _type_name(obj) -> str:
    t = type(obj)
    return f"{t.__module__}.{t.__qualname__}"


def is_scannable(obj) -> bool:
    """True for the objects a replacement scan picks up (duckdb's list)."""
    if hasattr(obj, "__arrow_c_stream__"):
        return True
    mod = type(obj).__module__ or ""
    name = type(obj).__name__
    if mod.startswith("pandas") and name == "DataFrame":
        return True
    if mod.startswith("polars") and name in ("DataFrame", "LazyFrame"):
        return True
    if isinstance(obj, (pa.Table, pa.RecordBatch, pa.RecordBatchReader)):
        return True
    if mod.startswith("pyarrow") and name in ("Dataset", "FileSystemDataset", "UnionDataset", "InMemoryDataset", "Scanner"):
        return True
    try:
        import numpy as np

        if isinstance(obj, np.ndarray):
            return True
        if isinstance(obj, dict) and obj and all(isinstance(v, np.ndarray) for v in obj.values()):
            return True
    except ImportError:  # pragma: no cover
        pass
    return False


def _unslice(table: pa.Table) -> pa.Table:
    """Arrow Java ignores ArrowArray.offset on import (apache/arrow-java#74): copy every chunk that
    starts at a non-zero offset so it arrives with offset 0 (only sliced inputs pay for this)."""
    cols = []
    changed = False
    for col in table.columns:
        chunks = []
        for chunk in col.chunks:
            if chunk.offset != 0 or _children_sliced(chunk):
                chunk = pa.concat_arrays([chunk]) if chunk.offset == 0 else _copy(chunk)
                changed = True
            chunks.append(chunk)
        cols.append(pa.chunked_array(chunks, type=col.type))
    return pa.Table.from_arrays(cols, schema=table.schema) if changed else table


def _copy(arr: pa.Array) -> pa.Array:
    # concat_arrays of a single sliced array copies it into fresh buffers starting at offset 0
    out = pa.concat_arrays([arr])
    if out.offset != 0:  # older pyarrow returned the slice itself
        out = pa.array(arr.to_pylist(), type=arr.type)
    return out


def _children_sliced(arr: pa.Array) -> bool:
    t = arr.type
    if pa.types.is_struct(t) or pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_map(t):
        return arr.offset != 0
    return False


def to_arrow_table(obj) -> pa.Table | pa.RecordBatchReader:
    """obj as a pyarrow Table (in memory, scanned any number of times) or a RecordBatchReader (a
    stream, read once)."""
    mod = type(obj).__module__ or ""
    name = type(obj).__name__
    if isinstance(obj, pa.Table):
        return _unslice(obj)
    if isinstance(obj, pa.RecordBatch):
        return _unslice(pa.Table.from_batches([obj]))
    if isinstance(obj, pa.RecordBatchReader):
        return obj
    if mod.startswith("pandas") and name == "DataFrame":
        return _unslice(_pandas_to_arrow(obj))
    if mod.startswith("polars") and name == "LazyFrame":
        return _unslice(obj.collect().to_arrow())
    if mod.startswith("polars") and name == "DataFrame":
        return _unslice(obj.to_arrow())
    if mod.startswith("pyarrow") and hasattr(obj, "to_table"):
        return _unslice(obj.to_table())
    try:
        import numpy as np

        if isinstance(obj, np.ndarray):
            if obj.ndim == 1:
                return _unslice(pa.table({"column0": obj}))
            if obj.ndim == 2:
                return _unslice(pa.table({f"column{i}": obj[i] for i in range(obj.shape[0])}))
            raise InvalidInputException(f"Invalid Input Error: a NumPy array of {obj.ndim} dimensions cannot be scanned")
        if isinstance(obj, dict) and obj and all(isinstance(v, np.ndarray) for v in obj.values()):
            return _unslice(pa.table({str(k): v for k, v in obj.items()}))
    except ImportError:  # pragma: no cover
        pass
    if hasattr(obj, "__arrow_c_stream__"):
        return _unslice(pa.table(obj)) if not hasattr(obj, "read_next_batch") else pa.RecordBatchReader.from_stream(obj)
    raise InvalidInputException(
        f"Invalid Input Error: Python object of type '{_type_name(obj)}' is not a scannable table: pass a pandas or "
        "Polars DataFrame, a pyarrow Table/RecordBatchReader/Dataset, a NumPy array or an object with __arrow_c_stream__"
    )


#: Field metadata telling the engine to read NaN as NULL (arrow module, ArrowColumnReader.NAN_IS_NULL).
_NAN_IS_NULL = {b"tealdb:nan_is_null": b"true"}


def _pandas_to_arrow(df) -> pa.Table:
    """df as Arrow with duckdb's reading of pandas: a NaN in a float column is NULL. Plain NumPy float
    columns go over without a copy and are marked, so that the engine turns NaN into NULL while it
    scans them in parallel (pyarrow's own NaN check is a serial pass over every value, per query);
    every other column converts with pyarrow's pandas rules."""
    import numpy as np

    names = [str(c) for c in df.columns]
    if len(set(names)) != len(names):
        raise InvalidInputException(f"Invalid Input Error: the DataFrame has duplicate column names: {names}")
    floats = {i for i in range(df.shape[1])
              if isinstance(df.dtypes.iloc[i], np.dtype) and df.dtypes.iloc[i] in (np.float32, np.float64)}
    if not floats:
        table = pa.Table.from_pandas(df, preserve_index=False)
        return table.rename_columns(names) if table.column_names != names else table
    others = [i for i in range(df.shape[1]) if i not in floats]
    converted = iter(pa.Table.from_pandas(df.iloc[:, others], preserve_index=False).columns) if others else None
    arrays, fields = [], []
    for i, name in enumerate(names):
        if i in floats:
            arr = pa.array(df.iloc[:, i].to_numpy(copy=False))
            fields.append(pa.field(name, arr.type, metadata=_NAN_IS_NULL))
        else:
            arr = next(converted)  # the other columns, in order
            fields.append(pa.field(name, arr.type))
        arrays.append(arr)
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def export_stream(data, address: int) -> None:
    """Exports a Table (a fresh stream over the same buffers) or a RecordBatchReader into the C
    ArrowArrayStream struct at address."""
    if isinstance(data, pa.Table):
        reader = data.to_reader()
    else:
        reader = data
    reader._export_to_c(address)
