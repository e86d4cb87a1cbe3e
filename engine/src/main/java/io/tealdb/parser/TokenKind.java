package io.tealdb.parser;

/** Lexical categories. Keywords are not a kind of their own: SQL keywords are mostly
 *  non-reserved, so the parser decides from context whether an identifier is a keyword. */
public enum TokenKind {
    /** Unquoted word: identifier or keyword. */
    IDENTIFIER,
    /** "quoted identifier" with "" escapes resolved. */
    QUOTED_IDENTIFIER,
    /** 'string', E'string' or $$string$$ with escapes resolved. */
    STRING,
    /** Integer digits (decimal; hex and underscores already resolved). */
    INTEGER,
    /** Number with fraction or exponent (underscores removed). */
    DECIMAL,
    /** ?, $1 or $name. */
    PARAMETER,
    /** Operator or punctuation, text is the symbol. */
    OPERATOR,
    END_OF_INPUT
}
