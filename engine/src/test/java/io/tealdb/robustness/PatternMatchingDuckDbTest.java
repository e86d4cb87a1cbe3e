package io.tealdb.robustness;

import io.tealdb.testing.DuckDbTwins;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * LIKE, ILIKE, GLOB, SIMILAR TO and the regexp functions against DuckDB: random strings and
 * patterns over a small alphabet (so wildcards and repetitions interact), and the patterns that
 * make backtracking matchers take exponential time, on inputs long enough that such a matcher
 * would not finish. The matchers here are linear in the input (LIKE/GLOB: one remembered star;
 * regexes: RE2/J's automata), so these complete and must agree with DuckDB.
 */
class PatternMatchingDuckDbTest {
    private static final String ALPHABET = "aAb_%*?.";

    @Test
    void randomPatternsAgreeWithDuckDb() throws SQLException {
        Random rnd = new Random(12);
        try (DuckDbTwins twins = DuckDbTwins.open(2, "CREATE TABLE s (id INTEGER, v VARCHAR, p VARCHAR, g VARCHAR, r VARCHAR)")) {
            String insert = "INSERT INTO s VALUES (?, ?, ?, ?, ?)";
            try (PreparedStatement t = twins.teal().prepareStatement(insert); PreparedStatement d = twins.duck().prepareStatement(insert)) {
                for (int i = 0; i < 3000; i++) {
                    String v = random(rnd, "aAb", 12);
                    String like = random(rnd, "aAb_%", 6);
                    String glob = random(rnd, "ab*?", 6).replace("[", "");
                    String regex = randomRegex(rnd);
                    for (PreparedStatement ps : List.of(t, d)) {
                        ps.setInt(1, i);
                        ps.setString(2, v);
                        ps.setString(3, like);
                        ps.setString(4, glob);
                        ps.setString(5, regex);
                        ps.executeUpdate();
                    }
                }
            }
            for (String expr : List.of("v LIKE p", "v ILIKE p", "v NOT LIKE p", "v GLOB g", "v SIMILAR TO r",
                    "regexp_matches(v, r)", "regexp_full_match(v, r)", "regexp_replace(v, r, 'X', 'g')",
                    "regexp_extract(v, r)", "regexp_matches(v, r, 'i')")) {
                String sql = "SELECT id, " + expr + " FROM s ORDER BY id";
                assertEquals(DuckDbTwins.rows(twins.duck(), sql), DuckDbTwins.rows(twins.teal(), sql), expr);
            }
        }
    }

    @Test
    void backtrackingKillersFinishWithDuckDbsAnswers() throws SQLException {
        try (DuckDbTwins twins = DuckDbTwins.open(2)) {
            for (String sql : List.of(
                    "SELECT repeat('a', 3000) || 'c' GLOB '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b'",
                    "SELECT repeat('a', 3000) || 'c' LIKE '%a%a%a%a%a%a%a%a%a%a%a%a%a%a%b'",
                    "SELECT repeat('a', 3000) || 'c' LIKE '%a_a%a_a%a_a%a_a%a_a%a_a%b'",
                    "SELECT repeat('a', 3000) || 'c' ILIKE '%A_a%a_A%a_a%a_a%a_a%a_a%B'",
                    "SELECT regexp_matches(repeat('a', 3000) || 'c', '(a*)*b')",
                    "SELECT regexp_matches(repeat('a', 3000) || 'c', '^(a|aa)+$')",
                    "SELECT regexp_full_match(repeat('ab', 2000) || 'c', '(a|b|ab)*')",
                    "SELECT repeat('a', 3000) || 'c' SIMILAR TO '(a*)*b'",
                    "SELECT regexp_replace(repeat('a', 3000) || 'c', '(a+)+b', 'x')",
                    "SELECT length(regexp_replace(repeat('ab', 3000), '(a|b)', '\\1\\1', 'g'))")) {
                assertEquals(DuckDbTwins.rows(twins.duck(), sql), DuckDbTwins.rows(twins.teal(), sql), sql);
            }
        }
    }

    private static String random(Random rnd, String alphabet, int maxLength) {
        int n = rnd.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        return sb.toString();
    }

    private static String randomRegex(Random rnd) {
        String[] atoms = {"a", "b", "A", ".", "(a|b)", "[ab]", "(ab)", "(a*)", "[^a]", "(a?b+)"};
        String[] suffix = {"", "", "*", "+", "?", "{1,2}"};
        int n = 1 + rnd.nextInt(4);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(atoms[rnd.nextInt(atoms.length)]).append(suffix[rnd.nextInt(suffix.length)]);
        return sb.toString();
    }
}
