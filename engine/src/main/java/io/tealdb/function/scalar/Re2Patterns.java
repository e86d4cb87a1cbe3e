package io.tealdb.function.scalar;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.tealdb.error.InvalidInputException;

/**
 * Compiles DuckDB's (RE2 syntax) patterns with RE2/J, an automaton engine: matching takes time
 * linear in the input for every pattern (no backtracking, so {@code (a*)*b} cannot blow up), the
 * guarantee RE2 gives DuckDB. Syntax errors are worded as C++ RE2 words them ("missing ): (",
 * "invalid escape sequence: \X"), since users see those messages.
 */
public final class Re2Patterns {
    private Re2Patterns() {
    }

    /** @param flags RE2/J flags ({@link Pattern#CASE_INSENSITIVE}, {@link Pattern#DOTALL}, ...) */
    public static Pattern compile(String pattern, int flags, boolean literal) {
        // RE2/J knows (?<name>...), the RE2 DuckDB ships does not
        if (!literal && pattern.contains("(?<") && !pattern.contains("\\(?<")) {
            throw new InvalidInputException("invalid perl operator: (?<");
        }
        String source = literal ? Pattern.quote(pattern) : pattern;
        try {
            return Pattern.compile(source, flags);
        } catch (PatternSyntaxException e) {
            throw new InvalidInputException(re2Message(e, source));
        }
    }

    public static Pattern compile(String pattern) {
        return compile(pattern, 0, false);
    }

    /**
     * The input with the first (or every) match replaced by {@code replacement} in RE2's rewrite
     * syntax: {@code \0}..{@code \9} insert groups, {@code \\} a backslash.
     */
    static String replace(Matcher m, String input, String replacement, boolean global) {
        int maxGroup = -1;
        for (int k = 0; k + 1 < replacement.length(); k++) {
            if (replacement.charAt(k) != '\\') continue;
            char next = replacement.charAt(++k);
            if (next >= '0' && next <= '9') maxGroup = Math.max(maxGroup, next - '0');
        }
        if (maxGroup > m.groupCount()) {
            throw new InvalidInputException("Invalid replacement string for regexp_replace: Rewrite schema requests " + maxGroup
                    + " matches, but the regexp only has " + m.groupCount() + " parenthesized subexpressions.");
        }
        StringBuilder out = null;
        int copied = 0;
        int lastEnd = -1;
        while (m.find()) {
            // as RE2's GlobalReplace: no empty match right where the previous match ended
            if (m.start() == m.end() && m.start() == lastEnd) continue;
            lastEnd = m.end();
            if (out == null) out = new StringBuilder(input.length() + replacement.length());
            out.append(input, copied, m.start());
            rewrite(m, replacement, out);
            copied = m.end();
            if (!global) break;
        }
        if (out == null) return input;
        return out.append(input, copied, input.length()).toString();
    }

    private static void rewrite(Matcher m, String replacement, StringBuilder out) {
        for (int k = 0; k < replacement.length(); k++) {
            char c = replacement.charAt(k);
            if (c == '\\' && k + 1 < replacement.length()) {
                char next = replacement.charAt(++k);
                if (next >= '0' && next <= '9') {
                    String group = m.group(next - '0');
                    if (group != null) out.append(group);
                } else {
                    out.append(next);
                }
            } else {
                out.append(c);
            }
        }
    }

    /** RE2/J's error codes in C++ RE2's words, followed by the offending part of the pattern. */
    private static String re2Message(PatternSyntaxException e, String pattern) {
        String d = e.getDescription();
        String arg = e.getPattern();
        // RE2/J 1.8 reports a ')' with nothing open as an internal parser error
        if (d.contains("internal error") && "stack underflow".equals(arg)) return "unexpected ): " + pattern;
        String words = switch (d) {
            case "missing closing )" -> "missing )";
            case "missing closing ]" -> "missing ]";
            case "missing argument to repetition operator" -> "no argument for repetition operator";
            case "invalid nested repetition operator" -> "bad repetition operator";
            case "invalid repeat count" -> "invalid repetition size";
            case "invalid or unsupported Perl syntax" -> "invalid perl operator";
            case "trailing backslash at end of expression" -> "trailing \\";
            case "invalid named capture" -> "invalid named capture group";
            default -> d;
        };
        if (words.equals("trailing \\") || arg == null || arg.isEmpty()) return words;
        return words + ": " + arg;
    }
}
