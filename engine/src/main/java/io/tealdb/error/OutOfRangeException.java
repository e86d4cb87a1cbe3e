package io.tealdb.error;

/** An arithmetic result or cast does not fit its type (overflow). */
public class OutOfRangeException extends TealException {
    public OutOfRangeException(String message) {
        super(message);
    }

    public OutOfRangeException(String message, int position) {
        super(message, position, null);
    }

    public OutOfRangeException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String kind() {
        return "Out of Range Error";
    }
}
