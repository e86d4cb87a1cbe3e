package io.tealdb.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written SQL scanner (PostgreSQL/DuckDB lexical rules). Scans characters directly —
 * no regular expressions — and produces the whole token list up front, terminated by an
 * {@link TokenKind#END_OF_INPUT} token, so the parser can look ahead freely.
 */
public final class Lexer {
    /** Multi-character operators, longest first within each starting character (longest match). */
    private static final String[] MULTI_CHAR_OPERATORS = {
        "!~~*", "!~~", "!~*", "->>", "~~*",
        "::", ":=", "->", "=>", "==", "!=", "<>", "<=", ">=", "<<", ">>", "||", "//", "**",
        "~~", "!~", "~*", "@>", "<@", "&&", "^@",
    };
    private static final String SINGLE_CHAR_OPERATORS = "+-*/%^=<>~!&|@#()[]{},;.:";

    private final String sql;
    private final int length;
    private int at;
    private int positionalParameterCount;
    private final List<Token> tokens = new ArrayList<>();

    private Lexer(String sql) {
        this.sql = sql;
        this.length = sql.length();
    }

    /** Tokenizes the SQL text; the last token is always END_OF_INPUT at position sql.length(). */
    public static List<Token> tokenize(String sql) {
        Lexer lexer = new Lexer(sql);
        lexer.run();
        return qualifiedOperators(lexer.tokens);
    }

    /**
     * PostgreSQL's explicit operator syntax {@code OPERATOR(pg_catalog.~)} (psql and pgjdbc catalog
     * queries use it) becomes the plain operator token: only pg_catalog's operators exist.
     */
    private static List<Token> qualifiedOperators(List<Token> tokens) {
        List<Token> out = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == TokenKind.IDENTIFIER && t.text().equalsIgnoreCase("OPERATOR") && i + 1 < tokens.size()
                    && tokens.get(i + 1).isOperator("(")) {
                int j = i + 2;
                if (j + 1 < tokens.size() && tokens.get(j).kind() == TokenKind.IDENTIFIER
                        && tokens.get(j).text().equalsIgnoreCase("pg_catalog") && tokens.get(j + 1).isOperator(".")) {
                    j += 2;
                }
                StringBuilder op = new StringBuilder();
                int k = j;
                while (k < tokens.size() && tokens.get(k).kind() == TokenKind.OPERATOR && !tokens.get(k).isOperator(")")
                        && tokens.get(k).pos() == (k == j ? tokens.get(k).pos() : tokens.get(k - 1).pos() + tokens.get(k - 1).text().length())) {
                    op.append(tokens.get(k).text());
                    k++;
                }
                if (!op.isEmpty() && k < tokens.size() && tokens.get(k).isOperator(")")) {
                    if (out == null) out = new ArrayList<>(tokens.subList(0, i));
                    String o = op.toString();
                    out.add(Token.of(TokenKind.OPERATOR, o, o, t.pos()));
                    i = k;
                    continue;
                }
            }
            if (out != null) out.add(t);
        }
        return out == null ? tokens : out;
    }

    private void run() {
        while (true) {
            skipWhitespaceAndComments();
            if (at >= length) {
                tokens.add(Token.of(TokenKind.END_OF_INPUT, "", "", length));
                return;
            }
            char c = sql.charAt(at);
            int start = at;
            if (c == '\'') {
                scanString(start, at + 1, false);
            } else if ((c == 'e' || c == 'E') && peekChar(1) == '\'') {
                scanString(start, at + 2, true);
            } else if (c == '"') {
                scanQuotedIdentifier(start);
            } else if (isIdentifierStart(c)) {
                at++;
                while (at < length && isIdentifierPart(sql.charAt(at))) at++;
                String word = sql.substring(start, at);
                tokens.add(Token.of(TokenKind.IDENTIFIER, word, word, start));
            } else if (isDigit(c) || (c == '.' && isDigit(peekChar(1)))) {
                scanNumber(start);
            } else if (c == '$') {
                scanDollar(start);
            } else if (c == '?') {
                at++;
                positionalParameterCount++;
                // "?" gets the next ordinal; a digit suffix ("?2") is an explicit ordinal
                int digitsStart = at;
                while (at < length && isDigit(sql.charAt(at))) at++;
                String number = at > digitsStart ? sql.substring(digitsStart, at) : Integer.toString(positionalParameterCount);
                tokens.add(Token.of(TokenKind.PARAMETER, sql.substring(start, at), number, start));
            } else {
                scanOperator(start, c);
            }
        }
    }

    private char peekChar(int offset) {
        int i = at + offset;
        return i < length ? sql.charAt(i) : '\0';
    }

    private void skipWhitespaceAndComments() {
        while (at < length) {
            char c = sql.charAt(at);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || Character.isWhitespace(c)) {
                at++;
            } else if (c == '-' && peekChar(1) == '-') {
                while (at < length && sql.charAt(at) != '\n') at++;
            } else if (c == '/' && peekChar(1) == '*') {
                int start = at;
                int depth = 0;
                // comments nest (SQL standard, PostgreSQL), so count openers and closers
                while (true) {
                    if (at >= length) throw new ParserException("unterminated /* comment", start);
                    if (sql.charAt(at) == '/' && peekChar(1) == '*') {
                        depth++;
                        at += 2;
                    } else if (sql.charAt(at) == '*' && peekChar(1) == '/') {
                        depth--;
                        at += 2;
                        if (depth == 0) break;
                    } else {
                        at++;
                    }
                }
            } else {
                return;
            }
        }
    }

    private void scanString(int start, int contentStart, boolean backslashEscapes) {
        StringBuilder value = new StringBuilder();
        at = contentStart;
        while (true) {
            if (at >= length) throw new ParserException("unterminated quoted string at or near \"" + excerpt(start) + "\"", start);
            char c = sql.charAt(at);
            if (c == '\'') {
                if (peekChar(1) == '\'') {
                    value.append('\'');
                    at += 2;
                    continue;
                }
                at++;
                break;
            }
            if (c == '\\' && backslashEscapes) {
                at++;
                appendBackslashEscape(value, start);
                continue;
            }
            value.append(c);
            at++;
        }
        tokens.add(Token.of(TokenKind.STRING, sql.substring(start, at), value.toString(), start));
    }

    private void appendBackslashEscape(StringBuilder value, int start) {
        if (at >= length) throw new ParserException("unterminated quoted string", start);
        char c = sql.charAt(at++);
        switch (c) {
            case 'n' -> value.append('\n');
            case 't' -> value.append('\t');
            case 'r' -> value.append('\r');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'x' -> value.append((char) readHex(2, start));
            case 'u' -> value.appendCodePoint(readHex(4, start));
            case 'U' -> value.appendCodePoint(readHex(8, start));
            default -> {
                if (c >= '0' && c <= '7') {
                    int code = c - '0';
                    for (int i = 0; i < 2 && at < length && sql.charAt(at) >= '0' && sql.charAt(at) <= '7'; i++) {
                        code = code * 8 + (sql.charAt(at++) - '0');
                    }
                    value.append((char) code);
                } else {
                    value.append(c); // \\, \', and any other char stand for themselves
                }
            }
        }
    }

    private int readHex(int maxDigits, int start) {
        int code = 0;
        int digits = 0;
        while (digits < maxDigits && at < length && Character.digit(sql.charAt(at), 16) >= 0) {
            code = code * 16 + Character.digit(sql.charAt(at++), 16);
            digits++;
        }
        if (digits == 0) throw new ParserException("invalid escape sequence", start);
        return code;
    }

    private void scanQuotedIdentifier(int start) {
        StringBuilder value = new StringBuilder();
        at++;
        while (true) {
            if (at >= length) throw new ParserException("unterminated quoted identifier at or near \"" + excerpt(start) + "\"", start);
            char c = sql.charAt(at);
            if (c == '"') {
                if (peekChar(1) == '"') {
                    value.append('"');
                    at += 2;
                    continue;
                }
                at++;
                break;
            }
            value.append(c);
            at++;
        }
        if (value.isEmpty()) throw new ParserException("zero-length delimited identifier at or near \"\"\"\"", start);
        tokens.add(Token.of(TokenKind.QUOTED_IDENTIFIER, sql.substring(start, at), value.toString(), start));
    }

    private void scanNumber(int start) {
        char c = sql.charAt(at);
        if (c == '0' && (peekChar(1) == 'x' || peekChar(1) == 'X') && Character.digit(peekChar(2), 16) >= 0) {
            at += 2;
            int digitsStart = at;
            while (at < length && (Character.digit(sql.charAt(at), 16) >= 0 || sql.charAt(at) == '_')) at++;
            String hex = sql.substring(digitsStart, at).replace("_", "");
            String decimal = new java.math.BigInteger(hex, 16).toString();
            tokens.add(Token.of(TokenKind.INTEGER, sql.substring(start, at), decimal, start));
            return;
        }
        if (c == '0' && (peekChar(1) == 'b' || peekChar(1) == 'B') && (peekChar(2) == '0' || peekChar(2) == '1')) {
            at += 2;
            int digitsStart = at;
            while (at < length && (sql.charAt(at) == '0' || sql.charAt(at) == '1' || sql.charAt(at) == '_')) at++;
            String bits = sql.substring(digitsStart, at).replace("_", "");
            tokens.add(Token.of(TokenKind.INTEGER, sql.substring(start, at), new java.math.BigInteger(bits, 2).toString(), start));
            return;
        }
        boolean isDecimal = false;
        skipDigits();
        // a "." after digits starts a fraction, except for ".." (not SQL) — keep it simple
        if (at < length && sql.charAt(at) == '.' && peekChar(1) != '.') {
            isDecimal = true;
            at++;
            skipDigits();
        }
        if (at < length && (sql.charAt(at) == 'e' || sql.charAt(at) == 'E')) {
            char next = peekChar(1);
            if (isDigit(next) || ((next == '+' || next == '-') && isDigit(peekChar(2)))) {
                isDecimal = true;
                at += 2;
                skipDigits();
            }
        }
        String text = sql.substring(start, at);
        String value = text.indexOf('_') >= 0 ? text.replace("_", "") : text;
        tokens.add(Token.of(isDecimal ? TokenKind.DECIMAL : TokenKind.INTEGER, text, value, start));
    }

    /** Digits with single underscores between them (1_000_000). */
    private void skipDigits() {
        while (at < length) {
            char c = sql.charAt(at);
            if (isDigit(c) || (c == '_' && isDigit(peekChar(1)) && at > 0 && isDigit(sql.charAt(at - 1)))) {
                at++;
            } else {
                break;
            }
        }
    }

    private void scanDollar(int start) {
        at++;
        if (at < length && isDigit(sql.charAt(at))) {
            while (at < length && isDigit(sql.charAt(at))) at++;
            tokens.add(Token.of(TokenKind.PARAMETER, sql.substring(start, at), sql.substring(start + 1, at), start));
            return;
        }
        int tagStart = at;
        while (at < length && (isIdentifierStart(sql.charAt(at)) || (at > tagStart && isDigit(sql.charAt(at))))) at++;
        if (at < length && sql.charAt(at) == '$') {
            // $tag$ ... $tag$ dollar-quoted string: no escapes inside
            String delimiter = sql.substring(start, at + 1);
            int contentStart = at + 1;
            int end = sql.indexOf(delimiter, contentStart);
            if (end < 0) throw new ParserException("unterminated dollar-quoted string at or near \"" + excerpt(start) + "\"", start);
            at = end + delimiter.length();
            tokens.add(Token.of(TokenKind.STRING, sql.substring(start, at), sql.substring(contentStart, end), start));
            return;
        }
        if (at == tagStart) throw new ParserException("syntax error at or near \"$\"", start);
        tokens.add(Token.of(TokenKind.PARAMETER, sql.substring(start, at), sql.substring(tagStart, at), start));
    }

    private void scanOperator(int start, char c) {
        for (String op : MULTI_CHAR_OPERATORS) {
            if (op.charAt(0) == c && sql.startsWith(op, at)) {
                at += op.length();
                tokens.add(Token.of(TokenKind.OPERATOR, op, op, start));
                return;
            }
        }
        if (SINGLE_CHAR_OPERATORS.indexOf(c) >= 0) {
            at++;
            String op = String.valueOf(c);
            tokens.add(Token.of(TokenKind.OPERATOR, op, op, start));
            return;
        }
        throw new ParserException("syntax error at or near \"" + c + "\"", start);
    }

    private String excerpt(int start) {
        return sql.substring(start, Math.min(length, start + 20));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c > 127 && Character.isLetter(c));
    }

    private static boolean isIdentifierPart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || isDigit(c) || c == '$'
                || (c > 127 && Character.isLetterOrDigit(c));
    }
}
