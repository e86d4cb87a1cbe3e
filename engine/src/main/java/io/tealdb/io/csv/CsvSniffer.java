package io.tealdb.io.csv;

import io.tealdb.error.InvalidInputException;
import io.tealdb.error.TealException;
import io.tealdb.error.TealIOException;
import io.tealdb.io.TextParsers;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DuckDB's CSV auto-detection over a sample of the file: the dialect (delimiter, quote, escape,
 * newline, leading rows to skip) by trying each candidate and keeping the one whose rows have the
 * most consistent column count; the column types by stepping each column through the candidate
 * types (BOOLEAN, BIGINT, DOUBLE, TIME, DATE, TIMESTAMP, VARCHAR, with DuckDB's date formats) until
 * every sampled value casts; the header by whether the first row fits those types (a first row of
 * an all-VARCHAR file is a header unless it has empty values).
 */
public final class CsvSniffer {
    /** DuckDB's default sample_size (rows). */
    public static final int DEFAULT_SAMPLE_ROWS = 20480;
    private static final int MAX_SAMPLE_BYTES = 32 << 20;
    private static final byte[] DELIMITERS = {',', '|', ';', '\t'};
    /** (quote, escape) pairs in DuckDB's preference order: RFC quotes, other quotes, no quotes. */
    private static final byte[][] QUOTE_RULES = {{'"', 0}, {'"', '"'}, {'"', '\\'}, {'\'', 0}, {'\'', '\''}, {'\'', '\\'}, {0, 0}};
    private static final String[] DATE_TEMPLATES = {"%m-%d-%Y", "%m-%d-%y", "%d-%m-%Y", "%d-%m-%y", "%Y-%m-%d", "%y-%m-%d"};
    private static final String[] TIMESTAMP_TEMPLATES = {"%Y-%m-%d %H:%M:%S.%f", "%m-%d-%Y %I:%M:%S %p", "%m-%d-%y %I:%M:%S %p",
            "%d-%m-%Y %H:%M:%S", "%d-%m-%y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%y-%m-%d %H:%M:%S"};
    private static final char[] DATE_SEPARATORS = {'-', '/', '.'};
    public static final List<LogicalType> DEFAULT_CANDIDATES = List.of(LogicalType.BOOLEAN, LogicalType.BIGINT, LogicalType.HUGEINT,
            LogicalType.BIGNUM, LogicalType.DOUBLE,
            LogicalType.TIME, LogicalType.DATE, LogicalType.TIMESTAMP, LogicalType.VARCHAR);

    private CsvSniffer() {
    }

    /**
     * What the user fixed; null / empty means "detect". {@code types}: a type per column position
     * (shorter lists leave the rest to detection); {@code typesByName}: types of named columns;
     * {@code names}: column names overriding the header's.
     */
    public record Request(CsvOptions base, boolean delimiterSet, boolean quoteSet, boolean escapeSet, boolean headerSet, boolean skipSet,
                          int sampleRows, List<LogicalType> types, java.util.Map<String, LogicalType> typesByName, List<String> names,
                          List<LogicalType> candidates, boolean allVarchar, boolean normalizeNames, boolean dateFormatSet,
                          boolean timestampFormatSet) {
    }

    /** The detected read options, column names and types, and which types were detected (not given). */
    public record Result(CsvOptions options, List<String> names, List<LogicalType> types, boolean[] autoDetected) {
    }

    private record Candidate(CsvOptions options, int numCols, int consistent, int start, boolean lastAlwaysEmpty, boolean quoted,
                             List<String[]> rows, List<boolean[]> nulls) {
    }

    public static Result sniff(Path file, Request request) {
        byte[] sample = readSample(file, request.base());
        return sniff(sample, file.toString(), request);
    }

    static byte[] readSample(Path file, CsvOptions base) {
        try (InputStream in = CsvReader.open(file, base)) {
            byte[] data = in.readNBytes(MAX_SAMPLE_BYTES);
            if (data.length == MAX_SAMPLE_BYTES) {
                int cut = data.length;
                while (cut > 0 && data[cut - 1] != '\n') cut--;
                if (cut > 0) data = Arrays.copyOf(data, cut);
            }
            return data;
        } catch (IOException e) {
            throw new TealIOException("Could not read file \"" + file + "\": " + e.getMessage(), e);
        }
    }

    public static Result sniff(byte[] sample, String fileName, Request request) {
        CsvOptions base = request.base();
        int offset = 0;
        if (sample.length >= 3 && (sample[0] & 0xff) == 0xEF && (sample[1] & 0xff) == 0xBB && (sample[2] & 0xff) == 0xBF) offset = 3;
        byte[] data = offset == 0 ? sample : Arrays.copyOfRange(sample, offset, sample.length);
        CsvOptions.NewLine newline = base.newline() != CsvOptions.NewLine.AUTO ? base.newline() : detectNewline(data, base.quote());
        List<Candidate> candidates = new ArrayList<>();
        Candidate best = null;
        TealException firstError = null;
        // sample_size counts data rows: the header candidate comes on top
        int maxRows = request.sampleRows() <= 0 || request.sampleRows() == Integer.MAX_VALUE ? Integer.MAX_VALUE : request.sampleRows() + 1;
        List<byte[]> rules = quoteRules(request);
        if (rules.size() > 1 && !containsAny(data, rules)) {
            // no quote or escape byte of any rule occurs in the sample: every rule splits it alike
            // (quotes and escapes act only where a quote byte is), and a later rule never wins a
            // tie, so the first rule alone gives the same dialect
            rules = rules.subList(0, 1);
        }
        for (byte[] rule : rules) {
            byte[][] delims = request.delimiterSet() ? new byte[][]{base.delimiter()} : new byte[DELIMITERS.length][];
            if (!request.delimiterSet()) for (int i = 0; i < DELIMITERS.length; i++) delims[i] = new byte[]{DELIMITERS[i]};
            for (byte[] d : delims) {
                CsvOptions o = base.toBuilder().delimiter(d).quote(rule[0]).escape(rule[1]).newline(newline).header(false).skipRows(0).build();
                Candidate c;
                try {
                    c = analyze(data, fileName, o, request, maxRows, false);
                } catch (TealException e) {
                    if (e.getMessage() != null && e.getMessage().contains("Maximum line size")) throw e;
                    if (firstError == null) firstError = e;
                    continue;
                }
                if (c == null) continue;
                if (best == null || better(c, best)) best = c;
            }
        }
        if (best == null) {
            if (request.delimiterSet() && request.quoteSet() && request.escapeSet() && firstError != null) throw firstError;
            throw new InvalidInputException(dialectNotFound(fileName, request));
        }
        // only the winning dialect's values are needed (types and header): parse its sample once
        // more keeping them, instead of making a String of every field under every candidate dialect
        best = analyze(data, fileName, best.options(), request, maxRows, true);
        return detectTypesAndHeader(best, request);
    }

    /** Whether {@code data} holds a byte that is some rule's quote or escape. */
    private static boolean containsAny(byte[] data, List<byte[]> rules) {
        boolean[] special = new boolean[256];
        for (byte[] rule : rules) {
            for (byte b : rule) if (b != CsvOptions.NONE) special[b & 0xFF] = true;
        }
        for (byte b : data) if (special[b & 0xFF]) return true;
        return false;
    }

    /** DuckDB's error when no dialect parses the sample, with the search space that was tried. */
    private static String dialectNotFound(String fileName, Request request) {
        CsvOptions base = request.base();
        StringBuilder sb = new StringBuilder("Error when sniffing file \"").append(fileName).append("\".\n")
                .append("It was not possible to automatically detect the CSV parsing dialect\nThe search space used was:\nDelimiter Candidates: ");
        if (request.delimiterSet()) {
            sb.append('\'').append(display(new String(base.delimiter(), StandardCharsets.UTF_8))).append('\'');
        } else {
            sb.append("',', '|', ';', '\\t'");
        }
        sb.append("\nQuote/Escape Candidates: ");
        List<byte[]> rules = quoteRules(request);
        for (int i = 0; i < rules.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append("['").append(rules.get(i)[0] == CsvOptions.NONE ? "(no quote)" : String.valueOf((char) rules.get(i)[0]))
                    .append("','").append(rules.get(i)[1] == CsvOptions.NONE ? "(no escape)" : String.valueOf((char) rules.get(i)[1])).append("']");
        }
        sb.append("\nComment Candidates: '\\0', '#'\nEncoding: utf-8\nPossible fixes:\n");
        if (base.strictMode()) {
            sb.append("* Disable the parser's strict mode (strict_mode=false) to allow reading rows that do not comply with the CSV standard.\n");
        }
        sb.append("* Make sure you are using the correct file encoding. If not, set it (e.g., encoding = 'utf-16').\n");
        if (request.delimiterSet()) {
            sb.append("* Delimiter is set to '").append(display(new String(base.delimiter(), StandardCharsets.UTF_8))).append("'. Consider unsetting it.\n");
        } else {
            sb.append("* Set delimiter (e.g., delim=',')\n");
        }
        if (request.quoteSet()) sb.append("* Quote is set to '").append(display(String.valueOf((char) base.quote()))).append("'. Consider unsetting it.\n");
        else sb.append("* Set quote (e.g., quote='\"')\n");
        if (request.escapeSet()) sb.append("* Escape is set to '").append(display(String.valueOf((char) base.escape()))).append("'. Consider unsetting it.\n");
        else sb.append("* Set escape (e.g., escape='\"')\n");
        sb.append("* Set comment (e.g., comment='#')\n* Set skip (skip=${n}) to skip ${n} lines at the top of the file\n")
                .append("* Enable ignore errors (ignore_errors=true) to ignore potential errors\n")
                .append("* Enable null padding (null_padding=true) to pad missing columns with NULL values\n")
                .append("* Check you are using the correct file compression, otherwise set it (e.g., compression = 'zstd')\n")
                .append("* Be sure that the maximum line size is set to an appropriate value, otherwise set it (e.g., max_line_size=10000000)\n");
        return sb.toString();
    }

    private static String display(String s) {
        return s.replace("\t", "\\t").replace("\0", "\\0");
    }

    /**
     * The quote/escape pairs to try: DuckDB's candidates with the user's quote and/or escape put in
     * place of the candidate's (an escape equal to the candidate quote follows the user's quote), so a
     * quote or escape outside the default search space ('`', ']') is still sniffed with the others.
     */
    private static List<byte[]> quoteRules(Request request) {
        CsvOptions base = request.base();
        List<byte[]> out = new ArrayList<>();
        for (byte[] rule : QUOTE_RULES) {
            if (request.quoteSet() && !request.escapeSet() && base.quote() != CsvOptions.NONE && rule[1] == '\\') continue;
            byte q = request.quoteSet() ? base.quote() : rule[0];
            byte e = request.escapeSet() ? base.escape() : rule[1] == rule[0] ? q : rule[1];
            if (q == CsvOptions.NONE && !request.escapeSet()) e = CsvOptions.NONE;
            boolean dup = false;
            for (byte[] r : out) dup |= r[0] == q && r[1] == e;
            if (!dup) out.add(new byte[]{q, e});
        }
        return out;
    }

    private static boolean better(Candidate c, Candidate best) {
        boolean multi = c.numCols() > 1;
        boolean bestMulti = best.numCols() > 1;
        if (multi != bestMulti) return multi;
        if (c.consistent() != best.consistent()) return c.consistent() > best.consistent();
        return c.numCols() > best.numCols();
    }

    private static CsvOptions.NewLine detectNewline(byte[] data, byte quote) {
        boolean inQuotes = false;
        for (int i = 0; i < data.length; i++) {
            byte c = data[i];
            if (c == quote && quote != 0) inQuotes = !inQuotes;
            else if (!inQuotes && c == '\r') return i + 1 < data.length && data[i + 1] == '\n' ? CsvOptions.NewLine.CRLF : CsvOptions.NewLine.CR;
            else if (!inQuotes && c == '\n') return CsvOptions.NewLine.LF;
        }
        return CsvOptions.NewLine.LF;
    }

    /**
     * Parses the sample with one dialect; null when the dialect does not fit. {@code keepRows}: keep
     * each row's values and NULL flags in the candidate (else its rows and nulls are empty).
     */
    private static Candidate analyze(byte[] data, String fileName, CsvOptions o, Request request, int maxRows, boolean keepRows) {
        List<String[]> rows = new ArrayList<>();
        List<boolean[]> nulls = new ArrayList<>();
        int userSkip = request.skipSet() ? request.base().skipRows() : 0;
        int numCols = -1;
        int consistent = 0;
        int start = 0;
        int padding = 0;
        boolean lastAlwaysEmpty = true;
        boolean quoted;
        try (CsvReader r = new CsvReader(new ByteArrayInputStream(data), fileName, List.of(), List.of(), null, o)) {
            int skipped = 0;
            int row = 0;
            while (row < maxRows && r.nextRecord()) {
                if (skipped < userSkip) {
                    skipped++;
                    continue;
                }
                int n = r.fieldCount();
                if (n == 1 && !r.fieldQuoted(0) && r.fieldEmpty(0)) continue; // blank line
                if (keepRows) {
                    String[] values = new String[n];
                    boolean[] isNull = new boolean[n];
                    for (int i = 0; i < n; i++) {
                        values[i] = r.fieldText(i);
                        isNull[i] = r.fieldIsNull(i);
                    }
                    rows.add(values);
                    nulls.add(isNull);
                }
                lastAlwaysEmpty &= n > 1 && r.fieldEmpty(n - 1) && !r.fieldQuoted(n - 1);
                if (row == 0) {
                    numCols = n;
                    consistent = 1;
                } else if (n == numCols) {
                    consistent++;
                } else if (n > numCols) {
                    if (request.skipSet() && !o.nullPadding()) return null;
                    numCols = n;
                    start = row;
                    consistent = 1;
                    padding = 0;
                } else {
                    padding++;
                    consistent++;
                }
                row++;
            }
            quoted = r.everQuoted();
            if (row == 0) {
                return new Candidate(o, 1, 0, 0, false, false, rows, nulls);
            }
        }
        if (padding > 0 && !o.nullPadding() && !o.ignoreErrors()) return null;
        if (lastAlwaysEmpty && numCols > 1) numCols--;
        return new Candidate(o, numCols, consistent, start, lastAlwaysEmpty, quoted, rows, nulls);
    }

    // ------------------------------------------------------------------ types and header

    private static Result detectTypesAndHeader(Candidate best, Request request) {
        int cols = best.numCols();
        List<String[]> rows = best.rows().subList(best.start(), best.rows().size());
        List<boolean[]> nulls = best.nulls().subList(best.start(), best.nulls().size());
        List<LogicalType> candidates = orderCandidates(request.candidates() == null || request.candidates().isEmpty()
                ? DEFAULT_CANDIDATES : request.candidates());
        CsvOptions base = best.options();
        ColumnGuess[] guesses = new ColumnGuess[cols];
        for (int c = 0; c < cols; c++) guesses[c] = new ColumnGuess(candidates, base, request);
        String[] first = rows.isEmpty() ? new String[0] : rows.get(0);
        boolean[] firstNulls = nulls.isEmpty() ? new boolean[0] : nulls.get(0);
        List<LogicalType> given = givenTypes(request, cols, first);
        // a column whose type is given needs no guess when the header is given too (the guesses
        // then decide neither its type nor the header): COPY into a table with HEADER set
        boolean[] guessed = new boolean[cols];
        for (int c = 0; c < cols; c++) guessed[c] = !request.headerSet() || given == null || given.get(c) == null;
        // data rows: all but the first (the header candidate)
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int c = 0; c < cols && c < row.length; c++) {
                if (nulls.get(r)[c] || !guessed[c]) continue;
                guesses[c].observe(row[c]);
            }
        }
        boolean header;
        if (request.headerSet()) {
            header = request.base().header();
        } else {
            boolean firstRowNulls = true;
            boolean allVarchar = true;
            boolean consistent = true;
            for (int c = 0; c < cols; c++) {
                boolean isNull = c >= first.length || firstNulls[c];
                if (!isNull) firstRowNulls = false;
                LogicalType t = given != null && given.get(c) != null ? given.get(c)
                        : guesses[c].observed || isNull ? guesses[c].type() : guesses[c].typeOf(first[c]);
                if (t.id() != TypeId.VARCHAR) {
                    allVarchar = false;
                    if (!isNull && !guesses[c].castable(first[c], t)) consistent = false;
                }
            }
            // a first row of only empty values is a header whose names are all missing (column0, ...)
            header = firstRowNulls ? cols > 1 && rows.size() > 1 : allVarchar || !consistent;
        }
        if (!header) {
            for (int c = 0; c < cols && c < first.length; c++) {
                if (!firstNulls[c] && guessed[c]) guesses[c].observe(first[c]);
            }
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            String n = header && c < first.length ? first[c].strip() : "";
            if (request.normalizeNames() && header) n = normalize(n);
            names.add(n.isEmpty() ? generatedName(cols, c) : n);
        }
        dedupe(names);
        if (request.names() != null) {
            for (int c = 0; c < request.names().size() && c < cols; c++) names.set(c, request.names().get(c));
        }
        List<LogicalType> types = new ArrayList<>();
        boolean[] auto = new boolean[cols];
        String dateFormat = base.dateFormat();
        String timestampFormat = base.timestampFormat();
        for (int c = 0; c < cols; c++) {
            LogicalType t = guesses[c].type();
            boolean detected = true;
            if (given != null && given.get(c) != null) {
                t = given.get(c);
                detected = false;
            } else if (request.typesByName() != null) {
                // column names match case-insensitively, as identifiers do
                LogicalType byName = null;
                for (java.util.Map.Entry<String, LogicalType> e : request.typesByName().entrySet()) {
                    if (e.getKey().equalsIgnoreCase(names.get(c))) byName = e.getValue();
                }
                if (byName != null) {
                    t = byName;
                    detected = false;
                }
            }
            if (detected && request.allVarchar()) t = LogicalType.VARCHAR;
            if (detected && t.id() == TypeId.DATE && dateFormat == null) dateFormat = guesses[c].format();
            if (detected && t.id() == TypeId.TIMESTAMP && timestampFormat == null) timestampFormat = guesses[c].format();
            types.add(t);
            auto[c] = detected;
        }
        CsvOptions options = base.toBuilder().header(header).skipRows(base.skipRows() + (request.skipSet() ? request.base().skipRows() : 0) + best.start())
                .dateFormat(dateFormat).timestampFormat(timestampFormat).build();
        return new Result(options, names, types, auto);
    }

    private static boolean anyNull(boolean[] nulls) {
        for (boolean b : nulls) if (b) return true;
        return false;
    }

    /** The given type per column position (null entries: detect), or null if no positional types. */
    private static List<LogicalType> givenTypes(Request request, int cols, String[] first) {
        if (request.types() == null || request.types().isEmpty()) return null;
        List<LogicalType> out = new ArrayList<>();
        for (int c = 0; c < cols; c++) out.add(c < request.types().size() ? request.types().get(c) : null);
        return out;
    }

    /** DuckDB's name for column {@code c} of {@code total} without a header: column0.. padded to equal width. */
    public static String generatedName(int total, int c) {
        int width = String.valueOf(Math.max(total - 1, 0)).length();
        String idx = String.valueOf(c);
        return "column" + "0".repeat(Math.max(0, width - idx.length())) + idx;
    }

    /**
     * Makes names unique DuckDB's way: a repeated name gets {@code _k} where k counts that name's
     * repeats, and a suffixed name that collides again is suffixed again ({@code a,a,a_1} reads as
     * {@code a, a_1, a_1_1}). Comparison ignores case.
     */
    public static void dedupe(List<String> names) {
        Map<String, Integer> repeats = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            while (repeats.containsKey(n.toLowerCase(Locale.ROOT))) {
                String key = n.toLowerCase(Locale.ROOT);
                int k = repeats.get(key) + 1;
                repeats.put(key, k);
                n = n + "_" + k;
            }
            names.set(i, n);
            repeats.put(n.toLowerCase(Locale.ROOT), 0);
        }
    }

    /**
     * normalize_names: keeps ASCII letters, digits and '_', drops other characters, turns each run of
     * white space into one '_' (leading/trailing space is trimmed), lower-cases, and puts '_' before a
     * leading digit; an empty result is '_'.
     */
    public static String normalize(String name) {
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '_' || ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z') kept.append(ch);
            else if (Character.isWhitespace(ch)) kept.append(' ');
        }
        String trimmed = kept.toString().strip();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < trimmed.length(); i++) {
            char ch = trimmed.charAt(i);
            if (ch != ' ') sb.append(ch);
            else if (sb.charAt(sb.length() - 1) != '_' || trimmed.charAt(i - 1) != ' ') sb.append('_');
        }
        String out = sb.toString().toLowerCase(Locale.ROOT);
        if (out.isEmpty()) return "_";
        if (Character.isDigit(out.charAt(0))) out = "_" + out;
        return out;
    }

    /** Candidate types from specific to general; types of equal rank keep the later-listed first (DuckDB's order). */
    static List<LogicalType> orderCandidates(List<LogicalType> given) {
        List<LogicalType> out = new ArrayList<>();
        for (int i = given.size() - 1; i >= 0; i--) {
            if (given.get(i).id() != TypeId.SQLNULL) out.add(given.get(i));
        }
        out.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        if (out.isEmpty() || out.get(out.size() - 1).id() != TypeId.VARCHAR) out.add(LogicalType.VARCHAR);
        return out;
    }

    private static int rank(LogicalType t) {
        return switch (t.id()) {
            case SQLNULL -> 0;
            case BOOLEAN -> 1;
            case TINYINT -> 2;
            case SMALLINT -> 3;
            case INTEGER -> 4;
            case BIGINT -> 5;
            case HUGEINT -> 6;
            case BIGNUM -> 7;
            case DECIMAL -> 8;
            case FLOAT -> 9;
            case DOUBLE -> 10;
            case TIME -> 11;
            case DATE -> 12;
            case TIMESTAMP -> 13;
            case INTERVAL -> 14;
            case BLOB, BIT -> 15;
            case VARCHAR, JSON, ENUM -> 16;
            // an unsigned candidate ranks with the signed type of its width
            case UTINYINT -> 2;
            case USMALLINT -> 3;
            case UINTEGER -> 4;
            case UBIGINT -> 5;
            case UHUGEINT -> 6;
            case UUID -> 15;
            case TIMESTAMP_TZ, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> 13;
            case TIME_TZ -> 11;
            case LIST, ARRAY, STRUCT, MAP, UNION -> 17;
        };
    }

    /** One column's type guess: the current candidate and, for DATE/TIMESTAMP, the formats still possible. */
    private static final class ColumnGuess {
        private final List<LogicalType> candidates;
        private final CsvOptions options;
        private final Request request;
        private int index;
        private List<CsvDateFormat> formats; // null: ISO; lazily made when the type becomes DATE/TIMESTAMP
        private boolean isoPossible = true;
        private final List<String> seen = new ArrayList<>();
        boolean observed;

        ColumnGuess(List<LogicalType> candidates, CsvOptions options, Request request) {
            this.candidates = candidates;
            this.options = options;
            this.request = request;
        }

        /** The guess; VARCHAR for a column without values. */
        LogicalType type() {
            return observed ? candidates.get(index) : LogicalType.VARCHAR;
        }

        /** The detected strptime format of a DATE/TIMESTAMP column, or null for ISO. */
        String format() {
            if (isoPossible || formats == null || formats.isEmpty()) return null;
            // DuckDB tries its format candidates from the last one back: of those that parse every
            // value, the latest listed wins (so 01-01-90 reads as %d-%m-%y rather than year 90)
            return formats.get(formats.size() - 1).text();
        }

        void observe(String value) {
            observed = true;
            if (index < candidates.size() - 1 && !fits(value, candidates.get(index))) {
                // the new candidate must also read every value seen before: a type that fails on a
                // sampled value is never the detected one (0.00 then 12/17/2019 is VARCHAR, not DATE)
                do {
                    index++;
                    formats = null;
                    isoPossible = true;
                } while (index < candidates.size() - 1 && !fitsAll(value, candidates.get(index)));
            }
            seen.add(value);
        }

        private boolean fitsAll(String value, LogicalType t) {
            for (String v : seen) if (!fits(v, t)) return false;
            return fits(value, t);
        }

        LogicalType typeOf(String value) {
            for (LogicalType t : candidates) if (castable(value, t)) return t;
            return LogicalType.VARCHAR;
        }

        /** Whether {@code value} is a valid {@code t} without narrowing the formats. */
        boolean castable(String value, LogicalType t) {
            if (t.id() == TypeId.DATE || t.id() == TypeId.TIMESTAMP) {
                if (observed && t.equals(candidates.get(index)) && formats != null) {
                    byte[] b = value.getBytes(StandardCharsets.UTF_8);
                    if (isoPossible && isoParses(b, t)) return true;
                    for (CsvDateFormat f : formats) if (parses(f, b, t)) return true;
                    return false;
                }
            }
            return fitsStateless(value, t);
        }

        private boolean fits(String value, LogicalType t) {
            if (t.id() == TypeId.DATE || t.id() == TypeId.TIMESTAMP) {
                byte[] b = value.getBytes(StandardCharsets.UTF_8);
                if (formats == null) formats = initialFormats(t);
                if (isoPossible && !isoParses(b, t)) isoPossible = false;
                formats.removeIf(f -> !parses(f, b, t));
                return isoPossible || !formats.isEmpty();
            }
            return fitsStateless(value, t);
        }

        private List<CsvDateFormat> initialFormats(LogicalType t) {
            List<CsvDateFormat> out = new ArrayList<>();
            boolean set = t.id() == TypeId.DATE ? request.dateFormatSet() : request.timestampFormatSet();
            if (set) {
                isoPossible = false;
                out.add(CsvDateFormat.compile(t.id() == TypeId.DATE ? options.dateFormat() : options.timestampFormat()));
                return out;
            }
            for (String tpl : t.id() == TypeId.DATE ? DATE_TEMPLATES : TIMESTAMP_TEMPLATES) {
                for (char sep : DATE_SEPARATORS) {
                    String f = tpl.replace('-', sep);
                    if (!out.stream().anyMatch(x -> x.text().equals(f))) out.add(CsvDateFormat.compile(f));
                }
            }
            return out;
        }

        private static boolean isoParses(byte[] b, LogicalType t) {
            try {
                if (t.id() == TypeId.DATE) TextParsers.parseDate(b, 0, b.length);
                else TextParsers.parseTimestamp(b, 0, b.length);
                return true;
            } catch (TextParsers.ParseFailure f) {
                return false;
            }
        }

        private static boolean parses(CsvDateFormat f, byte[] b, LogicalType t) {
            try {
                if (t.id() == TypeId.DATE) f.parseDays(b, 0, b.length);
                else f.parseMicros(b, 0, b.length);
                return true;
            } catch (TextParsers.ParseFailure ex) {
                return false;
            }
        }

        private boolean fitsStateless(String value, LogicalType t) {
            String v = value;
            byte[] b;
            try {
                switch (t.id()) {
                    case VARCHAR, BLOB -> {
                        return true;
                    }
                    case BOOLEAN -> {
                        String l = v.strip().toLowerCase(Locale.ROOT);
                        return l.equals("true") || l.equals("false") || l.equals("t") || l.equals("f");
                    }
                    case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT -> {
                        String s = stripThousands(v.strip());
                        if (s.isEmpty() || s.charAt(0) == '+' || leadingZero(s)) return false;
                        b = s.getBytes(StandardCharsets.UTF_8);
                        if (t.id() == TypeId.HUGEINT) {
                            if (!s.matches("-?\\d+")) return false;
                            return new java.math.BigInteger(s).bitLength() <= 127;
                        }
                        long x = TextParsers.parseLong(b, 0, b.length);
                        return switch (t.id()) {
                            case TINYINT -> x >= Byte.MIN_VALUE && x <= Byte.MAX_VALUE;
                            case SMALLINT -> x >= Short.MIN_VALUE && x <= Short.MAX_VALUE;
                            case INTEGER -> x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE;
                            default -> true;
                        };
                    }
                    case BIGNUM -> {
                        // digits with an optional '-', no leading zero (DuckDB's sniffer keeps those as text)
                        String s = stripThousands(v.strip());
                        return !leadingZero(s) && s.matches("-?\\d+");
                    }
                    case FLOAT, DOUBLE, DECIMAL -> {
                        String s = numeric(v.strip());
                        if (s == null || s.isEmpty() || s.charAt(0) == '+' || leadingZero(s)) return false;
                        b = s.getBytes(StandardCharsets.UTF_8);
                        if (t.id() == TypeId.DECIMAL) {
                            if (!s.matches("-?(\\d+\\.?\\d*|\\.\\d+)")) return false;
                            java.math.BigDecimal d = new java.math.BigDecimal(s).setScale(t.scale(), java.math.RoundingMode.HALF_UP);
                            return d.precision() <= t.precision();
                        }
                        TextParsers.parseDouble(b, 0, b.length);
                        return true;
                    }
                    case TIME -> {
                        b = v.getBytes(StandardCharsets.UTF_8);
                        TextParsers.parseTime(b, 0, b.length);
                        return true;
                    }
                    case DATE -> {
                        b = v.getBytes(StandardCharsets.UTF_8);
                        if (isoParses(b, t)) return true;
                        for (CsvDateFormat f : initialFormats(t)) if (parses(f, b, t)) return true;
                        return false;
                    }
                    case TIMESTAMP -> {
                        b = v.getBytes(StandardCharsets.UTF_8);
                        if (isoParses(b, t)) return true;
                        for (CsvDateFormat f : initialFormats(t)) if (parses(f, b, t)) return true;
                        return false;
                    }
                    default -> {
                        return false;
                    }
                }
            } catch (TextParsers.ParseFailure | NumberFormatException | ArithmeticException e) {
                return false;
            }
        }

        /** A number written with a leading zero (00012, 00.5) stays text, as DuckDB's sniffer keeps codes like zip codes. */
        private static boolean leadingZero(String s) {
            return s.length() > 1 && s.charAt(0) == '0' && s.charAt(1) >= '0' && s.charAt(1) <= '9';
        }

        private String stripThousands(String s) {
            if (options.thousands() == CsvOptions.NONE) return s;
            return s.replace(String.valueOf((char) options.thousands()), "");
        }

        /** The text with '.' as decimal point, or null when it uses the wrong separator. */
        private String numeric(String s) {
            s = stripThousands(s);
            byte sep = options.decimalSeparator();
            if (sep == '.') return s;
            if (s.indexOf('.') >= 0) return null;
            return s.replace((char) sep, '.');
        }
    }
}
