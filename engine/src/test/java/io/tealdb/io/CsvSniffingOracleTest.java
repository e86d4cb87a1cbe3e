package io.tealdb.io;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Sniffer corner cases (BOM, padded quotes, names, header and type choice, file_search_path) against DuckDB (JDBC). */
class CsvSniffingOracleTest extends CsvOracleTestBase {
    @Test
    void byteOrderMarkIsNotPartOfTheFirstValue() throws Exception {
        byte[] text = "Person,Region\nAnna,West\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        String f = write("bom.csv", withBom);
        same("SELECT * FROM read_csv_auto('" + f + "')");
        same("SELECT * FROM read_csv('" + f + "', columns={'a': 'VARCHAR', 'b': 'VARCHAR'}, sep=',', auto_detect=false)");
    }

    @Test
    void spacesAroundQuotedValuesArePadding() throws Exception {
        String f = write("padded.csv", "\"Year\", \"Score\", \"Title\"\n1968,  86, \"Greetings\"\n1970,  73, \"Hi, Mom!\"  \n");
        same("SELECT * FROM read_csv('" + f + "')");
    }

    @Test
    void normalizeNamesDropsPunctuationAndCollapsesSpaces() throws Exception {
        String f = write("names.csv", "   bla;    bla;  b  la;  ; 3b;A-b\n1;2;3;4;5;6\n");
        same("SELECT * FROM read_csv_auto('" + f + "', normalize_names=1)");
    }

    @Test
    void duplicateNamesAreSuffixedAgainOnCollision() throws Exception {
        String f = write("dup.csv", "a,b,a,a_1,A\n1,x,2,3,4\n");
        same("SELECT * FROM read_csv_auto('" + f + "')");
    }

    @Test
    void twoDigitYearsAndAmbiguousDateFormats() throws Exception {
        String yy = write("yy.csv", "a,d\n1,01-01-90\n2,02-02-02\n3,12-13-04\n");
        same("SELECT d, typeof(d) FROM read_csv_auto('" + yy + "')");
        String ambiguous = write("dm.csv", "d\n01/02/2020\n03/04/2021\n");
        same("SELECT d FROM read_csv_auto('" + ambiguous + "')");
    }

    @Test
    void emptyFirstRowIsAHeaderOfMissingNames() throws Exception {
        String f = write("empty_header.csv", ",,\n123,TEST3,text1\n345,TEST3,text2\n");
        same("SELECT * FROM read_csv_auto('" + f + "')");
    }

    @Test
    void detectedTypeReadsEverySampledValue() throws Exception {
        String f = write("specific.csv", "a,b\n0.00,1\n12/17/2019,2\n");
        same("SELECT a, typeof(a), b FROM read_csv_auto('" + f + "')");
        String t = write("ts_then_text.csv", "a\n2020-01-01 10:00:00\nhello\n");
        same("SELECT a, typeof(a) FROM read_csv_auto('" + t + "')");
    }

    @Test
    void fileInFromKeepsItsColumnNameAndIsAliasedByFileName() throws Exception {
        String f = write("decimal.csv", "col_a\n3.5215257120407011\n");
        same("SELECT typeof(col_a) FROM '" + f + "'");
        same("SELECT decimal.col_a FROM '" + f + "'");
    }

    @Test
    void fileSearchPathResolvesRelativeNames() throws Exception {
        write("searched.csv", "x,y\n1,2\n");
        String d = dir.toString().replace("'", "''");
        try (Statement s = duck.createStatement()) {
            s.execute("SET file_search_path = '" + d + "'");
        }
        try (Statement s = teal.createStatement()) {
            s.execute("SET file_search_path = '" + d + "'");
        }
        try {
            same("SELECT * FROM read_csv('searched.csv')");
            same("SELECT * FROM 'searched.csv'");
        } finally {
            try (Statement s = duck.createStatement()) {
                s.execute("RESET file_search_path");
            }
            try (Statement s = teal.createStatement()) {
                s.execute("SET file_search_path = ''");
            }
        }
    }

    @Test
    void relaxedQuotesWithQuoteAsEscape() throws Exception {
        String f = write("stray.csv", "\"Pedro \"\"the\"\" legend\"\n\"Pedro \"the\" legend\"\n\"Pedro \"\"the\"\n");
        same("FROM read_csv('" + f + "', columns = {'a':'varchar'}, header = false, quote = '\"', escape = '\"', strict_mode = false)");
        same("FROM read_csv('" + f + "', columns = {'a':'varchar'}, header = false, quote = '\"', escape = '', strict_mode = false)");
    }

