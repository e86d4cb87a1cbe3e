package io.tealdb.error;

/** Input data (e.g. a file's contents or a parameter) is invalid. */
public class InvalidInputException extends TealException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, int position) {
        super(message, position, null);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String kind() {
        return "Invalid Input Error";
    }
}
