package io.tealdb.error;

/** A prepared-statement parameter where a statement needs a value at bind time (DISTINCT ON, views). */
public class ParameterNotAllowedException extends TealException {
    public ParameterNotAllowedException(String message, int position) {
        super(message, position, null);
    }

    @Override
    public String kind() {
        return "Parameter Not Allowed Error";
    }
}
