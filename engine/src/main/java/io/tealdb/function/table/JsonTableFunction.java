package io.tealdb.function.table;

import io.tealdb.error.BinderException;
import io.tealdb.error.ConversionException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.function.TableFunction;
import io.tealdb.function.cast.JsonCasts;
import io.tealdb.io.FileGlobs;
import io.tealdb.io.json.JsonRecordReader;
import io.tealdb.io.json.JsonTypeInference;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code read_json(files, ...)}, {@code read_json_auto}, {@code read_ndjson[_auto]} and
 * {@code FROM 'x.json' | 'x.ndjson' | 'x.jsonl'} (also .gz / .zst): the files of a name, glob or
 * list, read with Jackson's streaming parser ({@link JsonRecordReader}). Without {@code columns},
 * the schema is inferred from the first {@code sample_size} records of the files
 * ({@link JsonTypeInference}): records that are all objects give one column per key (nested objects
 * STRUCT, arrays LIST), anything else one column {@code json}. Scans convert only the projected
 * columns, one file per morsel in parallel.
 */
public final class JsonTableFunction implements TableFunction {
    private final List<String> files;
    private final List<String> names;
    private final List<LogicalType> types;
    /** Records are objects whose keys are the columns (else each record is the one column's value). */
    private final boolean records;
    private final JsonRecordReader.Format format;
    private final String compression;
    private final boolean ignoreErrors;
    private final int filenameColumn;

    private JsonTableFunction(List<String> files, List<String> names, List<LogicalType> types, boolean records,
                              JsonRecordReader.Format format, String compression, boolean ignoreErrors, int filenameColumn) {
        this.files = files;
        this.names = names;
        this.types = types;
        this.records = records;
        this.format = format;
        this.compression = compression;
        this.ignoreErrors = ignoreErrors;
        this.filenameColumn = filenameColumn;
    }

    public List<String> names() {
        return names;
    }

    public List<LogicalType> types() {
        return types;
    }

    /** The records of one file (format auto) read into the given columns, as COPY ... FROM 'x.json' does. */
    public static JsonTableFunction ofColumns(String file, List<String> names, List<LogicalType> types) {
        return new JsonTableFunction(List.of(file), List.copyOf(names), List.copyOf(types), true, JsonRecordReader.Format.AUTO, "auto", false, -1);
    }

    /** True for the names this function binds. */
    public static boolean handles(String name) {
        return switch (name) {
            case "read_json", "read_json_auto", "read_ndjson", "read_ndjson_auto" -> true;
            default -> false;
        };
    }

