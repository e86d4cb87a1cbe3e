package io.tealdb.function.scalar;

import io.tealdb.error.InvalidInputException;

import com.google.re2j.Pattern;

/**
 * DuckDB's regex options string: {@code c} case-sensitive, {@code i} case-insensitive, {@code l}
 * literal, {@code m}/{@code n}/{@code p} newline-sensitive, {@code s} dot matches newline and
 * {@code g} global (regexp_replace only). Later letters override earlier ones; whitespace is ignored.
 */
record RegexOptions(boolean caseInsensitive, boolean literal, boolean dotAll, boolean global) {

    static RegexOptions parse(String options, boolean replace) {
        boolean caseInsensitive = false;
        boolean literal = false;
        boolean dotAll = false;
        boolean global = false;
        for (int k = 0; k < options.length(); k++) {
            char c = options.charAt(k);
            switch (c) {
                case 'c' -> caseInsensitive = false;
                case 'i' -> caseInsensitive = true;
                case 'l' -> literal = true;
                case 'm', 'n', 'p' -> dotAll = false;
                case 's' -> dotAll = true;
                case 'g' -> {
                    if (!replace) {
                        throw new InvalidInputException("Option 'g' (global replace) is only valid for regexp_replace");
                    }
                    global = true;
                }
                case ' ', '\t', '\n', '\r' -> { }
                default -> throw new InvalidInputException("Unrecognized Regex option " + c);
            }
        }
        return new RegexOptions(caseInsensitive, literal, dotAll, global);
    }

    /** The RE2/J flags; {@link #literal} is applied by quoting the pattern. */
    int re2Flags() {
        int flags = 0;
        if (caseInsensitive) flags |= Pattern.CASE_INSENSITIVE;
        if (dotAll) flags |= Pattern.DOTALL;
        return flags;
    }
}
