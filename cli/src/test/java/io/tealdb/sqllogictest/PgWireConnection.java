package io.tealdb.sqllogictest;

import io.tealdb.function.cast.ValueFormatter;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Array;
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
            Array a = rs.getArray(col);
            return a == null ? null : list((Object[]) a.getArray(), type.substring(1));
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

    /** A PostgreSQL array as DuckDB prints a list: {@code [1, NULL, 'a b']}. */
    private static String list(Object[] elements, String elementType) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < elements.length; i++) {
            if (i > 0) sb.append(", ");
            Object e = elements[i];
            if (e == null) {
                sb.append("NULL");
            } else if (e instanceof Object[] nested) {
                sb.append(list(nested, elementType));
            } else {
                String text = e instanceof String s ? s : e instanceof Boolean b ? b.toString()
                        : e instanceof java.sql.Time || e instanceof java.sql.Date || e instanceof java.sql.Timestamp ? null
                        : ValueRenderer.renderObject(e);
                if (text == null) text = scalarText(elementType, e.toString());
                // the engine's own rule for elements; JSON elements of a list go in as they are
                sb.append(elementType.equals("json") ? text : ValueFormatter.elementText(text));
            }
        }
        return sb.append(']').toString();
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
