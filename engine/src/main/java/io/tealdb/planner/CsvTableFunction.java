package io.tealdb.planner;

import io.tealdb.error.BinderException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.error.TealIOException;
import io.tealdb.function.TableFunction;
import io.tealdb.io.csv.CsvOptions;
import io.tealdb.io.csv.CsvReader;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code read_csv(path, ...)}, {@code read_csv_auto(path, ...)} and {@code FROM 'file.csv'}: sniffs
 * delimiter, header and column types from the first lines (unless given), then reads with the
 * storage package's {@link CsvReader}. The sniffer is deliberately simple: per column the narrowest
 * of BOOLEAN, BIGINT, DOUBLE, DATE, TIMESTAMP, VARCHAR that parses every sampled value.
 */
final class CsvTableFunction implements TableFunction {
    private static final int SAMPLE_LINES = 1000;
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DOUBLE = Pattern.compile("[+-]?(\\d+\\.?\\d*([eE][+-]?\\d+)?|\\.\\d+([eE][+-]?\\d+)?|inf|infinity|nan)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}[ T]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");

    private final Path path;
    private final List<String> names;
    private final List<LogicalType> types;
    private final CsvOptions options;

    private CsvTableFunction(Path path, List<String> names, List<LogicalType> types, CsvOptions options) {
        this.path = path;
        this.names = names;
        this.types = types;
        this.options = options;
    }

