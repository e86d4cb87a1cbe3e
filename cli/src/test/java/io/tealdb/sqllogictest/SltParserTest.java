package io.tealdb.sqllogictest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SltParserTest {

    private static List<SltRecord> parse(String s) throws SltParseException {
        return SltParser.parse(s);
    }

    @Test
    void statementOkAndErrorWithMessage() throws Exception {
        List<SltRecord> r = parse("""
                # name: x
                statement ok
                CREATE TABLE t(i INTEGER);
                
                statement error con1
                SELECT * FROM nope
                ----
                Catalog Error: Table with name nope
                does not exist
                
                statement maybe
                SELECT 1
                """);
        assertEquals(3, r.size());
        var s1 = assertInstanceOf(SltRecord.Statement.class, r.get(0));
        assertEquals(SltRecord.ExpectedOutcome.OK, s1.outcome());
        assertEquals("CREATE TABLE t(i INTEGER);", s1.sql());
        assertEquals(2, s1.line());
        assertNull(s1.connection());
        var s2 = assertInstanceOf(SltRecord.Statement.class, r.get(1));
        assertEquals(SltRecord.ExpectedOutcome.ERROR, s2.outcome());
        assertEquals("con1", s2.connection());
        assertEquals("Catalog Error: Table with name nope\ndoes not exist", s2.expectedError());
        assertEquals(SltRecord.ExpectedOutcome.MAYBE, ((SltRecord.Statement) r.get(2)).outcome());
    }

    @Test
    void sqlEndsAtCommentLineAndCrIsStripped() throws Exception {
        List<SltRecord> r = parse("statement ok\r\nSELECT 1,\r\n2\r\n# comment\r\nstatement ok\r\nSELECT 3\r\n");
        assertEquals(2, r.size());
        assertEquals("SELECT 1,\n2", ((SltRecord.Statement) r.get(0)).sql());
    }

    @Test
    void queryHeaderSortModeConnectionLabel() throws Exception {
        List<SltRecord> r = parse("""
                query IT rowsort
                SELECT 1, 'a'
                ----
                1\ta
                # not a comment
                
                query I con2
                SELECT 1
                ----
                1
                
                query I nosort mylabel extra
                SELECT 1
                ----
                
                query R sort
                SELECT 1.0
                
                query T valuesort
                SELECT 'x'
                ----
                x
                """);
        var q1 = assertInstanceOf(SltRecord.Query.class, r.get(0));
        assertEquals(2, q1.columnCount());
        assertEquals(SltRecord.SortMode.ROWSORT, q1.sortMode());
        assertEquals(List.of("1\ta", "# not a comment"), q1.expected());
        var q2 = (SltRecord.Query) r.get(1);
        assertEquals("con2", q2.connection());
        assertEquals(SltRecord.SortMode.NOSORT, q2.sortMode());
        var q3 = (SltRecord.Query) r.get(2);
        assertEquals("mylabel", q3.label());
        assertEquals(List.of(), q3.expected());
        var q4 = (SltRecord.Query) r.get(3);
        assertEquals(SltRecord.SortMode.ROWSORT, q4.sortMode());
        assertEquals(List.of(), q4.expected());
        assertEquals(SltRecord.SortMode.VALUESORT, ((SltRecord.Query) r.get(4)).sortMode());
    }

    @Test
    void badColumnLetterIsAParseError() {
        SltParseException e = assertThrows(SltParseException.class, () -> parse("\n\nquery IX\nSELECT 1\n"));
        assertEquals(3, e.line());
    }

    @Test
    void unknownDirectiveIsAParseError() {
        assertThrows(SltParseException.class, () -> parse("frobnicate\n"));
    }

    @Test
    void conditionsAttachToTheFollowingRecord() throws Exception {
        List<SltRecord> r = parse("""
                skipif duckdb
                onlyif i>=3&&i<7
                statement ok
                SELECT 1
                """);
        var s = (SltRecord.Statement) r.get(0);
        assertEquals(List.of(new SltRecord.Condition(true, "duckdb"), new SltRecord.Condition(false, "i>=3&&i<7")),
                s.conditions());
        assertEquals(3, s.line());
    }

    @Test
    void loopsNest() throws Exception {
        List<SltRecord> r = parse("""
                loop i 0 3
                
                foreach a,b 1,x 2,y
                
                statement ok
                SELECT ${i}, {a}, '{b}'
                
                endloop
                
                endloop
                
                statement ok
                SELECT 2
                """);
        assertEquals(2, r.size());
        var outer = (SltRecord.Loop) r.get(0);
        assertEquals(List.of("i"), outer.names());
        assertEquals(List.of("0", "3"), outer.tokens());
        var inner = (SltRecord.Loop) outer.body().get(0);
        assertTrue(inner.foreach());
        assertEquals(List.of("a", "b"), inner.names());
        assertEquals(1, inner.body().size());
    }

    @Test
    void missingEndloopIsAnError() {
        assertThrows(SltParseException.class, () -> parse("loop i 0 2\n\nstatement ok\nSELECT 1\n"));
    }

    @Test
    void modeSkipDropsRecords() throws Exception {
        List<SltRecord> r = parse("""
                mode skip
                
                statement ok
                SELECT 1
                
                mode unskip
                
                statement ok
                SELECT 2
                """);
        assertEquals(1, r.size());
        assertEquals("SELECT 2", ((SltRecord.Statement) r.get(0)).sql());
    }

    @Test
    void otherDirectives() throws Exception {
        List<SltRecord> r = parse("""
                require parquet
                
                require-env FOO bar
                
                set variable x 42
                
                reset label lbl
                
                hash-threshold 10
                
                restart
                
                sleep 10 milliseconds
                
                tags a b
                
                halt
                """);
        assertEquals(new SltRecord.Require(1, "parquet", List.of()), r.get(0));
        assertEquals(new SltRecord.RequireEnv(3, "FOO", "bar"), r.get(1));
        assertEquals(List.of("variable", "x", "42"), ((SltRecord.Set) r.get(2)).params());
        assertEquals(List.of("label", "lbl"), ((SltRecord.Reset) r.get(3)).params());
        assertEquals(10, ((SltRecord.HashThreshold) r.get(4)).threshold());
        assertInstanceOf(SltRecord.Unsupported.class, r.get(5));
        assertEquals(10_000_000L, ((SltRecord.Sleep) r.get(6)).nanos());
        assertInstanceOf(SltRecord.Halt.class, r.get(7));
    }

    @Test
    void invalidUtf8DoesNotBreakParsing() throws Exception {
        byte[] bytes = "statement ok\nSELECT 'a\u00ff'\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(1, SltParser.parse(bytes).size());
    }
}
