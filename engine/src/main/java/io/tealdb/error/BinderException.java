package io.tealdb.error;

/** A name, type or construct in a statement could not be resolved (unknown column, wrong argument types, ...). */
public class BinderException extends TealException {
    public BinderException(String message) {
        super(message);
    }

    public BinderException(String message, int position) {
        super(message, position, null);
    }

    public BinderException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String kind() {
        return "Binder Error";
    }
}
