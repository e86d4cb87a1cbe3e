package io.tealdb.function.cast;

import io.tealdb.error.ConversionException;
import io.tealdb.function.ScalarKernel;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeField;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * VARCHAR → nested casts, reading DuckDB's text forms: {@code [1, 2]}, {@code {'a': 1, b: 2}} or
 * {@code (1, 2)} for a STRUCT, {@code {k=1}} for a MAP; elements may be quoted with ' or " (backslash
 * escapes), unquoted NULL is NULL, whitespace around elements is dropped. The text is split into
 * the target's shape with VARCHAR leaves, then the leaves are cast by the ordinary nested cast.
 */
final class NestedText {
    private NestedText() {
    }

    static ScalarKernel fromVarchar(LogicalType to, boolean tryCast) {
        LogicalType shape = varcharShape(to);
        ScalarKernel leaves = NestedCasts.kernel(shape, to, tryCast);
        return (args, count, res) -> {
            Vector in = args[0];
            Vector tmp = new Vector(shape, Math.max(count, 1));
            for (int i = 0; i < count; i++) {
                if (in.isNull(i)) {
                    tmp.setNull(i);
                    continue;
                }
                String text = in.getString(i);
                Object parsed;
                try {
                    Reader r = new Reader(text, tryCast);
                    parsed = r.value(to);
                    r.skipSpace();
                    if (r.pos != text.length()) throw new IllegalArgumentException();
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    if (!tryCast) {
                        throw new ConversionException("Type VARCHAR with value '" + text + "' can't be cast to the destination type " + to);
                    }
                    tmp.setNull(i);
                    continue;
                }
                tmp.setObject(i, parsed);
            }
            leaves.execute(new Vector[]{tmp}, count, res);
        };
    }

    /** The type with every leaf replaced by VARCHAR (names and nesting kept). */
    private static LogicalType varcharShape(LogicalType t) {
        return switch (t.id()) {
            case LIST -> LogicalType.list(varcharShape(t.childType()));
            case ARRAY -> LogicalType.array(varcharShape(t.childType()), t.arraySize());
            case MAP -> LogicalType.map(varcharShape(t.mapKey()), varcharShape(t.mapValue()));
            case STRUCT -> {
                List<TypeField> fields = new ArrayList<>();
                for (TypeField f : t.children()) fields.add(new TypeField(f.name(), varcharShape(f.type())));
                yield LogicalType.struct(fields);
            }
            default -> LogicalType.VARCHAR;
        };
    }

    /** Recursive-descent reader over one text value; throws IllegalArgumentException on bad input. */
    private static final class Reader {
        final String s;
        final boolean tryCast;
        int pos;

        Reader(String s, boolean tryCast) {
            this.s = s;
            this.tryCast = tryCast;
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
        }

        boolean accept(char c) {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!accept(c)) throw new IllegalArgumentException();
        }

        Object value(LogicalType t) {
            skipSpace();
            if (t.isNested() && s.regionMatches(true, pos, "NULL", 0, 4)) {
                int after = pos + 4;
                int p = after;
                while (p < s.length() && Character.isWhitespace(s.charAt(p))) p++;
                if (p == s.length() || ",]})=:".indexOf(s.charAt(p)) >= 0) {
                    pos = after;
                    return null;
                }
            }
            return switch (t.id()) {
                case LIST, ARRAY -> {
                    expect('[');
                    int start = pos - 1;
                    List<Object> out = new ArrayList<>();
                    if (!accept(']')) {
                        do {
                            out.add(value(t.childType()));
                        } while (accept(','));
                        expect(']');
                    }
                    if (t.id() == io.tealdb.types.TypeId.ARRAY && out.size() != t.arraySize()) {
                        // DuckDB names the offending (inner) array; TRY_CAST makes just that array NULL
                        if (tryCast) yield null;
                        throw new ConversionException("Type VARCHAR with value '" + s.substring(start, pos) + "' can't be cast to the destination type "
                                + t + ", the size of the array must match the destination type");
                    }
                    yield out;
                }
                case MAP -> {
                    expect('{');
                    Map<Object, Object> out = new LinkedHashMap<>();
                    if (!accept('}')) {
                        do {
                            Object k = value(t.mapKey());
                            expect('=');
                            out.put(k, value(t.mapValue()));
                        } while (accept(','));
                        expect('}');
                    }
                    yield out;
                }
                case STRUCT -> struct(t);
                default -> leaf();
            };
        }

        private Object struct(LogicalType t) {
            List<TypeField> fields = t.children();
            Object[] values = new Object[fields.size()];
            if (accept('(')) {
                // unnamed: (v1, v2, ...) by position
                int k = 0;
                if (!accept(')')) {
                    do {
                        if (k >= fields.size()) throw new IllegalArgumentException();
                        values[k] = value(fields.get(k).type());
                        k++;
                    } while (accept(','));
                    expect(')');
                }
                return java.util.Arrays.asList(values);
            }
            expect('{');
            if (!accept('}')) {
                do {
                    Object key = leaf();
                    if (key == null) throw new IllegalArgumentException();
                    expect(':');
                    int k = -1;
                    for (int j = 0; j < fields.size(); j++) {
                        if (fields.get(j).name().equalsIgnoreCase((String) key)) k = j;
                    }
                    if (k < 0) throw new IllegalArgumentException();
                    values[k] = value(fields.get(k).type());
                } while (accept(','));
                expect('}');
            }
            return java.util.Arrays.asList(values);
        }

        /** A scalar element: quoted, or raw text up to the next delimiter at bracket depth 0 (trimmed); NULL → null. */
        private String leaf() {
            skipSpace();
            if (pos < s.length() && (s.charAt(pos) == '\'' || s.charAt(pos) == '"')) {
                char q = s.charAt(pos++);
                StringBuilder sb = new StringBuilder();
                while (true) {
                    char c = s.charAt(pos++);
                    if (c == '\\') {
                        sb.append(s.charAt(pos++));
                    } else if (c == q) {
                        break;
                    } else {
                        sb.append(c);
                    }
                }
                return sb.toString();
            }
            int start = pos;
            int depth = 0;
            StringBuilder sb = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (depth == 0 && (c == ',' || c == ']' || c == '}' || c == ')' || c == ':' || c == '=')) break;
                if (c == '[' || c == '{' || c == '(') depth++;
                if (c == ']' || c == '}' || c == ')') depth--;
                if (c == '\\' && pos + 1 < s.length()) {
                    sb.append(s.charAt(pos + 1));
                    pos += 2;
                    continue;
                }
                sb.append(c);
                pos++;
            }
            String text = sb.toString().strip();
            if (pos == start) return null;
            if (text.toUpperCase(Locale.ROOT).equals("NULL")) return null;
            return text;
        }
    }
}
