package io.tealdb.sqllogictest;

/** A test file violates the format (FORMAT.md); carries the 1-based line number. */
public final class SltParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    public SltParseException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
