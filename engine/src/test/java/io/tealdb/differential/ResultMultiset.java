package io.tealdb.differential;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A query result as a multiset of rows, normalized so that two engines' results compare by
 * value: exact numbers become BigDecimal without trailing zeros (INTEGER 3, BIGINT 3, HUGEINT 3
 * and DECIMAL 3.00 are equal), DOUBLE/FLOAT stay doubles and compare with a relative tolerance
 * of 1e-9, dates and strings by text, booleans as Boolean.
 */
public record ResultMultiset(int columns, List<Object[]> rows) {

    static final double RELATIVE_TOLERANCE = 1e-9;

    public static ResultMultiset read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<Object[]> rows = new ArrayList<>();
        while (rs.next()) {
            Object[] row = new Object[n];
            for (int c = 0; c < n; c++) {
                row[c] = normalize(rs.getObject(c + 1));
            }
            rows.add(row);
        }
        rows.sort(ROW_ORDER);
        return new ResultMultiset(n, rows);
    }

    static Object normalize(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Double || o instanceof Float) {
            double d = ((Number) o).doubleValue();
            return d == 0.0 ? 0.0 : d; // -0.0 == 0.0
        }
        if (o instanceof Number num) {
            BigDecimal bd = num instanceof BigDecimal b ? b : new BigDecimal(num.toString());
            return bd.signum() == 0 ? BigDecimal.ZERO : bd.stripTrailingZeros();
        }
        if (o instanceof Boolean || o instanceof String) {
            return o;
        }
        if (o instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        return o.toString();
    }

    /** Sort key order: NULL first, then by class name, then value (doubles rounded to 9 digits). */
    static final Comparator<Object[]> ROW_ORDER = (a, b) -> {
        for (int i = 0; i < a.length; i++) {
            int c = compareForSort(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    private static int compareForSort(Object x, Object y) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : -1) : 1;
        }
        if (x instanceof Number nx && y instanceof Number ny) {
            return roundForSort(nx).compareTo(roundForSort(ny));
        }
        if (x.getClass() != y.getClass()) {
            return x.getClass().getName().compareTo(y.getClass().getName());
        }
        if (x instanceof Boolean bx) {
            return Boolean.compare(bx, (Boolean) y);
        }
        return x.toString().compareTo(y.toString());
    }

    private static BigDecimal roundForSort(Number n) {
        if (n instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return BigDecimal.valueOf(d.isNaN() ? Double.MAX_VALUE : Math.signum(d) * Double.MAX_VALUE);
            }
            return new BigDecimal(d, new java.math.MathContext(9));
        }
        return ((BigDecimal) n).round(new java.math.MathContext(9));
    }

    /** @return null if equal as multisets, else a description of the first difference */
    public String diff(ResultMultiset other, String leftName, String rightName) {
        if (columns != other.columns) {
            return leftName + " has " + columns + " columns, " + rightName + " " + other.columns;
        }
        if (rows.size() != other.rows.size()) {
            return leftName + " has " + rows.size() + " rows, " + rightName + " " + other.rows.size()
                    + firstRows(leftName, rows) + firstRows(rightName, other.rows);
        }
        for (int r = 0; r < rows.size(); r++) {
            Object[] a = rows.get(r);
            Object[] b = other.rows.get(r);
            for (int c = 0; c < columns; c++) {
                if (!valueEquals(a[c], b[c])) {
                    return "sorted row " + (r + 1) + " column " + (c + 1) + ": " + leftName + "=" + a[c] + " "
                            + rightName + "=" + b[c] + " | rows: " + Arrays.toString(a) + " vs " + Arrays.toString(b);
                }
            }
        }
        return null;
    }

    private static String firstRows(String name, List<Object[]> rows) {
        StringBuilder sb = new StringBuilder(" | " + name + ": ");
        for (int i = 0; i < Math.min(3, rows.size()); i++) {
            sb.append(Arrays.toString(rows.get(i))).append(' ');
        }
        return sb.toString();
    }

    static boolean valueEquals(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Double || b instanceof Double) {
            if (!(a instanceof Number) || !(b instanceof Number)) {
                return false;
            }
            double x = ((Number) a).doubleValue();
            double y = ((Number) b).doubleValue();
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return Double.isNaN(x) && Double.isNaN(y);
            }
            return x == y || Math.abs(x - y) <= Math.max(Math.abs(x), Math.abs(y)) * RELATIVE_TOLERANCE;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return a.equals(b);
    }
}
