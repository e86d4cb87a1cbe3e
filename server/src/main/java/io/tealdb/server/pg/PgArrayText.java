package io.tealdb.server.pg;

import io.tealdb.error.ConversionException;
import io.tealdb.function.cast.Casts;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's array text form as clients send list parameters: {@code {1,2,NULL}},
 * {@code {"a b","say \"hi\"",NULL,"NULL"}}, {@code {{1,2},{3,4}}}. Elements are quoted when they hold
 * commas, braces, quotes, backslashes or spaces, or spell NULL; unquoted {@code NULL} is a null.
 * Each element is cast from text to the list's element type.
 */
final class PgArrayText {
    private final String s;
    private int i;

    private PgArrayText(String s) {
        this.s = s;
    }

    /** The elements of {@code text} (which starts with '{') as {@code element} values, lists of lists for nested arrays. */
    static List<Object> parse(String text, LogicalType element) {
        PgArrayText p = new PgArrayText(text);
        List<Object> out = p.array(element);
        p.skipSpace();
        if (p.i != text.length()) throw new ConversionException("junk after the closing brace at offset " + p.i);
        return out;
    }

    private List<Object> array(LogicalType element) {
        expect('{');
        List<Object> out = new ArrayList<>();
        skipSpace();
        if (peek() == '}') {
            i++;
            return out;
        }
        while (true) {
            skipSpace();
            if (peek() == '{') {
                if (element.id() != TypeId.LIST) throw new ConversionException("a nested array where " + element + " elements are expected");
                out.add(array(element.childType()));
            } else {
                boolean quoted = peek() == '"';
                String raw = quoted ? quoted() : unquoted();
                out.add(!quoted && raw.equalsIgnoreCase("NULL") ? null : element(raw, element));
            }
            skipSpace();
            char c = next();
            if (c == '}') return out;
            if (c != ',') throw new ConversionException("expected ',' or '}' at offset " + (i - 1));
        }
    }

    private static Object element(String text, LogicalType element) {
        if (element.id() == TypeId.VARCHAR) return text;
        if (element.id() == TypeId.BOOLEAN) {
            if (text.equals("t")) return true;
            if (text.equals("f")) return false;
        }
        return Casts.castValue(Value.ofVarchar(text), element, false).object();
    }

    private String quoted() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') return b.toString();
            if (c == '\\') c = next();
            b.append(c);
        }
    }

    private String unquoted() {
        int start = i;
        while (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != '}' && s.charAt(i) != '{' && s.charAt(i) != '"') i++;
        String raw = s.substring(start, i).strip();
        if (raw.isEmpty()) throw new ConversionException("empty element at offset " + start);
        return raw;
    }

    private void skipSpace() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    private char peek() {
        if (i >= s.length()) throw new ConversionException("unexpected end of the array");
        return s.charAt(i);
    }

    private char next() {
        char c = peek();
        i++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) throw new ConversionException("expected '" + c + "' at offset " + (i - 1));
    }
}
