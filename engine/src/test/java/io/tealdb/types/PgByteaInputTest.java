package io.tealdb.types;

import io.tealdb.Connection;
import io.tealdb.Teal;
import io.tealdb.error.ConversionException;
import io.tealdb.function.scalar.PgByteaInput;
import io.tealdb.settings.Settings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bytea_input = 'postgres' (every PostgreSQL-endpoint session) reads a string cast to BLOB as
 * PostgreSQL reads bytea text; the default keeps DuckDB's per-byte escapes.
 */
class PgByteaInputTest {
    private static byte[] decode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return PgByteaInput.decode(b, 0, b.length);
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    @Test
    void hexAndEscapeFormatsAsPostgresReadsThem() {
        assertArrayEquals(bytes(0x01, 0x02, 0xff), decode("\\x0102ff"));
        assertArrayEquals(bytes(0xab, 0xcd, 0xef), decode("\\XAB cd\nEF"));
        assertArrayEquals(new byte[0], decode("\\x"));
        // not hex, but DuckDB's escapes: read as DuckDB reads them (DuckDB SQL over the PostgreSQL protocol)
        assertArrayEquals(bytes(0x00, 0xff, 0x10), decode("\\x00\\xFF\\x10"));
        assertArrayEquals(bytes('a', 'a', 0x80), decode("aa\\x80"));
        assertArrayEquals(new byte[0], decode(""));
        assertArrayEquals(bytes('a', '\\', 'b', 1, 0xff), decode("a\\\\b\\001\\377"));
        assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), decode("é"));
        assertTrue(assertThrows(ConversionException.class, () -> decode("\\x012")).getMessage().contains("odd number of digits"));
        assertTrue(assertThrows(ConversionException.class, () -> decode("\\x0g")).getMessage().contains("invalid hexadecimal digit: \"g\""));
        for (String bad : new String[]{"a\\b", "\\400", "\\01", "tail\\"}) {
            assertTrue(assertThrows(ConversionException.class, () -> decode(bad)).getMessage().contains("invalid input syntax for type bytea"), bad);
        }
    }

    @Test
    void theSettingChoosesTheRuleForConstantsColumnsAndTryCast() {
        try (Connection c = Teal.connect()) {
            // DuckDB's rule by default: \x41 is one byte, the rest is text
            assertArrayEquals(bytes(0x41, 'a', 'b'), (byte[]) c.execute("SELECT '\\x41ab'::BLOB").fetchOne()[0]);
            c.execute("SET bytea_input = 'postgres'");
            assertArrayEquals(bytes(0x41, 0xab), (byte[]) c.execute("SELECT '\\x41ab'::bytea").fetchOne()[0]);
            assertArrayEquals(bytes(0x41, 0x42), (byte[]) c.execute("SELECT s::BLOB FROM (VALUES ('\\x4142'), ('x')) t(s) WHERE s <> 'x'").fetchOne()[0]);
            assertNull(c.execute("SELECT TRY_CAST('\\x4' AS BLOB)").fetchOne()[0]);
            assertThrows(ConversionException.class, () -> c.execute("SELECT '\\x4g'::BLOB").fetchAll());
            c.execute("CREATE TABLE t (b BLOB)");
            c.execute("INSERT INTO t VALUES ('\\x00ff'::bytea), (NULL)");
            assertEquals(2L, ((Number) c.execute("SELECT sum(octet_length(b)) FROM t").fetchOne()[0]).longValue());
            c.execute("RESET bytea_input");
            assertArrayEquals(bytes(0x41, 'a', 'b'), (byte[]) c.execute("SELECT '\\x41ab'::BLOB").fetchOne()[0]);
        }
    }

    @Test
    void aSessionDefaultSurvivesReset() {
        try (Connection c = Teal.connect(); Connection other = c.duplicate()) {
            c.context().settings().setSessionDefault(Settings.BYTEA_INPUT, "postgres");
            c.execute("SET bytea_input = 'duckdb'");
            c.execute("RESET bytea_input");
            assertEquals("postgres", c.execute("SELECT current_setting('bytea_input')").fetchOne()[0]);
            c.execute("SET bytea_input = 'duckdb'");
            c.execute("RESET ALL");
            assertEquals("postgres", c.execute("SELECT current_setting('bytea_input')").fetchOne()[0]);
            // another connection of the same database keeps its own default
            assertEquals("duckdb", other.execute("SELECT current_setting('bytea_input')").fetchOne()[0]);
        }
    }
}
