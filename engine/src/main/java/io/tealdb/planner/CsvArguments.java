package io.tealdb.planner;

import io.tealdb.error.BinderException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.io.csv.CsvOptions;
import io.tealdb.io.csv.CsvSniffer;
import io.tealdb.parser.Parser;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options of read_csv / sniff_csv / COPY ... FROM (DuckDB's names), validated, plus what the
 * sniffer still has to detect; {@link #resolve} turns them into the read plan of one file.
 */
public final class CsvArguments {
    CsvOptions.Builder options = CsvOptions.defaults().toBuilder();
    boolean autoDetect = true;
    boolean delimiterSet, quoteSet, escapeSet, headerSet, skipSet, dateFormatSet, timestampFormatSet;
    int sampleRows = CsvSniffer.DEFAULT_SAMPLE_ROWS;
    List<LogicalType> types;
    Map<String, LogicalType> typesByName;
    List<String> names;
    LinkedHashMap<String, LogicalType> columns;
    List<LogicalType> candidates;
    boolean allVarchar, normalizeNames, unionByName, filename;
    /** files_to_sniff: how many of the files the sniffer reads (-1: all); their types widen column by column. */
    long filesToSniff = 1;
    long bufferSize = -1;
    long maxLineSize = -1;
    byte[] delimiter;
    byte quote = '"', escape = 0, comment = 0;

    public static CsvArguments parse(List<String> namedNames, List<Value> named) {
        CsvArguments a = new CsvArguments();
        for (int i = 0; i < namedNames.size(); i++) a.set(namedNames.get(i).toLowerCase(Locale.ROOT), named.get(i));
        a.validate();
        return a;
    }

    public void set(String key, Value v) {
        switch (key) {
            case "delim", "sep", "delimiter" -> {
                String t = text(v, key);
                if (t.isEmpty()) throw new BinderException("DELIM or SEP must not be empty");
                delimiter = unescape(t).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                if (delimiter.length > 4) throw new BinderException("The delimiter option cannot exceed a size of 4 bytes.");
                options.delimiter(delimiter);
                delimiterSet = true;
            }
            case "quote" -> {
                quote = singleByte(v, "quote");
                options.quote(quote);
                quoteSet = true;
            }
            case "escape" -> {
                escape = singleByte(v, "escape");
                options.escape(escape);
                escapeSet = true;
            }
            case "comment" -> {
                comment = singleByte(v, "comment");
                options.comment(comment);
            }
            case "new_line", "newline" -> {
                String t = unescape(text(v, key));
                options.newline(switch (t) {
                    case "\n" -> CsvOptions.NewLine.LF;
                    case "\r\n" -> CsvOptions.NewLine.CRLF;
                    case "\r" -> CsvOptions.NewLine.CR;
                    default -> throw new BinderException("This is not accepted as a newline: " + t);
                });
            }
            case "header" -> {
                options.header(bool(v));
                headerSet = true;
            }
            case "skip" -> {
                long n = integer(v, key);
                if (n < 0) throw new BinderException("skip must be a non-negative number");
                options.skipRows((int) n);
                skipSet = true;
            }
            case "nullstr", "null" -> {
                List<String> list = new ArrayList<>();
                if (v.object() instanceof List<?> l) {
                    for (Object o : l) list.add(String.valueOf(((Value) o).object()));
                } else {
                    list.add(v.isNull() ? "" : String.valueOf(v.object()));
                }
                options.nullStrings(list);
            }
            case "allow_quoted_nulls" -> options.allowQuotedNulls(bool(v));
            case "force_not_null" -> options.forceNotNull(new java.util.HashSet<>(stringList(v, key)));
            case "null_padding" -> options.nullPadding(bool(v));
            case "strict_mode" -> options.strictMode(bool(v));
            case "ignore_errors" -> options.ignoreErrors(bool(v));
            case "store_rejects" -> {
                if (bool(v)) options.ignoreErrors(true);
            }
            case "rejects_table", "rejects_scan", "rejects_limit", "rejects_line_size_limit" -> options.ignoreErrors(true);
            case "auto_detect" -> autoDetect = bool(v);
            case "sample_size" -> {
                long n = integer(v, key);
                if (n == 0 || n < -1) throw new BinderException("Unsupported parameter for SAMPLE_SIZE: cannot be smaller than 1");
                sampleRows = n == -1 ? -1 : (int) Math.min(n, Integer.MAX_VALUE);
            }
            case "all_varchar" -> allVarchar = bool(v);
            case "normalize_names" -> normalizeNames = bool(v);
            case "union_by_name" -> unionByName = bool(v);
            case "files_to_sniff" -> {
                filesToSniff = integer(v, key);
                if (filesToSniff == 0 || filesToSniff < -1) throw new BinderException("Unsupported parameter for files_to_sniff: value must be -1 for all files or higher than one.");
            }
            case "filename" -> filename = bool(v);
            case "hive_partitioning", "hive_types_autocast", "parallel", "rfc_4180" -> {
                // accepted: no effect on a single-threaded reader without hive partitions
            }
            case "encoding" -> {
                String e = text(v, key).toLowerCase(Locale.ROOT).replace("-", "");
                if (!e.equals("utf8")) throw new BinderException("The CSV Reader does not support the encoding: \"" + text(v, key) + "\"");
            }
            case "max_line_size", "maximum_line_size" -> maxLineSize = integer(v, key);
            case "buffer_size" -> {
                bufferSize = integer(v, key);
                if (bufferSize < 1) throw new BinderException("Buffer Size option must be higher than 0");
            }
            case "decimal_separator" -> {
                String t = text(v, key);
                if (!t.equals(".") && !t.equals(",")) throw new BinderException("Unsupported parameter for DECIMAL_SEPARATOR: should be '.' or ','");
                options.decimalSeparator((byte) t.charAt(0));
            }
            case "thousands" -> options.thousands(singleByte(v, key));
            case "dateformat", "date_format" -> {
                options.dateFormat(format(v, key));
                dateFormatSet = true;
            }
            case "timestampformat", "timestamp_format" -> {
                options.timestampFormat(format(v, key));
                timestampFormatSet = true;
            }
            case "compression" -> options.compression(text(v, key));
            case "columns" -> {
                columns = new LinkedHashMap<>();
                for (Map.Entry<String, Value> e : struct(v, key).entrySet()) columns.put(e.getKey(), type(e.getValue()));
            }
            case "types", "dtypes", "column_types" -> {
                if (types != null || typesByName != null) {
                    throw new BinderException("read_csv: 'types'/'dtypes'/'column_types' can only be supplied once");
                }
                if (v.object() instanceof List<?> l) {
                    types = new ArrayList<>();
                    for (Object o : l) {
                        if (!(o instanceof Value t) || !(t.object() instanceof String)) {
                            throw new BinderException("read_csv " + key + " requires a list of types (varchar) as input");
                        }
                        types.add(type(t));
                    }
                } else {
                    typesByName = new LinkedHashMap<>();
                    for (Map.Entry<String, Value> e : struct(v, key).entrySet()) {
                        if (!(e.getValue().object() instanceof String)) {
                            throw new BinderException("read_csv " + key + " requires a type specification as string");
                        }
                        typesByName.put(e.getKey(), type(e.getValue()));
                    }
                }
            }
            case "names", "column_names" -> names = stringList(v, key);
            case "auto_type_candidates" -> {
                candidates = new ArrayList<>();
                for (Object o : listOf(v, key)) candidates.add(type((Value) o));
            }
            default -> throw new BinderException("Invalid named parameter \"" + key + "\" for function read_csv");
        }
    }

    public void validate() {
        byte[] d = delimiter == null ? new byte[]{','} : delimiter;
        for (byte b : d) {
            if (quoteSet && quote != 0 && b == quote) throw new BinderException("QUOTE must not appear in the DELIMITER specification and vice versa");
            if (escapeSet && escape != 0 && b == escape) throw new BinderException("ESCAPE must not appear in the DELIMITER specification and vice versa");
            if (comment != 0 && b == comment) throw new BinderException("COMMENT must not appear in the DELIMITER specification and vice versa");
        }
        checkTypesAgainstColumns();
        if (quoteSet && escapeSet && quote != 0 && quote == comment) throw new BinderException("COMMENT must not appear in the QUOTE specification and vice versa");
        long max = maxLineSize > 0 ? maxLineSize : CsvOptions.DEFAULT_MAX_LINE_SIZE;
        if (bufferSize > 0 && bufferSize < max) max = bufferSize;
        options.maxLineSize(max);
        if (escapeSet && !quoteSet && !autoDetect) escapeSet = true;
        if (!autoDetect) {
            if (!escapeSet) options.escape(quote);
        }
    }

    /**
     * With {@code columns}, types given by {@code types}/{@code dtypes}/{@code column_types} (a list, or a
     * struct read by position) must agree with them one for one; they then add nothing.
     */
    private void checkTypesAgainstColumns() {
        if (columns == null || types == null && typesByName == null) return;
        List<LogicalType> given = types != null ? types : new ArrayList<>(typesByName.values());
        if (given.size() != columns.size()) {
            throw new BinderException("'columns' option specifies " + columns.size() + " column(s), but 'types'/'dtypes'/'column_types' specifies "
                    + given.size() + " type(s)");
        }
        List<LogicalType> declared = new ArrayList<>(columns.values());
        for (int i = 0; i < given.size(); i++) {
            if (!given.get(i).equals(declared.get(i))) {
                throw new BinderException("column type mismatch at position " + (i + 1) + ": 'columns' specifies '" + declared.get(i)
                        + "' but 'types'/'dtypes'/'column_types' specifies '" + given.get(i) + "'");
            }
        }
        types = null;
        typesByName = null;
    }

    /** Sniffs (or, with auto_detect=false, takes as given) the file's dialect, names and types. */
    public CsvSniffer.Result resolve(Path file) {
        CsvOptions base = options.build();
        if (!autoDetect) {
            if (columns == null) throw new BinderException("read_csv requires columns to be specified through the 'columns' option. "
                    + "Use read_csv_auto or set read_csv(..., AUTO_DETECT=TRUE) to automatically guess columns.");
            List<String> ns = new ArrayList<>(columns.keySet());
            List<LogicalType> ts = new ArrayList<>(columns.values());
            return new CsvSniffer.Result(base, ns, ts, new boolean[ns.size()]);
        }
        List<LogicalType> positional = types;
        Map<String, LogicalType> byName = typesByName;
        List<String> givenNames = names;
        if (columns != null) {
            positional = new ArrayList<>(columns.values());
            givenNames = new ArrayList<>(columns.keySet());
        }
        CsvSniffer.Request request = new CsvSniffer.Request(base, delimiterSet, quoteSet, escapeSet, headerSet, skipSet, sampleRows, positional,
                byName, givenNames, candidates, allVarchar, normalizeNames, dateFormatSet, timestampFormatSet);
        CsvSniffer.Result r = CsvSniffer.sniff(file, request);
        if (columns != null && r.names().size() != columns.size()) {
            throw new InvalidInputException("Columns are set as: \"columns = " + renderColumns(columns) + "\", and they contain: "
                    + columns.size() + " columns. It does not match the number of columns found by the sniffer: " + r.names().size()
                    + ". Verify the columns parameter is correctly set.");
        }
        if (positional != null && columns == null && positional.size() > r.names().size()) {
            throw new BinderException(positional.size() + " types were provided, but CSV file only has " + r.names().size() + " columns");
        }
        if (byName != null) {
            for (String n : byName.keySet()) {
                if (r.names().stream().noneMatch(n::equalsIgnoreCase)) {
                    throw new BinderException("COLUMN_TYPES error: Columns with names: \"" + n + "\" do not exist in the CSV File");
                }
            }
        }
        return r;
    }

    /**
     * COPY ... FROM into columns of known names and types: sniffs the dialect and header (unless
     * auto_detect=false); when the sniffer cannot match the table's width, reads with the options as given.
     */
    public CsvSniffer.Result resolveForTable(Path file, List<String> tableNames, List<LogicalType> tableTypes) {
        if (!autoDetect) options.escape(escapeSet ? escape : quote);
        CsvOptions base = options.build();
        boolean[] given = new boolean[tableNames.size()];
        CsvSniffer.Result asGiven = new CsvSniffer.Result(autoDetect && !escapeSet ? base.toBuilder().escape(quote).build() : base,
                tableNames, tableTypes, given);
        if (!autoDetect) return asGiven;
        boolean allVarchar = tableTypes.stream().allMatch(t -> t.id() == io.tealdb.types.TypeId.VARCHAR);
        // a table of text columns gives no evidence for a header: keep COPY's default (none) unless set
        boolean headerKnown = headerSet || allVarchar;
        CsvSniffer.Request request = new CsvSniffer.Request(base, delimiterSet, quoteSet, escapeSet, headerKnown, skipSet, sampleRows,
                tableTypes, null, tableNames, null, false, false, dateFormatSet, timestampFormatSet);
        CsvSniffer.Result r;
        try {
            r = CsvSniffer.sniff(file, request);
        } catch (io.tealdb.error.TealException e) {
            return asGiven;
        }
        if (r.names().size() != tableNames.size()) return asGiven;
        return new CsvSniffer.Result(r.options(), tableNames, tableTypes, given);
    }

    private static String renderColumns(Map<String, LogicalType> columns) {
        StringBuilder sb = new StringBuilder("{");
        int i = 0;
        for (Map.Entry<String, LogicalType> e : columns.entrySet()) {
            sb.append(i++ > 0 ? ", " : " ").append('\'').append(e.getKey()).append("' : '").append(e.getValue()).append('\'');
        }
        return sb.append("}").toString();
    }


    static String text(Value v, String key) {
        if (v.isNull()) throw new BinderException("read_csv option " + key + " cannot be NULL");
        if (v.object() instanceof List<?> || v.object() instanceof Map<?, ?>) throw new BinderException("read_csv option " + key + " requires a string");
        return String.valueOf(v.object());
    }

    /** DuckDB accepts the escape sequences \t, \n, \r written as two characters. */
    static String unescape(String t) {
        return t.replace("\\t", "\t").replace("\\n", "\n").replace("\\r", "\r");
    }

    static byte singleByte(Value v, String key) {
        String t = v.isNull() ? "" : unescape(text(v, key));
        byte[] b = t.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (b.length == 0) return CsvOptions.NONE;
        if (b.length > 1) throw new BinderException("The " + key + " option cannot exceed a size of 1 byte.");
        return b[0];
    }

    static boolean bool(Value v) {
        if (v.isNull()) return false;
        Object o = v.object();
        if (o instanceof Boolean b) return b;
        if (o instanceof Number n) return n.longValue() != 0;
        return switch (String.valueOf(o).toLowerCase(Locale.ROOT)) {
            case "true", "1", "on", "yes", "t" -> true;
            case "false", "0", "off", "no", "f" -> false;
            default -> throw new BinderException("Could not convert string '" + o + "' to BOOL");
        };
    }

    static long integer(Value v, String key) {
        if (v.isNull()) throw new BinderException("read_csv option " + key + " cannot be NULL");
        Object o = v.object();
        if (o instanceof Number n) return n.longValue();
        try {
            return Long.parseLong(String.valueOf(o).trim());
        } catch (NumberFormatException e) {
            throw new BinderException("read_csv option " + key + " requires an integer");
        }
    }

    private static String format(Value v, String key) {
        String f = text(v, key);
        try {
            io.tealdb.io.csv.CsvDateFormat.compile(f);
        } catch (IllegalArgumentException e) {
            // DuckDB: "Could not parse DATEFORMAT: Trailing format character %"
            String option = key.replace("_", "").toUpperCase(java.util.Locale.ROOT);
            throw new InvalidInputException("Could not parse " + option + ": " + e.getMessage());
        }
        return f;
    }

    static List<?> listOf(Value v, String key) {
        if (v.object() instanceof List<?> l) return l;
        throw new BinderException("read_csv option " + key + " requires a list");
    }

    static List<String> stringList(Value v, String key) {
        List<String> out = new ArrayList<>();
        if (v.object() instanceof List<?> l) {
            for (Object o : l) out.add(String.valueOf(((Value) o).object()));
        } else {
            out.add(text(v, key));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Value> struct(Value v, String key) {
        if (v.object() instanceof Map<?, ?> m) return (Map<String, Value>) m;
        throw new BinderException("read_csv option " + key + " requires a struct as input");
    }

    static LogicalType type(Value v) {
        return typeNamed(String.valueOf(v.object()));
    }

    /** A type given by its SQL name in a string option (read_csv/read_json {@code columns}). */
    static LogicalType typeNamed(String t) {
        try {
            return TypeNames.resolve(Parser.parseType(t));
        } catch (RuntimeException e) {
            throw new io.tealdb.error.CatalogException("Type with name " + t + " does not exist!");
        }
    }
}
