package io.tealdb.error;

/**
 * A statement needed more memory than the database may use ({@code memory_limit}), or than the
 * JVM had left; the statement fails, its memory is released, and the database stays usable.
 */
public class OutOfMemoryException extends TealException {
    public OutOfMemoryException(String message) {
        super(message);
    }

    public OutOfMemoryException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String kind() {
        return "Out of Memory Error";
    }
}
