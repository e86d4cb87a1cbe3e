package io.tealdb.function.scalar;

import io.tealdb.error.InvalidInputException;

/**
 * {@code format}: the {fmt} library's syntax as DuckDB uses it. {@code {}} takes the next
 * argument, {@code {N}} argument N (0-based); a spec after {@code :} is
 * {@code [[fill]align][sign][#][0][width][sep][.precision][L][type]} where sep is DuckDB's
 * thousands separator ({@code ,} {@code _} {@code '}, or {@code t} followed by any character).
 * {@code {{} and {@code }}} are literal braces.
 */
final class FmtFormat {
    private FmtFormat() {
    }

    static String format(String fmt, FormatArg[] args) {
        StringBuilder out = new StringBuilder(fmt.length() + 16);
        int next = 0;
        int i = 0;
        int n = fmt.length();
        while (i < n) {
            char c = fmt.charAt(i++);
            if (c == '}') {
                if (i < n && fmt.charAt(i) == '}') {
                    i++;
                    out.append('}');
                    continue;
                }
                throw new InvalidInputException("unmatched '}' in format string");
            }
            if (c != '{') {
                out.append(c);
                continue;
            }
            if (i < n && fmt.charAt(i) == '{') {
                i++;
                out.append('{');
                continue;
            }
            int close = fmt.indexOf('}', i);
            if (close < 0) {
                throw new InvalidInputException("missing '}' in format string");
            }
            String field = fmt.substring(i, close);
            i = close + 1;
            int colon = field.indexOf(':');
            String id = colon < 0 ? field : field.substring(0, colon);
            int index;
            if (id.isEmpty()) {
                index = next++;
            } else if (id.chars().allMatch(Character::isDigit)) {
                index = Integer.parseInt(id);
            } else {
                throw new InvalidInputException("Argument with name \"" + id + "\" not found");
            }
            FormatSpec spec = colon < 0 ? new FormatSpec() : parseSpec(field.substring(colon + 1));
            FormatArg a = PrintfFormat.arg(args, index);
            out.append(spec.render(a.value(), a.bits(), a.typeName()));
        }
        return out.toString();
    }

    private static FormatSpec parseSpec(String s) {
        FormatSpec spec = new FormatSpec();
        int i = 0;
        int n = s.length();
        if (n >= 2 && "<>^".indexOf(s.charAt(1)) >= 0) {
            spec.fill = s.charAt(0);
            spec.align = s.charAt(1);
            i = 2;
        } else if (n >= 1 && "<>^".indexOf(s.charAt(0)) >= 0) {
            spec.align = s.charAt(0);
            i = 1;
        }
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-' || s.charAt(i) == ' ')) {
            spec.sign = s.charAt(i) == '-' ? 0 : s.charAt(i);
            i++;
        }
        if (i < n && s.charAt(i) == '#') {
            spec.alt = true;
            i++;
        }
        if (i < n && s.charAt(i) == '0') {
            spec.zeroPad = true;
            i++;
        }
        int start = i;
        while (i < n && Character.isDigit(s.charAt(i))) i++;
        if (i > start) spec.width = Integer.parseInt(s.substring(start, i));
        if (i < n && (s.charAt(i) == ',' || s.charAt(i) == '_' || s.charAt(i) == '\'')) {
            spec.grouping = s.charAt(i++);
        } else if (i < n && s.charAt(i) == 't') {
            if (i + 1 >= n) {
                throw new InvalidInputException("Invalid format specifier \"t\": a thousands separator character must follow it");
            }
            spec.grouping = s.charAt(i + 1);
            i += 2;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            start = i;
            while (i < n && Character.isDigit(s.charAt(i))) i++;
            if (i == start) {
                throw new InvalidInputException("Invalid format specifier \"" + s + "\": missing precision");
            }
            spec.precision = Integer.parseInt(s.substring(start, i));
        }
        if (i < n && s.charAt(i) == 'L') {
            i++;
        }
        if (i < n) {
            spec.type = s.charAt(i++);
            if ("bBcdoxXsaAeEfFgG%".indexOf(spec.type) < 0) {
                throw new InvalidInputException("Invalid type specifier \"" + spec.type + "\"");
            }
        }
        if (i < n) {
            throw new InvalidInputException("Invalid format specifier \"" + s + "\"");
        }
        return spec;
    }
}
