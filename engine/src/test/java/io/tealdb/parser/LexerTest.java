package io.tealdb.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {

    private static List<String> kindsAndValues(String sql) {
        return Lexer.tokenize(sql).stream()
                .filter(t -> t.kind() != TokenKind.END_OF_INPUT)
                .map(t -> t.kind().name().charAt(0) + ":" + t.value())
                .toList();
    }

    @Test
    void operatorsUseLongestMatch() {
        assertEquals(List.of("O:::", "O:->>", "O:->", "O:<>", "O:!=", "O:<=", "O:>=", "O:<<", "O:>>", "O:||",
                        "O://", "O:**", "O:!~~", "O:~~", "O::=", "O:=>", "O:==", "O:^@", "O:@>", "O:<@", "O:&&"),
                kindsAndValues(":: ->> -> <> != <= >= << >> || // ** !~~ ~~ := => == ^@ @> <@ &&"));
        // "+-" is two operators, so "1+-2" means 1 + (-2)
        assertEquals(List.of("I:1", "O:+", "O:-", "I:2"), kindsAndValues("1+-2"));
        assertEquals(List.of("I:a", "O:<", "O:-", "I:1"), kindsAndValues("a<-1"));
    }

    @Test
    void numbers() {
        assertEquals(List.of("I:1000000", "I:31", "D:.5", "D:1e10", "D:1.5E-3", "D:2.", "I:5"),
                kindsAndValues("1_000_000 0x1F .5 1e10 1.5E-3 2. 0b101"));
    }

    @Test
    void stringsAndIdentifiers() {
        assertEquals(List.of("S:it's", "S:a\tb\\", "S:x'y", "Q:Mixed \"Case\"", "I:plain_1$"),
                kindsAndValues("'it''s' E'a\\tb\\\\' $$x'y$$ \"Mixed \"\"Case\"\"\" plain_1$"));
        assertEquals(List.of("S:body with $$ inside"), kindsAndValues("$fn$body with $$ inside$fn$"));
    }

    @Test
    void parameters() {
        assertEquals(List.of("P:1", "P:2", "P:7", "P:name"), kindsAndValues("? ? $7 $name"));
    }

    @Test
    void commentsNest() {
        assertEquals(List.of("I:a", "I:b"), kindsAndValues("a /* x /* y */ z */ -- c\n b"));
        ParserException e = assertThrows(ParserException.class, () -> Lexer.tokenize("a /* x /* y */"));
        assertEquals(2, e.position());
    }

    @Test
    void positionsAndRawText() {
        List<Token> tokens = Lexer.tokenize("SELECT  'a''b'");
        assertEquals(8, tokens.get(1).pos());
        assertEquals("'a''b'", tokens.get(1).text());
        assertEquals(14, tokens.get(2).pos());
        assertEquals(TokenKind.END_OF_INPUT, tokens.get(2).kind());
    }

    @Test
    void largeInputScansQuickly() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200_000; i++) sb.append("SELECT a").append(i).append(" + 1.5 FROM t WHERE x = 'abc';\n");
        // no wall-clock bound (the machine may be loaded): a quadratic lexer would not finish the
        // test run; the count checks nothing is lost on a large input
        int count = Lexer.tokenize(sb.toString()).size();
        assertEquals(200_000 * 11 + 1, count);
    }
}
