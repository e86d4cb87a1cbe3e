package io.tealdb.error;

/** A value could not be converted to the requested type. */
public class ConversionException extends TealException {
    public ConversionException(String message) {
        super(message);
    }

    public ConversionException(String message, int position) {
        super(message, position, null);
    }

    public ConversionException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String kind() {
        return "Conversion Error";
    }
}
