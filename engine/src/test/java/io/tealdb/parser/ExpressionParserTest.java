package io.tealdb.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tealdb.parser.ast.*;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExpressionParserTest {

    private static String p(String sql) {
        return AstPrinter.print(Parser.parseExpression(sql));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', quoteCharacter = '`', value = {
        // arithmetic
        "1 + 2 * 3 ¦ (+ 1 (* 2 3))",
        "1 - 2 - 3 ¦ (- (- 1 2) 3)",
        "(1 + 2) * 3 ¦ (* (+ 1 2) 3)",
        "2 ^ 3 ^ 2 ¦ (^ (^ 2 3) 2)",
        "2 ** 3 * 4 ¦ (* (^ 2 3) 4)",
        "-2 ^ 2 ¦ (^ -2 2)",
        "- a ^ 2 ¦ (^ (negate a) 2)",
        "7 // 2 % 3 ¦ (% (// 7 2) 3)",
        "-a::int ¦ (negate (cast a int))",
        "~a & b ¦ (& (bit_not a) b)",
        // concatenation binds tighter than comparison, looser than +
        "a || b = c ¦ (= (|| a b) c)",
        "a || b + 1 ¦ (|| a (+ b 1))",
        "a << 1 + 2 ¦ (<< a (+ 1 2))",
        // boolean precedence
        "a OR b AND c ¦ (OR a (AND b c))",
        "NOT a AND b ¦ (AND (not a) b)",
        "NOT a = b ¦ (not (= a b))",
        "a = b OR c <> d ¦ (OR (= a b) (<> c d))",
        "a != b ¦ (<> a b)",
        "a == b ¦ (= a b)",
        // IS binds looser than comparison
        "a = b IS NULL ¦ (is-null (= a b))",
        "a IS NOT NULL AND b ¦ (AND (is-not-null a) b)",
        "a ISNULL ¦ (is-null a)",
        "a NOTNULL ¦ (is-not-null a)",
        "a IS TRUE ¦ (is-true a)",
        "a IS NOT FALSE ¦ (is-not-false a)",
        "a IS DISTINCT FROM b ¦ (is-distinct a b)",
        "a IS NOT DISTINCT FROM b + 1 ¦ (is-not-distinct a (+ b 1))",
        // predicates
        "a BETWEEN 1 AND 2 AND b ¦ (AND (between a 1 2) b)",
        "a NOT BETWEEN b + 1 AND c * 2 ¦ (not-between a (+ b 1) (* c 2))",
        "a BETWEEN SYMMETRIC 2 AND 1 ¦ (between a 2 1)",
        "a IN (1, 2, 3) ¦ (in a [1, 2, 3])",
        "a NOT IN (1) ¦ (not-in a [1])",
        "a = 1 AND b IN (2) ¦ (AND (= a 1) (in b [2]))",
        "a LIKE 'x%' ESCAPE '!' ¦ (like a 'x%' escape '!')",
        "a NOT ILIKE b || 'c' ¦ (not-ilike a (|| b 'c'))",
        "a ~~ 'x' ¦ (like a 'x')",
        "a !~~* 'x' ¦ (not-ilike a 'x')",
        "a GLOB '*.csv' ¦ (glob a '*.csv')",
        "a SIMILAR TO 'x' ¦ (similar a 'x')",
        "a NOT SIMILAR TO 'x' ¦ (not-similar a 'x')",
        "a LIKE b = c ¦ (= (like a b) c)",
        // postfix
        "a::VARCHAR || 'x' ¦ (|| (cast a VARCHAR) 'x')",
        "x[1] ¦ (index x 1)",
        "x[1:2] ¦ (slice x 1 2)",
        "x[:2] ¦ (slice x _ 2)",
        "x[2:] ¦ (slice x 2 _)",
        "x[1][2] ¦ (index (index x 1) 2)",
        "(s).a ¦ (field s a)",
        "s.a.b ¦ s.a.b",
        "x.lower() ¦ x.lower()",
        "'abc'.upper().lower() ¦ lower(upper('abc'))",
        "x COLLATE nocase = 'A' ¦ (= (collate x nocase) 'A')",
        "5! ¦ (factorial 5)",
        // literals
        "1_000_000 ¦ 1000000",
        "0x1F ¦ 31",
        ".5 ¦ .5",
        "1e10 ¦ 1e10",
        "1.5e-3 ¦ 1.5e-3",
        "'it''s' ¦ 'it's'",
        "E'a\\nb' ¦ 'a\\nb'",
        "$$dollar's$$ ¦ 'dollar's'",
        "$tag$x$y$tag$ ¦ 'x$y'",
        "DATE '2020-01-01' ¦ DATE '2020-01-01'",
        "TIMESTAMP WITH TIME ZONE '2020-01-01' ¦ TIMESTAMP WITH TIME ZONE '2020-01-01'",
        "INTERVAL '1 day' ¦ (interval '1 day')",
        "INTERVAL 3 DAYS ¦ (interval 3 DAY)",
        "INTERVAL (x + 1) HOUR ¦ (interval (+ x 1) HOUR)",
        "INTERVAL '1-2' YEAR TO MONTH ¦ (interval '1-2' YEAR to MONTH)",
        "TRUE AND NULL ¦ (AND true NULL)",
        "[1, 2, 3] ¦ [1, 2, 3]",
        "[] ¦ []",
        "{'a': 1, b: 'x'} ¦ {a: 1, b: 'x'}",
        "ARRAY[1, 2] ¦ [1, 2]",
        "(1, 2) ¦ row(1, 2)",
        "#2 ¦ #2",
        // parameters
        "? + ? ¦ (+ $1 $2)",
        "$3 + $1 ¦ (+ $3 $1)",
        "$name + $other ¦ (+ $name $other)",
        // special forms
        "CAST(a AS DECIMAL(18, 3)) ¦ (cast a DECIMAL(18, 3))",
        "TRY_CAST(a AS INT[]) ¦ (try_cast a INT[])",
        "a::STRUCT(x INT, y VARCHAR[]) ¦ (cast a STRUCT<x INT, y VARCHAR[]>)",
        "a::MAP(INT, VARCHAR) ¦ (cast a MAP<INT, VARCHAR>)",
        "a::DOUBLE PRECISION ¦ (cast a DOUBLE PRECISION)",
        "a::INTEGER[3] ¦ (cast a INTEGER[3])",
        "CASE WHEN a THEN 1 ELSE 2 END ¦ (case (when a 1) (else 2))",
        "CASE a WHEN 1 THEN 'x' WHEN 2 THEN 'y' END ¦ (case a (when 1 'x') (when 2 'y'))",
        "EXTRACT(year FROM d) ¦ date_part('year', d)",
        "SUBSTRING(s FROM 2 FOR 3) ¦ substring(s, 2, 3)",
        "SUBSTRING(s, 2) ¦ SUBSTRING(s, 2)",
        "POSITION('b' IN s) ¦ strpos(s, 'b')",
        "TRIM(BOTH 'x' FROM s) ¦ trim(s, 'x')",
        "TRIM(LEADING FROM s) ¦ ltrim(s)",
        "TRIM(s) ¦ trim(s)",
        "ts AT TIME ZONE 'UTC' ¦ timezone('UTC', ts)",
        "current_date ¦ current_date()",
        "count(*) ¦ count(*)",
        "count(DISTINCT a) ¦ count(distinct a)",
        "string_agg(a, ',' ORDER BY b DESC) ¦ string_agg(a, ',' order by b desc)",
        "sum(a) FILTER (WHERE a > 1) ¦ sum(a) filter (> a 1)",
        "f(a := 1, b => 2) ¦ f(a := 1, b := 2)",
        "list_transform(l, x -> x + 1) ¦ list_transform(l, (lambda [x] (+ x 1)))",
        "list_reduce(l, (x, y) -> x + y) ¦ list_reduce(l, (lambda [x, y] (+ x y)))",
        "list_transform(l, lambda x: x * 2) ¦ list_transform(l, (lambda [x] (* x 2)))",
        "[x * 2 FOR x IN l IF x > 1] ¦ list_transform(list_filter(l, (lambda [x] (> x 1))), (lambda [x] (* x 2)))",
        "j -> '$.a' ¦ (-> j '$.a')",
        "j ->> 'a' = 'b' ¦ (= (->> j 'a') 'b')",
        "COLUMNS('a.*') ¦ columns('a.*')",
        "a = ANY (SELECT 1) ¦ (= any a <subquery>)",
        "a > ALL (SELECT 1) ¦ (> all a <subquery>)",
        "EXISTS (SELECT 1) AND NOT EXISTS (SELECT 2) ¦ (AND (exists <subquery>) (not (exists <subquery>)))",
        "a IN (SELECT b FROM t) ¦ (in a <subquery>)",
        "(SELECT 1) + 1 ¦ (+ <subquery> 1)",
        "((SELECT 1) + 1) ¦ (+ <subquery> 1)",
        "MAP {'a': 1} ¦ map(['a'], [1])",
    })
    void precedenceAndForms(String sql, String expected) {
        assertEquals(expected.replace("\\n", "\n"), p(sql));
    }

    @Test
    void integerLiteralsKeepTheirDigits() {
        IntegerLiteral big = (IntegerLiteral) Parser.parseExpression("170141183460469231731687303715884105727");
        assertEquals("170141183460469231731687303715884105727", big.text());
        assertEquals(false, big.fitsLong());
        IntegerLiteral min = (IntegerLiteral) Parser.parseExpression("-9223372036854775808");
        assertEquals(Long.MIN_VALUE, min.longValue());
    }

    @Test
    void windowFunctions() {
        FunctionCall f = (FunctionCall) Parser.parseExpression(
                "sum(x) OVER (PARTITION BY a, b ORDER BY c DESC NULLS LAST ROWS BETWEEN 2 PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES)");
        WindowSpec w = f.over();
        assertEquals(2, w.partitionBy().size());
        assertEquals(false, w.orderBy().get(0).ascending());
        assertEquals(false, w.orderBy().get(0).nullsFirst());
        assertEquals(FrameUnit.ROWS, w.frame().unit());
        assertEquals(FrameBoundKind.PRECEDING, w.frame().start().kind());
        assertEquals("2", ((IntegerLiteral) w.frame().start().offset()).text());
        assertEquals(FrameBoundKind.UNBOUNDED_FOLLOWING, w.frame().end().kind());
        assertEquals(FrameExclusion.TIES, w.frame().exclusion());

        FunctionCall named = (FunctionCall) Parser.parseExpression("rank() OVER w");
        assertEquals("w", named.over().baseWindow().text());
        FunctionCall range = (FunctionCall) Parser.parseExpression(
                "first_value(x IGNORE NULLS) OVER (ORDER BY t RANGE INTERVAL 1 DAY PRECEDING)");
        assertTrue(range.ignoreNulls());
        assertEquals(FrameUnit.RANGE, range.over().frame().unit());
        assertInstanceOf(IntervalLiteral.class, range.over().frame().start().offset());
        assertEquals(FrameBoundKind.CURRENT_ROW, range.over().frame().end().kind());
        FunctionCall lag = (FunctionCall) Parser.parseExpression("lag(x, 1) IGNORE NULLS OVER (w)");
        assertTrue(lag.ignoreNulls());
        assertEquals("w", lag.over().baseWindow().text());
    }

    @Test
    void identifiersKeepCaseAndQuoting() {
        ColumnRef c = (ColumnRef) Parser.parseExpression("\"My\"\"Col\".Other");
        assertEquals("My\"Col", c.parts().get(0).text());
        assertTrue(c.parts().get(0).quoted());
        assertEquals("Other", c.parts().get(1).text());
        assertTrue(c.parts().get(1).matches("OTHER"));
        assertEquals(false, c.parts().get(0).matches("my\"col"));
    }

    @Test
    void positionsPointAtFirstToken() {
        BinaryOp add = (BinaryOp) Parser.parseExpression("  a +  b");
        assertEquals(2, add.pos());
        assertEquals(7, add.right().pos());
    }
}
