package io.tealdb.server;

import io.tealdb.server.pg.PgServerState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pgjdbc (the real driver) against a real server on a loopback port. */
class PgJdbcTest {
    static TealServer server;
    static String url;

    @BeforeAll
    static void start() {
        server = TealServer.start(ServerConfig.defaults().withPort(0)
                .withAuth(PgServerState.Auth.PASSWORD, "teal", "s3cret"), new PrintStream(new ByteArrayOutputStream()));
        url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/teal";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "teal");
        p.setProperty("password", "s3cret");
        return DriverManager.getConnection(url, p);
    }

    @Test
    void wrongPasswordIs28P01() {
        Properties p = new Properties();
        p.setProperty("user", "teal");
        p.setProperty("password", "wrong");
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, p));
        assertEquals("28P01", e.getSQLState());
        p.setProperty("user", "nobody");
        assertEquals("28P01", assertThrows(SQLException.class, () -> DriverManager.getConnection(url, p)).getSQLState());
    }

    /**
     * Parse, Bind and Execute bind a query once, as PostgreSQL does: a LIMIT whose subquery draws from a
     * sequence draws once per execution. (Bound at Parse for the row description and again at Execute,
     * it drew twice and the LIMIT took the second value.) Unnamed statements (Statement, and a
     * PreparedStatement's first executions) and the named one pgjdbc switches to at prepareThreshold alike.
     */
    @Test
    void aQueryIsBoundOncePerExecution() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SEQUENCE bound_once");
            String q = "SELECT i FROM range(10) t(i) LIMIT (SELECT nextval('bound_once'))";
            assertEquals(1, rowCount(s.executeQuery(q)));
            try (PreparedStatement p = c.prepareStatement(q)) {
                for (int drawn = 2; drawn <= 8; drawn++) {
                    assertEquals(drawn, rowCount(p.executeQuery()), "execution " + drawn);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT currval('bound_once')")) {
                assertTrue(rs.next());
                assertEquals(8, rs.getLong(1), "one value drawn per execution");
            }
        }
    }

    private static int rowCount(ResultSet rs) throws SQLException {
        int n = 0;
        try (rs) {
            while (rs.next()) n++;
        }
        return n;
    }

    @Test
    void createdUsersLogIn() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE USER alice PASSWORD 'pw''1'");
        }
        Properties p = new Properties();
        p.setProperty("user", "alice");
        p.setProperty("password", "pw'1");
        try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 40 + 2")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP USER alice");
        }
        assertEquals("28P01", assertThrows(SQLException.class, () -> DriverManager.getConnection(url, p)).getSQLState());
    }

    @Test
    void preparedStatementsPastThresholdUseBinary() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE prep (id INTEGER, big BIGINT, d DOUBLE, n DECIMAL(12,3), t VARCHAR, day DATE, ts TIMESTAMP, flag BOOLEAN)");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO prep VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < 10; i++) {
                    ins.setInt(1, i);
                    ins.setLong(2, 10_000_000_000L * i);
                    ins.setDouble(3, i / 4.0);
                    ins.setBigDecimal(4, new BigDecimal("-1234.5").add(BigDecimal.valueOf(i)).setScale(3));
                    if (i % 3 == 0) ins.setNull(5, java.sql.Types.VARCHAR);
                    else ins.setString(5, "row " + i);
                    ins.setObject(6, LocalDate.of(2024, 1, 1 + i));
                    ins.setTimestamp(7, Timestamp.valueOf("2024-02-03 04:05:06.25"));
                    ins.setBoolean(8, i % 2 == 0);
                    assertEquals(1, ins.executeUpdate());
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT id, big, d, n, t, day, ts, flag FROM prep WHERE id = ?")) {
                for (int round = 0; round < 8; round++) { // pgjdbc switches to a named statement and binary results at 5
                    for (int i = 0; i < 10; i++) {
                        q.setInt(1, i);
                        try (ResultSet rs = q.executeQuery()) {
                            assertTrue(rs.next());
                            assertEquals(i, rs.getInt(1));
                            assertEquals(10_000_000_000L * i, rs.getLong(2));
                            assertEquals(i / 4.0, rs.getDouble(3));
                            assertEquals(new BigDecimal("-1234.5").add(BigDecimal.valueOf(i)).setScale(3), rs.getBigDecimal(4));
                            if (i % 3 == 0) assertNull(rs.getString(5));
                            else assertEquals("row " + i, rs.getString(5));
                            assertEquals(LocalDate.of(2024, 1, 1 + i), rs.getObject(6, LocalDate.class));
                            assertEquals(Timestamp.valueOf("2024-02-03 04:05:06.25"), rs.getTimestamp(7));
                            assertEquals(i % 2 == 0, rs.getBoolean(8));
                            assertFalse(rs.next());
                        }
                    }
                }
            }
        }
    }

    @Test
    void batchesAndTransactions() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE batch (k INTEGER PRIMARY KEY, v VARCHAR)");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO batch VALUES (?, ?)")) {
                for (int i = 0; i < 5000; i++) {
                    ins.setInt(1, i);
                    ins.setString(2, "v" + i);
                    ins.addBatch();
                }
                int[] counts = ins.executeBatch();
                assertEquals(5000, counts.length);
                assertEquals(1, counts[4999]);
            }
            c.setAutoCommit(false);
            s.execute("INSERT INTO batch VALUES (-1, 'rolled back')");
            c.rollback();
            SQLException dup = assertThrows(SQLException.class, () -> s.execute("INSERT INTO batch VALUES (1, 'dup')"));
            assertEquals("23505", dup.getSQLState());
            SQLException aborted = assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1"));
            assertEquals("25P02", aborted.getSQLState());
            c.rollback();
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT count(*), sum(k) FROM batch")) {
                assertTrue(rs.next());
                assertEquals(5000, rs.getLong(1));
                assertEquals(4999L * 5000 / 2, rs.getLong(2));
            }
        }
    }

    /**
     * Each client connection is a session with its own temporary objects (DuckDB's per-connection
     * temp catalog): a temporary table that shadows a table of the same name is seen by its own
     * connection only, and it ends with the connection.
     */
    @Test
    void temporaryTablesArePrivateToTheirConnection() throws SQLException {
        try (Connection a = connect(); Connection b = connect(); Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sa.execute("CREATE TABLE tmp_shadow AS SELECT range AS i FROM range(5000)");
            sa.execute("CREATE TEMP TABLE tmp_shadow AS SELECT range * 10 AS i FROM range(3000)");
            sa.execute("CREATE TEMP VIEW tmp_view AS SELECT 42 AS answer");
            assertEquals(3000L * 2999 / 2 * 10, sum(sa, "SELECT sum(i) FROM tmp_shadow"));
            assertEquals(5000L * 4999 / 2, sum(sb, "SELECT sum(i) FROM tmp_shadow"));
            SQLException missing = assertThrows(SQLException.class, () -> sb.executeQuery("SELECT * FROM temp.tmp_shadow"));
            assertEquals("42P01", missing.getSQLState());
            assertThrows(SQLException.class, () -> sb.executeQuery("SELECT * FROM tmp_view"));
            sb.execute("CREATE TEMP TABLE tmp_shadow (s VARCHAR)"); // its own, under the same name
            sb.execute("INSERT INTO tmp_shadow SELECT 'x' || range FROM range(2500)");
            try (ResultSet rs = sb.executeQuery("SELECT count(*) FROM tmp_shadow")) {
                assertTrue(rs.next());
                assertEquals(2500, rs.getLong(1));
            }
            assertEquals(3000L * 2999 / 2 * 10, sum(sa, "SELECT sum(i) FROM tmp_shadow"));
            try (PreparedStatement ps = a.prepareStatement("SELECT table_catalog, table_type FROM information_schema.tables WHERE table_name = ? ORDER BY 1")) {
                ps.setString(1, "tmp_shadow");
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("memory", rs.getString(1));
                    assertTrue(rs.next());
                    assertEquals("temp", rs.getString(1));
                    assertEquals("LOCAL TEMPORARY", rs.getString(2));
                    assertFalse(rs.next());
                }
            }
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertEquals(5000L * 4999 / 2, sum(s, "SELECT sum(i) FROM tmp_shadow"));
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM duckdb_tables() WHERE temporary")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getLong(1));
            }
            s.execute("DROP TABLE tmp_shadow");
        }
    }

    /**
     * The search path as PostgreSQL clients set it: {@code SET search_path TO a, public}, pgjdbc's
     * setSchema and its {@code currentSchema} connection property (a startup parameter) choose where
     * unqualified names are created and found; {@code public} is main, {@code "$user"} is implied.
     */
    @Test
    void searchPathSetByTheClient() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA sp_a");
            s.execute("CREATE TABLE sp_main AS SELECT range AS i FROM range(2500)");
            s.execute("SET search_path TO sp_a, public");
            assertEquals("sp_a", c.getSchema());
            s.execute("CREATE TABLE sp_t AS SELECT range * 2 AS i FROM range(3000)");
            assertEquals(3000L * 2999, sum(s, "SELECT sum(i) FROM sp_a.sp_t"));
            assertEquals(2500L * 2499 / 2, sum(s, "SELECT sum(i) FROM sp_main"));
            try (ResultSet rs = s.executeQuery("SHOW search_path")) {
                assertTrue(rs.next());
                assertEquals("sp_a,main", rs.getString(1));
            }
            c.setSchema("public");
            assertEquals("main", c.getSchema());
            assertEquals("42P01", assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM sp_t")).getSQLState());
            s.execute("SET search_path = \"$user\", public");
            assertEquals("main", c.getSchema());
            SQLException bad = assertThrows(SQLException.class, () -> s.execute("SET search_path = sp_nosuch"));
            assertTrue(bad.getMessage().contains("sp_nosuch"), bad.getMessage());
            assertEquals("main", c.getSchema());
        }
        Properties p = new Properties();
        p.setProperty("user", "teal");
        p.setProperty("password", "s3cret");
        p.setProperty("currentSchema", "sp_a");
        try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement()) {
            assertEquals("sp_a", c.getSchema());
            assertEquals(3000L * 2999, sum(s, "SELECT sum(i) FROM sp_t"));
            s.execute("DROP TABLE sp_t");
            s.execute("DROP TABLE sp_main");
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertEquals("main", c.getSchema(), "another connection keeps the default search path");
            s.execute("DROP SCHEMA sp_a");
        }
    }

    /** pgjdbc's DatabaseMetaData.getTables lists a connection's temporary table as "TEMPORARY TABLE", in its pg_temp_N schema, to it only. */
    @Test
    void temporaryTablesInDatabaseMetaData() throws SQLException {
        try (Connection a = connect(); Connection b = connect(); Statement sa = a.createStatement()) {
            sa.execute("CREATE TEMP TABLE md_scratch AS SELECT range AS i FROM range(3000)");
            try (ResultSet rs = a.getMetaData().getTables(null, null, "md_scratch", null)) {
                assertTrue(rs.next());
                assertTrue(rs.getString("TABLE_SCHEM").matches("pg_temp_[0-9]+"), rs.getString("TABLE_SCHEM"));
                assertEquals("TEMPORARY TABLE", rs.getString("TABLE_TYPE"));
                assertFalse(rs.next());
            }
            try (ResultSet rs = b.getMetaData().getTables(null, null, "md_scratch", null)) {
                assertFalse(rs.next());
            }
        }
    }

    private static long sum(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    /**
     * pgjdbc's autosave wraps each statement in a savepoint and rolls back to it on an error, so the
     * transaction goes on as in PostgreSQL: the engine's aborted transaction resumes at ROLLBACK TO.
     * Without autosave the first error aborts the transaction and COMMIT rolls everything back.
     */
    @Test
    void autosaveSavepointsKeepTheTransactionAfterAnError() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE saved (k INTEGER PRIMARY KEY)");
        }
        Properties p = new Properties();
        p.setProperty("user", "teal");
        p.setProperty("password", "s3cret");
        p.setProperty("autosave", "always");
        try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO saved SELECT range FROM range(3000)");
            assertEquals("23505", assertThrows(SQLException.class, () -> s.execute("INSERT INTO saved VALUES (7)")).getSQLState());
            assertEquals("42P01", assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM nowhere")).getSQLState());
            s.execute("INSERT INTO saved VALUES (3000)");
            c.commit();
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO saved VALUES (5000)");
            assertEquals("23505", assertThrows(SQLException.class, () -> s.execute("INSERT INTO saved VALUES (7)")).getSQLState());
            assertEquals("25P02", assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1")).getSQLState());
            c.commit(); // an aborted transaction commits as a rollback
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT count(*), max(k) FROM saved")) {
                assertTrue(rs.next());
                assertEquals(3001, rs.getLong(1));
                assertEquals(3000, rs.getLong(2));
            }
        }
    }

    @Test
    void fetchSizeStreamsWithPortalSuspended() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.setFetchSize(1000);
            long sum = 0, n = 0;
            try (ResultSet rs = s.executeQuery("SELECT i, i * 2 AS j FROM range(100000) t(i)")) {
                while (rs.next()) {
                    sum += rs.getLong(2);
                    n++;
                    if (n == 5000) {
                        // another statement while the cursor is open
                        try (Statement other = c.createStatement(); ResultSet r2 = other.executeQuery("SELECT 7")) {
                            assertTrue(r2.next());
                            assertEquals(7, r2.getInt(1));
                        }
                    }
                }
            }
            assertEquals(100000, n);
            assertEquals(2L * 99999 * 100000 / 2, sum);
            c.commit();
        }
    }

    @Test
    void errorsCarrySqlStateAndPosition() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertEquals("42P01", assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM no_such_table")).getSQLState());
            assertEquals("42601", assertThrows(SQLException.class, () -> s.executeQuery("SELEC 1")).getSQLState());
            assertEquals("22P02", assertThrows(SQLException.class, () -> s.executeQuery("SELECT CAST('abc' AS INTEGER)")).getSQLState());
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void copyManagerInAndOut() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE cp (id INTEGER, name VARCHAR, price DECIMAL(8,2))");
            CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder csv = new StringBuilder("id,name,price\n");
            for (int i = 0; i < 10000; i++) csv.append(i).append(",\"n, ").append(i).append("\",").append(i).append(".25\n");
            csv.append("10000,,\n");
            long rows = cm.copyIn("COPY cp FROM STDIN WITH (FORMAT csv, HEADER true)", new StringReader(csv.toString()));
            assertEquals(10001, rows);
            ByteArrayOutputStream bout = new ByteArrayOutputStream();
            long out = cm.copyOut("COPY (SELECT id, name, price FROM cp WHERE id IN (1, 10000) ORDER BY id) TO STDOUT", bout);
            assertEquals(2, out);
            assertEquals("1\tn, 1\t1.25\n10000\t\\N\t\\N\n", bout.toString(StandardCharsets.UTF_8));
            SQLException bad = assertThrows(SQLException.class,
                    () -> cm.copyIn("COPY cp FROM STDIN", new StringReader("1\tx\t2.5\nnot-a-number\ty\t1\n")));
            assertEquals("22P02", bad.getSQLState());
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM cp")) {
                assertTrue(rs.next());
                assertEquals(10001, rs.getLong(1));
            }
        }
    }

    @Test
    void binaryValuesRoundTrip() throws SQLException {
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement("SELECT ?::BLOB AS b, ?::INTERVAL AS iv")) {
            for (int i = 0; i < 6; i++) {
                q.setBytes(1, new byte[]{0, (byte) 0xff, (byte) i});
                q.setString(2, "1 day");
                try (ResultSet rs = q.executeQuery()) {
                    assertTrue(rs.next());
                    assertArrayEquals(new byte[]{0, (byte) 0xff, (byte) i}, rs.getBytes(1));
                    assertEquals("1 day", rs.getString(2));
                }
            }
        }
    }

    @Test
    void databaseMetaDataListsTablesAndColumns() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE meta_t (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, price DECIMAL(10,2), ts TIMESTAMP)");
            s.execute("CREATE VIEW meta_v AS SELECT id FROM meta_t");
            java.sql.DatabaseMetaData md = c.getMetaData();
            assertEquals("15.0", md.getDatabaseProductVersion());
            java.util.Map<String, String> tables = new java.util.TreeMap<>();
            try (ResultSet rs = md.getTables(null, null, "meta_%", new String[]{"TABLE", "VIEW"})) {
                while (rs.next()) tables.put(rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE"));
            }
            assertEquals(java.util.Map.of("meta_t", "TABLE", "meta_v", "VIEW"), tables);
            java.util.List<String> cols = new java.util.ArrayList<>();
            try (ResultSet rs = md.getColumns(null, null, "meta_t", "%")) {
                while (rs.next()) {
                    cols.add(rs.getInt("ORDINAL_POSITION") + " " + rs.getString("COLUMN_NAME") + " " + rs.getInt("DATA_TYPE") + " "
                            + rs.getString("TYPE_NAME") + " " + rs.getString("IS_NULLABLE"));
                }
            }
            assertEquals(java.util.List.of("1 id 4 int4 NO", "2 name 12 text NO", "3 price 2 numeric YES", "4 ts 93 timestamp YES"), cols);
            try (ResultSet rs = s.executeQuery("SELECT id, name, price FROM meta_t")) {
                java.sql.ResultSetMetaData m = rs.getMetaData();
                assertEquals("int4", m.getColumnTypeName(1));
                assertEquals("text", m.getColumnTypeName(2));
                assertEquals(10, m.getPrecision(3));
                assertEquals(2, m.getScale(3));
            }
        }
    }

    /** Bugs the sqllogictest corpus found when it first ran over the wire (SqlLogicTestWireTest). */
    @Test
    void transactionStatementsRunThroughTheExtendedProtocol() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE txn_ext (i INTEGER)");
            s.execute("BEGIN TRANSACTION");
            s.execute("INSERT INTO txn_ext VALUES (1)");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM txn_ext")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
            s.execute("ROLLBACK"); // Describe(portal) before Execute: the ROLLBACK must not close its own portal
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM txn_ext")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1));
            }
            s.execute("BEGIN TRANSACTION READ ONLY");
            SQLException e = assertThrows(SQLException.class, () -> s.execute("INSERT INTO txn_ext VALUES (2)"));
            assertTrue(e.getMessage().contains("read-only mode"), e.getMessage());
            s.execute("ROLLBACK");
        }
    }

    @Test
    void singleInsertsKeepEveryConstraint() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE fk_parent (i INTEGER PRIMARY KEY)");
            s.execute("CREATE TABLE fk_child (i INTEGER REFERENCES fk_parent, doubled INTEGER AS (i * 2))");
            SQLException e = assertThrows(SQLException.class, () -> s.execute("INSERT INTO fk_child VALUES (1)"));
            assertTrue(e.getMessage().contains("foreign key"), e.getMessage());
            s.execute("INSERT INTO fk_parent VALUES (1)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO fk_child VALUES (?)")) {
                p.setInt(1, 1);
                assertEquals(1, p.executeUpdate());
                p.setInt(1, 7);
                assertThrows(SQLException.class, p::executeUpdate);
            }
            try (ResultSet rs = s.executeQuery("SELECT i, doubled FROM fk_child")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(2));
                assertFalse(rs.next());
            }
            s.execute("CREATE TABLE upserted (k INTEGER PRIMARY KEY, v INTEGER)");
            try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO upserted VALUES (?, ?)")) {
                for (int v = 0; v < 3; v++) {
                    p.setInt(1, 5);
                    p.setInt(2, v);
                    p.executeUpdate();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), max(v) FROM upserted")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertEquals(2, rs.getInt(2));
            }
            assertEquals(1, s.executeUpdate("WITH t(x) AS MATERIALIZED (VALUES (2)) INSERT INTO fk_parent (SELECT x FROM t)"));
        }
    }

    @Test
    void oddButValidMessagesKeepTheConnection() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            // pgjdbc splits this into "SELECT 1" and a query of only a comment
            assertTrue(s.execute("SELECT 1; -- a trailing comment"));
            // a Bind with too few parameters is an ERROR for that statement, not the end of the connection
            SQLException e = assertThrows(SQLException.class, () -> s.execute("SELECT ?"));
            assertEquals("08P01", e.getSQLState());
            // an error message quoting a NUL (a C string in the protocol) arrives whole
            e = assertThrows(SQLException.class, () -> s.execute("SELECT CAST('a' || chr(0) || 'b' AS INTEGER)"));
            assertTrue(e.getMessage().contains("a\\0b"), e.getMessage());
            e = assertThrows(SQLException.class, () -> s.execute("SELECT no_such_column"));
            assertTrue(e.getMessage().contains("Binder Error: Referenced column"), e.getMessage()); // DuckDB's wording
            try (ResultSet rs = s.executeQuery("SELECT INTERVAL '2 months' AS i, [1, 2] AS l")) {
                assertTrue(rs.next());
                assertEquals(java.sql.Types.OTHER, rs.getMetaData().getColumnType(1)); // pgjdbc's type query must bind
                assertEquals(java.sql.Types.ARRAY, rs.getMetaData().getColumnType(2));
            }
        }
    }

    @Test
    void dbnameSelectsAnAttachedDatabase() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("ATTACH ':memory:' AS sales");
            s.execute("CREATE TABLE sales.orders AS SELECT range AS id FROM range(5000)");
        }
        Properties p = new Properties();
        p.setProperty("user", "teal");
        p.setProperty("password", "s3cret");
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(base + "sales", p); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), current_database() FROM orders")) {
            assertTrue(rs.next());
            assertEquals(5000, rs.getInt(1));
            assertEquals("sales", rs.getString(2));
        }
        assertEquals("3D000", assertThrows(SQLException.class, () -> DriverManager.getConnection(base + "nosuch", p)).getSQLState());
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DETACH sales");
        }
    }
}
