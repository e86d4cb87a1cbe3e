package io.tealdb.function;

import io.tealdb.types.LogicalType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.tealdb.function.FnTestUtil.*;
import static io.tealdb.types.LogicalType.*;
import static org.junit.jupiter.api.Assertions.*;

/** String, LIKE and date/time functions compared with DuckDB on many inputs. */
class StringAndDateFunctionsTest {
    static Connection duck;

    @BeforeAll
    static void open() {
        duck = duck();
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    private static String q(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    @Test
    void likePatternsMatchDuckDB() {
        Random rnd = new Random(1);
        String alphabet = "ab%_é";
        List<String> strings = new ArrayList<>(List.of("", "a", "ab", "abab", "ba", "aé", "éa", "abcabc", "special requests", "%", "_"));
        List<String> patterns = new ArrayList<>(List.of("%", "a%", "%a", "%a%", "%a%b%", "a_", "_", "%b_%", "", "ab", "%special%requests%", "a%b%a", "%%", "é%", "_a"));
        for (int i = 0; i < 30; i++) {
            StringBuilder s = new StringBuilder();
            StringBuilder p = new StringBuilder();
            for (int k = rnd.nextInt(6); k > 0; k--) s.append("abé".charAt(rnd.nextInt(3)));
            for (int k = rnd.nextInt(5); k > 0; k--) p.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            strings.add(s.toString());
            patterns.add(p.toString());
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        List<Object> ss = new ArrayList<>();
        List<Object> ps = new ArrayList<>();
        for (String s : strings) {
            for (String p : patterns) {
                sql.append(ss.isEmpty() ? "" : ", ").append("(").append(q(s)).append(" LIKE ").append(q(p)).append(")::VARCHAR");
                ss.add(s);
                ps.add(p);
            }
        }
        List<String> expected = row(duck, sql.toString());
        List<String> ours = call("~~", List.of(VARCHAR, VARCHAR), ss.toArray(), ps.toArray());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), ours.get(i), "'" + ss.get(i) + "' LIKE '" + ps.get(i) + "'");
        }
        // ILIKE, NOT LIKE, ESCAPE, GLOB
        assertEquals("true", call1("~~*", List.of(VARCHAR, VARCHAR), "HeLLo", "h%O"));
        assertEquals("false", call1("!~~", List.of(VARCHAR, VARCHAR), "hello", "h%"));
        assertEquals("true", call1("like_escape", List.of(VARCHAR, VARCHAR, VARCHAR), "10%", "10#%", "#"));
        assertEquals("false", call1("like_escape", List.of(VARCHAR, VARCHAR, VARCHAR), "100", "10#%", "#"));
        assertEquals("true", call1("~~~", List.of(VARCHAR, VARCHAR), "file.csv", "*.c?v"));
        assertEquals("false", call1("~~~", List.of(VARCHAR, VARCHAR), "file.csv", "[!f]*"));
    }

    @Test
    void stringFunctionsMatchDuckDB() {
        String[][] calls = {
                {"substring", "'hello world'", "2", "3"},
                {"substring", "'hello'", "0", "2"},
                {"substring", "'hello'", "-3", "2"},
                {"substring", "'hello'", "3"},
                {"substring", "'héllo'", "2", "2"},
                {"substring", "'hello'", "10", "2"},
                {"substring", "'hello'", "2", "-1"},
                {"substr", "'abc'", "2"},
                {"||", "'a'", "'b'"},
                {"concat", "'a'", "NULL", "'b'", "1"},
                {"concat_ws", "','", "'a'", "NULL", "'b'"},
                {"length", "'héllo'"},
                {"strlen", "'héllo'"},
                {"upper", "'héllo'"},
                {"lower", "'ABC'"},
                {"trim", "'  a b  '"},
                {"ltrim", "'xxaxx'", "'x'"},
                {"rtrim", "'  a  '"},
                {"replace", "'banana'", "'an'", "'AN'"},
                {"strpos", "'banana'", "'na'"},
                {"strpos", "'banana'", "'x'"},
                {"instr", "'héllo'", "'l'"},
                {"starts_with", "'banana'", "'ban'"},
                {"ends_with", "'banana'", "'na'"},
                {"contains", "'banana'", "'nan'"},
                {"left", "'hello'", "2"},
                {"right", "'hello'", "2"},
                {"left", "'hello'", "-2"},
                {"repeat", "'ab'", "3"},
                {"reverse", "'abc'"},
                {"lpad", "'5'", "3", "'0'"},
                {"rpad", "'ab'", "5", "'xy'"},
                {"lpad", "'hello'", "2", "'0'"},
                {"split_part", "'a,b,c'", "','", "2"},
                {"split_part", "'a,b,c'", "','", "5"},
                {"split_part", "'a,b,c'", "','", "-1"},
                {"ascii", "'A'"},
                {"chr", "65"},
                {"md5", "'abc'"},
                {"regexp_matches", "'abc123'", "'[0-9]+'"},
                {"regexp_replace", "'a1b2'", "'[0-9]'", "'X'"},
                {"regexp_replace", "'a1b2'", "'[0-9]'", "'X'", "'g'"},
                {"regexp_extract", "'abc123def'", "'[0-9]+'"},
                {"regexp_extract", "'key=val'", "'(\\w+)=(\\w+)'", "2"},
                {"regexp_replace", "'abc'", "'(b)'", "'<\\1>'"},
                {"prefix", "'abc'", "'ab'"},
                {"suffix", "'abc'", "'bc'"},
                {"ucase", "'x'"},
                {"octet_length", "'\\xAA\\x01b'::BLOB"},
        };
        check(calls);
    }

