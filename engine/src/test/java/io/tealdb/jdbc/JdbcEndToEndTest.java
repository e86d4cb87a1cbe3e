package io.tealdb.jdbc;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JDBC driver on the real engine. */
class JdbcEndToEndTest {

    @Test
    void batchesMetadataAndTypedGetters() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:teal:"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, day DATE NOT NULL, amount DECIMAL(15,2), note VARCHAR)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < 5000; i++) {
                    p.setLong(1, i);
                    p.setObject(2, LocalDate.of(2024, 1, 1).plusDays(i % 366));
                    p.setBigDecimal(3, BigDecimal.valueOf(i, 2));
                    if (i % 10 == 0) p.setNull(4, java.sql.Types.VARCHAR);
                    else p.setString(4, "n" + i);
                    p.addBatch();
                }
                int[] counts = p.executeBatch();
                assertEquals(5000, counts.length);
            }
            try (ResultSet r = s.executeQuery("SELECT count(*), sum(amount), count(note), max(day) FROM orders")) {
                assertTrue(r.next());
                assertEquals(5000L, r.getLong(1));
                assertEquals(new BigDecimal("124975.00"), r.getBigDecimal(2));
                assertEquals(4500, r.getInt(3));
                assertEquals(LocalDate.of(2024, 12, 31), r.getObject(4, LocalDate.class));
                ResultSetMetaData md = r.getMetaData();
                assertEquals(4, md.getColumnCount());
            }

            DatabaseMetaData md = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet r = md.getTables(null, null, "%", null)) {
                while (r.next()) tables.add(r.getString("TABLE_NAME"));
            }
            assertTrue(tables.contains("orders"), tables.toString());
            List<String> columns = new ArrayList<>();
            try (ResultSet r = md.getColumns(null, null, "orders", "%")) {
                while (r.next()) columns.add(r.getString("COLUMN_NAME"));
            }
            assertEquals(List.of("id", "day", "amount", "note"), columns);
            try (ResultSet r = md.getPrimaryKeys(null, null, "orders")) {
                assertTrue(r.next());
                assertEquals("id", r.getString("COLUMN_NAME"));
            }
            try (ResultSet r = md.getSchemas()) {
                boolean main = false;
                while (r.next()) main |= "main".equals(r.getString("TABLE_SCHEM"));
                assertTrue(main);
            }
        }
    }

    @Test
    void autocommitOffGivesTransactionsAndSharedDatabasesByName() throws SQLException {
        try (Connection a = DriverManager.getConnection("jdbc:teal:memory:jdbc_e2e");
             Connection b = DriverManager.getConnection("jdbc:teal:memory:jdbc_e2e");
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sa.execute("CREATE TABLE t (i INTEGER)");
            a.setAutoCommit(false);
            sa.execute("INSERT INTO t VALUES (1), (2)");
            assertArrayEquals(new long[]{0}, new long[]{count(sb)}, "uncommitted rows are invisible to b");
            a.rollback();
            sa.execute("INSERT INTO t VALUES (3)");
            a.commit();
            assertEquals(1, count(sb));
            SQLException e = assertThrows(SQLException.class, () -> sb.execute("SELECT nope FROM t"));
            assertTrue(e.getMessage().contains("nope"), e.getMessage());
            assertFalse(b.isClosed());
        }
    }

    private static long count(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM t")) {
            r.next();
            return r.getLong(1);
        }
    }
    @Test
    void parametersAsTableFunctionArguments() throws SQLException {
        // PREPARE binds without values (a placeholder stands in); each execution binds with them, as DuckDB does
        try (Connection c = DriverManager.getConnection("jdbc:teal:");
             PreparedStatement p = c.prepareStatement("SELECT count(*), sum(x) FROM range(?::BIGINT) t(x)");
             PreparedStatement g = c.prepareStatement("SELECT x FROM generate_series(?, ?) t(x) ORDER BY x DESC LIMIT 1")) {
            for (long n : new long[]{0, 1, 5000, 123457}) {
                p.setLong(1, n);
                try (ResultSet r = p.executeQuery()) {
                    assertTrue(r.next());
                    assertEquals(n, r.getLong(1));
                    assertEquals(n * (n - 1) / 2, r.getLong(2));
                }
            }
            assertEquals(2, p.getMetaData().getColumnCount());
            g.setLong(1, 10);
            g.setLong(2, 4100);
            try (ResultSet r = g.executeQuery()) {
                assertTrue(r.next());
                assertEquals(4100L, r.getLong(1));
            }
        }
    }
}