    @Test
    void userQuoteAndEscapeOutsideTheDefaultCandidates() throws Exception {
        String f = write("escape.csv", "\"]\"bla]\"\"\n");
        same("SELECT * FROM read_csv_auto('" + f + "', escape=']', header = 0)");
        String g = write("backtick.csv", "a\tb\n`x\ty`\t1\n");
        same("SELECT * FROM read_csv('" + g + "', delim='\\t', quote='`')");
    }

    @Test
    void typesByNameIgnoreCaseAndSampleSizeCountsDataRows() throws Exception {
        String f = write("typed.csv", "Year,Quarter,t\n2020,1,x\n2021,2,\n2022,3,1.5\n");
        same("SELECT typeof(Year), typeof(Quarter) FROM read_csv_auto('" + f + "', dtypes={'quArTeR': 'TINYINT'}) LIMIT 1");
        same("SELECT typeof(Year), typeof(t) FROM read_csv_auto('" + f + "', sample_size=1) LIMIT 1");
    }

    @Test
    void invalidUtf8InVarcharIsAnErrorUnlessIgnored() throws Exception {
        byte[] bad = {'a', ',', 'b', '\n', '1', ',', 'x', (byte) 0xC3, (byte) 0x28, '\n', '2', ',', 'o', 'k', '\n'};
        String f = write("bad_utf8.csv", bad);
        String sql = "SELECT * FROM read_csv('" + f + "', columns={'a': 'INTEGER', 'b': 'VARCHAR'}, header=true, auto_detect=false)";
        for (Connection c : List.of(duck, teal)) {
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> rows(c, sql));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("Invalid unicode (byte sequence mismatch) detected"), e.getMessage());
        }
        same("SELECT * FROM read_csv('" + f + "', columns={'a': 'INTEGER', 'b': 'VARCHAR'}, header=true, auto_detect=false, ignore_errors=true)");
        String good = write("good_utf8.csv", "a,b\n1,\u00e9\u4e2d\ud83e\udd86\n");
        same("SELECT * FROM read_csv_auto('" + good + "')");
    }

    /** Runs the statements on both engines. */
    private static void onBoth(String... statements) throws SQLException {
        for (Connection c : List.of(duck, teal)) {
            try (Statement s = c.createStatement()) {
                for (String sql : statements) s.execute(sql);
            }
        }
    }

    /**
     * COPY into a table sniffs the dialect; a sample without any quote or escape byte is split alike by
     * every quote rule (one rule is tried), and with HEADER given the given types are not guessed.
     * Files with double quotes, with apostrophes only, and without a header option keep the full search.
     */
    @Test
    void copyIntoTypedTableSniffsTheDialectAsDuckDb() throws Exception {
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < 3000; i++) plain.append(i).append('|').append("name ").append(i % 17).append('|').append(i * 0.25)
                .append('|').append(java.time.LocalDate.of(1995, 1, 1).plusDays(i)).append('\n');
        String noQuotes = write("no_quotes.tbl", plain.toString());
        String doubleQuotes = write("double_quotes.tbl", plain + "3000|\"a|b\"|1.5|2003-03-03\n");
        String apostrophes = write("apostrophes.tbl", "1|O'Brien|2.5|2001-01-01\n2|'quoted|x'|3.5|2001-01-02\n");
        String header = write("header.tbl", "id|name|amount|day\n" + plain);
        String ddl = "CREATE OR REPLACE TABLE sniffed(id INTEGER, name VARCHAR, amount DECIMAL(10,2), day DATE)";
        for (String f : List.of(noQuotes, doubleQuotes, apostrophes, header)) {
            for (String options : List.of("DELIMITER '|', HEADER false", "DELIMITER '|'", "DELIMITER '|', HEADER true")) {
                if (f.equals(header) != options.endsWith("true") && !options.equals("DELIMITER '|'")) continue;
                onBoth(ddl, "COPY sniffed FROM '" + f + "' (" + options + ")");
                same("SELECT * FROM sniffed ORDER BY id, name");
            }
        }
    }
}
