package io.tealdb.error;

/** The statement uses a feature TealDB does not support yet. */
public class NotImplementedException extends TealException {
    public NotImplementedException(String message) {
        super(message);
    }

    public NotImplementedException(String message, int position) {
        super(message, position, null);
    }

    public NotImplementedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String kind() {
        return "Not implemented Error";
    }
}
