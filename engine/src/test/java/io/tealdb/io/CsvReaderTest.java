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
        for (String v : new String[]{"0", "+5", "-7", "123456789012345678", "-123456789012345678", "999999999999999999",
                "1234567890123456789", "9223372036854775807", " 42 "}) {
            byte[] b = v.getBytes();
            assertEquals(Long.parseLong(v.strip()), TextParsers.parseLong(b, 0, b.length), v);
        }
        for (String v : new String[]{"9223372036854775808", "-9223372036854775809", "-", "12a", "", "1 2"}) {
            byte[] b = v.getBytes();
            assertThrows(TextParsers.ParseFailure.class, () -> TextParsers.parseLong(b, 0, b.length), v);
        }
        // dates: the fixed-position YYYY-MM-DD path and the general one agree with java.time
        for (String v : new String[]{"2024-02-29", "1992-01-01", "0001-01-01", "9999-12-31", "1970-01-01", " 1998-12-01 ",
                "2000-02-29", "1900-02-28"}) {
            byte[] b = v.getBytes();
            assertEquals(LocalDate.parse(v.strip()).toEpochDay(), TextParsers.parseDate(b, 0, b.length), v);
        }
        byte[] fiveDigitYear = "12345-01-02".getBytes();
        assertEquals(LocalDate.of(12345, 1, 2).toEpochDay(), TextParsers.parseDate(fiveDigitYear, 0, fiveDigitYear.length));
        byte[] shortParts = "2024-1-5".getBytes();
        assertEquals(LocalDate.of(2024, 1, 5).toEpochDay(), TextParsers.parseDate(shortParts, 0, shortParts.length));
        byte[] negative = "-0044-03-15".getBytes();
        assertEquals(LocalDate.of(-44, 3, 15).toEpochDay(), TextParsers.parseDate(negative, 0, negative.length));
        for (String v : new String[]{"2024-02-30", "1900-02-29", "2024-13-01", "2024-00-10", "2024-01-00", "2024-01-011",
                "2024/01/01", "20a4-01-01", "2024-01-0x", "2024-01-01x"}) {
            byte[] b = v.getBytes();
            assertThrows(TextParsers.ParseFailure.class, () -> TextParsers.parseDate(b, 0, b.length), v);
        }
        byte[] stamp = "2024-03-01 12:00:00".getBytes();
        assertEquals(java.time.LocalDateTime.of(2024, 3, 1, 12, 0).toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000,
                TextParsers.parseTimestamp(stamp, 0, stamp.length));
    }

    /**
     * Field boundaries found eight bytes at a time (unquoted fields with a one-byte delimiter) and the
     * ASCII fast path of UTF-8 validation: random fields of 0..40 bytes, so delimiters and newlines
     * fall at every position of a word, with multi-byte characters at random places, \n and \r\n
     * newlines, across several buffers' worth of chunks; every value must come back as written.
     */
    @Test
    void fieldsOfEveryLengthAndPositionComeBackExactly() throws Exception {
        java.util.Random rnd = new java.util.Random(42);
        String[] pieces = {"a", "bc", "xyz ", "é", "漢", "-", "0", "Z9", "        "};
        int rows = 20_000;
        int cols = 4;
        String[][] expected = new String[rows][cols];
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                StringBuilder v = new StringBuilder();
                int len = rnd.nextInt(41);
                while (v.length() < len) v.append(pieces[rnd.nextInt(pieces.length)]);
                expected[r][c] = v.toString();
                sb.append(c > 0 ? "|" : "").append(v);
            }
            sb.append(rnd.nextInt(3) == 0 ? "\r\n" : "\n");
        }
        Path f = dir.resolve("fields.csv");
        Files.writeString(f, sb.toString());
        List<LogicalType> types = java.util.Collections.nCopies(cols, LogicalType.VARCHAR);
        try (CsvReader r = new CsvReader(f, List.of("a", "b", "c", "d"), types,
                CsvOptions.defaults().withDelimiter((byte) '|'))) {
            DataChunk out = new DataChunk(types);
            int seen = 0;
            while (r.next(out)) {
                for (int i = 0; i < out.size(); i++) {
                    for (int c = 0; c < cols; c++) {
                        String want = expected[seen + i][c];
                        // the empty string is the default NULL text
                        assertEquals(want.isEmpty() ? null : want, out.getObject(c, i), "row " + (seen + i) + " column " + c);
                    }
                }
                seen += out.size();
            }
            assertEquals(rows, seen);
        }
    }

    @Test
    void invalidUtf8AfterLongAsciiRunIsStillAnError() throws Exception {
        for (int prefix = 0; prefix < 20; prefix++) {
            Path f = dir.resolve("bad" + prefix + ".csv");
            byte[] ascii = "x".repeat(prefix).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            b.writeBytes("1|ok\n2|".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            b.writeBytes(ascii);
            b.write(0xC3); // a lead byte followed by an ASCII byte: not UTF-8
            b.writeBytes("abcdefghij\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            Files.write(f, b.toByteArray());
            List<LogicalType> types = List.of(LogicalType.INTEGER, LogicalType.VARCHAR);
            try (CsvReader r = new CsvReader(f, List.of("a", "b"), types, CsvOptions.defaults().withDelimiter((byte) '|'))) {
                DataChunk out = new DataChunk(types);
                io.tealdb.error.InvalidInputException e = assertThrows(io.tealdb.error.InvalidInputException.class, () -> r.next(out));
                assertTrue(e.getMessage().contains("Invalid unicode (byte sequence mismatch) detected"), e.getMessage());
            }
        }
    }
}
