package io.tealdb.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PostgreSQL catalog (pg_class, pg_namespace, pg_attribute, pg_tables, regclass) lists a session's
 * temporary relations as PostgreSQL does, in the session's own {@code pg_temp_N} namespace with
 * relpersistence 't', and only to that session. What DuckDB's own pg_catalog shows (relname, relkind,
 * relpersistence, the attributes of a temporary table that shadows a persistent one) is checked
 * against DuckDB.
 */
class PgCatalogTempTest {

    @TempDir
    Path dir;

    private static final List<String> SETUP = List.of(
            "CREATE TABLE qp (a INTEGER)",
            "CREATE TABLE qt (b INTEGER, c VARCHAR)",
            "CREATE TEMP TABLE qt (x INTEGER, y VARCHAR, z DOUBLE)",
            "INSERT INTO qt SELECT range, 'v' || range, range / 2 FROM range(5000)",
            "CREATE TEMP VIEW qv AS SELECT 1 AS one",
            "CREATE TEMP SEQUENCE qs");

    private static final List<String> QUERIES = List.of(
            "SELECT relname, relkind, relpersistence FROM pg_catalog.pg_class WHERE relname LIKE 'q%' ORDER BY ALL",
            "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = "
                    + "(SELECT oid FROM pg_catalog.pg_class WHERE relname = 'qt' AND relpersistence = 't') ORDER BY attnum",
            "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = "
                    + "(SELECT oid FROM pg_catalog.pg_class WHERE relname = 'qt' AND relpersistence = 'p') ORDER BY attnum",
            "SELECT count(*), sum(x) FROM qt");

    @Test
    void temporaryRelationsInPgClassAsDuckDbShowsThem() throws SQLException {
        List<String> statements = new ArrayList<>(SETUP);
        statements.addAll(QUERIES);
        assertEquals(SessionTestUtil.transcript("jdbc:duckdb:", statements), SessionTestUtil.transcript("jdbc:teal:", statements));
    }

    @Test
    void temporaryRelationsAreInTheSessionsTempNamespaceOnly() throws SQLException {
        String url = "jdbc:teal:" + dir.resolve("pgtemp.db");
        try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url)) {
            assertEquals("0", one(a, "SELECT pg_my_temp_schema()"), "no temporary namespace before the first temporary object");
            try (Statement s = a.createStatement()) {
                for (String sql : SETUP) s.execute(sql);
                s.execute("CREATE TEMP TABLE qk (id INTEGER PRIMARY KEY, name VARCHAR)");
            }
            String ns = one(a, "SELECT nspname FROM pg_catalog.pg_namespace WHERE oid = pg_my_temp_schema()");
            assertTrue(ns.matches("pg_temp_[0-9]+"), ns);
            String listing = "SELECT n.nspname, c.relname, c.relkind, c.relpersistence FROM pg_catalog.pg_class c "
                    + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relname LIKE 'q%' ORDER BY 2, 1";
            assertEquals(List.of(ns + "|qk|r|t", ns + "|qk_id_pkey|i|t", "main|qp|r|p", ns + "|qs|S|t", "main|qt|r|p", ns + "|qt|r|t",
                    ns + "|qv|v|t"), rows(a, listing));
            // a bare name finds the temporary relation first (PostgreSQL's and DuckDB's search path); pg_temp names it too
            String tempOid = one(a, "SELECT oid FROM pg_catalog.pg_class WHERE relname = 'qt' AND relpersistence = 't'");
            assertEquals(tempOid, one(a, "SELECT 'qt'::regclass::int"));
            assertEquals(tempOid, one(a, "SELECT 'pg_temp.qt'::regclass::int"));
            assertEquals(tempOid, one(a, "SELECT '" + ns + ".qt'::regclass::int"));
            assertNotEquals(tempOid, one(a, "SELECT 'main.qt'::regclass::int"));
            assertEquals(List.of("x", "y", "z"), rows(a, "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = 'qt'::regclass ORDER BY attnum"));
            assertEquals(List.of("id", "name"), rows(a, "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = 'qk'::regclass ORDER BY attnum"));
            assertEquals(List.of("qk_id_pkey|PRIMARY KEY (id)"), rows(a, "SELECT conname, pg_get_constraintdef(oid) FROM pg_catalog.pg_constraint "
                    + "WHERE conrelid = 'qk'::regclass"));
            assertEquals(List.of(ns + "|qk", "main|qp", "main|qt", ns + "|qt"),
                    rows(a, "SELECT schemaname, tablename FROM pg_catalog.pg_tables WHERE tablename LIKE 'q%' ORDER BY tablename, schemaname"));
            assertEquals(List.of(ns + "|qv"), rows(a, "SELECT schemaname, viewname FROM pg_catalog.pg_views WHERE viewname LIKE 'q%'"));

            // another session sees the persistent relations only, and has no temporary namespace
            assertEquals(List.of("main|qp|r|p", "main|qt|r|p"), rows(b, listing));
            assertEquals("0", one(b, "SELECT pg_my_temp_schema()"));
            assertEquals("0", one(b, "SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname LIKE 'pg_temp%'"));
            assertEquals(List.of("b", "c"), rows(b, "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = 'qt'::regclass ORDER BY attnum"));
            try (Statement s = b.createStatement()) {
                s.execute("CREATE TEMP TABLE qb (i INTEGER)");
            }
            String nsB = one(b, "SELECT nspname FROM pg_catalog.pg_namespace WHERE oid = pg_my_temp_schema()");
            assertNotEquals(ns, nsB);
            assertEquals(List.of(nsB + "|qb|r|t", "main|qp|r|p", "main|qt|r|p"), rows(b, listing));
            assertEquals(7, rows(a, listing).size(), "the other session's temporary table is not listed");

            // DROP takes the temporary relation out of the listing; the persistent one of the same name stays
            try (Statement s = a.createStatement()) {
                s.execute("DROP TABLE qt");
            }
            assertEquals(List.of("main|qt|r|p"), rows(a, listing.replace("LIKE 'q%'", "= 'qt'")));
        }
    }

    private static String one(Connection c, String sql) throws SQLException {
        List<String> r = rows(c, sql);
        assertEquals(1, r.size(), sql);
        return r.get(0);
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) row.append(r.getString(i)).append(i < n ? "|" : "");
                out.add(row.toString());
            }
        }
        return out;
    }
}
