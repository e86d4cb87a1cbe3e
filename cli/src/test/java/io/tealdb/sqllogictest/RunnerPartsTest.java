package io.tealdb.sqllogictest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Value rendering, comparison, sorting, hashing and statement splitting. */
class RunnerPartsTest {

    private static final ValueRenderer.ColumnType DOUBLE = new ValueRenderer.ColumnType(ValueRenderer.Kind.FLOATING, 0, "DOUBLE");
    private static final ValueRenderer.ColumnType INT = new ValueRenderer.ColumnType(ValueRenderer.Kind.INTEGER, 0, "INTEGER");
    private static final ValueRenderer.ColumnType DEC3 = new ValueRenderer.ColumnType(ValueRenderer.Kind.DECIMAL, 3, "DECIMAL(18,3)");
    private static final ValueRenderer.ColumnType BOOL = new ValueRenderer.ColumnType(ValueRenderer.Kind.BOOLEAN, 0, "BOOLEAN");
    private static final ValueRenderer.ColumnType TEXT = new ValueRenderer.ColumnType(ValueRenderer.Kind.OTHER, 0, "VARCHAR");
    private static final UnaryOperator<String> NO_VARS = s -> s;

    @Test
    void doublesRenderLikeDuckDb() {
        assertEquals("3.0", ValueRenderer.formatDouble(3.0));
        assertEquals("0.1", ValueRenderer.formatDouble(0.1));
        assertEquals("-0.0", ValueRenderer.formatDouble(-0.0));
        assertEquals("1000000000000000.0", ValueRenderer.formatDouble(1e15));
        assertEquals("1e+16", ValueRenderer.formatDouble(1e16));
        assertEquals("1e+20", ValueRenderer.formatDouble(1e20));
        assertEquals("1e-07", ValueRenderer.formatDouble(1e-7));
        assertEquals("0.0001", ValueRenderer.formatDouble(1e-4));
        assertEquals("1.5e-05", ValueRenderer.formatDouble(1.5e-5));
        assertEquals("1.2345678901234568e+17", ValueRenderer.formatDouble(1.2345678901234568e17));
        assertEquals("0.3333333333333333", ValueRenderer.formatDouble(1.0 / 3));
        assertEquals("123456789012345.6", ValueRenderer.formatDouble(123456789012345.6));
        assertEquals("-1e+300", ValueRenderer.formatDouble(-1e300));
        assertEquals("inf", ValueRenderer.formatDouble(Double.POSITIVE_INFINITY));
        assertEquals("-inf", ValueRenderer.formatDouble(Double.NEGATIVE_INFINITY));
        assertEquals("nan", ValueRenderer.formatDouble(Double.NaN));
        assertEquals("16777216.0", ValueRenderer.formatFloat(16777216f));
        assertEquals("0.1", ValueRenderer.formatFloat(0.1f));
    }

