package io.tealdb.io.csv;

/**
 * Options of COPY ... FROM for delimited text. {@code nullString} is the text that reads as NULL
 * (default empty: an empty unquoted field is NULL); {@code escape} defaults to the quote character
 * (a doubled quote inside quotes is one quote). A trailing delimiter at the end of a line (TPC-H
 * {@code .tbl} files) is tolerated when the line has one field too many and that field is empty.
 */
public record CsvOptions(byte delimiter, boolean header, byte quote, byte escape, String nullString, int skipRows) {
    public static final byte NO_QUOTE = 0;

    /** COPY defaults: ',' delimiter, no header, '"' quote and escape, empty NULL string. */
    public static CsvOptions defaults() {
        return new CsvOptions((byte) ',', false, (byte) '"', (byte) '"', "", 0);
    }

    public CsvOptions withDelimiter(byte d) {
        return new CsvOptions(d, header, quote, escape, nullString, skipRows);
    }

    public CsvOptions withHeader(boolean h) {
        return new CsvOptions(delimiter, h, quote, escape, nullString, skipRows);
    }

    public CsvOptions withQuote(byte q) {
        return new CsvOptions(delimiter, header, q, escape, nullString, skipRows);
    }

    public CsvOptions withEscape(byte e) {
        return new CsvOptions(delimiter, header, quote, e, nullString, skipRows);
    }

    public CsvOptions withNullString(String n) {
        return new CsvOptions(delimiter, header, quote, escape, n, skipRows);
    }
}
