package io.tealdb.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Smoke test: parses every statement and query of DuckDB's sqllogictest files and reports the
 * fraction that parses. Not every record is expected to parse (some use syntax TealDB does not
 * support, "statement error" records are often deliberately invalid), so the assertion is a
 * ratchet: raise the threshold when the parser improves, never lower it.
 */
class SqlLogicTestCorpusTest {
    /** Ratchet for "statement ok" + "query" records. */
    private static final double MIN_VALID_RATE = 0.985;

    record SqlRecord(Path file, int line, String kind, String sql) {
    }

    static List<SqlRecord> extract(Path file) throws IOException {
        // some files hold deliberately invalid UTF-8; decode leniently (malformed bytes become U+FFFD)
        List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        List<SqlRecord> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String header = lines.get(i).strip();
            String kind;
            if (header.startsWith("statement ok") || header.startsWith("statement maybe")) kind = "ok";
            else if (header.startsWith("statement error")) kind = "error";
            else if (header.startsWith("query ")) kind = "query";
            else continue;
            StringBuilder sql = new StringBuilder();
            int start = i + 1;
            int j = start;
            while (j < lines.size() && !lines.get(j).strip().isEmpty() && !lines.get(j).strip().equals("----")) {
                if (!lines.get(j).startsWith("#")) sql.append(lines.get(j)).append('\n'); // runner comment lines
                j++;
            }
            i = j;
            if (sql.length() > 0 && !isTemplated(sql.toString())) records.add(new SqlRecord(file, start + 1, kind, sql.toString()));
        }
        return records;
    }

    private static final java.util.regex.Pattern TEMPLATE_VARIABLE = java.util.regex.Pattern.compile("\\$?\\{[A-Za-z_][A-Za-z0-9_]*\\}");

    /** Records inside loop/foreach blocks use {var} / ${var} placeholders outside of strings;
     *  they are not SQL until the runner substitutes them, so they are skipped. */
    static boolean isTemplated(String sql) {
        StringBuilder outsideStrings = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') inString = !inString;
            else if (!inString) outsideStrings.append(c);
        }
        return TEMPLATE_VARIABLE.matcher(outsideStrings).find();
    }

    @Test
    void duckdbSqlLogicTestsMostlyParse() throws IOException {
        Path root = SharedData.find("sqllogictest/duckdb");
        assumeTrue(root != null, "shared/sqllogictest/duckdb not found");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        }
        int valid = 0, validParsed = 0, errorRecords = 0, errorParsed = 0;
        List<String> crashes = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> failureTokens = new TreeMap<>();
        long started = System.nanoTime();
        long chars = 0;
        for (Path file : files) {
            for (SqlRecord record : extract(file)) {
                boolean parsed;
                chars += record.sql().length();
                try {
                    Parser.parse(record.sql());
                    parsed = true;
                } catch (ParserException e) {
                    parsed = false;
                    if (!record.kind().equals("error")) {
                        failures.add(root.relativize(record.file()) + ":" + record.line() + ": " + e.getMessage()
                                + "\n    " + record.sql().strip().replace("\n", "\n    "));
                        failureTokens.merge(e.getMessage(), 1, Integer::sum);
                    }
                } catch (RuntimeException e) {
                    parsed = false;
                    crashes.add(root.relativize(record.file()) + ":" + record.line() + ": " + e + "\n    " + record.sql().strip());
                }
                if (record.kind().equals("error")) {
                    errorRecords++;
                    if (parsed) errorParsed++;
                } else {
                    valid++;
                    if (parsed) validParsed++;
                }
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        double rate = valid == 0 ? 1 : (double) validParsed / valid;
        System.out.printf("sqllogictest parse rate: ok/query %d/%d = %.2f%%; statement error records parsing: %d/%d; "
                + "overall %.2f%%; %d files, %d chars in %d ms%n",
                validParsed, valid, rate * 100, errorParsed, errorRecords,
                100.0 * (validParsed + errorParsed) / Math.max(1, valid + errorRecords), files.size(), chars, millis);
        if (Boolean.getBoolean("parser.corpus.verbose")) {
            failures.forEach(System.out::println);
            failureTokens.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(60)
                    .forEach(e -> System.out.println(e.getValue() + "  " + e.getKey()));
        }
        assertEquals(List.of(), crashes, "parser must only ever throw ParserException");
        assertTrue(rate >= MIN_VALID_RATE, "parse rate " + rate + " fell below ratchet " + MIN_VALID_RATE);
    }
}
