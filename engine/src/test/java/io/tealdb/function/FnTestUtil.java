package io.tealdb.function;

import io.tealdb.function.cast.Casts;
import io.tealdb.function.cast.ValueFormatter;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.Vector;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Helpers: evaluate kernels on literal values, and query DuckDB (the oracle). */
final class FnTestUtil {
    private FnTestUtil() {
    }

    static Vector vectorOf(LogicalType t, Object... values) {
        Vector v = new Vector(t, Math.max(1, values.length));
        for (int i = 0; i < values.length; i++) {
            v.setObject(i, values[i]);
        }
        return v;
    }

    /** Runs a scalar function row-wise over columns (each Object[] is one column). Returns formatted strings (null = NULL). */
    static List<String> call(String name, List<LogicalType> types, Object[]... columns) {
        ScalarFunction f = FunctionRegistry.getDefault().bindScalar(name, types);
        int n = columns[0].length;
        Vector[] args = new Vector[columns.length];
        for (int c = 0; c < columns.length; c++) {
            Vector raw = vectorOf(types.get(c), columns[c]);
            LogicalType target = f.argumentTypes().get(c);
            if (!target.equals(types.get(c))) {
                Vector cast = new Vector(target, Math.max(1, n));
                Casts.kernel(types.get(c), target, false).execute(new Vector[]{raw}, n, cast);
                raw = cast;
            }
            args[c] = raw;
        }
        Vector out = new Vector(f.returnType(), Math.max(1, n));
        f.kernel().execute(args, n, out);
        List<String> res = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            res.add(ValueFormatter.format(out, i));
        }
        return res;
    }

    static String call1(String name, List<LogicalType> types, Object... args) {
        Object[][] cols = new Object[args.length][];
        for (int i = 0; i < args.length; i++) {
            cols[i] = new Object[]{args[i]};
        }
        return call(name, types, cols).get(0);
    }

    static String cast(LogicalType from, Object value, LogicalType to, boolean tryCast) {
        Value v = Casts.castValue(new Value(from, value), to, tryCast);
        return ValueFormatter.format(v);
    }

    static Connection duck() {
        try {
            return DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new RuntimeException(e);
        }
    }

    /** First column of every row as strings (getString; NULL → null). */
    static List<String> column(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new RuntimeException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Every column of the single result row. */
    static List<String> row(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getString(i));
            }
            return out;
        } catch (SQLException e) {
            throw new RuntimeException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The error message DuckDB gives, without the "Kind Error: " prefix and the LINE caret part, or null if it succeeds. */
    static String duckError(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rs.getString(1);
            }
            return null;
        } catch (SQLException e) {
            String m = e.getMessage();
            int colon = m.indexOf(": ");
            if (colon >= 0) {
                m = m.substring(colon + 2);
            }
            int line = m.indexOf("\n\nLINE");
            if (line >= 0) {
                m = m.substring(0, line);
            }
            return m.strip();
        }
    }
}
