package io.tealdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lexical helpers over SQL text that do not need the parser: splitting a script into statements
 * at top-level semicolons (quotes, comments and dollar-quoted strings respected) and recognising
 * whether a statement is a query. Used by {@link Connection#sql} and the shell.
 */
public final class SqlText {
    private SqlText() {
    }

    /** A statement of a script: its text (no trailing ';') and where it starts in the script. */
    public record Statement(String text, int offset) {
    }

    /** Splits {@code script} at top-level ';' into non-empty statements (comments-only pieces dropped). */
    public static List<Statement> split(String script) {
        List<Statement> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == ';') {
                add(out, script, start, i);
                start = i + 1;
                i++;
            } else {
                i = skipToken(script, i);
            }
        }
        add(out, script, start, n);
        return out;
    }

    private static void add(List<Statement> out, String script, int start, int end) {
        int s = start;
        while (s < end) {
            int next = skipSpaceAndComments(script, s, end);
            if (next == s) {
                break;
            }
            s = next;
        }
        if (s >= end) {
            return;
        }
        int e = end;
        while (e > s && Character.isWhitespace(script.charAt(e - 1))) {
            e--;
        }
        out.add(new Statement(script.substring(s, e), s));
    }

    /**
     * True when {@code text} ends a statement: its last top-level token is ';' (only whitespace or
     * comments after it) and no quote or block comment is left open. The shell runs the buffer then.
     */
    public static boolean isComplete(String text) {
        int i = 0;
        int n = text.length();
        boolean lastWasSemicolon = false;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int next = skipSpaceAndComments(text, i, n);
            if (next != i) {
                if (next > n) {
                    return false;
                }
                i = next;
                continue;
            }
            if (c == ';') {
                lastWasSemicolon = true;
                i++;
                continue;
            }
            int end = skipToken(text, i);
            if (end > n) {
                return false; // open quote
            }
            lastWasSemicolon = false;
            i = end;
        }
        return lastWasSemicolon;
    }

    /** Skips whitespace and comments from i; returns i if there are none; a value > end marks an unterminated block comment. */
    private static int skipSpaceAndComments(String s, int i, int end) {
        int j = i;
        while (j < end) {
            char c = s.charAt(j);
            if (Character.isWhitespace(c)) {
                j++;
            } else if (c == '-' && j + 1 < end && s.charAt(j + 1) == '-') {
                int nl = s.indexOf('\n', j);
                j = nl < 0 || nl >= end ? end : nl + 1;
            } else if (c == '/' && j + 1 < end && s.charAt(j + 1) == '*') {
                int close = s.indexOf("*/", j + 2);
                if (close < 0 || close + 2 > end) {
                    return end + 1;
                }
                j = close + 2;
            } else {
                break;
            }
        }
        return j;
    }

    /** Skips one token starting at i (a quoted string, a comment, or one character); returns > length when a quote stays open. */
    private static int skipToken(String s, int i) {
        int n = s.length();
        char c = s.charAt(i);
        if (c == '\'' || c == '"') {
            int j = i + 1;
            while (j < n) {
                if (s.charAt(j) == c) {
                    if (j + 1 < n && s.charAt(j + 1) == c) {
                        j += 2; // doubled quote is an escaped quote
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return n + 1;
        }
        if (c == '-' || c == '/') {
            int j = skipSpaceAndComments(s, i, n);
            if (j != i) {
                return j;
            }
        }
        if (c == '$') {
            int tagEnd = i + 1;
            while (tagEnd < n && (Character.isLetterOrDigit(s.charAt(tagEnd)) || s.charAt(tagEnd) == '_')) {
                tagEnd++;
            }
            if (tagEnd < n && s.charAt(tagEnd) == '$' && (tagEnd == i + 1 || !Character.isDigit(s.charAt(i + 1)))) {
                String tag = s.substring(i, tagEnd + 1);
                int close = s.indexOf(tag, tagEnd + 1);
                return close < 0 ? n + 1 : close + tag.length();
            }
        }
        return i + 1;
    }

    /** The first keyword of a statement (upper case), skipping comments and opening parentheses. */
    public static String firstKeyword(String sql) {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            int next = skipSpaceAndComments(sql, i, n);
            if (next > n) {
                return "";
            }
            i = next;
            if (i < n && sql.charAt(i) == '(') {
                i++;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && (Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return sql.substring(start, i).toUpperCase(Locale.ROOT);
    }

    /** True for statements that produce rows and can be used as a subquery (SELECT, WITH, VALUES, FROM, TABLE...). */
    public static boolean isQuery(String sql) {
        return switch (firstKeyword(sql)) {
            case "SELECT", "WITH", "VALUES", "FROM", "TABLE" -> true;
            default -> false;
        };
    }
}