    static FunctionResolver.BoundTableFunction bind(String name, List<Value> args, List<String> namedNames, List<Value> named) {
        if (!name.equals("read_csv") && !name.equals("read_csv_auto")) return null;
        if (args.size() != 1 || args.get(0).isNull()) throw new BinderException(name + " requires a file name");
        String file = String.valueOf(args.get(0).object());
        if (file.contains("*") || file.contains("?")) throw new NotImplementedException("glob patterns in read_csv are not supported yet");
        Path path = Path.of(file);
        if (!Files.exists(path)) throw new TealIOException("No files found that match the pattern \"" + file + "\"");
        Character delimiter = null;
        Boolean header = null;
        byte quote = '"';
        Byte escape = null;
        String nullString = "";
        int skip = 0;
        for (int i = 0; i < namedNames.size(); i++) {
            String key = namedNames.get(i);
            Value v = named.get(i);
            String text = v.isNull() ? null : String.valueOf(v.object());
            switch (key) {
                case "delim", "sep", "delimiter" -> delimiter = text == null || text.isEmpty() ? null : text.equals("\\t") ? '\t' : text.charAt(0);
                case "header" -> header = text == null || Boolean.parseBoolean(text) || text.equals("1");
                case "quote" -> quote = text == null || text.isEmpty() ? CsvOptions.NO_QUOTE : (byte) text.charAt(0);
                case "escape" -> escape = text == null || text.isEmpty() ? null : (byte) text.charAt(0);
                case "nullstr", "null" -> nullString = text == null ? "" : text;
                case "skip" -> skip = Integer.parseInt(text);
                case "auto_detect", "sample_size", "all_varchar" -> {
                    // auto_detect/sample_size: always sniffed; all_varchar: applied below
                }
                default -> throw new NotImplementedException("read_csv option " + key + " is not supported yet");
            }
        }
        boolean allVarchar = false;
        for (int i = 0; i < namedNames.size(); i++) {
            if (namedNames.get(i).equals("all_varchar") && !named.get(i).isNull() && Boolean.parseBoolean(String.valueOf(named.get(i).object()))) {
                allVarchar = true;
            }
        }
        List<String> lines = sample(path, skip);
        if (delimiter == null) delimiter = sniffDelimiter(lines, (char) quote);
        List<List<String>> rows = new ArrayList<>();
        for (String l : lines) rows.add(split(l, delimiter, (char) quote));
        int width = rows.isEmpty() ? 1 : rows.get(0).size();
        List<LogicalType> types = new ArrayList<>();
        List<LogicalType> firstRowTypes = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            types.add(columnType(rows, c, 1, nullString));
            firstRowTypes.add(rows.isEmpty() ? LogicalType.VARCHAR : columnType(rows.subList(0, 1), c, 0, nullString));
        }
        if (header == null) {
            // a header row has text where the data below is typed, or (all text) no empty names
            boolean differs = false;
            for (int c = 0; c < width; c++) {
                if (types.get(c).id() != io.tealdb.types.TypeId.VARCHAR && firstRowTypes.get(c).id() == io.tealdb.types.TypeId.VARCHAR) differs = true;
            }
            header = differs;
        }
        if (!header) {
            for (int c = 0; c < width; c++) types.set(c, columnType(rows, c, 0, nullString));
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            String n = header && !rows.isEmpty() && c < rows.get(0).size() && !rows.get(0).get(c).isBlank()
                    ? rows.get(0).get(c).strip() : "column" + c;
            names.add(n);
            if (allVarchar) types.set(c, LogicalType.VARCHAR);
        }
        CsvOptions options = new CsvOptions((byte) (char) delimiter, header, quote, escape == null ? quote : escape, nullString, skip);
        return new FunctionResolver.BoundTableFunction(new CsvTableFunction(path, names, types, options), names, types);
    }

    private static List<String> sample(Path path, int skip) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null && lines.size() < SAMPLE_LINES) {
                if (n++ < skip) continue;
                if (!line.isEmpty()) lines.add(line);
            }
        } catch (IOException e) {
            throw new TealIOException("Could not read file \"" + path + "\": " + e.getMessage(), e);
        }
        return lines;
    }

    private static char sniffDelimiter(List<String> lines, char quote) {
        char best = ',';
        int bestWidth = 0;
        for (char d : new char[]{',', '|', ';', '\t'}) {
            int width = -1;
            boolean consistent = true;
            for (String l : lines.subList(0, Math.min(lines.size(), 50))) {
                int w = split(l, d, quote).size();
                if (width < 0) width = w;
                else if (w != width) consistent = false;
            }
            if (consistent && width > bestWidth) {
                best = d;
                bestWidth = width;
            }
        }
        return best;
    }

    /** Splits one line at {@code delimiter}, honouring quotes (a doubled quote is a literal quote). */
    static List<String> split(String line, char delimiter, char quote) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quote != 0 && ch == quote) {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == quote) {
                    sb.append(quote);
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == delimiter && !quoted) {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(ch);
            }
        }
        out.add(sb.toString());
        return out;
    }

    private static LogicalType columnType(List<List<String>> rows, int column, int fromRow, String nullString) {
        boolean bool = true, integer = true, dbl = true, date = true, timestamp = true, any = false;
        for (int r = fromRow; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (column >= row.size()) continue;
            String v = row.get(column).strip();
            if (v.isEmpty() || v.equals(nullString)) continue;
            any = true;
            String lower = v.toLowerCase(Locale.ROOT);
            bool &= lower.equals("true") || lower.equals("false");
            integer &= INTEGER.matcher(v).matches() && fitsLong(v);
            dbl &= DOUBLE.matcher(v).matches();
            date &= DATE.matcher(v).matches();
            timestamp &= TIMESTAMP.matcher(v).matches() || DATE.matcher(v).matches();
        }
        if (!any) return LogicalType.VARCHAR;
        if (bool) return LogicalType.BOOLEAN;
        if (integer) return LogicalType.BIGINT;
        if (dbl) return LogicalType.DOUBLE;
        if (date) return LogicalType.DATE;
        if (timestamp) return LogicalType.TIMESTAMP;
        return LogicalType.VARCHAR;
    }

    private static boolean fitsLong(String v) {
        try {
            Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return "read_csv('" + path + "')";
    }

    @Override
    public long estimatedRows() {
        try {
            return Math.max(1, Files.size(path) / 32);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public Scan open() {
        CsvReader reader = new CsvReader(path, names, types, options);
        return new Scan() {
            boolean done;

            @Override
            public boolean next(DataChunk out) {
                if (done) return false;
                if (reader.next(out)) return true;
                done = true;
                reader.close();
                return false;
            }
        };
    }
}
