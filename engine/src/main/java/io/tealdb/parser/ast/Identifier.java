package io.tealdb.parser.ast;

/**
 * An identifier as written. Unquoted identifiers compare case-insensitively (DuckDB keeps
 * the original case for display but matches ignoring case); quoted ones compare exactly.
 */
public record Identifier(
        String text,
        boolean quoted,
        int pos) implements Node {
    /** True if this identifier names the same thing as {@code other} under SQL matching rules. */
    public boolean matches(String other) {
        return quoted ? text.equals(other) : text.equalsIgnoreCase(other);
    }

    /** Lower-cased text for unquoted identifiers, the exact text for quoted ones. */
    public String normalized() {
        return quoted ? text : text.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return quoted ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
