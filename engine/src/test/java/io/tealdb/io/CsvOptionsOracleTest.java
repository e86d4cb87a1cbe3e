package io.tealdb.io;

import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** read_csv options and the sniffer, checked against DuckDB (JDBC) on the same files. */
class CsvOptionsOracleTest extends CsvOracleTestBase {
    @Test
    void sniffsDelimiterHeaderAndTypes() throws Exception {
        String f = write("typed.csv", "id;name;price;day;ts;flag\n1;ab;1.5;2024-01-02;2024-01-02 10:11:12;true\n2;c d;2;2024-02-03;2024-02-03 00:00:00;false\n");
        same("SELECT * FROM read_csv('" + f + "')");
        same("SELECT typeof(id), typeof(name), typeof(price), typeof(day), typeof(ts), typeof(flag) FROM read_csv('" + f + "') LIMIT 1");
    }

    @Test
    void detectsNonIsoDateFormats() throws Exception {
        String f = write("dates.csv", "d,n\n12/17/2019,1\n01/02/2020,2\n");
        same("SELECT d, typeof(d), n FROM read_csv('" + f + "')");
    }

    @Test
    void nullPaddingFillsMissingColumns() throws Exception {
        String f = write("pad.csv", "a,b,c\n1,2,3\n4,5\n");
        same("SELECT * FROM read_csv('" + f + "', null_padding=true)");
    }

    @Test
    void ignoreErrorsSkipsBadRows() throws Exception {
        String f = write("bad.csv", "a,b\n1,x\n2,y\nfoo,z\n3,w\n");
        same("SELECT * FROM read_csv('" + f + "', columns={'a': 'INTEGER', 'b': 'VARCHAR'}, header=true, ignore_errors=true)");
    }

    @Test
    void maxLineSizeIsEnforcedWithDuckDbMessage() throws Exception {
        String f = write("long.csv", "a,b\n1,abcdefghijklmnopqrstuvwxyz\n");
        SQLException e = assertThrows(SQLException.class, () -> rows(teal, "SELECT * FROM read_csv('" + f + "', max_line_size=10)"));
        assertTrue(e.getMessage().contains("Maximum line size of 10 bytes exceeded"), e.getMessage());
    }

    @Test
    void decimalSeparatorAndQuotedNulls() throws Exception {
        String f = write("comma.csv", "a;b\n\"1,5\";\"\"\n2,25;x\n");
        same("SELECT * FROM read_csv('" + f + "', delim=';', decimal_separator=',')");
        same("SELECT b IS NULL FROM read_csv('" + f + "', delim=';', decimal_separator=',', allow_quoted_nulls=false)");
    }

    @Test
    void globsListsFilenameAndUnionByName() throws Exception {
        write("u1.csv", "a,b\n1,x\n");
        write("u2.csv", "b,c\ny,2.5\n");
        String pattern = dir.resolve("u*.csv").toString();
        same("SELECT * FROM read_csv('" + pattern + "', union_by_name=true) ORDER BY ALL");
        same("SELECT count(*) FROM read_csv(['" + dir.resolve("u1.csv") + "', '" + dir.resolve("u1.csv") + "'])");
        same("SELECT a, filename = '" + dir.resolve("u1.csv") + "' FROM read_csv('" + dir.resolve("u1.csv") + "', filename=true)");
    }

    @Test
    void readsGzipCompressedFiles() throws Exception {
        Path p = dir.resolve("z.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write("a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));
        }
        same("SELECT * FROM read_csv('" + p + "')");
    }

    @Test
    void carriageReturnNewlinesAndComments() throws Exception {
        String f = write("cr.csv", "a,b\r1,2\r3,4\r");
        same("SELECT * FROM read_csv('" + f + "')");
        String g = write("comments.csv", "a,b\n# a comment\n1,2 # trailing\n3,4\n");
        same("SELECT * FROM read_csv('" + g + "', comment='#')");
    }

    @Test
    void relaxedQuotesKeepStrayQuotes() throws Exception {
        String f = write("stray.csv", "a,b\n1,\"x \"y\" z\"\n");
        same("SELECT * FROM read_csv('" + f + "', strict_mode=false, quote='\"', escape='')");
    }

    @Test
    void copyFromWithDateFormatAndSniffedDialect() throws Exception {
        String f = write("df.csv", "10/03/2021|1\n11/04/2022|2\n");
        for (Connection c : List.of(duck, teal)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE OR REPLACE TABLE dates(d DATE, n INTEGER)");
                s.execute("COPY dates FROM '" + f + "' (DATEFORMAT '%d/%m/%Y', DELIMITER '|')");
            }
        }
        same("SELECT * FROM dates ORDER BY n");
    }
}
