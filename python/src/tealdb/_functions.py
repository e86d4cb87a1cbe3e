"""create_function / remove_function: a Python function as a scalar function of the engine. The engine
hands each chunk of arguments to Python as one Arrow record batch and takes the answers back as one
Arrow array (through the C Data interface); here they become calls of the function, the way duckdb
makes them ('native': once per row with Python values, 'arrow': once per chunk with pyarrow arrays)."""

from __future__ import annotations

import inspect
import typing

import pyarrow as pa

from . import _convert
from ._errors import InvalidInputException
from .functional import FunctionNullHandling, PythonExceptionHandling, PythonUDFType
from .sqltypes import DuckDBPyType

_proxy_class = None


def _choice(enum_type, value, what: str):
    try:
        return enum_type(value.value if isinstance(value, enum_type) else str(value).lower())
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in enum_type)
        raise TypeError(f"create_function(): {what} must be one of {allowed}, not {value!r}") from None


def _signature(function, parameters, return_type):
    """(parameter SQL types, return SQL type), from the arguments or else the function's annotations."""
    try:
        sig = inspect.signature(function)
    except (TypeError, ValueError):
        sig = None
    try:
        hints = typing.get_type_hints(function)
    except Exception:  # noqa: BLE001 - unresolvable annotations are the same as none
        hints = {}
    if return_type is None:
        if "return" not in hints:
            raise InvalidInputException("Invalid Input Error: Could not infer the return type, please set it explicitly")
        ret = _sql_type(hints["return"], "return type")
    else:
        ret = DuckDBPyType(return_type)
    params = [] if sig is None else [p for p in sig.parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if parameters is None:
        types = []
        for p in params:
            if p.name not in hints:
                raise InvalidInputException(f"Invalid Input Error: Could not infer the type of parameter '{p.name}', please set it explicitly")
            types.append(_sql_type(hints[p.name], "parameter type"))
    else:
        types = [DuckDBPyType(t) for t in parameters]
        varargs = sig is not None and any(p.kind == p.VAR_POSITIONAL for p in sig.parameters.values())
        if sig is not None and not varargs and len(types) != len(params):
            raise InvalidInputException(
                f"Invalid Input Error: {len(types)} types provided, but the provided function takes {len(params)} parameters")
    return types, ret


def _sql_type(annotation, what: str) -> DuckDBPyType:
    try:
        return DuckDBPyType(annotation)
    except TypeError:
        raise InvalidInputException(f"Invalid Input Error: Could not infer the {what}, please set it explicitly") from None


def _plain(v):
    """A Python value pyarrow can put in an array of the declared type (UUIDs travel as text)."""
    import uuid

    return str(v) if isinstance(v, uuid.UUID) else v


def _to_arrow(values: list, target: pa.DataType):
    """The answers as one pyarrow array: of the type pyarrow infers (the engine casts it to the
    declared type, as duckdb casts a UDF's values), else of the declared type itself."""
    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
        return pa.array([None if v is None else _plain(v) for v in values], type=target)


class _Function:
    """One registered function: turns a chunk of arguments into a chunk of answers."""

    def __init__(self, name, function, types, ret, kind, special, return_null, target):
        self.name = name
        self.function = function
        self.types = [str(t) for t in types]
        self.ret = str(ret)
        self.kind = kind
        self.special = special
        self.return_null = return_null
        self.target = target

    def run(self, batch: pa.RecordBatch):
        if self.kind is PythonUDFType.ARROW:
            return self._run_arrow(batch)
        return self._run_native(batch)

    def _run_arrow(self, batch):
        try:
            answer = self.function(*batch.columns)
        except Exception as e:  # noqa: BLE001 - the function's own failure
            if not self.return_null:
                raise _UdfError(f"Python exception occurred while executing the UDF: {type(e).__name__}: {e}") from e
            return pa.nulls(batch.num_rows, type=self.target)
        if isinstance(answer, pa.ChunkedArray):
            answer = answer.combine_chunks()
        if not isinstance(answer, pa.Array):
            try:
                answer = pa.array(answer)
            except Exception as e:  # noqa: BLE001
                raise _UdfError(f"Could not convert the result into an Arrow Table: {type(e).__name__}: {e}") from e
        self._check_nulls(answer.null_count > 0)
        return answer

    def _run_native(self, batch):
        columns = [_convert.column_to_python(pa.chunked_array([c]), t) for c, t in zip(batch.columns, self.types)]
        f = self.function
        out = []
        failed = False
        if columns:
            rows = zip(*columns)
        else:
            rows = (() for _ in range(batch.num_rows))
        for args in rows:
            try:
                out.append(f(*args))
            except Exception as e:  # noqa: BLE001 - the function's own failure
                if not self.return_null:
                    raise _UdfError(f"Python exception occurred while executing the UDF: {type(e).__name__}: {e}") from e
                out.append(None)
                failed = True
        if not failed:
            self._check_nulls(any(v is None for v in out))
        try:
            return _to_arrow(out, self.target)
        except Exception as e:  # noqa: BLE001
            raise _UdfError(f"Could not convert the result of {self.name} to {self.ret}: {type(e).__name__}: {e}") from e

    def _check_nulls(self, has_nulls: bool):
        if has_nulls and not self.special and not self.return_null:
            raise _UdfError(
                "The returned result contained NULL values, but the 'null_handling' was set to DEFAULT.\n"
                "If you want more control over NULL values then 'null_handling' should be set to SPECIAL.\n\n"
                "With DEFAULT all rows containing NULL have been filtered from the UDFs input.\n"
                "Those rows are automatically set to NULL in the final result.\n"
                "The UDF is not expected to return NULL values.")


class _UdfError(Exception):
    pass


def _proxy(fn: _Function):
    """A JPype proxy implementing io.tealdb.python.PythonFunction for fn (the class is made once the JVM runs)."""
    global _proxy_class
    if _proxy_class is None:
        import jpype

        @jpype.JImplements("io.tealdb.python.PythonFunction")
        class _Proxy:
            def __init__(self, fn):
                self.fn = fn

            @jpype.JOverride
            def call(self, array, schema, out_array, out_schema):
                try:
                    batch = pa.RecordBatch._import_from_c(int(array), int(schema))
                    answer = self.fn.run(batch)
                    answer._export_to_c(int(out_array), int(out_schema))
                    return None
                except _UdfError as e:
                    return str(e)
                except BaseException as e:  # noqa: BLE001 - nothing may cross into the engine's threads
                    return f"Python exception occurred while executing the UDF: {type(e).__name__}: {e}"

        _proxy_class = _Proxy
    return _proxy_class(fn)


def create_function(con, name: str, function, parameters=None, return_type=None, *, type="native",
                    null_handling="default", exception_handling="default", side_effects: bool = False):
    """Registers function as the scalar SQL function name on con's database (duckdb's create_function)."""
    if not callable(function):
        raise TypeError(f"create_function(): function must be callable, not {function.__class__.__name__}")
    kind = _choice(PythonUDFType, type, "type")
    nulls = _choice(FunctionNullHandling, null_handling, "null_handling")
    errors = _choice(PythonExceptionHandling, exception_handling, "exception_handling")
    types, ret = _signature(function, parameters, return_type)
    from ._connection import J

    j = J()
    jtypes = [j.PythonFunctions.type(str(t)) for t in types]
    jret = j.PythonFunctions.type(str(ret))
    target = _arrow_type(j, jret)
    fn = _Function(name, function, [str(t) for t in jtypes], str(jret), kind, nulls is FunctionNullHandling.SPECIAL,
                   errors is PythonExceptionHandling.RETURN_NULL, target)
    # the engine holds the proxy, and JPype's proxy holds fn: it lives as long as the registration
    j.PythonFunctions.register(con._jcon, name, j.jpype.JArray(j.LogicalType)(jtypes), jret, _proxy(fn),
                               nulls is FunctionNullHandling.SPECIAL, bool(side_effects))
    return con


def _arrow_type(j, jtype) -> pa.DataType:
    """The Arrow type the engine exports the SQL type as."""
    c_schema = j.ArrowSchema.allocateNew(j.allocator)
    try:
        j.PythonFunctions.exportType(jtype, c_schema.memoryAddress())
        return pa.Field._import_from_c(int(c_schema.memoryAddress())).type
    finally:
        c_schema.close()
