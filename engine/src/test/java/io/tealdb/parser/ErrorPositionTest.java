package io.tealdb.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorPositionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', quoteCharacter = '`', value = {
        "SELECT * FROM FROM t          ¦ 14 ¦ syntax error at or near \"FROM\"",
        "SELECT a b c FROM t           ¦ 11 ¦ syntax error at or near \"c\"",
        "SELECT 1 +                    ¦ 10 ¦ syntax error at end of input",
        "SELECT (1                     ¦ 9  ¦ syntax error at end of input",
        "SELEC 1                       ¦ 0  ¦ syntax error at or near \"SELEC\"",
        "SELECT * FROM t WHERE         ¦ 21 ¦ syntax error at end of input",
        "SELECT * FROM t WHERE a = = 1 ¦ 26 ¦ syntax error at or near \"=\"",
        "SELECT 1; SELECT 2 3 4        ¦ 19 ¦ syntax error at or near \"3\"",
        "CREATE TABLE t (a INT,, b INT)¦ 22 ¦ syntax error at or near \",\"",
        "INSERT INTO t VALUES (1, 2    ¦ 26 ¦ syntax error at end of input",
        "SELECT CASE END               ¦ 12 ¦ syntax error at or near \"END\"",
        "SELECT a FROM t GROUP a       ¦ 22 ¦ syntax error at or near \"a\"",
        "SELECT 'abc                   ¦ 7  ¦ unterminated quoted string at or near \"'abc\"",
        "SELECT \"abc                  ¦ 7  ¦ unterminated quoted identifier at or near \"\"abc\"",
        "SELECT 1 /* comment           ¦ 9  ¦ unterminated /* comment",
        "GRANT ALL ON t TO u           ¦ 0  ¦ syntax error at or near \"GRANT\"",
        "SELECT a FROM t ORDER a       ¦ 22 ¦ syntax error at or near \"a\"",
        "DROP THING x                  ¦ 5  ¦ syntax error at or near \"THING\"",
        "SELECT 1 ` ` 2                ¦ 9  ¦ syntax error at or near \"`\"",
    })
    void reportsOffendingToken(String sql, int position, String message) {
        ParserException e = assertThrows(ParserException.class, () -> Parser.parse(sql.strip()));
        assertEquals(message, e.getMessage());
        assertEquals(position, e.position());
    }
}
