package io.tealdb.error;

/** A bug: an invariant of the engine did not hold. */
public class InternalException extends TealException {
    public InternalException(String message) {
        super(message);
    }

    public InternalException(String message, int position) {
        super(message, position, null);
    }

    public InternalException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String kind() {
        return "INTERNAL Error";
    }
}
