package io.tealdb.error;

/**
 * Two types whose shapes cannot be reconciled, such as a cast between STRUCTs with different
 * numbers of fields (DuckDB's "Mismatch Type Error"). A conversion error in kind, so callers that
 * catch conversion failures (TRY_CAST) treat it alike.
 */
public class MismatchTypeException extends ConversionException {
    public MismatchTypeException(String message) {
        super(message);
    }

    @Override
    public String kind() {
        return "Mismatch Type Error";
    }
}