    @Test
    void otherValuesRenderLikeDuckDb() {
        assertEquals("1", ValueRenderer.renderObject(Boolean.TRUE));
        assertEquals("0", ValueRenderer.renderObject(Boolean.FALSE));
        assertEquals("1.50", ValueRenderer.renderObject(new java.math.BigDecimal("1.50")));
        assertEquals("2024-01-02", ValueRenderer.renderObject(LocalDate.of(2024, 1, 2)));
        assertEquals("0044-03-15 (BC)", ValueRenderer.renderObject(LocalDate.of(-43, 3, 15)));
        assertEquals("03:04:05.5", ValueRenderer.renderObject(LocalTime.of(3, 4, 5, 500_000_000)));
        assertEquals("2024-01-02 03:04:05", ValueRenderer.renderObject(LocalDateTime.of(2024, 1, 2, 3, 4, 5)));
        assertEquals("2024-01-02 03:04:05.123456789",
                ValueRenderer.renderObject(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123456789)));
        assertEquals("\\x00A\\x5C", ValueRenderer.renderObject(new byte[] {0, 'A', '\\'}));
        assertEquals("(empty)", ValueRenderer.finishString(""));
        assertEquals("a\\0b", ValueRenderer.finishString("a\0b"));
    }

    @Test
    void valueComparison() {
        assertTrue(ResultChecker.valueMatches("0.30000000000000004", "0.3", DOUBLE, NO_VARS));
        assertTrue(ResultChecker.valueMatches("100.5", "100", DOUBLE, NO_VARS)); // 1% tolerance
        assertFalse(ResultChecker.valueMatches("103", "100", DOUBLE, NO_VARS));
        assertTrue(ResultChecker.valueMatches("nan", "NaN", DOUBLE, NO_VARS));
        assertFalse(ResultChecker.valueMatches("inf", "-inf", DOUBLE, NO_VARS));
        assertFalse(ResultChecker.valueMatches("NULL", "0", DOUBLE, NO_VARS));
        assertTrue(ResultChecker.valueMatches("3.100", "3.1", DEC3, NO_VARS));
        assertFalse(ResultChecker.valueMatches("3.101", "3.1", DEC3, NO_VARS));
        assertTrue(ResultChecker.valueMatches("1", "true", BOOL, NO_VARS));
        assertTrue(ResultChecker.valueMatches("0", "FALSE", BOOL, NO_VARS));
        assertFalse(ResultChecker.valueMatches("1", "false", BOOL, NO_VARS));
        assertFalse(ResultChecker.valueMatches("10", "1", INT, NO_VARS));
        assertFalse(ResultChecker.valueMatches("1.0", "1", TEXT, NO_VARS));
        assertTrue(ResultChecker.valueMatches("abc123", "<REGEX>:abc\\d+", TEXT, NO_VARS));
        assertFalse(ResultChecker.valueMatches("abc123", "<REGEX>:abc", TEXT, NO_VARS));
        assertTrue(ResultChecker.valueMatches("xyz", "<!REGEX>:abc.*", TEXT, NO_VARS));
        assertTrue(ResultChecker.valueMatches("/tmp/x/a.csv", "{TEST_DIR}/a.csv", TEXT,
                s -> s.replace("{TEST_DIR}", "/tmp/x")));
    }

    @Test
    void errorMatching() {
        String msg = "Catalog Error: Table with name nope does not exist!\nDid you mean x?";
        assertTrue(ResultChecker.errorMatches(msg, "Table with name nope", null));
        assertFalse(ResultChecker.errorMatches(msg, "Binder Error", null));
        assertTrue(ResultChecker.errorMatches(msg, "<REGEX>:Catalog Error.*mean x\\?", null));
        assertFalse(ResultChecker.errorMatches(msg, "<REGEX>:Catalog Error", null)); // full match required
        assertTrue(ResultChecker.errorMatches(msg, "<!REGEX>:Binder.*", null));
        assertTrue(ResultChecker.errorMatches(msg, null, null));
    }

    @Test
    void sortingUsesUtf8ByteOrder() {
        List<String[]> rows = new ArrayList<>(List.of(new String[] {"9", "b"}, new String[] {"10", "a"},
                new String[] {"NULL", "c"}, new String[] {"\uFF21", "d"}, new String[] {"\uD83D\uDE00", "e"}));
        List<String[]> sorted = ResultChecker.sort(rows, SltRecord.SortMode.ROWSORT);
        assertEquals(List.of("10", "9", "NULL", "\uFF21", "\uD83D\uDE00"), sorted.stream().map(r -> r[0]).toList());
        List<String[]> vs = ResultChecker.sort(List.of(new String[] {"b", "a"}, new String[] {"d", "c"}),
                SltRecord.SortMode.VALUESORT);
        assertEquals("a b c d", String.join(" ", vs.get(0)) + " " + String.join(" ", vs.get(1)));
    }

    @Test
    void hashIsMd5OfValuesWithNewlines() {
        String expected;
        try {
            var md = java.security.MessageDigest.getInstance("MD5");
            expected = java.util.HexFormat.of().formatHex(md.digest("1\n2\n".getBytes()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals("2 values hashing to " + expected, ResultChecker.hash(List.of(new String[] {"1"}, new String[] {"2"})));
    }

    @Test
    void splitter() {
        assertEquals(List.of("SELECT 1;"), SqlSplitter.split("SELECT 1;"));
        assertEquals(List.of("SELECT 1", "SELECT 2"), SqlSplitter.split("SELECT 1; SELECT 2;"));
        assertEquals(List.of("SELECT 'a;b'", "SELECT \"x;\""), SqlSplitter.split("SELECT 'a;b'; SELECT \"x;\""));
        assertEquals(List.of("SELECT 'it''s;'", "SELECT 2"), SqlSplitter.split("SELECT 'it''s;'; SELECT 2"));
        assertEquals(List.of("SELECT E'\\';'", "SELECT 2"), SqlSplitter.split("SELECT E'\\';'; SELECT 2"));
        assertEquals(List.of("SELECT $$a;b$$", "SELECT 2"), SqlSplitter.split("SELECT $$a;b$$; SELECT 2"));
        assertEquals(List.of("SELECT 1 -- x;y\n", "SELECT 2").size(),
                SqlSplitter.split("SELECT 1 -- x;y\n; SELECT 2").size());
        assertEquals(1, SqlSplitter.split("SELECT 1 /* a; b */ + 2; -- trailing").size());
        assertEquals(List.of("SELECT $1", "SELECT 2"), SqlSplitter.split("SELECT $1; SELECT 2"));
    }
}
