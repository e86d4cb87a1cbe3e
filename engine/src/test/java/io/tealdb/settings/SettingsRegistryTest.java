package io.tealdb.settings;

import io.tealdb.Connection;
import io.tealdb.Teal;
import io.tealdb.error.CatalogException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.TealException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The typed settings registry through SQL: SET/RESET/SHOW, scopes, validation, current_setting, duckdb_settings(), pg_settings. */
class SettingsRegistryTest {
    private static String one(Connection c, String sql) {
        return String.valueOf(c.execute(sql).fetchAll().get(0)[0]);
    }

    @Test
    void globalSettingsAreSharedAndSessionSettingsAreNot() {
        try (Connection a = Teal.connect(); Connection b = a.duplicate()) {
            a.execute("SET threads = 3");
            assertEquals("3", one(b, "SELECT current_setting('threads')"));
            assertEquals("3", one(b, "SELECT current_setting('worker_threads')"));
            a.execute("SET TimeZone = 'asia/tokyo'");
            assertEquals("Asia/Tokyo", one(a, "SELECT current_setting('TimeZone')"));
            assertEquals("Asia/Tokyo", one(a, "SELECT current_setting('timezone')"));
            String before = one(b, "SELECT current_setting('TimeZone')");
            assertTrue(!before.equals("Asia/Tokyo"));
            // SET GLOBAL gives every session without its own value a new default
            a.execute("SET GLOBAL TimeZone = 'America/New_York'");
            assertEquals("America/New_York", one(b, "SELECT current_setting('TimeZone')"));
            assertEquals("Asia/Tokyo", one(a, "SELECT current_setting('TimeZone')"));
            a.execute("RESET TimeZone");
            assertEquals("America/New_York", one(a, "SELECT current_setting('TimeZone')"));
            // a global setting cannot be set for one session only
            TealException e = assertThrows(InvalidInputException.class, () -> a.execute("SET SESSION threads = 1"));
            assertTrue(e.getMessage().contains("threads"), e.getMessage());
            assertEquals("3", one(a, "SELECT current_setting('threads')"));
        }
    }

    @Test
    void valuesAreValidatedAndShownInCanonicalForm() {
        try (Connection c = Teal.connect()) {
            c.execute("SET memory_limit = '2GB'");
            assertEquals("1.9 GiB", one(c, "SELECT current_setting('memory_limit')"));
            c.execute("SET memory_limit = '512MiB'");
            assertEquals("512.0 MiB", one(c, "SELECT current_setting('max_memory')"));
            c.execute("SET statement_timeout = '5s'");
            assertEquals("5000", one(c, "SELECT current_setting('statement_timeout')"));
            c.execute("SET ieee_floating_point_ops = off");
            assertEquals("false", one(c, "SELECT current_setting('ieee_floating_point_ops')"));
            c.execute("SET default_null_order = 'nulls first'");
            assertEquals("nulls_first", one(c, "SELECT current_setting('default_null_order')"));
            c.execute("SET DateStyle = 'ISO, DMY'");
            c.execute("SET DateStyle = 'ISO'");
            assertEquals("ISO, DMY", one(c, "SELECT current_setting('datestyle')"));

            // a bad value is an error naming the setting, and changes nothing
            TealException e = assertThrows(InvalidInputException.class, () -> c.execute("SET threads = 'many'"));
            assertTrue(e.getMessage().contains("threads") && e.getMessage().contains("many"), e.getMessage());
            assertThrows(InvalidInputException.class, () -> c.execute("SET threads = 0"));
            assertThrows(InvalidInputException.class, () -> c.execute("SET lambda_syntax = 'sometimes'"));
            assertThrows(TealException.class, () -> c.execute("SET TimeZone = 'Mars/Olympus'"));
            assertThrows(InvalidInputException.class, () -> c.execute("SET server_version = '16'"));
            assertEquals("15.0", one(c, "SELECT current_setting('server_version')"));
            // unknown names are refused, never silently kept
            e = assertThrows(CatalogException.class, () -> c.execute("SET no_such_setting = 1"));
            assertTrue(e.getMessage().contains("no_such_setting"), e.getMessage());
            assertThrows(CatalogException.class, () -> c.execute("SELECT current_setting('no_such_setting')"));
        }
    }

    @Test
    void setConfigAndShowSeeTheSameValue() {
        try (Connection c = Teal.connect()) {
            assertEquals("etl", one(c, "SELECT set_config('application_name', 'etl', false)"));
            assertEquals("etl", one(c, "SELECT current_setting('application_name')"));
            c.execute("SET file_search_path = '/tmp'");
            assertEquals("/tmp", one(c, "SHOW file_search_path"));
        }
    }

    @Test
    void settingsChangeWhatQueriesDo() {
        try (Connection c = Teal.connect()) {
            c.execute("CREATE TABLE t AS SELECT CASE WHEN i % 3 = 0 THEN NULL ELSE i END AS x FROM range(5000) r(i)");
            assertEquals("1", one(c, "SELECT x FROM t ORDER BY x LIMIT 1"));
            c.execute("SET default_null_order = 'nulls_first'");
            assertEquals("null", one(c, "SELECT x FROM t ORDER BY x LIMIT 1"));
            try (Connection other = c.duplicate()) {
                assertEquals("null", one(other, "SELECT x FROM t ORDER BY x LIMIT 1"));
            }
            c.execute("SET TimeZone = 'Asia/Kolkata'");
            assertEquals("2024-01-01 05:30:00+05:30", one(c, "SELECT TIMESTAMPTZ '2024-01-01 00:00:00+00'::VARCHAR"));
        }
    }

    @Test
    void duckdbSettingsAndPgSettingsListTheRegistry() {
        try (Connection c = Teal.connect()) {
            c.execute("SET threads = 2");
            List<List<Object>> rows = new ArrayList<>();
            for (Object[] r : c.execute("SELECT name, value, scope, input_type, effective FROM duckdb_settings() "
                    + "WHERE name IN ('threads', 'TimeZone', 'enable_progress_bar') ORDER BY name").fetchAll()) rows.add(List.of(r));
            assertEquals(3, rows.size(), rows.toString());
            assertEquals(List.of("TimeZone", "enable_progress_bar", "threads"), names(rows));
            assertEquals(List.of("threads", "2", "GLOBAL", "BIGINT", true), rows.get(2));
            assertEquals(false, rows.get(1).get(4));
            assertEquals(Settings.all().size(), Integer.parseInt(one(c, "SELECT count(*) FROM duckdb_settings()")));
            assertEquals("2", one(c, "SELECT setting FROM pg_settings WHERE name = 'threads'"));
            assertEquals("user", one(c, "SELECT context FROM pg_catalog.pg_settings WHERE name = 'application_name'"));
        }
    }

    private static List<Object> names(List<List<Object>> rows) {
        List<Object> n = new ArrayList<>();
        for (List<Object> r : rows) n.add(r.get(0));
        return n;
    }

    @Test
    void connectOptionsAreSettings() {
        try (Connection c = Teal.connect(Map.of("threads", "2", "TimeZone", "UTC"))) {
            assertEquals("2", one(c, "SELECT current_setting('threads')"));
            assertEquals("UTC", one(c, "SELECT current_setting('TimeZone')"));
        }
        TealException e = assertThrows(CatalogException.class, () -> Teal.connect(Map.of("no_such_option", "1")));
        assertTrue(e.getMessage().contains("no_such_option"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> Teal.connect(Map.of("threads", "zero")));
    }
}
