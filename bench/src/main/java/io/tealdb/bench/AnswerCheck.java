package io.tealdb.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Compares a ResultSet with an answer CSV (shared/tpch/README.md rules): DOUBLE with 1e-9
 * relative tolerance, DECIMAL/integers numerically exact, other values as text. NULL is an empty
 * field in the TPC-H answers and the text {@code NULL} in the TPC-DS ones (shared/tpcds/README.md).
 * (The engine's tests have their own copy in engine/src/test, io.tealdb.tpch.TpchAnswers: the
 * engine module cannot depend on bench, and bench should not depend on engine test classes.)
 */
final class AnswerCheck {

    private AnswerCheck() {}

    /** TPC-H answers (NULL is an empty field). @return null if equal, else the first difference */
    static String compare(Path csv, ResultSet rs) throws IOException, SQLException {
        return compare(csv, rs, "");
    }

    /** @param nullText how the file writes NULL. @return null if equal, else the first difference */
    static String compare(Path csv, ResultSet rs, String nullText) throws IOException, SQLException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        ResultSetMetaData md = rs.getMetaData();
        int cols = md.getColumnCount();
        int expectedCols = lines.get(0).split("\\|", -1).length;
        if (cols != expectedCols) {
            return "expected " + expectedCols + " columns but got " + cols;
        }
        int r = 0;
        while (rs.next()) {
            r++;
            if (r >= lines.size()) {
                continue;
            }
            String[] exp = lines.get(r).split("\\|", -1);
            if (exp.length != cols) {
                return "answer row " + r + " has " + exp.length + " fields, expected " + cols;
            }
            for (int c = 1; c <= cols; c++) {
                String e = exp[c - 1];
                Object a = rs.getObject(c);
                String diff = compareValue(md.getColumnType(c), rs, c, a, e, nullText);
                if (diff != null) {
                    return "row " + r + " column " + c + " (" + md.getColumnLabel(c) + "): " + diff;
                }
            }
        }
        return r == lines.size() - 1 ? null : "expected " + (lines.size() - 1) + " rows but got " + r;
    }

    private static String compareValue(int type, ResultSet rs, int c, Object a, String e, String nullText)
            throws SQLException {
        if (a == null || e.equals(nullText)) {
            return (a == null) == e.equals(nullText) ? null : "expected '" + e + "' but got '" + a + "'";
        }
        try {
            switch (type) {
                case Types.DOUBLE, Types.FLOAT, Types.REAL -> {
                    double x = rs.getDouble(c);
                    double y = Double.parseDouble(e);
                    return Math.abs(x - y) <= Math.abs(y) * 1e-9 ? null : "expected " + e + " but got " + x;
                }
                case Types.DECIMAL, Types.NUMERIC, Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                    BigDecimal x = rs.getBigDecimal(c);
                    return x.compareTo(new BigDecimal(e)) == 0 ? null : "expected " + e + " but got " + x.toPlainString();
                }
                default -> {
                    String s = a instanceof java.sql.Date d ? d.toLocalDate().toString() : rs.getString(c);
                    return e.equals(s) ? null : "expected '" + e + "' but got '" + s + "'";
                }
            }
        } catch (NumberFormatException ex) {
            return "expected '" + e + "' is not a number";
        }
    }
}
