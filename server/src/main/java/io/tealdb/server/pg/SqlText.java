package io.tealdb.server.pg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lexical helpers for query strings: splitting a simple-query string into statements (quotes,
 * {@code E''} strings, quoted identifiers, {@code $tag$} bodies and comments respected) and reading
 * a statement's leading keywords to route it.
 */
final class SqlText {
    private SqlText() {
    }

    /** One statement of a query string and where it starts in it. */
    record Piece(String sql, int offset) {
    }

    static List<Piece> split(String sql) {
        List<Piece> out = new ArrayList<>();
        int n = sql.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' ) {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i == 1 || !Character.isLetterOrDigit(sql.charAt(i - 2)));
                i++;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (escapes && d == '\\') i += 2;
                    else if (d == '\'') {
                        if (i + 1 < n && sql.charAt(i + 1) == '\'') i += 2;
                        else break;
                    } else i++;
                }
                i++;
            } else if (c == '"') {
                i = skipTo(sql, i + 1, "\"") ;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int e = sql.indexOf('\n', i);
                i = e < 0 ? n : e + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int e = sql.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
            } else if (c == '$' && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
                int e = i + 1;
                while (e < n && (Character.isLetterOrDigit(sql.charAt(e)) || sql.charAt(e) == '_')) e++;
                if (e < n && sql.charAt(e) == '$' && (e == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
                    String tag = sql.substring(i, e + 1);
                    int close = sql.indexOf(tag, e + 1);
                    i = close < 0 ? n : close + tag.length();
                } else i = e;
            } else if (c == ';') {
                add(out, sql, start, i);
                start = ++i;
            } else i++;
        }
        add(out, sql, start, n);
        return out;
    }

    private static int skipTo(String s, int from, String end) {
        int e = s.indexOf(end, from);
        return e < 0 ? s.length() : e + end.length();
    }

    private static void add(List<Piece> out, String sql, int from, int to) {
        String s = sql.substring(from, Math.min(to, sql.length()));
        if (!stripComments(s).isBlank()) out.add(new Piece(s, from));
    }

    /**
     * The statement's verb after a leading {@code WITH} clause ({@code WITH t AS (…) INSERT …} is an
     * INSERT): the first of SELECT, INSERT, UPDATE, DELETE or MERGE outside parentheses and quotes, or
     * SELECT when there is none.
     */
    static String verbAfterWith(String sql) {
        String s = stripComments(sql);
        int depth = 0, n = s.length();
        for (int i = 0; i < n; ) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                depth--;
                i++;
            } else if (c == '\'' || c == '"') {
                int e = s.indexOf(c, i + 1);
                i = e < 0 ? n : e + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int e = i;
                while (e < n && (Character.isLetterOrDigit(s.charAt(e)) || s.charAt(e) == '_')) e++;
                if (depth == 0) {
                    String w = s.substring(i, e).toUpperCase(Locale.ROOT);
                    switch (w) {
                        case "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE" -> {
                            return w;
                        }
                        default -> {
                        }
                    }
                }
                i = e;
            } else i++;
        }
        return "SELECT";
    }

    /** True when the text holds nothing but white space and comments. */
    static boolean isEmpty(String sql) {
        return stripComments(sql).isBlank();
    }

    /** Text with leading comments and white space removed (only leading ones: enough for routing). */
    static String stripComments(String s) {
        int i = 0, n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) i++;
            else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                int e = s.indexOf('\n', i);
                i = e < 0 ? n : e + 1;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int e = s.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
            } else break;
        }
        return s.substring(i);
    }

    /** The first {@code max} words (identifier characters only), upper-case. */
    static List<String> words(String sql, int max) {
        String s = stripComments(sql);
        List<String> out = new ArrayList<>();
        int i = 0, n = s.length();
        while (i < n && out.size() < max) {
            char c = s.charAt(i);
            if (Character.isLetter(c) || c == '_') {
                int e = i;
                while (e < n && (Character.isLetterOrDigit(s.charAt(e)) || s.charAt(e) == '_')) e++;
                out.add(s.substring(i, e).toUpperCase(Locale.ROOT));
                i = e;
            } else if (Character.isWhitespace(c)) i++;
            else break;
        }
        return out;
    }
}
