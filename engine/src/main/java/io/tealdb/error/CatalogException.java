package io.tealdb.error;

/** A catalog object is missing or already exists. */
public class CatalogException extends TealException {
    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, int position) {
        super(message, position, null);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String kind() {
        return "Catalog Error";
    }
}
