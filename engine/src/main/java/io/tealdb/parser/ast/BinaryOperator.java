package io.tealdb.parser.ast;

/**
 * Infix operators. LIKE-family operators have their own node ({@link Like}); {@code **} is POWER,
 * {@code ==} is EQUAL, {@code !=} is NOT_EQUAL.
 */
public enum BinaryOperator {
    OR("OR"), AND("AND"),
    EQUAL("="), NOT_EQUAL("<>"), LESS("<"), LESS_EQUAL("<="), GREATER(">"), GREATER_EQUAL(">="),
    ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), INTEGER_DIVIDE("//"), MODULO("%"), POWER("^"),
    CONCAT("||"), BIT_AND("&"), BIT_OR("|"), BIT_XOR("xor"), SHIFT_LEFT("<<"), SHIFT_RIGHT(">>"),
    JSON_EXTRACT("->"), JSON_EXTRACT_TEXT("->>"),
    CONTAINS("@>"), CONTAINED_BY("<@"), OVERLAPS("&&"), STARTS_WITH("^@"),
    REGEX_MATCH("~"), REGEX_NOT_MATCH("!~"), AT("@");

    private final String symbol;

    BinaryOperator(String symbol) {
        this.symbol = symbol;
    }

    /** Canonical SQL spelling, for messages and function lookup. */
    public String symbol() {
        return symbol;
    }
}
