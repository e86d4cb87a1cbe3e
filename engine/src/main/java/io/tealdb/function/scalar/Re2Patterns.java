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
        String source = literal ? quote(pattern) : pattern;
        if (source.length() > LITERAL_RUN) source = splitLiteralRuns(source);
        if (source.length() >= BACKGROUND_LENGTH && io.tealdb.memory.StatementGuard.bound()) return compileCancellably(source, flags);
        return compileNow(source, flags);
    }

    private static Pattern compileNow(String source, int flags) {
        try {
            return Pattern.compile(source, flags);
        } catch (PatternSyntaxException e) {
            throw new InvalidInputException(re2Message(e, source));
        }
    }

    /** Patterns at least this long are compiled by {@link #compileCancellably}. */
    static final int BACKGROUND_LENGTH = 8192;

    /**
     * Compiles on a virtual thread while the statement's thread waits for it, looking for the
     * statement's cancellation every 20 ms. RE2/J's compiler has no cancellation point, and a
     * 100,000-character pattern takes 150 ms warm but a second or more on a cold JVM under load
     * (DuckDB's RE2 takes about 350 ms for the same pattern), so a cancel would wait for it. A
     * cancelled statement leaves the compile to finish on its own; nothing waits for its result.
     */
    private static Pattern compileCancellably(String source, int flags) {
        java.util.concurrent.FutureTask<Pattern> task = new java.util.concurrent.FutureTask<>(() -> compileNow(source, flags));
        Thread.ofVirtual().name("tealdb-regex-compile").start(task);
        while (true) {
            io.tealdb.memory.StatementGuard.check();
            try {
                return task.get(20, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // look for the cancel again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                io.tealdb.memory.StatementGuard.check();
                throw new io.tealdb.error.InterruptException("Interrupted!", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    public static Pattern compile(String pattern) {
        return compile(pattern, 0, false);
    }

    /** Inputs at least this long are matched through {@link CancellableText}. */
    static final int CANCELLABLE_LENGTH = 4096;

    /**
     * A matcher of {@code pattern} over {@code text}. RE2/J simulates the automaton over the input,
     * so a match takes time proportional to the input times the pattern's size: linear, but a
     * 100,000-character pattern over a 100,000-character string takes a minute and a half inside one
     * call. A long input is read through a view that looks for the statement's cancellation every
     * few thousand characters read, so that such a statement still stops when cancelled.
     */
    public static Matcher matcher(Pattern pattern, String text) {
        return pattern.matcher(text.length() < CANCELLABLE_LENGTH ? text : new CancellableText(text));
    }

    /**
     * The pieces of {@code text} around the matches of {@code pattern} as DuckDB's string_split_regex
     * cuts them (below), read through {@link #matcher} so that a long input stays cancellable.
     */
    public static java.util.List<String> split(Pattern pattern, String text) {
        // DuckDB's splitting: a match ends the piece before it; an empty match where the piece starts
        // splits off one character; the rest after the last match is a piece unless that match was
        // such an empty one ('abc' on '(|abc)' is a, b, c; 'ab' on 'b*' is a, '', '')
        java.util.List<String> parts = new java.util.ArrayList<>();
        Matcher m = matcher(pattern, text);
        int offset = 0;
        boolean splitOffChar = false;
        while (offset < text.length() && m.find(offset)) {
            if (m.end() == m.start() && m.start() == offset) {
                int next = offset + Character.charCount(text.codePointAt(offset));
                parts.add(text.substring(offset, next));
                offset = next;
                splitOffChar = true;
            } else {
                parts.add(text.substring(offset, m.start()));
                offset = m.end();
                splitOffChar = false;
            }
        }
        if (!splitOffChar || offset < text.length()) parts.add(text.substring(offset));
        return parts;
    }

    /** A string whose reader looks for the running statement's cancellation every 8,192 characters read. */
    static final class CancellableText implements CharSequence {
        private final String text;
        private int reads;

        CancellableText(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 8191) == 0) io.tealdb.memory.StatementGuard.check();
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The longest run of literal characters RE2/J parses as one piece (see {@link #splitLiteralRuns}). */
    static final int LITERAL_RUN = 1024;
    private static final String META = "\\.+*?()|[]{}^$";

    /** {@code text} as a pattern that matches it literally (every metacharacter escaped; no \Q..\E, see below). */
    static String quote(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (META.indexOf(c) >= 0) sb.append('\\');
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * The same pattern with an empty group {@code (?:)} after every {@link #LITERAL_RUN} literal
     * characters in a row. RE2/J's parser appends each literal character to the literal before it
     * by copying that literal's array, so a run of n characters takes n²/2 steps: a 100,000-character
     * literal took 7 s to compile, inside one function call that no cancel can stop. An empty
     * non-capturing group matches the empty string and ends the run, so the pattern means the same
     * and compiles in linear time. Character classes ([...]) and \Q...\E quotes are left alone,
     * and a group is only put between two literal atoms (a plain character or an escaped
     * metacharacter), never before a repetition operator or inside an escape sequence.
     */
    static String splitLiteralRuns(String pattern) {
        StringBuilder sb = null;
        int run = 0;
        int n = pattern.length();
        for (int i = 0; i < n; ) {
            char c = pattern.charAt(i);
            int atomEnd;
            boolean literalAtom;
            if (c == '[') {
                atomEnd = classEnd(pattern, i);
                literalAtom = false;
            } else if (c == '\\' && i + 1 < n) {
                char e = pattern.charAt(i + 1);
                if (e == 'Q') {
                    int end = pattern.indexOf("\\E", i + 2);
                    atomEnd = end < 0 ? n : end + 2;
                    literalAtom = false;
                } else {
                    // an escaped metacharacter is a literal; \d, \x41, \pN, \1... are not (and may go on)
                    literalAtom = e < 128 && !Character.isLetterOrDigit(e);
                    atomEnd = i + 2;
                }
            } else {
                literalAtom = META.indexOf(c) < 0;
                atomEnd = Character.isHighSurrogate(c) && i + 1 < n ? i + 2 : i + 1;
            }
            if (!literalAtom) {
                run = 0;
            } else if (++run > LITERAL_RUN) {
                if (sb == null) sb = new StringBuilder(pattern.length() + pattern.length() / LITERAL_RUN * 4 + 8).append(pattern, 0, i);
                sb.append("(?:)");
                run = 1;
            }
            if (sb != null) sb.append(pattern, i, atomEnd);
            i = atomEnd;
        }
        return sb == null ? pattern : sb.toString();
    }

    /** The index after the character class that starts at {@code start} ('['), or the pattern's end. */
    private static int classEnd(String p, int start) {
        int i = start + 1;
        if (i < p.length() && p.charAt(i) == '^') i++;
        if (i < p.length() && p.charAt(i) == ']') i++; // a leading ']' is a member
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[' && i + 1 < p.length() && p.charAt(i + 1) == ':') {
                int close = p.indexOf(":]", i + 2);
                i = close < 0 ? i + 1 : close + 2;
            } else if (c == ']') {
                return i + 1;
            } else {
                i++;
            }
        }
        return p.length();
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
