package io.tealdb.io;

import io.tealdb.error.ConversionException;
import io.tealdb.io.csv.CsvOptions;
import io.tealdb.io.csv.CsvReader;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CsvReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTpchLikeTblWithTrailingDelimiter() throws Exception {
        Path f = dir.resolve("lineitem.tbl");
        StringBuilder sb = new StringBuilder();
        int rows = 5000;
        for (int i = 0; i < rows; i++) {
            sb.append(i + 1).append('|').append(i % 7).append('|').append(String.format("%d.%02d", i, i % 100)).append('|')
                    .append(LocalDate.of(1992, 1, 1).plusDays(i % 2000)).append('|').append("comment ").append(i).append("|\n");
        }
        Files.writeString(f, sb.toString());
        List<LogicalType> types = List.of(LogicalType.BIGINT, LogicalType.INTEGER, LogicalType.decimal(15, 2), LogicalType.DATE, LogicalType.VARCHAR);
        try (CsvReader r = new CsvReader(f, List.of("k", "n", "price", "d", "c"), types, CsvOptions.defaults().withDelimiter((byte) '|'))) {
            DataChunk out = new DataChunk(types);
            int seen = 0;
            while (r.next(out)) {
                for (int i = 0; i < out.size(); i++) {
                    int row = seen + i;
                    assertEquals(row + 1L, out.column(0).longs[i]);
                    assertEquals(row % 7, out.column(1).ints[i]);
                    assertEquals(new BigDecimal(String.format("%d.%02d", row, row % 100)), out.getObject(2, i));
                    assertEquals(LocalDate.of(1992, 1, 1).plusDays(row % 2000).toEpochDay(), out.column(3).ints[i]);
                    assertEquals("comment " + row, out.column(4).getString(i));
                }
                seen += out.size();
            }
            assertEquals(rows, seen);
        }
    }

    @Test
    void quotesNullsHeaderAndDoubles() throws Exception {
        Path f = dir.resolve("q.csv");
        Files.writeString(f, "a,b,c\n1,\"x, \"\"quoted\"\"\",1.5\n,\"\",-2e3\r\n3,plain,\n");
        List<LogicalType> types = List.of(LogicalType.INTEGER, LogicalType.VARCHAR, LogicalType.DOUBLE);
        try (CsvReader r = new CsvReader(f, List.of("a", "b", "c"), types, CsvOptions.defaults().withHeader(true))) {
            DataChunk out = new DataChunk(types);
            assertTrue(r.next(out));
            assertEquals(3, out.size());
            assertEquals(1, out.getObject(0, 0));
            assertEquals("x, \"quoted\"", out.getObject(1, 0));
            assertEquals(1.5, out.getObject(2, 0));
            assertNull(out.getObject(0, 1), "empty unquoted field is NULL");
            // DuckDB's allow_quoted_nulls (default true): a quoted field equal to the null string is NULL too
            assertNull(out.getObject(1, 1), "empty quoted field matches the empty null string");
            assertEquals(-2000.0, out.getObject(2, 1));
            assertNull(out.getObject(2, 2));
            assertFalse(r.next(out));
        }
    }

    @Test
    void conversionErrorNamesLineAndColumn() throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "1,a\n2,b\nx,c\n");
        List<LogicalType> types = List.of(LogicalType.INTEGER, LogicalType.VARCHAR);
        try (CsvReader r = new CsvReader(f, List.of("a", "b"), types, CsvOptions.defaults())) {
            DataChunk out = new DataChunk(types);
            ConversionException e = assertThrows(ConversionException.class, () -> r.next(out));
            assertTrue(e.getMessage().startsWith("CSV Error on Line: 3\nOriginal Line: x,c\nError when converting column \"a\". Could not convert string \"x\" to 'INTEGER'"), e.getMessage());
        }
    }

    @Test
    void parsersAgreeWithJava() {
        for (String s : new String[]{"0", "1.5", "-3.25", "123456.789", "1e10", "0.1", "3.141592653589793", "1e-300", "12345678901234567890"}) {
            byte[] b = s.getBytes();
            assertEquals(Double.parseDouble(s), TextParsers.parseDouble(b, 0, b.length), s);
        }
        byte[] ts = "2024-02-29 13:45:01.5".getBytes();
        assertEquals(java.time.LocalDateTime.of(2024, 2, 29, 13, 45, 1, 500_000_000).toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000 + 500_000,
                TextParsers.parseTimestamp(ts, 0, ts.length));
        byte[] bad = "2023-02-29".getBytes();
        assertThrows(TextParsers.ParseFailure.class, () -> TextParsers.parseDate(bad, 0, bad.length));
        byte[] big = "99999999999".getBytes();
        assertThrows(TextParsers.ParseFailure.class, () -> TextParsers.parseInt(big, 0, big.length));
        byte[] dec = "12.345".getBytes();
        assertEquals(1235, TextParsers.parseDecimal(dec, 0, dec.length, 15, 2), "rounds half up");
        byte[] min = "-9223372036854775808".getBytes();
        assertEquals(Long.MIN_VALUE, TextParsers.parseLong(min, 0, min.length));
    }
}
