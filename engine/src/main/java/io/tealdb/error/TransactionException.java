package io.tealdb.error;

/** A transaction conflict or invalid transaction state. */
public class TransactionException extends TealException {
    public TransactionException(String message) {
        super(message);
    }

    public TransactionException(String message, int position) {
        super(message, position, null);
    }

    public TransactionException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String kind() {
        return "TransactionContext Error";
    }
}
