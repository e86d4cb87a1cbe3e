package io.tealdb.jdbc;

import io.tealdb.Database;
import io.tealdb.testing.FakeEngine;
import io.tealdb.testing.FakeEngine.Answer;
import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TealJdbcTest {
    private final FakeEngine engine = new FakeEngine();
    private final String name = "jdbctest" + System.nanoTime();

    @BeforeEach
    void register() {
        TealDriver.registerDatabase(name, Database.wrap(engine));
    }

    @AfterEach
    void unregister() {
        TealDriver.unregisterDatabase(name);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:teal:memory:" + name);
    }

    @Test
    void driverIsFoundThroughServiceLoaderAndUrlsAreChecked() throws SQLException {
        assertInstanceOf(TealDriver.class, DriverManager.getDriver("jdbc:teal:"));
        TealDriver d = new TealDriver();
        assertTrue(d.acceptsURL("jdbc:teal:memory:x"));
        assertFalse(d.acceptsURL("jdbc:duckdb:"));
        assertNull(d.connect("jdbc:postgresql://x", null));
        SQLException file = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:teal:/nonexistent-dir/some.db?access_mode=read_only"));
        assertTrue(file.getMessage().contains("some.db"), file.getMessage());
        try (Connection c = connect()) {
            assertEquals(1, engine.contexts.size());
            assertEquals("jdbc:teal:memory:" + name, c.getMetaData().getURL());
            assertNotNull(c.unwrap(io.tealdb.Connection.class));
        }
        assertTrue(engine.contexts.getFirst().closed);
        assertFalse(engine.closed, "a registered database outlives its connections");
    }

    @Test
    void sharedNamedDatabaseLivesWhileConnectionsAreOpen() throws SQLException {
        // an unregistered name opens the real engine: until it is wired this fails cleanly as an SQLException
        try (Connection c = DriverManager.getConnection("jdbc:teal:memory:fresh" + System.nanoTime())) {
            assertFalse(c.isClosed());
        } catch (SQLException e) {
            assertFalse(e.getMessage().isEmpty());
        }
    }

    @Test
    void resultSetGettersAndMetadata() throws SQLException {
        engine.answer("SELECT * FROM v", Answer.rows(
                List.of("b", "i", "l", "h", "d", "dec", "s", "dt", "tm", "ts", "iv", "bl", "n"),
                List.of(LogicalType.BOOLEAN, LogicalType.INTEGER, LogicalType.BIGINT, LogicalType.HUGEINT, LogicalType.DOUBLE,
                        LogicalType.decimal(15, 2), LogicalType.VARCHAR, LogicalType.DATE, LogicalType.TIME, LogicalType.TIMESTAMP,
                        LogicalType.INTERVAL, LogicalType.BLOB, LogicalType.INTEGER),
                new Object[]{true, 42, 1L << 40, BigInteger.TWO.pow(70), 1e20, new BigDecimal("1234.50"), "héllo", 18263,
                        36_000_000_000L, 1_577_934_245_000_000L, new Interval(1, 2, 3_000_000), new byte[]{(byte) 0xAA, 0x41}, null}));
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM v")) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals(13, md.getColumnCount());
            assertEquals("DECIMAL(15,2)", md.getColumnTypeName(6));
            assertEquals(Types.DECIMAL, md.getColumnType(6));
            assertEquals(15, md.getPrecision(6));
            assertEquals(2, md.getScale(6));
            assertEquals("INTEGER", md.getColumnTypeName(2));
            assertEquals(Types.BIGINT, md.getColumnType(3));
            assertEquals(Types.OTHER, md.getColumnType(4));
            assertEquals("java.time.LocalDate", md.getColumnClassName(8));
            assertTrue(rs.isBeforeFirst());
            assertTrue(rs.next());
            assertTrue(rs.isFirst());
            assertTrue(rs.isLast());
            assertEquals("true", rs.getString(1));
            assertTrue(rs.getBoolean("b"));
            assertEquals(42, rs.getInt(2));
            assertEquals(42L, rs.getLong("I"));
            assertEquals("42", rs.getString(2));
            assertThrows(SQLException.class, () -> rs.getInt(3), "2^40 does not fit an int");
            assertEquals(BigInteger.TWO.pow(70), rs.getObject(4));
            assertEquals("1.0E20", rs.getString(5));
            assertEquals(new BigDecimal("1234.50"), rs.getBigDecimal(6));
            assertEquals(1234.5, rs.getDouble(6));
            assertEquals("héllo", rs.getString(7));
            assertEquals(LocalDate.of(2020, 1, 2), rs.getObject(8));
            assertEquals(java.sql.Date.valueOf("2020-01-02"), rs.getDate(8));
            assertEquals("10:00", rs.getString(9));
            assertEquals(LocalTime.of(10, 0), rs.getObject(9, LocalTime.class));
            assertEquals(Timestamp.valueOf(LocalDateTime.of(2020, 1, 2, 3, 4, 5)), rs.getObject(10));
            assertEquals("2020-01-02 03:04:05.0", rs.getString(10));
            assertEquals(LocalDateTime.of(2020, 1, 2, 3, 4, 5), rs.getObject(10, LocalDateTime.class));
            assertEquals(LocalDate.of(2020, 1, 2), rs.getObject(10, LocalDate.class));
            assertEquals("1 month 2 days 00:00:03", rs.getString(11));
            assertEquals("1 month 2 days 00:00:03", rs.getObject(11));
            assertEquals(new Interval(1, 2, 3_000_000), rs.getObject(11, Interval.class));
            assertThrows(SQLException.class, () -> rs.getObject(11, Duration.class), "months do not fit a Duration");
            assertEquals("\\xAAA", rs.getString(12));
            assertArrayEquals(new byte[]{(byte) 0xAA, 0x41}, rs.getBytes(12));
            assertArrayEquals(new byte[]{(byte) 0xAA, 0x41}, rs.getObject(12, byte[].class));
            assertEquals(2, rs.getBlob(12).length());
            assertEquals(0, rs.getInt(13));
            assertTrue(rs.wasNull());
            assertNull(rs.getObject(13, Integer.class));
            assertNull(rs.getString(13));
            assertEquals(42L, rs.getObject(2, Long.class));
            assertEquals("42", rs.getObject(2, String.class));
            assertEquals(new BigDecimal("42"), rs.getObject(2, BigDecimal.class));
            assertThrows(SQLException.class, () -> rs.getObject(7, LocalDate.class));
            assertThrows(SQLException.class, () -> rs.findColumn("nosuch"));
            assertFalse(rs.next());
            assertThrows(SQLException.class, () -> rs.getInt(2));
        }
    }

    @Test
    void statementUpdateCountsErrorsAndMaxRows() throws SQLException {
        engine.answer("INSERT INTO t VALUES (1), (2)", Answer.update(2));
        Object[][] rows = new Object[5000][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Object[]{i};
        }
        engine.answer("SELECT i FROM many", Answer.rows(List.of("i"), List.of(LogicalType.INTEGER), rows));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertEquals(2, s.executeUpdate("INSERT INTO t VALUES (1), (2)"));
            assertEquals(-1, s.executeUpdate("CREATE TABLE t(i INTEGER)")); // no rows changed: -1, as DuckDB's driver
            assertFalse(s.execute("DROP TABLE x"));
            assertEquals(-1, s.getUpdateCount());
            assertNull(s.getResultSet());
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT nosuch FROM t"));
            assertTrue(e.getMessage().startsWith("Binder Error: Referenced column"), e.getMessage());
            assertInstanceOf(io.tealdb.error.BinderException.class, e.getCause());
            assertThrows(SQLException.class, () -> s.executeQuery("CREATE TABLE u(i INTEGER)"));
            int count = 0;
            try (ResultSet rs = s.executeQuery("SELECT i FROM many")) {
                while (rs.next()) {
                    assertEquals(count++, rs.getInt(1));
                }
            }
            assertEquals(5000, count);
            s.setMaxRows(10);
            count = 0;
            try (ResultSet rs = s.executeQuery("SELECT i FROM many")) {
                while (rs.next()) {
                    count++;
                }
            }
            assertEquals(10, count);
            s.cancel();
            assertEquals(1, engine.contexts.getFirst().interrupts);
        }
    }

    @Test
    void preparedBatchCallsExecuteBatchOnce() throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
            for (int i = 0; i < 1000; i++) {
                ps.setInt(1, i);
                ps.setString(2, "v" + i);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            assertEquals(1000, counts.length);
            assertEquals(1, engine.batches.size(), "one engine call for the whole batch");
            assertEquals(1000, engine.batches.getFirst().size());
            assertEquals(List.of(Value.ofInteger(999), Value.ofVarchar("v999")), engine.batches.getFirst().get(999));
            assertTrue(engine.executed.isEmpty(), "no per-row statements");
            assertEquals(0, ps.executeBatch().length);
            ps.clearParameters();
            ps.setInt(1, 1);
            SQLException missing = assertThrows(SQLException.class, ps::addBatch);
            assertTrue(missing.getMessage().contains("parameter 2"), missing.getMessage());
            assertThrows(SQLException.class, () -> ps.setInt(3, 1));
            assertThrows(SQLException.class, () -> ps.setObject(2, new StringBuilder("x")));
        }
    }

    @Test
    void preparedParametersConvertJavaValues() throws SQLException {
        engine.answer("SELECT ?, ?, ?, ?, ?", Answer.rows(List.of("a"), List.of(LogicalType.INTEGER), new Object[]{1}));
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT ?, ?, ?, ?, ?")) {
            assertEquals(5, ps.getParameterMetaData().getParameterCount());
            assertEquals("a", ps.getMetaData().getColumnName(1));
            ps.setObject(1, LocalDate.of(2020, 1, 2));
            ps.setNull(2, Types.VARCHAR);
            ps.setBigDecimal(3, new BigDecimal("1.50"));
            ps.setTimestamp(4, Timestamp.valueOf("2020-01-02 03:04:05"));
            ps.setBytes(5, new byte[]{1});
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
            }
            List<Value> p = engine.executed.getLast().params();
            assertEquals(new Value(LogicalType.DATE, 18263), p.get(0));
            assertEquals(Value.nullOf(LogicalType.VARCHAR), p.get(1));
            assertEquals(LogicalType.decimal(3, 2), p.get(2).type());
            assertEquals(new Value(LogicalType.TIMESTAMP, 1_577_934_245_000_000L), p.get(3));
            assertEquals(LogicalType.BLOB, p.get(4).type());
        }
    }

    @Test
    void autoCommitOffOpensTransactions() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO t VALUES (1)");
            assertEquals(List.of("BEGIN TRANSACTION", "INSERT INTO t VALUES (1)"), engine.executedSql());
            c.commit();
            assertEquals("COMMIT", engine.executedSql().getLast());
            s.execute("INSERT INTO t VALUES (2)");
            c.rollback();
            assertEquals(List.of("BEGIN TRANSACTION", "INSERT INTO t VALUES (1)", "COMMIT", "BEGIN TRANSACTION",
                    "INSERT INTO t VALUES (2)", "ROLLBACK"), engine.executedSql());
            c.setAutoCommit(true);
            assertThrows(SQLException.class, c::commit);
        }
    }

    @Test
    void databaseMetaDataFromInformationSchema() throws SQLException {
        LogicalType v = LogicalType.VARCHAR;
        LogicalType i = LogicalType.INTEGER;
        engine.answer("SELECT table_catalog, table_schema, table_name, table_type FROM information_schema.tables",
                Answer.rows(List.of("table_catalog", "table_schema", "table_name", "table_type"), List.of(v, v, v, v),
                        new Object[]{"memory", "main", "t", "BASE TABLE"}, new Object[]{"memory", "main", "vw", "VIEW"},
                        new Object[]{"memory", "main", "other", "BASE TABLE"}));
        engine.answer("SELECT table_catalog, table_schema, table_name, column_name, ordinal_position, column_default, "
                        + "is_nullable, data_type, numeric_precision, numeric_scale FROM information_schema.columns",
                Answer.rows(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), List.of(v, v, v, v, i, v, v, v, i, i),
                        new Object[]{"memory", "main", "t", "c", 3, null, "YES", "DECIMAL(15,2)", 15, 2},
                        new Object[]{"memory", "main", "t", "a", 1, null, "NO", "INTEGER", 32, 0},
                        new Object[]{"memory", "main", "other", "x", 1, null, "YES", "VARCHAR", null, null}));
        engine.answer("SELECT catalog_name, schema_name FROM information_schema.schemata",
                Answer.rows(List.of("catalog_name", "schema_name"), List.of(v, v), new Object[]{"memory", "main"}, new Object[]{"system", "pg_catalog"}));
        engine.answer("SELECT table_catalog, table_schema, table_name, constraint_name, constraint_type FROM information_schema.table_constraints",
                Answer.rows(List.of("a", "b", "c", "d", "e"), List.of(v, v, v, v, v), new Object[]{"memory", "main", "t", "t_a_pkey", "PRIMARY KEY"},
                        new Object[]{"memory", "main", "t", "t_c_check", "CHECK"}));
        engine.answer("SELECT table_catalog, table_schema, table_name, column_name, ordinal_position, constraint_name FROM information_schema.key_column_usage",
                Answer.rows(List.of("a", "b", "c", "d", "e", "f"), List.of(v, v, v, v, i, v), new Object[]{"memory", "main", "t", "a", 1, "t_a_pkey"},
                        new Object[]{"memory", "main", "t", "c", 1, "t_c_check"}));
        try (Connection c = connect()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, "main", "%t%", new String[]{"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
                }
            }
            assertEquals(List.of("other:TABLE", "t:TABLE"), tables);
            try (ResultSet rs = md.getColumns(null, null, "t", null)) {
                assertTrue(rs.next());
                assertEquals("a", rs.getString("COLUMN_NAME"));
                assertEquals(Types.INTEGER, rs.getInt("DATA_TYPE"));
                assertEquals(DatabaseMetaData.columnNoNulls, rs.getInt("NULLABLE"));
                assertEquals("NO", rs.getString("IS_NULLABLE"));
                assertTrue(rs.next());
                assertEquals("c", rs.getString(4));
                assertEquals(Types.DECIMAL, rs.getInt(5));
                assertEquals("DECIMAL(15,2)", rs.getString(6));
                assertEquals(2, rs.getInt("DECIMAL_DIGITS"));
                assertEquals(3, rs.getInt("ORDINAL_POSITION"));
                assertFalse(rs.next());
            }
            try (ResultSet rs = md.getSchemas()) {
                assertTrue(rs.next());
                assertEquals("main", rs.getString("TABLE_SCHEM"));
                assertEquals("memory", rs.getString("TABLE_CATALOG"));
            }
            try (ResultSet rs = md.getPrimaryKeys(null, null, "t")) {
                assertTrue(rs.next());
                assertEquals("a", rs.getString("COLUMN_NAME"));
                assertEquals(1, rs.getInt("KEY_SEQ"));
                assertEquals("t_a_pkey", rs.getString("PK_NAME"));
                assertFalse(rs.next());
            }
            assertEquals("TealDB", md.getDatabaseProductName());
        }
    }

    @Test
    void patternMatching() {
        assertTrue(TealDatabaseMetaData.matches("t\\_%", "t_x"));
        assertFalse(TealDatabaseMetaData.matches("t\\_%", "tax"));
        assertTrue(TealDatabaseMetaData.matches("t_x", "tax"));
        assertTrue(TealDatabaseMetaData.matches(null, "anything"));
        assertFalse(TealDatabaseMetaData.matches("a.c", "abc"), "regex characters are literal");
    }

    @Test
    void batchErrorsBecomeBatchUpdateException() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.addBatch("INSERT INTO t VALUES (1)");
            s.addBatch("SELECT nosuch FROM t");
            BatchUpdateException e = assertThrows(BatchUpdateException.class, s::executeBatch);
            assertEquals(1, e.getLargeUpdateCounts().length);
        }
    }
}
