package io.tealdb.parser;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Damaged SQL must only ever produce ParserException — never NPE, IndexOutOfBounds or the like. */
class RobustnessTest {

    private static void mustNotCrash(String sql) {
        try {
            Parser.parse(sql);
        } catch (ParserException expected) {
            // fine: a syntax error with a position
        } catch (RuntimeException e) {
            fail("parser crashed with " + e + " on: " + sql, e);
        }
    }

    private static List<String> tpchQueries() throws IOException {
        Path dir = SharedData.find("tpch/queries");
        assumeTrue(dir != null, "shared/tpch/queries not found");
        List<String> queries = new ArrayList<>();
        for (int i = 1; i <= 22; i++) queries.add(Files.readString(dir.resolve(String.format("q%02d.sql", i))));
        return queries;
    }

    @Test
    void everyPrefixOfTpchQueries() throws IOException {
        for (String sql : tpchQueries()) {
            for (int end = 0; end <= sql.length(); end++) mustNotCrash(sql.substring(0, end));
        }
    }

    @Test
    void tokenDeletionsAndSwaps() throws IOException {
        Random random = new Random(42);
        for (String sql : tpchQueries()) {
            List<Token> tokens = Lexer.tokenize(sql);
            for (int i = 0; i < tokens.size() - 1; i++) {
                Token t = tokens.get(i);
                // drop token i
                mustNotCrash(sql.substring(0, t.pos()) + sql.substring(t.pos() + t.text().length()));
                // replace token i with a random other token of the query
                Token other = tokens.get(random.nextInt(tokens.size() - 1));
                mustNotCrash(sql.substring(0, t.pos()) + other.text() + sql.substring(t.pos() + t.text().length()));
            }
        }
    }

    @Test
    void oddInputs() {
        for (String sql : List.of("", ";", "(", ")", "[", "]{", "SELECT", "SELECT (", "SELECT [", "SELECT {", "SELECT {'a':",
                "SELECT CAST(", "SELECT x::", "SELECT x[", "SELECT x[1:", "SELECT * EXCLUDE", "FROM", "WITH", "WITH x AS",
                "INSERT INTO", "CREATE TABLE t (", "SELECT 1 +", "SELECT $", "SELECT #", "SELECT #x", "SELECT X'4'",
                "SELECT INTERVAL", "SELECT INTERVAL '1' DAY TO", "SELECT f(x ORDER BY", "SELECT a OVER (",
                "SELECT 99999999999999999999999999999999::INT[99999999999999999999]", "SELECT $99999999999999999999",
                "SELECT ((((((((((1))))))))))", "COPY", "SET", "PRAGMA", "ALTER TABLE t", "SELECT [x FOR", "\u0000")) {
            mustNotCrash(sql);
        }
        mustNotCrash("SELECT " + "(".repeat(100_000) + "1" + ")".repeat(100_000));
        mustNotCrash("SELECT " + "-".repeat(100_000) + "1");
    }
}