    @Test
    void mathFunctionsMatchDuckDB() {
        String[][] calls = {
                {"round", "1.2345", "2"},
                {"round", "-2.5"},
                {"round", "2.5::DOUBLE"},
                {"round", "1.2355::DOUBLE", "2"},
                {"round", "12345", "-2"},
                {"round", "9.96", "1"},
                {"ceil", "1.21"},
                {"floor", "-1.5::DOUBLE"},
                {"floor", "-1.21"},
                {"ceil", "-1.21"},
                {"trunc", "-1.7::DOUBLE"},
                {"abs", "-1::TINYINT"},
                {"abs", "-1.5"},
                {"sign", "-3"},
                {"sign", "0.0::DOUBLE"},
                {"sqrt", "16"},
                {"cbrt", "-8::DOUBLE"},
                {"power", "2", "10"},
                {"**", "2", "3"},
                {"exp", "1"},
                {"ln", "10"},
                {"log10", "1000"},
                {"log2", "8"},
                {"log", "2", "8"},
                {"pi"},
                {"sin", "1"},
                {"cos", "1"},
                {"tan", "1"},
                {"atan2", "1", "2"},
                {"degrees", "pi()"},
                {"radians", "180"},
                {"mod", "10", "3"},
                {"mod", "-10", "3"},
                {"%", "10", "-3"},
                {"//", "-10", "3"},
                {"gcd", "12", "18"},
                {"lcm", "4", "6"},
                {"isnan", "'nan'::DOUBLE"},
                {"isinf", "1e308 * 10"},
                {"greatest", "1", "5", "3"},
                {"least", "2.5", "1", "3"},
                {"greatest", "'a'", "'c'", "'b'"},
                {"greatest", "1", "NULL", "3"},
                {"&", "5", "3"},
                {"|", "5", "3"},
                {"<<", "1", "4"},
                {">>", "256", "4"},
                {"~", "5"},
                {"xor", "5", "3"},
                {"bit_count", "7"},
                {"factorial", "10"},
                {"even", "2.5"},
        };
        check(calls);
    }

