package io.tealdb.error;

/**
 * Base of every error TealDB reports to a user. Subclasses name the kind (parser, binder,
 * conversion, constraint, transaction, I/O, interrupt). For errors in SQL text, {@link #position()}
 * is the 0-based character offset the error refers to, or -1.
 */
public class TealException extends RuntimeException {
    private final int position;

    public TealException(String message) {
        this(message, -1, null);
    }

    public TealException(String message, Throwable cause) {
        this(message, -1, cause);
    }

    public TealException(String message, int position, Throwable cause) {
        super(message, cause);
        this.position = position;
    }

    public int position() {
        return position;
    }

    /** Kind prefix as DuckDB prints it, e.g. "Binder Error". */
    public String kind() {
        return "Error";
    }

    /** "Kind: message", the form the shell and drivers print. */
    public String describe() {
        return kind() + ": " + getMessage();
    }
}
