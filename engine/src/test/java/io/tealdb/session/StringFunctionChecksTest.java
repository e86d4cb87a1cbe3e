package io.tealdb.session;

import io.tealdb.error.TealException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** substring range checks, substring_grapheme, regex options and RE2-worded regex errors, as DuckDB. */
class StringFunctionChecksTest {
    private Database db;
    private ClientContext c;

    @BeforeEach
    void open() {
        db = Database.open(null, Map.of("threads", "1"));
        c = db.connect();
    }

    @AfterEach
    void close() {
        c.close();
        db.close();
    }

    private String error(String sql) {
        TealException e = assertThrows(TealException.class, () -> SessionTestUtil.rows(c, sql), sql);
        return e.describe().lines().findFirst().orElse("");
    }

    private Object scalar(String sql) {
        return SessionTestUtil.scalar(c, sql);
    }

    @Test
    void substringLimitsOffsetAndLengthTo32Bits() {
        assertEquals("Out of Range Error: Substring offset outside of supported range (> 4294967295)",
                error("SELECT substring('abc', 4294967296, 1)"));
        assertEquals("Out of Range Error: Substring offset outside of supported range (< -4294967296)",
                error("SELECT substring('abc', -4294967297)"));
        assertEquals("Out of Range Error: Substring length outside of supported range (> 4294967295)",
                error("SELECT substring('abc', 0, 4294967296)"));
        assertEquals("Out of Range Error: Substring length outside of supported range (< -4294967296)",
                error("SELECT substring('abc', 0, -4294967297)"));
        assertEquals("abc", scalar("SELECT substring('abc', -2147483647, 2147483647)"));
    }

    @Test
    void substringGraphemeCountsClusters() {
        assertEquals("x\uD83C\uDDF3\uD83C\uDDF1", scalar("SELECT substring_grapheme('\uD83D\uDC4D\uD83C\uDFFDx\uD83C\uDDF3\uD83C\uDDF1y', 2, 2)"));
        assertEquals("\uD83D\uDC4D", scalar("SELECT substring('\uD83D\uDC4D\uD83C\uDFFDx', 1, 1)"));
        assertEquals("ello", scalar("SELECT substring_grapheme('hello', 2)"));
    }

    @Test
    void regexOptions() {
        assertEquals(true, scalar("SELECT regexp_matches('asdf', '.*SD.*', 'i')"));
        assertEquals(false, scalar("SELECT regexp_matches('asdf', '.*SD.*', 'ic')"));
        assertEquals(true, scalar("SELECT regexp_matches('as^/$df', '^/$', 'l')"));
        assertEquals(true, scalar("SELECT regexp_full_match('a' || chr(10) || 'b', '.*', 's')"));
        assertEquals(false, scalar("SELECT regexp_full_match('a' || chr(10) || 'b', '.*')"));
        assertEquals("xxx", scalar("SELECT regexp_replace('aAa', 'a', 'x', 'gi')"));
        assertEquals("Invalid Input Error: Unrecognized Regex option q", error("SELECT regexp_matches('a', 'a', 'q')"));
        assertEquals("Invalid Input Error: Option 'g' (global replace) is only valid for regexp_replace",
                error("SELECT regexp_matches('a', 'a', 'g')"));
        assertEquals("Invalid Input Error: Regex options field must not be NULL", error("SELECT regexp_matches('a', 'a', NULL)"));
        SessionTestUtil.update(c, "CREATE TABLE t(v VARCHAR)");
        SessionTestUtil.update(c, "INSERT INTO t VALUES ('i')");
        assertEquals("Binder Error: The \"options\" argument in function \"regexp_matches\" must be a constant expression",
                error("SELECT regexp_matches(v, 'h.*', v) FROM t"));
    }

    @Test
    void regexSyntaxErrorsAreWordedLikeRe2() {
        assertEquals("Invalid Input Error: invalid escape sequence: \\X", error("SELECT regexp_matches('', '\\X')"));
        assertEquals("Invalid Input Error: invalid escape sequence: \\1", error("SELECT regexp_matches('a', '\\1')"));
        assertEquals("Invalid Input Error: missing ): (", error("SELECT regexp_matches('a', '(')"));
        assertEquals("Invalid Input Error: unexpected ): )", error("SELECT regexp_matches('a', ')')"));
        assertEquals("Invalid Input Error: missing ]: [a", error("SELECT regexp_matches('a', '[a')"));
        assertEquals("Invalid Input Error: bad repetition operator: **", error("SELECT regexp_matches('a', 'a**')"));
        assertEquals("Invalid Input Error: no argument for repetition operator: *", error("SELECT regexp_matches('a', '*a')"));
        assertEquals("Invalid Input Error: invalid repetition size: {2,1}", error("SELECT regexp_matches('a', 'a{2,1}')"));
        assertEquals("Invalid Input Error: invalid character class range: z-a", error("SELECT regexp_matches('a', '[z-a]')"));
        assertEquals(true, scalar("SELECT regexp_matches('a', '(?P<n>a)')"));
    }
}
