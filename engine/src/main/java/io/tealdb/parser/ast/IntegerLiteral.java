package io.tealdb.parser.ast;

/**
 * An integer literal, kept as its digits (underscores and hex already resolved to decimal
 * digits) so the binder can choose INTEGER, BIGINT, HUGEINT or DECIMAL by magnitude.
 */
public record IntegerLiteral(
        String text,
        int pos) implements Expr {
    public java.math.BigInteger bigValue() {
        return new java.math.BigInteger(text);
    }

    /** The literal with its sign flipped; the text never carries more than one sign. */
    public IntegerLiteral negated(int at) {
        return new IntegerLiteral(text.startsWith("-") ? text.substring(1) : "-" + text, at);
    }

    /** True if the value fits into a Java long. */
    public boolean fitsLong() {
        return bigValue().bitLength() < 64;
    }

    public long longValue() {
        return bigValue().longValueExact();
    }
}
