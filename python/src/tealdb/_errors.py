"""Exception classes with duckdb's names and hierarchy (DB-API 2.0 on top), and the mapping from the
engine's error kinds (TealException.kind()) to them."""

from __future__ import annotations


class Warning(Exception):  # noqa: A001 - DB-API name
    pass


class Error(Exception):
    pass


class InterfaceError(Error):
    pass


class DatabaseError(Error):
    pass


class DataError(DatabaseError):
    pass


class OperationalError(DatabaseError):
    pass


class IntegrityError(DatabaseError):
    pass


class InternalError(DatabaseError):
    pass


class ProgrammingError(DatabaseError):
    pass


class NotSupportedError(DatabaseError):
    pass


class BinderException(ProgrammingError):
    pass


class CatalogException(ProgrammingError):
    pass


class ConnectionException(OperationalError):
    pass


class ConstraintException(IntegrityError):
    pass


class ConversionException(DataError):
    pass


class DependencyException(DatabaseError):
    pass


class FatalException(DatabaseError):
    pass


class InternalException(InternalError):
    pass


class InterruptException(DatabaseError):
    pass


class InvalidInputException(ProgrammingError):
    pass


class InvalidTypeException(ProgrammingError):
    pass


class IOException(OperationalError):
    pass


class HTTPException(IOException):
    pass


class NotImplementedException(NotSupportedError):
    pass


class OutOfMemoryException(OperationalError):
    pass


class OutOfRangeException(DataError):
    pass


class ParserException(ProgrammingError):
    pass


class PermissionException(DatabaseError):
    pass


class SequenceException(DatabaseError):
    pass


class SerializationException(OperationalError):
    pass


class SyntaxException(ProgrammingError):
    pass


class TransactionException(OperationalError):
    pass


class TypeMismatchException(DataError):
    pass


# TealException.kind() -> class ("Binder Error" -> BinderException, ...)
_BY_KIND = {
    "Binder Error": BinderException,
    "Catalog Error": CatalogException,
    "Connection Error": ConnectionException,
    "Constraint Error": ConstraintException,
    "Conversion Error": ConversionException,
    "Dependency Error": DependencyException,
    "FATAL Error": FatalException,
    "INTERNAL Error": InternalException,
    "Internal Error": InternalException,
    "Interrupt Error": InterruptException,
    "INTERRUPT Error": InterruptException,
    "Invalid Input Error": InvalidInputException,
    "Invalid Error": InvalidInputException,
    "Invalid type Error": InvalidTypeException,
    "IO Error": IOException,
    "Not implemented Error": NotImplementedException,
    "Out of Memory Error": OutOfMemoryException,
    "Out of Range Error": OutOfRangeException,
    "Parser Error": ParserException,
    "Permission Error": PermissionException,
    "Sequence Error": SequenceException,
    "Serialization Error": SerializationException,
    "Syntax Error": SyntaxException,
    "TransactionContext Error": TransactionException,
    "Transaction Error": TransactionException,
    "Mismatch Type Error": TypeMismatchException,
}


def translate(exc: BaseException) -> BaseException:
    """The duckdb-style Python exception for a Java exception raised by the engine (others unchanged)."""
    try:
        import jpype
    except ImportError:  # pragma: no cover
        return exc
    if not isinstance(exc, jpype.JException):
        return exc
    java = exc
    # ExecutionException from a future wraps the engine's error
    while java.getClass().getName() in ("java.util.concurrent.ExecutionException", "java.lang.reflect.InvocationTargetException") \
            and java.getCause() is not None:
        java = java.getCause()
    kind = None
    message = str(java.getMessage())
    try:
        if jpype.JClass("io.tealdb.error.TealException").class_.isInstance(java):
            kind = str(java.kind())
    except Exception:  # noqa: BLE001
        kind = None
    if kind is None:
        cls_name = str(java.getClass().getName())
        if cls_name == "java.lang.OutOfMemoryError":
            return OutOfMemoryException("Out of Memory Error: " + message)
        return InternalException(f"INTERNAL Error: {cls_name}: {message}")
    cls = _BY_KIND.get(kind, Error)
    return cls(f"{kind}: {message}")
