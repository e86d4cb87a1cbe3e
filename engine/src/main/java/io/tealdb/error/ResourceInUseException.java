package io.tealdb.error;

/** A resource (a database file) is already in use under another name; DuckDB's "Resource In Use Error". */
public class ResourceInUseException extends TealException {
    public ResourceInUseException(String message) {
        super(message);
    }

    @Override
    public String kind() {
        return "Resource In Use Error";
    }
}
