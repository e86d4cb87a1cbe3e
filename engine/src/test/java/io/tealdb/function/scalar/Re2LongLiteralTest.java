package io.tealdb.function.scalar;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Long literal runs in a pattern are cut by empty groups (RE2/J parses a run in quadratic time):
 * only between literal atoms, never inside a character class, an escape or a \Q..\E quote, and the
 * cut pattern matches exactly what the original matches.
 */
class Re2LongLiteralTest {
    private static final int RUN = Re2Patterns.LITERAL_RUN;

    @Test
    void cutsOnlyLongLiteralRuns() {
        assertEquals("abc", Re2Patterns.splitLiteralRuns("abc"));
        String cut = Re2Patterns.splitLiteralRuns("a".repeat(2 * RUN + 5));
        assertEquals(2, cut.split("\\(\\?:\\)", -1).length - 1, "two cuts in a run of 2*RUN+5");
        assertEquals("a".repeat(2 * RUN + 5), cut.replace("(?:)", ""));
        // a class, a \Q..\E quote and escapes are left whole
        String cls = "[" + "a".repeat(3 * RUN) + "]";
        assertEquals(cls, Re2Patterns.splitLiteralRuns(cls));
        String quoted = "\\Q" + "a".repeat(3 * RUN) + "\\E";
        assertEquals(quoted, Re2Patterns.splitLiteralRuns(quoted));
        String escaped = "\\.".repeat(RUN + 1);
        assertTrue(Re2Patterns.splitLiteralRuns(escaped).contains("\\.(?:)\\."), "a cut between two escaped dots");
    }

    @Test
    void theCutPatternMatchesWhatTheOriginalMatches() {
        String run = "ab".repeat(RUN);
        List<String> patterns = List.of(run, "^" + run + "$", "(" + run + ")+c", run + "*", "x\\." + run + "[ab]{2}", "\\Q" + run + "\\E",
                "(?i)" + run.toUpperCase(), "[" + run + "]+", run + "|z");
        List<String> inputs = List.of(run, run + "c", run + run + "c", "x." + run + "ab", "z", run.substring(1), run + "b");
        for (String p : patterns) {
            com.google.re2j.Pattern original = com.google.re2j.Pattern.compile(p);
            com.google.re2j.Pattern cut = Re2Patterns.compile(p);
            assertFalse(p.length() > RUN && p.equals(Re2Patterns.splitLiteralRuns(p)) && !p.startsWith("[") && !p.startsWith("\\Q"), p);
            for (String in : inputs) {
                com.google.re2j.Matcher a = original.matcher(in);
                com.google.re2j.Matcher b = cut.matcher(in);
                boolean fa = a.find();
                assertEquals(fa, b.find(), () -> p.substring(0, 20) + " on " + in.substring(0, Math.min(20, in.length())));
                if (fa) {
                    assertEquals(a.start(), b.start());
                    assertEquals(a.end(), b.end());
                    assertEquals(a.groupCount(), b.groupCount());
                }
            }
        }
    }

    @Test
    void splitIsDuckDbsStringSplitRegex() throws java.sql.SQLException {
        java.util.Random rnd = new java.util.Random(7);
        List<String> patterns = List.of("a", "a*", "b|", ",", "x*", "(?:)", "[ab]+", "^a", "a$", "\\s*", "(|,)", "(,|)", "b*");
        List<String> texts = new java.util.ArrayList<>();
        for (int k = 0; k < 300; k++) {
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(12);
            for (int i = 0; i < len; i++) sb.append("ab, x".charAt(rnd.nextInt(5)));
            texts.add(sb.toString());
        }
        StringBuilder values = new StringBuilder();
        for (int k = 0; k < texts.size(); k++) values.append(k == 0 ? "" : ", ").append("(").append(k).append(", '").append(texts.get(k)).append("')");
        try (java.sql.Connection duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement st = duck.createStatement()) {
            for (String p : patterns) {
                com.google.re2j.Pattern pattern = com.google.re2j.Pattern.compile(p);
                try (java.sql.ResultSet rs = st.executeQuery("SELECT k, string_split_regex(t, '" + p + "') FROM (VALUES " + values + ") v(k, t) ORDER BY k")) {
                    while (rs.next()) {
                        String text = texts.get(rs.getInt(1));
                        List<String> expected = new java.util.ArrayList<>();
                        for (Object o : (Object[]) rs.getArray(2).getArray()) expected.add((String) o);
                        assertEquals(expected, Re2Patterns.split(pattern, text), p + " on '" + text + "'");
                    }
                }
            }
        }
    }

    @Test
    void aLiteralPatternIsQuotedWithoutQE() {
        String text = "a.b*c\\E(d)" + "x".repeat(3 * RUN);
        com.google.re2j.Pattern p = Re2Patterns.compile(text, 0, true);
        assertTrue(p.matcher("zz" + text + "zz").find());
        assertFalse(p.matcher("aXb*c\\E(d)" + "x".repeat(3 * RUN)).find());
    }
    /** A statement whose cancellation is seen from the {@code cancelAt}-th look on (never when 0). */
    private static io.tealdb.memory.StatementGuard.Statement cancelledAt(int cancelAt) {
        return new io.tealdb.memory.StatementGuard.Statement() {
            private int looks;

            @Override
            public void checkInterrupted() {
                if (cancelAt > 0 && ++looks >= cancelAt) throw new io.tealdb.error.InterruptException("Interrupted!");
            }

            @Override
            public void reserveMemory(long bytes, String what) {
            }

            @Override
            public void releaseMemory(long bytes) {
            }
        };
    }

    @Test
    void aLongPatternCompilesWhileTheStatementLooksForItsCancel() {
        // 100,000 characters, case-insensitive: RE2/J needs 150 ms to a second for it, with no cancellation point of its own
        String pattern = "ab".repeat(50_000);
        int flags = com.google.re2j.Pattern.CASE_INSENSITIVE;
        org.junit.jupiter.api.Assertions.assertThrows(io.tealdb.error.InterruptException.class,
                () -> io.tealdb.memory.StatementGuard.within(cancelledAt(2), () -> Re2Patterns.compile(pattern, flags, false)));
        com.google.re2j.Pattern compiled = io.tealdb.memory.StatementGuard.within(cancelledAt(0), () -> Re2Patterns.compile(pattern, flags, false));
        assertTrue(compiled.matcher("xx" + pattern.toUpperCase()).find());
        assertFalse(compiled.matcher(pattern.substring(1)).find());
        // a syntax error found on the compiling thread reaches the statement as the same user error
        org.junit.jupiter.api.Assertions.assertThrows(io.tealdb.error.InvalidInputException.class,
                () -> io.tealdb.memory.StatementGuard.within(cancelledAt(0), () -> Re2Patterns.compile(pattern + "(", 0, false)));
    }
}
