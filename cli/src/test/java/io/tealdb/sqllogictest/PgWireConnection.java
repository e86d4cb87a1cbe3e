package io.tealdb.sqllogictest;

import io.tealdb.function.cast.ValueFormatter;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalTime;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A pgjdbc connection as the sqllogictest runner reads it. pgjdbc hands out PostgreSQL's forms:
 * {@code java.sql.Time} without fractions, {@code java.sql.Date} without eras, arrays as
 * {@code java.sql.Array}, intervals in PostgreSQL's words, and error messages decorated with
 * {@code ERROR: } and {@code Position: N}. This wrapper turns those back into the values and texts the
 * runner expects from a driver (package-info of {@code io.tealdb.sqllogictest}): the translation is
 * of forms only, so a wrong value sent by the server still fails the comparison.
 */
final class PgWireConnection {
    private PgWireConnection() {
    }

    static Connection wrap(Connection c) {
        return proxy(Connection.class, c, (target, m, args) -> {
            Object r = invoke(target, m, args);
            if (r instanceof Statement s && !(r instanceof java.sql.PreparedStatement)) {
                s.setEscapeProcessing(false); // the SQL goes to the server as written: no JDBC {escape} rewriting
                return wrapStatement(s);
            }
            return r;
        });
    }

    private static Statement wrapStatement(Statement s) {
        return proxy(Statement.class, s, (target, m, args) -> {
            Object r = invoke(target, m, args);
            return r instanceof ResultSet rs ? wrapResultSet(rs) : r;
        });
    }

    private static ResultSet wrapResultSet(ResultSet rs) {
        return proxy(ResultSet.class, rs, (target, m, args) -> {
            if (m.getName().equals("getObject") && args != null && args.length == 1 && args[0] instanceof Integer col) {
                return value(rs, col);
            }
            return invoke(target, m, args);
        });
    }

    /** Column {@code col} of the current row in a form the runner renders as DuckDB prints it. */
    private static Object value(ResultSet rs, int col) throws SQLException {
        String type = rs.getMetaData().getColumnTypeName(col).toLowerCase(Locale.ROOT);
        if (type.startsWith("_")) {
            String text = rs.getString(col); // the server's own text of each element, not pgjdbc's objects
            return text == null ? null : list(text, new int[]{0}, type.substring(1));
        }
        return switch (type) {
            case "time" -> rs.getObject(col, LocalTime.class);
            case "date", "timestamp", "timestamptz", "timetz", "interval" -> {
                String text = rs.getString(col);
                yield text == null ? null : scalarText(type, text);
            }
            default -> rs.getObject(col);
        };
    }

    /** PostgreSQL's text of a date/time value as DuckDB writes it. */
    private static String scalarText(String type, String text) {
        return switch (type) {
            case "date", "timestamp", "timestamptz" -> text.endsWith(" BC") ? bc(text) : text;
            case "interval" -> MON.matcher(MONS.matcher(MINUS_ONE.matcher(text).replaceAll("$1-1 $2")).replaceAll("months"))
                    .replaceAll("month");
            default -> text;
        };
    }

    /** PostgreSQL writes {@code -1 years} and {@code 2 mons}; DuckDB {@code -1 year} and {@code 2 months}. */
    private static final Pattern MINUS_ONE = Pattern.compile("(^|\\s)-1 (year|day|mon)s\\b");
    private static final Pattern MONS = Pattern.compile("\\bmons\\b");
    private static final Pattern MON = Pattern.compile("\\bmon\\b");

    /** {@code 0044-03-15 BC} and {@code 0044-03-15 12:00:00 BC} → DuckDB's {@code 0044-03-15 (BC)} and {@code 0044-03-15 (BC) 12:00:00}. */
    private static String bc(String text) {
        String t = text.substring(0, text.length() - 3);
        int space = t.indexOf(' ');
        return space < 0 ? t + " (BC)" : t.substring(0, space) + " (BC)" + t.substring(space);
    }

    /** PostgreSQL's array text ({@code {1,NULL,"a b"}}) from {@code at[0]} on, as DuckDB prints the list: {@code [1, NULL, 'a b']}. */
    private static String list(String text, int[] at, String elementType) {
        StringBuilder sb = new StringBuilder("[");
        at[0]++; // '{'
        boolean first = true;
        while (at[0] < text.length() && text.charAt(at[0]) != '}') {
            if (!first) sb.append(", ");
            first = false;
            char c = text.charAt(at[0]);
            if (c == '{') {
                sb.append(list(text, at, elementType));
            } else if (c == '"') {
                StringBuilder e = new StringBuilder();
                for (at[0]++; text.charAt(at[0]) != '"'; at[0]++) {
                    if (text.charAt(at[0]) == '\\') at[0]++;
                    e.append(text.charAt(at[0]));
                }
                at[0]++;
                sb.append(element(e.toString(), elementType));
            } else {
                int end = at[0];
                while (text.charAt(end) != ',' && text.charAt(end) != '}') end++;
                String e = text.substring(at[0], end);
                at[0] = end;
                sb.append(e.equals("NULL") ? "NULL" : element(e, elementType));
            }
            if (text.charAt(at[0]) == ',') at[0]++;
        }
        at[0]++; // '}'
        return sb.append(']').toString();
    }

    /** One element's PostgreSQL text as DuckDB prints it inside a list (the engine's own quoting rule; JSON as it is). */
    private static String element(String text, String elementType) {
        String duck = switch (elementType) {
            case "bool" -> text.equals("t") ? "true" : "false";
            case "float4", "float8" -> ValueRenderer.renderObject(Double.valueOf(text));
            case "json", "jsonb" -> text;
            default -> scalarText(elementType, text);
        };
        return elementType.startsWith("json") ? duck : ValueFormatter.elementText(duck);
    }

    private interface Handler {
        Object handle(Object target, Method m, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler h) {
        InvocationHandler ih = (p, m, args) -> h.handle(target, m, args);
        return type.cast(Proxy.newProxyInstance(PgWireConnection.class.getClassLoader(), new Class<?>[]{type}, ih));
    }

    /** Calls through; a server error keeps only the server's message, without pgjdbc's decoration. */
    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                ServerErrorMessage s = p.getServerErrorMessage();
                throw new SQLException(s.getMessage(), s.getSQLState(), p);
            }
            throw t;
        }
    }
}