    /**
     * Binds one of its names ({@code parseType} turns a type name of the {@code columns} option
     * into a type); null when {@code name} is not one of them.
     */
    public static JsonTableFunction bind(String name, List<Value> args, List<String> namedNames, List<Value> named,
                                         Function<String, LogicalType> parseType) {
        if (!handles(name)) return null;
        if (args.size() != 1 || args.get(0).isNull()) throw new BinderException(name + " requires a file name");
        JsonRecordReader.Format format = name.startsWith("read_ndjson") ? JsonRecordReader.Format.NEWLINE_DELIMITED : JsonRecordReader.Format.AUTO;
        String recordsOption = "auto";
        LinkedHashMap<String, LogicalType> columns = null;
        long sampleSize = 20480;
        boolean ignoreErrors = false;
        String compression = "auto";
        String filenameName = null;
        long maximumDepth = -1;
        for (int i = 0; i < namedNames.size(); i++) {
            String key = namedNames.get(i).toLowerCase(Locale.ROOT);
            Value v = named.get(i);
            switch (key) {
                case "format" -> format = switch (text(v, key).toLowerCase(Locale.ROOT)) {
                    case "auto" -> JsonRecordReader.Format.AUTO;
                    case "newline_delimited", "nd", "ndjson" -> JsonRecordReader.Format.NEWLINE_DELIMITED;
                    case "array" -> JsonRecordReader.Format.ARRAY;
                    case "unstructured" -> JsonRecordReader.Format.NEWLINE_DELIMITED;
                    default -> throw new BinderException("format must be one of ['auto', 'unstructured', 'newline_delimited', 'array']");
                };
                case "records" -> {
                    recordsOption = v.object() instanceof Boolean b ? String.valueOf(b) : text(v, key).toLowerCase(Locale.ROOT);
                    if (!List.of("auto", "true", "false").contains(recordsOption)) {
                        throw new BinderException("read_json requires \"records\" to be one of ['auto', 'true', 'false']");
                    }
                }
                case "columns" -> {
                    if (!(v.object() instanceof Map<?, ?> m)) throw new BinderException("read_json \"columns\" parameter requires a struct as input.");
                    columns = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        if (!(((Value) e.getValue()).object() instanceof String)) {
                            throw new BinderException("read_json \"columns\" parameter type specification must be VARCHAR.");
                        }
                        String typeName = String.valueOf(((Value) e.getValue()).object());
                        columns.put(String.valueOf(e.getKey()), parseType.apply(typeName));
                    }
                    if (columns.isEmpty()) throw new BinderException("read_json \"columns\" parameter needs at least one column.");
                }
                case "sample_size" -> {
                    sampleSize = number(v, key);
                    if (sampleSize == -1) sampleSize = Long.MAX_VALUE;
                    else if (sampleSize <= 0) throw new BinderException("read_json \"sample_size\" parameter must be positive, or -1 to sample all input files entirely, up to \"maximum_sample_files\" files.");
                }
                case "ignore_errors" -> ignoreErrors = bool(v, key);
                case "compression" -> compression = text(v, key).toLowerCase(Locale.ROOT);
                case "filename" -> {
                    if (v.object() instanceof String s) filenameName = s;
                    else if (bool(v, key)) filenameName = "filename";
                }
                case "maximum_depth" -> {
                    maximumDepth = number(v, key);
                    if (maximumDepth < -1) throw new BinderException("read_json \"maximum_depth\" parameter must be -1 (no limit) or positive");
                }
                case "auto_detect", "union_by_name", "maximum_object_size", "convert_strings_to_integers",
                     "field_appearance_threshold", "map_inference_threshold", "maximum_sample_files", "hive_partitioning" -> {
                    // accepted: inference always runs over the sample, every file is read by name
                }
                case "dateformat", "date_format", "timestampformat", "timestamp_format" -> {
                    if (!text(v, key).equalsIgnoreCase("auto") && !text(v, key).equalsIgnoreCase("iso")) {
                        throw new NotImplementedException("read_json option " + key + " with a format other than 'auto'/'iso' is not supported yet");
                    }
                }
                default -> throw new BinderException("Invalid named parameter \"" + key + "\" for function " + name);
            }
        }
        List<String> paths = FileGlobs.expandArgument(name, args.get(0));

