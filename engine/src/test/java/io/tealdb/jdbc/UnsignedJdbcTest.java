package io.tealdb.jdbc;

import io.tealdb.Appender;
import io.tealdb.Teal;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Unsigned integers through JDBC and the Java API: the next wider Java type (Short, Integer, Long,
 * BigInteger), metadata as DuckDB's driver reports it, and BigInteger parameters typed by DuckDB's
 * rule (BIGINT, else UBIGINT, else HUGEINT, else UHUGEINT).
 */
class UnsignedJdbcTest {
    static final String SELECT = "SELECT 255::UTINYINT, 65535::USMALLINT, 4294967295::UINTEGER, 18446744073709551615::UBIGINT, "
            + "340282366920938463463374607431768211455::UHUGEINT, 0::UHUGEINT, NULL::UBIGINT";

    @Test
    void valuesAndMetadataMatchDuckDbsDriver() throws SQLException {
        try (Connection teal = DriverManager.getConnection("jdbc:teal:"); Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement ts = teal.createStatement(); Statement ds = duck.createStatement();
             ResultSet t = ts.executeQuery(SELECT); ResultSet d = ds.executeQuery(SELECT)) {
            ResultSetMetaData tm = t.getMetaData();
            ResultSetMetaData dm = d.getMetaData();
            t.next();
            d.next();
            for (int i = 1; i <= dm.getColumnCount(); i++) {
                assertEquals(dm.getColumnTypeName(i), tm.getColumnTypeName(i), "type name " + i);
                assertEquals(dm.getColumnType(i), tm.getColumnType(i), "java.sql.Types " + i);
                assertEquals(dm.getColumnClassName(i), tm.getColumnClassName(i), "class " + i);
                assertEquals(dm.getPrecision(i), tm.getPrecision(i), "precision " + i);
                assertEquals(dm.isSigned(i), tm.isSigned(i), "signed " + i);
                assertEquals(d.getObject(i), t.getObject(i), "value " + i);
                assertEquals(d.getString(i), t.getString(i), "text " + i);
            }
            assertEquals(4294967295L, t.getLong(3));
            assertEquals(new BigDecimal("18446744073709551615"), t.getBigDecimal(4));
            assertThrows(SQLException.class, () -> t.getLong(4), "2^64-1 does not fit a long");
            assertEquals(255, t.getInt(1));
        }
    }

    @Test
    void bigIntegerParametersPickTheFirstTypeThatHoldsThem() throws SQLException {
        BigInteger maxU64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        BigInteger maxU128 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        try (Connection c = DriverManager.getConnection("jdbc:teal:");
             PreparedStatement p = c.prepareStatement("SELECT typeof(?), typeof(?), typeof(?), typeof(?), ?::VARCHAR, ?::VARCHAR")) {
            p.setObject(1, BigInteger.valueOf(-5));
            p.setObject(2, maxU64);
            p.setObject(3, maxU64.add(BigInteger.ONE));
            p.setObject(4, maxU128);
            p.setObject(5, maxU64);
            p.setObject(6, maxU128);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                assertEquals(List.of("BIGINT", "UBIGINT", "HUGEINT", "UHUGEINT", maxU64.toString(), maxU128.toString()),
                        List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
            }
            assertThrows(SQLException.class, () -> p.setObject(4, maxU128.add(BigInteger.ONE)));
        }
    }

    @Test
    void appenderAndFetchedColumnsUseTheWiderJavaTypes() {
        try (io.tealdb.Connection con = Teal.connect()) {
            con.execute("CREATE TABLE t (a UTINYINT, b USMALLINT, c UINTEGER, e UBIGINT, h UHUGEINT)");
            try (Appender app = con.appender("t")) {
                for (int i = 0; i < 5000; i++) {
                    app.append(i % 256).append(65535 - i).append(4294967295L - i)
                            .append(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.valueOf(i + 1)))
                            .append(BigInteger.valueOf(i));
                    app.endRow();
                }
                assertThrows(RuntimeException.class, () -> app.append(-1));
            }
            List<Object[]> rows = con.sql("SELECT * FROM t WHERE e > 18446744073709551610 ORDER BY a").fetchAll();
            assertEquals(5, rows.size());
            assertArrayEquals(new Object[]{(short) 0, 65535, 4294967295L, new BigInteger("18446744073709551615"), BigInteger.ZERO}, rows.get(0));
            var cols = con.sql("SELECT a, b, c, e FROM t ORDER BY a, c DESC").fetchColumns();
            assertEquals(5000, ((short[]) cols.get(0).values()).length);
            assertEquals(65535, ((int[]) cols.get(1).values())[0]);
            assertEquals(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), ((BigInteger[]) cols.get(3).values())[0]);
            assertEquals(List.<Object>of(new BigInteger("5000")),
                    List.of(con.sql("SELECT count(*)::UBIGINT FROM t").fetchAll().get(0)[0]));
        }
    }
}
