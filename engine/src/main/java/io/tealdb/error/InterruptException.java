package io.tealdb.error;

/** The statement was cancelled. */
public class InterruptException extends TealException {
    public InterruptException(String message) {
        super(message);
    }

    public InterruptException(String message, int position) {
        super(message, position, null);
    }

    public InterruptException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String kind() {
        return "INTERRUPT Error";
    }
}
