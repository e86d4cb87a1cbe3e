package io.tealdb.error;

/** A NOT NULL, PRIMARY KEY, UNIQUE or CHECK constraint was violated. */
public class ConstraintException extends TealException {
    public ConstraintException(String message) {
        super(message);
    }

    public ConstraintException(String message, int position) {
        super(message, position, null);
    }

    public ConstraintException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String kind() {
        return "Constraint Error";
    }
}
