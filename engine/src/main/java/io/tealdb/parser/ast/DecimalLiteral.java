package io.tealdb.parser.ast;

/**
 * A number with a fraction or exponent ({@code 1.5}, {@code .5}, {@code 1e10}), kept as text
 * (underscores removed) so no precision is lost before the binder types it.
 */
public record DecimalLiteral(
        String text,
        int pos) implements Expr {
    /** The literal with its sign flipped; the text never carries more than one sign. */
    public DecimalLiteral negated(int at) {
        return new DecimalLiteral(text.startsWith("-") ? text.substring(1) : "-" + text, at);
    }
}
