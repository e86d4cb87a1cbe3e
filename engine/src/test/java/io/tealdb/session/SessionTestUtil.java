package io.tealdb.session;

import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Helpers to run SQL through a ClientContext and read results as Java values. */
final class SessionTestUtil {
    private SessionTestUtil() {
    }

    static List<List<Object>> rows(ClientContext c, String sql, Value... params) {
        return rows(c.execute(sql, List.of(params)));
    }

    /** Every row of {@code result}, which is closed. */
    static List<List<Object>> rows(QueryResult result) {
        List<List<Object>> out = new ArrayList<>();
        try (QueryResult r = result) {
            for (DataChunk ch = r.nextChunk(); ch != null; ch = r.nextChunk()) {
                for (int i = 0; i < ch.size(); i++) {
                    List<Object> row = new ArrayList<>();
                    for (int j = 0; j < ch.columnCount(); j++) row.add(ch.getObject(j, i));
                    out.add(row);
                }
            }
        }
        return out;
    }

    static long update(ClientContext c, String sql) {
        try (QueryResult r = c.execute(sql, List.of())) {
            return r.updateCount();
        }
    }

    static Object scalar(ClientContext c, String sql) {
        List<List<Object>> r = rows(c, sql);
        if (r.size() != 1 || r.get(0).size() != 1) throw new AssertionError("expected one value from " + sql + ", got " + r);
        return r.get(0).get(0);
    }

    /** A value in a form comparable across TealDB and DuckDB JDBC. */
    static String normalize(Object o) {
        if (o == null) return "NULL";
        if (o instanceof Double d) return d.isNaN() || d.isInfinite() ? d.toString() : new BigDecimal(d).round(new java.math.MathContext(10)).stripTrailingZeros().toPlainString();
        if (o instanceof Float f) return new BigDecimal(f).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        if (o instanceof BigDecimal b) return b.toPlainString();
        if (o instanceof BigInteger || o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) return o.toString();
        return o.toString();
    }

    /**
     * A transcript of {@code statements} on one JDBC connection to {@code url} (DuckDB's or TealDB's):
     * per statement its rows ("a|b; ") or "ok", or the first line of its error, for comparing engines.
     */
    static List<String> transcript(String url, List<String> statements) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url)) {
            return transcript(c, statements);
        }
    }

    /** {@link #transcript(String, List)} on an open connection. */
    static List<String> transcript(java.sql.Connection c, List<String> statements) {
        List<String> out = new ArrayList<>();
        for (String sql : statements) {
            try (java.sql.Statement s = c.createStatement()) {
                if (s.execute(sql)) {
                    StringBuilder rows = new StringBuilder();
                    try (java.sql.ResultSet r = s.getResultSet()) {
                        int n = r.getMetaData().getColumnCount();
                        while (r.next()) {
                            for (int i = 1; i <= n; i++) rows.append(r.getString(i)).append(i < n ? "|" : "; ");
                        }
                    }
                    out.add(sql + " -> " + rows);
                } else {
                    out.add(sql + " -> ok");
                }
            } catch (java.sql.SQLException e) {
                out.add(sql + " -> " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        return out;
    }
}