        List<String> names = new ArrayList<>();
        List<LogicalType> types = new ArrayList<>();
        boolean records;
        if (columns != null) {
            names.addAll(columns.keySet());
            types.addAll(columns.values());
            records = !recordsOption.equals("false");
        } else {
            JsonTypeInference inference = new JsonTypeInference();
            long sampled = 0;
            for (String p : paths) {
                if (sampled >= sampleSize) break;
                try (JsonRecordReader r = new JsonRecordReader(Path.of(p), format, compression)) {
                    for (Object rec = r.next(); rec != null && sampled < sampleSize; rec = r.next()) {
                        inference.add(rec);
                        sampled++;
                    }
                }
            }
            records = switch (recordsOption) {
                case "true" -> {
                    if (sampled > 0 && !inference.allObjects()) {
                        throw new InvalidInputException("read_json: records=true but the file holds records that are not objects");
                    }
                    yield true;
                }
                case "false" -> false;
                default -> sampled > 0 && inference.allObjects() && !inference.columns().isEmpty();
            };
            if (records) {
                for (Map.Entry<String, LogicalType> e : inference.columns().entrySet()) {
                    names.add(e.getKey());
                    types.add(capDepth(e.getValue(), 1, maximumDepth));
                }
            } else {
                names.add("json");
                LogicalType t = inference.type();
                types.add(sampled == 0 ? LogicalType.JSON : capDepth(t, 0, maximumDepth));
            }
        }
        int filenameColumn = -1;
        if (filenameName != null) {
            filenameColumn = names.size();
            names.add(filenameName);
            types.add(LogicalType.VARCHAR);
        }
        return new JsonTableFunction(List.copyOf(paths), List.copyOf(names), List.copyOf(types), records, format, compression,
                ignoreErrors, filenameColumn);
    }

    /**
     * maximum_depth: values nested {@code max} levels deep (a record's fields are level 1) are not
     * inferred further but kept as JSON, as DuckDB does; -1 is no limit.
     */
    private static LogicalType capDepth(LogicalType t, int depth, long max) {
        if (max < 0) return t;
        if (depth >= max) return LogicalType.JSON;
        return switch (t.id()) {
            case STRUCT -> LogicalType.struct(t.children().stream()
                    .map(f -> new io.tealdb.types.TypeField(f.name(), capDepth(f.type(), depth + 1, max))).toList());
            case LIST -> LogicalType.list(capDepth(t.childType(), depth + 1, max));
            case MAP -> LogicalType.map(t.mapKey(), capDepth(t.mapValue(), depth + 1, max));
            default -> t;
        };
    }

    private static String text(Value v, String key) {
        if (v.isNull() || v.object() instanceof List<?> || v.object() instanceof Map<?, ?>) {
            throw new BinderException("read_json option " + key + " requires a string");
        }
        return String.valueOf(v.object());
    }

    private static long number(Value v, String key) {
        if (v.object() instanceof Number n) return n.longValue();
        throw new BinderException("read_json option " + key + " requires an integer");
    }

    private static boolean bool(Value v, String key) {
        if (v.object() instanceof Boolean b) return b;
        if (v.object() instanceof Number n) return n.longValue() != 0;
        if (v.object() instanceof String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "1", "t", "on", "yes" -> true;
                case "false", "0", "f", "off", "no" -> false;
                default -> throw new BinderException("read_json option " + key + " requires a boolean");
            };
        }
        throw new BinderException("read_json option " + key + " requires a boolean");
    }

    // ---------------------------------------------------------------- TableFunction

    @Override
    public String describe() {
        return "read_json('" + files.get(0) + "'" + (files.size() > 1 ? ", +" + (files.size() - 1) + " files" : "") + ")";
    }

    @Override
    public long estimatedRows() {
        return -1;
    }

    @Override
    public boolean supportsProjection() {
        return true;
    }

    @Override
    public boolean parallel() {
        return true;
    }

    @Override
    public Scan open() {
        return open(TableFunction.allColumns(names.size()));
    }

    /** One file per morsel: each thread claims the next file and reads it chunk by chunk. */
    @Override
    public Scan open(int[] columns) {
        int[] projection = columns.clone();
        return new MorselScan(files.size(), () -> new FileScan(projection));
    }

    /** One thread's position: the file it reads. */
    private final class FileScan implements MorselScan.Cursor {
        final int[] projection;
        int file = -1;
        JsonRecordReader reader;

        FileScan(int[] projection) {
            this.projection = projection;
        }

        @Override
        public void start(int f) {
            file = f;
            reader = new JsonRecordReader(Path.of(files.get(f)), format, compression);
        }

        @Override
        public void finish() {
            if (reader != null) {
                reader.close();
                reader = null;
            }
        }

        @Override
        public boolean next(DataChunk out) {
            Vector[] cols = new Vector[projection.length];
            for (int k = 0; k < projection.length; k++) {
                cols[k] = out.column(k);
                cols[k].reset();
            }
            int n = 0;
            while (n < DataChunk.CAPACITY) {
                Object rec = reader.next();
                if (rec == null) break;
                for (int k = 0; k < projection.length; k++) {
                    int c = projection[k];
                    if (c == filenameColumn) {
                        cols[k].setString(n, files.get(file));
                        continue;
                    }
                    Object node;
                    if (records) {
                        node = rec instanceof Map<?, ?> m ? lookup(m, names.get(c)) : null;
                        if (!(rec instanceof Map<?, ?>) && !ignoreErrors) {
                            throw new InvalidInputException("JSON transform error in file \"" + files.get(file) + "\", in line " + reader.line()
                                    + ": Expected OBJECT, but got " + io.tealdb.io.json.JsonTree.typeName(rec));
                        }
                    } else {
                        node = rec;
                    }
                    set(cols[k], n, node, types.get(c));
                }
                n++;
            }
            if (n == 0) return false;
            out.setSize(n);
            return true;
        }

        private void set(Vector v, int row, Object node, LogicalType type) {
            if (type.id() == TypeId.SQLNULL) {
                v.setNull(row);
                return;
            }
            try {
                v.setObject(row, JsonCasts.convert(node, type));
            } catch (ConversionException | NumberFormatException | ArithmeticException e) {
                if (!ignoreErrors) {
                    throw new ConversionException("JSON file \"" + files.get(file) + "\" line " + reader.line() + ": "
                            + (e.getMessage() == null ? e.toString() : e.getMessage()));
                }
                v.setNull(row);
            }
        }
    }

    private static Object lookup(Map<?, ?> m, String name) {
        Object v = m.get(name);
        if (v != null) return v;
        for (Map.Entry<?, ?> e : m.entrySet()) if (((String) e.getKey()).equalsIgnoreCase(name)) return e.getValue();
        return null;
    }
}
