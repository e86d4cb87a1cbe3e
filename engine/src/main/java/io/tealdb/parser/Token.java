package io.tealdb.parser;

import java.util.Locale;

/**
 * One lexical token.
 *
 * @param kind  lexical category
 * @param text  the source text of the token, used verbatim in error messages
 * @param value processed value: identifier text, unescaped string, normalized number digits,
 *              operator symbol, or parameter name/number (without the sigil)
 * @param upper upper-cased value for unquoted identifiers (keyword matching), else null
 * @param pos   0-based offset of the first character in the SQL text
 */
public record Token(TokenKind kind, String text, String value, String upper, int pos) {

    static Token of(TokenKind kind, String text, String value, int pos) {
        String upper = kind == TokenKind.IDENTIFIER ? value.toUpperCase(Locale.ROOT) : null;
        return new Token(kind, text, value, upper, pos);
    }

    /** True for an unquoted identifier spelled like the (upper-case) keyword. */
    public boolean isKeyword(String keyword) {
        return kind == TokenKind.IDENTIFIER && upper.equals(keyword);
    }

    public boolean isOperator(String symbol) {
        return kind == TokenKind.OPERATOR && value.equals(symbol);
    }

    public boolean isIdentifierLike() {
        return kind == TokenKind.IDENTIFIER || kind == TokenKind.QUOTED_IDENTIFIER;
    }
}
