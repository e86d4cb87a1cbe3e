package io.tealdb.tpch;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Expected TPC-H answers (shared/tpch/answers-trino/...) and their comparison with a ResultSet
 * following shared/tpch/README.md: DOUBLE/FLOAT columns numerically with 1e-9 relative tolerance,
 * DECIMAL and integer columns numerically and exactly ({@code 37734107} equals {@code 37734107.00}),
 * everything else as text (DATE as YYYY-MM-DD); an empty field is NULL. Rows in file order.
 */
public final class TpchAnswers {

    static final double RELATIVE_TOLERANCE = 1e-9;

    private final List<String> header;
    private final List<String[]> rows;

    private TpchAnswers(List<String> header, List<String[]> rows) {
        this.header = header;
        this.rows = rows;
    }

    public static TpchAnswers read(Path csv) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
        if (lines.isEmpty()) {
            throw new IOException("empty answer file " + csv);
        }
        List<String> header = Arrays.asList(lines.get(0).split("\\|", -1));
        // readAllLines drops the final newline, so an empty line is a row with one NULL (Q17 at SF0.01)
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split("\\|", -1));
        }
        return new TpchAnswers(List.copyOf(header), rows);
    }

    public List<String> header() {
        return header;
    }

    public int rowCount() {
        return rows.size();
    }

    /**
     * Reads {@code rs} fully and compares it with the expected rows.
     *
     * @return null if equal, else a message naming the first differing row/column with expected vs actual
     */
    public String compare(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int cols = md.getColumnCount();
        if (cols != header.size()) {
            return "expected " + header.size() + " columns " + header + " but got " + cols;
        }
        int r = 0;
        while (rs.next()) {
            if (r >= rows.size()) {
                int extra = 1;
                while (rs.next()) {
                    extra++;
                }
                return "expected " + rows.size() + " rows but got " + (rows.size() + extra);
            }
            String[] exp = rows.get(r);
            if (exp.length != cols) {
                return "answer file row " + (r + 1) + " has " + exp.length + " fields, expected " + cols;
            }
            for (int c = 1; c <= cols; c++) {
                String msg = compareValue(rs, md, c, exp[c - 1]);
                if (msg != null) {
                    return "row " + (r + 1) + ", column " + c + " (" + header.get(c - 1) + "): " + msg;
                }
            }
            r++;
        }
        if (r != rows.size()) {
            return "expected " + rows.size() + " rows but got " + r;
        }
        return null;
    }

    private static String compareValue(ResultSet rs, ResultSetMetaData md, int c, String expected) throws SQLException {
        int type = md.getColumnType(c);
        String typeName = String.valueOf(md.getColumnTypeName(c)).toUpperCase(Locale.ROOT);
        Object actualObj = rs.getObject(c);
        if (actualObj == null) {
            return expected.isEmpty() ? null : "expected '" + expected + "' but got NULL";
        }
        if (expected.isEmpty()) {
            return "expected NULL but got '" + actualObj + "'";
        }
        switch (type) {
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> {
                double a = rs.getDouble(c);
                double e;
                try {
                    e = Double.parseDouble(expected);
                } catch (NumberFormatException ex) {
                    return "expected '" + expected + "' is not a number (actual " + a + ")";
                }
                double tol = Math.abs(e) * RELATIVE_TOLERANCE;
                return Math.abs(a - e) <= tol ? null
                        : "expected " + expected + " but got " + a + " (relative tolerance " + RELATIVE_TOLERANCE + ")";
            }
            case Types.DECIMAL, Types.NUMERIC, Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                return compareExact(rs.getBigDecimal(c), expected);
            }
            default -> {
                if (typeName.startsWith("DECIMAL") || typeName.equals("HUGEINT") || typeName.equals("UBIGINT")) {
                    return compareExact(new BigDecimal(rs.getString(c)), expected);
                }
                String a = actualObj instanceof java.sql.Date d ? d.toLocalDate().toString() : rs.getString(c);
                return expected.equals(a) ? null : "expected '" + expected + "' but got '" + a + "'";
            }
        }
    }

    private static String compareExact(BigDecimal actual, String expected) {
        BigDecimal e;
        try {
            e = new BigDecimal(expected);
        } catch (NumberFormatException ex) {
            return "expected '" + expected + "' is not a number (actual " + actual.toPlainString() + ")";
        }
        return actual.compareTo(e) == 0 ? null : "expected " + expected + " but got " + actual.toPlainString();
    }
}
