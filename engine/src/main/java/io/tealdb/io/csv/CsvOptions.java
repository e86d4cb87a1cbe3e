package io.tealdb.io.csv;

import java.util.List;
import java.util.Set;

/**
 * Options of a delimited-text read (COPY ... FROM, read_csv), DuckDB's names in comments.
 * <ul>
 * <li>{@code delimiter} (delim/sep): 1 to 4 bytes; {@code quote}/{@code escape}/{@code comment}: one byte,
 * {@link #NONE} for none (escape defaults to the quote: a doubled quote inside quotes is one quote).</li>
 * <li>{@code newline}: {@link NewLine#AUTO} accepts \n, \r\n and \r alike.</li>
 * <li>{@code nullStrings} (nullstr): texts that read as NULL; {@code allowQuotedNulls}: a quoted field
 * equal to a null string is NULL too (DuckDB's default); {@code forceNotNull}: column names never NULL.</li>
 * <li>{@code nullPadding}: missing trailing fields are NULL; {@code strictMode}: a quote must be
 * followed by a delimiter or newline; {@code ignoreErrors}: rows that fail are skipped.</li>
 * <li>{@code maxLineSize}: longest accepted record in bytes; {@code decimalSeparator}, {@code thousands};
 * {@code dateFormat}/{@code timestampFormat}: strptime formats (null: ISO 8601).</li>
 * <li>{@code compression}: "auto" (by the file extension), "none" or "gzip".</li>
 * </ul>
 * A trailing delimiter at the end of a line (TPC-H {@code .tbl} files) is tolerated when the line
 * has one field too many and that field is empty.
 */
public record CsvOptions(byte[] delimiter, boolean header, byte quote, byte escape, byte comment, NewLine newline,
                         List<String> nullStrings, boolean allowQuotedNulls, Set<String> forceNotNull, int skipRows,
                         boolean nullPadding, boolean strictMode, boolean ignoreErrors, long maxLineSize,
                         byte decimalSeparator, byte thousands, String dateFormat, String timestampFormat,
                         String compression) {
    public static final byte NONE = 0;
    /** Kept for callers of the first version of this record. */
    public static final byte NO_QUOTE = NONE;
    public static final long DEFAULT_MAX_LINE_SIZE = 2_097_152;

    public CsvOptions {
        delimiter = delimiter.clone();
        nullStrings = List.copyOf(nullStrings);
        forceNotNull = Set.copyOf(forceNotNull);
    }

    /** Record separators: AUTO accepts all three. */
    public enum NewLine {
        AUTO, LF, CRLF, CR;

        /** DuckDB's rendering in sniff_csv(): {@code \n}, {@code \r\n}, {@code \r}. */
        public String render() {
            return switch (this) {
                case AUTO, LF -> "\\n";
                case CRLF -> "\\r\\n";
                case CR -> "\\r";
            };
        }
    }

    /** COPY defaults: ',' delimiter, no header, '"' quote and escape, empty NULL string, strict mode. */
    public static CsvOptions defaults() {
        return new CsvOptions(new byte[]{','}, false, (byte) '"', (byte) '"', NONE, NewLine.AUTO, List.of(""), true, Set.of(), 0,
                false, true, false, DEFAULT_MAX_LINE_SIZE, (byte) '.', NONE, null, null, "auto");
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public CsvOptions withDelimiter(byte d) {
        return toBuilder().delimiter(new byte[]{d}).build();
    }

    public CsvOptions withHeader(boolean h) {
        return toBuilder().header(h).build();
    }

    public CsvOptions withQuote(byte q) {
        return toBuilder().quote(q).build();
    }

    public CsvOptions withEscape(byte e) {
        return toBuilder().escape(e).build();
    }

    public CsvOptions withNullString(String n) {
        return toBuilder().nullStrings(List.of(n)).build();
    }

    /** The first null string (written by COPY TO). */
    public String nullString() {
        return nullStrings.isEmpty() ? "" : nullStrings.get(0);
    }

    /** Mutable assembly of options while binding read_csv / COPY arguments. */
    public static final class Builder {
        private byte[] delimiter;
        private boolean header;
        private byte quote;
        private byte escape;
        private byte comment;
        private NewLine newline;
        private List<String> nullStrings;
        private boolean allowQuotedNulls;
        private Set<String> forceNotNull;
        private int skipRows;
        private boolean nullPadding;
        private boolean strictMode;
        private boolean ignoreErrors;
        private long maxLineSize;
        private byte decimalSeparator;
        private byte thousands;
        private String dateFormat;
        private String timestampFormat;
        private String compression;

        private Builder(CsvOptions o) {
            delimiter = o.delimiter;
            header = o.header;
            quote = o.quote;
            escape = o.escape;
            comment = o.comment;
            newline = o.newline;
            nullStrings = o.nullStrings;
            allowQuotedNulls = o.allowQuotedNulls;
            forceNotNull = o.forceNotNull;
            skipRows = o.skipRows;
            nullPadding = o.nullPadding;
            strictMode = o.strictMode;
            ignoreErrors = o.ignoreErrors;
            maxLineSize = o.maxLineSize;
            decimalSeparator = o.decimalSeparator;
            thousands = o.thousands;
            dateFormat = o.dateFormat;
            timestampFormat = o.timestampFormat;
            compression = o.compression;
        }

        public Builder delimiter(byte[] v) { delimiter = v; return this; }
        public Builder header(boolean v) { header = v; return this; }
        public Builder quote(byte v) { quote = v; return this; }
        public Builder escape(byte v) { escape = v; return this; }
        public Builder comment(byte v) { comment = v; return this; }
        public Builder newline(NewLine v) { newline = v; return this; }
        public Builder nullStrings(List<String> v) { nullStrings = v; return this; }
        public Builder allowQuotedNulls(boolean v) { allowQuotedNulls = v; return this; }
        public Builder forceNotNull(Set<String> v) { forceNotNull = v; return this; }
        public Builder skipRows(int v) { skipRows = v; return this; }
        public Builder nullPadding(boolean v) { nullPadding = v; return this; }
        public Builder strictMode(boolean v) { strictMode = v; return this; }
        public Builder ignoreErrors(boolean v) { ignoreErrors = v; return this; }
        public Builder maxLineSize(long v) { maxLineSize = v; return this; }
        public Builder decimalSeparator(byte v) { decimalSeparator = v; return this; }
        public Builder thousands(byte v) { thousands = v; return this; }
        public Builder dateFormat(String v) { dateFormat = v; return this; }
        public Builder timestampFormat(String v) { timestampFormat = v; return this; }
        public Builder compression(String v) { compression = v; return this; }

        public CsvOptions build() {
            return new CsvOptions(delimiter, header, quote, escape, comment, newline, nullStrings, allowQuotedNulls, forceNotNull,
                    skipRows, nullPadding, strictMode, ignoreErrors, maxLineSize, decimalSeparator, thousands, dateFormat,
                    timestampFormat, compression);
        }
    }
}
