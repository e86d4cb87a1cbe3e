package io.tealdb.function.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The substring search behind LIKE '%a%', '%a%b%', contains() and position(): eight start positions
 * per step, with a plain loop for the last few. Checked against a naive search on random text from
 * a small alphabet (many near-misses), with needles of every length around the word size, matches at
 * the very start and end, and bytes above 0x7F; and LIKE / NOT LIKE over a table against DuckDB.
 */
class LikeMatcherTest {
    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2,
            "CREATE TABLE t (s VARCHAR)",
            "INSERT INTO t SELECT CASE WHEN range % 7 = 0 THEN NULL ELSE "
                    + "repeat(chr(97 + (range % 3)::INTEGER), (range % 11)::INTEGER) || 'special' || repeat('é', (range % 5)::INTEGER) "
                    + "|| CASE WHEN range % 4 = 0 THEN 'requests' ELSE 'request' END || repeat('x', (range % 13)::INTEGER) END "
                    + "FROM range(10000)");

    private static int naive(byte[] s, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i + needle.length <= to; i++) {
            for (int k = 0; k < needle.length; k++) if (s[i + k] != needle[k]) continue outer;
            return i;
        }
        return -1;
    }

    @Test
    void indexOfAgreesWithANaiveSearch() {
        Random r = new Random(11);
        byte[] alphabet = "abé".getBytes(StandardCharsets.UTF_8); // 'a', 'b' and the two bytes of é (negative)
        for (int round = 0; round < 20000; round++) {
            byte[] s = new byte[r.nextInt(40)];
            for (int i = 0; i < s.length; i++) s[i] = alphabet[r.nextInt(alphabet.length)];
            byte[] needle = new byte[1 + r.nextInt(10)];
            if (s.length >= needle.length && r.nextBoolean()) {
                int at = r.nextInt(s.length - needle.length + 1);
                System.arraycopy(s, at, needle, 0, needle.length);
            } else {
                for (int i = 0; i < needle.length; i++) needle[i] = alphabet[r.nextInt(alphabet.length)];
            }
            int from = s.length == 0 ? 0 : r.nextInt(Math.min(4, s.length) + 1);
            int to = s.length - (s.length - from < 4 ? 0 : r.nextInt(4));
            assertEquals(naive(s, from, to, needle), LikeMatcher.indexOf(s, from, to, needle),
                    () -> new String(s, StandardCharsets.ISO_8859_1) + " / " + new String(needle, StandardCharsets.ISO_8859_1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT count(*) FROM t WHERE s LIKE '%special%requests%'",
            "SELECT count(*) FROM t WHERE s NOT LIKE '%special%requests%'",
            "SELECT count(*) FROM t WHERE s LIKE '%éreq%'",
            "SELECT count(*) FROM t WHERE s LIKE '%xxxxxxxxxxxx'",
            "SELECT count(*), sum(position('request' IN s)) FROM t WHERE contains(s, 'aspecial')",
    })
    void likeEqualsDuckDb(String sql) throws Exception {
        db.assertSameRows(sql);
    }
}
