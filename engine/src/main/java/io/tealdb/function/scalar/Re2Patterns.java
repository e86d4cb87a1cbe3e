package io.tealdb.function.scalar;

import io.tealdb.error.InvalidInputException;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles DuckDB (RE2 syntax) patterns with java.util.regex. Escapes RE2 lacks but Java accepts
 * (\X, back-references, ...) are rejected first, and Java's syntax errors are reworded the way RE2
 * words them ("missing ): (", "invalid escape sequence: \X"), since users see those messages.
 */
final class Re2Patterns {
    /** Letters and digits RE2 accepts after a backslash. */
    private static final String RE2_ESCAPES = "afnrtvdDsSwWbBAzpPQEx0";

    private Re2Patterns() {
    }

    static Pattern compile(String pattern, int flags) {
        if ((flags & Pattern.LITERAL) == 0) {
            checkEscapes(pattern);
            pattern = pattern.replace("(?P<", "(?<"); // RE2's named group spelling
        }
        try {
            return Pattern.compile(pattern, flags);
        } catch (PatternSyntaxException e) {
            throw new InvalidInputException(re2Message(pattern, e));
        }
    }

    private static void checkEscapes(String pattern) {
        boolean inQuote = false;
        for (int k = 0; k + 1 < pattern.length(); k++) {
            if (pattern.charAt(k) != '\\') continue;
            char c = pattern.charAt(k + 1);
            if (inQuote) {
                if (c == 'E') inQuote = false;
                k++;
                continue;
            }
            if (c == 'Q') inQuote = true;
            if (Character.isLetterOrDigit(c) && RE2_ESCAPES.indexOf(c) < 0) {
                throw new InvalidInputException("invalid escape sequence: \\" + c);
            }
            k++;
        }
        if (!inQuote && pattern.endsWith("\\") && trailingBackslashes(pattern) % 2 == 1) {
            throw new InvalidInputException("trailing \\");
        }
    }

    private static int trailingBackslashes(String s) {
        int n = 0;
        for (int k = s.length() - 1; k >= 0 && s.charAt(k) == '\\'; k--) n++;
        return n;
    }

    private static String re2Message(String pattern, PatternSyntaxException e) {
        String d = e.getDescription();
        int at = Math.max(0, Math.min(e.getIndex(), pattern.length()));
        if (d.startsWith("Hexadecimal codepoint is too big") || d.startsWith("Illegal hexadecimal escape sequence")
                || d.startsWith("Unclosed hexadecimal escape sequence")) {
            int x = pattern.lastIndexOf("\\x", Math.min(at, pattern.length() - 1));
            int close = x < 0 ? -1 : pattern.indexOf('}', x);
            if (x >= 0) return "invalid escape sequence: " + pattern.substring(x, close < 0 ? pattern.length() : close + 1);
            return "invalid escape sequence";
        }
        if (d.startsWith("Unclosed group")) return "missing ): " + pattern;
        if (d.startsWith("Unmatched closing ')'")) return "unexpected ): " + pattern;
        if (d.startsWith("Unclosed character class")) {
            int open = pattern.lastIndexOf('[', Math.max(0, at - 1));
            return "missing ]: " + pattern.substring(Math.max(open, 0));
        }
        if (d.startsWith("Illegal character range")) {
            int end = Math.min(at + 1, pattern.length());
            int start = Math.max(0, at - 2);
            return "invalid character class range: " + pattern.substring(start, end);
        }
        if (d.startsWith("Dangling meta character")) {
            char prev = at > 0 ? pattern.charAt(at - 1) : '(';
            if (prev == '(' || prev == '|') return "no argument for repetition operator: " + pattern.charAt(at);
            return "bad repetition operator: " + pattern.substring(at - 1, Math.min(at + 1, pattern.length()));
        }
        if (d.startsWith("Illegal repetition range")) {
            int open = pattern.lastIndexOf('{', Math.min(at, pattern.length() - 1));
            int close = pattern.indexOf('}', Math.max(open, 0));
            return "invalid repetition size: " + pattern.substring(Math.max(open, 0), close < 0 ? pattern.length() : close + 1);
        }
        if (d.startsWith("Unknown inline modifier") || d.startsWith("Unknown group type")
                || d.startsWith("Unknown look-behind group")) {
            return "invalid perl operator: " + pattern.substring(Math.max(0, at - 2), Math.min(at + 1, pattern.length()));
        }
        return d;
    }
}
