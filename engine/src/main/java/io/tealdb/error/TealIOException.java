package io.tealdb.error;

/** A file could not be read or written. */
public class TealIOException extends TealException {
    public TealIOException(String message) {
        super(message);
    }

    public TealIOException(String message, int position) {
        super(message, position, null);
    }

    public TealIOException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String kind() {
        return "IO Error";
    }
}