    @Test
    void dateFunctionsMatchDuckDB() {
        String[][] calls = {
                {"+", "DATE '1992-01-31'", "INTERVAL 1 MONTH"},
                {"-", "DATE '1992-03-05'", "INTERVAL '1 year 2 days'"},
                {"+", "TIMESTAMP '1992-01-01 10:00:00'", "INTERVAL 90 MINUTE"},
                {"-", "DATE '1992-01-03'", "DATE '1991-12-25'"},
                {"+", "DATE '1992-01-01'", "45"},
                {"-", "DATE '1992-01-01'", "1"},
                {"-", "TIMESTAMP '1992-01-03 10:00'", "TIMESTAMP '1992-01-01 12:30'"},
                {"*", "INTERVAL 1 DAY", "3"},
                {"/", "INTERVAL 3 DAY", "2"},
                {"+", "INTERVAL 1 MONTH", "INTERVAL 5 DAY"},
                {"-", "INTERVAL 2 HOUR"},
                {"+", "TIME '10:00:00'", "INTERVAL 3 HOUR"},
                {"+", "DATE '1992-01-01'", "TIME '10:30:00'"},
                {"date_part", "'year'", "DATE '1995-06-15'"},
                {"date_part", "'month'", "TIMESTAMP '1995-06-15 10:00:00'"},
                {"year", "DATE '1995-06-15'"},
                {"month", "DATE '1995-06-15'"},
                {"day", "DATE '1995-06-15'"},
                {"quarter", "DATE '1995-06-15'"},
                {"dayofweek", "DATE '1995-06-18'"},
                {"isodow", "DATE '1995-06-18'"},
                {"dayofyear", "DATE '1995-12-31'"},
                {"week", "DATE '1995-01-01'"},
                {"week", "DATE '1992-12-31'"},
                {"yearweek", "DATE '1995-01-01'"},
                {"hour", "TIMESTAMP '1995-06-15 13:14:15.5'"},
                {"minute", "TIMESTAMP '1995-06-15 13:14:15.5'"},
                {"second", "TIMESTAMP '1995-06-15 13:14:15.5'"},
                {"millisecond", "TIMESTAMP '1995-06-15 13:14:15.5'"},
                {"epoch", "TIMESTAMP '1992-01-01 00:00:00.5'"},
                {"decade", "DATE '1995-06-15'"},
                {"century", "DATE '1995-06-15'"},
                {"date_part", "'year'", "INTERVAL 14 MONTH"},
                {"date_part", "'hour'", "INTERVAL '30 hours'"},
                {"date_trunc", "'month'", "DATE '1992-03-05'"},
                {"date_trunc", "'year'", "TIMESTAMP '1992-03-05 10:11:12'"},
                {"date_trunc", "'week'", "DATE '1992-03-05'"},
                {"date_trunc", "'quarter'", "DATE '1992-08-05'"},
                {"date_trunc", "'hour'", "TIMESTAMP '1992-03-05 10:11:12'"},
                {"date_diff", "'month'", "DATE '1992-01-31'", "DATE '1992-03-01'"},
                {"date_diff", "'day'", "TIMESTAMP '1992-01-01 23:00'", "TIMESTAMP '1992-01-02 01:00'"},
                {"date_diff", "'year'", "DATE '1990-12-31'", "DATE '1992-01-01'"},
                {"date_diff", "'hour'", "TIMESTAMP '1992-01-01 23:59'", "TIMESTAMP '1992-01-02 00:01'"},
                {"date_diff", "'week'", "DATE '1992-01-01'", "DATE '1992-02-01'"},
                {"date_sub", "'month'", "DATE '1992-01-31'", "DATE '1992-03-01'"},
                {"date_sub", "'year'", "DATE '1990-06-15'", "DATE '1992-06-14'"},
                {"date_sub", "'day'", "TIMESTAMP '1992-01-01 23:00'", "TIMESTAMP '1992-01-03 01:00'"},
                {"last_day", "DATE '1992-02-03'"},
                {"last_day", "DATE '1900-02-03'"},
                {"dayname", "DATE '1992-01-01'"},
                {"monthname", "DATE '1992-09-01'"},
                {"strftime", "DATE '1992-01-01'", "'%Y/%m/%d %A %B %j'"},
                {"strftime", "TIMESTAMP '1992-01-01 13:04:05.123'", "'%H:%M:%S.%f %p %I %y %b %a'"},
                {"strptime", "'1992-01-05 10:11:12'", "'%Y-%m-%d %H:%M:%S'"},
                {"strptime", "'05/Jan/1992'", "'%d/%b/%Y'"},
                {"make_date", "1992", "2", "29"},
                {"make_timestamp", "1992", "1", "1", "10", "0", "0.5"},
                {"epoch_ms", "1000"},
                {"age", "TIMESTAMP '1992-03-01'", "TIMESTAMP '1991-01-31 10:00'"},
                {"age", "TIMESTAMP '1991-01-01'", "TIMESTAMP '1992-03-15'"},
                {"date_add", "DATE '1992-01-01'", "INTERVAL 1 MONTH"},
        };
        check(calls);
    }

    /** Each call is {function, arg SQL...}; evaluated in DuckDB and through our registry. */
    private static void check(String[][] calls) {
        List<String> bad = new ArrayList<>();
        for (String[] c : calls) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            String sql = ExprEval.sql(c[0], args);
            String expected = row(duck, "SELECT (" + sql + ")::VARCHAR").get(0);
            String ours;
            try {
                ours = ExprEval.eval(duck, c[0], args);
            } catch (RuntimeException e) {
                ours = e.toString();
            }
            if (!java.util.Objects.equals(expected, ours)) {
                bad.add(sql + ": duck=" + expected + " ours=" + ours);
            }
        }
        assertEquals(List.of(), bad);
    }
}
