package io.tealdb.function.scalar;

import io.tealdb.error.InvalidInputException;

/**
 * {@code printf}: C's format syntax ({@code %[flags][width][.precision][length]type}) with DuckDB's
 * thousands-separator flags ({@code ,} {@code _} {@code '}, and {@code .} directly before an
 * integer conversion). Length modifiers (h, hh, l, ll, ...) are accepted and ignored: the argument's
 * SQL type decides its width. {@code *} takes a width or precision from the next argument.
 */
final class PrintfFormat {
    private PrintfFormat() {
    }

    static String format(String fmt, FormatArg[] args) {
        StringBuilder out = new StringBuilder(fmt.length() + 16);
        int next = 0;
        int i = 0;
        int n = fmt.length();
        while (i < n) {
            char c = fmt.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i < n && fmt.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            FormatSpec spec = new FormatSpec();
            spec.printf = true;
            flags:
            while (i < n) {
                switch (fmt.charAt(i)) {
                    case '-' -> spec.align = '<';
                    case '+' -> spec.sign = '+';
                    case ' ' -> {
                        if (spec.sign == 0) spec.sign = ' ';
                    }
                    case '#' -> spec.alt = true;
                    case '0' -> spec.zeroPad = true;
                    case ',', '_', '\'' -> spec.grouping = fmt.charAt(i);
                    default -> {
                        break flags;
                    }
                }
                i++;
            }
            if (i < n && fmt.charAt(i) == '*') {
                i++;
                int w = intArg(args, next++);
                if (w < 0) {
                    spec.align = '<';
                    w = -w;
                }
                spec.width = w;
            } else {
                int start = i;
                while (i < n && Character.isDigit(fmt.charAt(i))) i++;
                if (i > start) spec.width = Integer.parseInt(fmt.substring(start, i));
            }
            if (i < n && fmt.charAt(i) == '.') {
                i++;
                if (i < n && fmt.charAt(i) == '*') {
                    i++;
                    spec.precision = Math.max(0, intArg(args, next++));
                } else if (i < n && Character.isDigit(fmt.charAt(i))) {
                    int start = i;
                    while (i < n && Character.isDigit(fmt.charAt(i))) i++;
                    spec.precision = Integer.parseInt(fmt.substring(start, i));
                } else if (i < n && spec.grouping == 0 && (fmt.charAt(i) == 'd' || fmt.charAt(i) == 'i' || fmt.charAt(i) == 'u')) {
                    // DuckDB: "%.d" groups thousands with '.'
                    spec.grouping = '.';
                } else {
                    spec.precision = 0;
                }
            }
            while (i < n && "hlLqjzt".indexOf(fmt.charAt(i)) >= 0) i++;
            if (i >= n) {
                throw new InvalidInputException("Invalid format specifier: the format string ends inside a conversion");
            }
            spec.type = fmt.charAt(i++);
            if ("diuxXobBcsfFeEgGaA".indexOf(spec.type) < 0) {
                throw new InvalidInputException("Invalid type specifier \"" + spec.type + "\"");
            }
            FormatArg a = arg(args, next++);
            out.append(spec.render(a.value(), a.bits(), a.typeName()));
        }
        return out.toString();
    }

    static FormatArg arg(FormatArg[] args, int index) {
        if (index >= args.length) {
            throw new InvalidInputException("Argument index \"" + index + "\" out of range");
        }
        return args[index];
    }

    private static int intArg(FormatArg[] args, int index) {
        FormatArg a = arg(args, index);
        if (!(a.value() instanceof Number num) || a.value() instanceof Float || a.value() instanceof Double) {
            throw new InvalidInputException("Width or precision argument \"*\" must be an integer, not " + a.typeName());
        }
        return num.intValue();
    }
}
