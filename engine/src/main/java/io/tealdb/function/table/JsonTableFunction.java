package io.tealdb.function.table;

import io.tealdb.error.BinderException;
import io.tealdb.error.ConversionException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.NotImplementedException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
 * columns, one file (or 16 MB range of a large newline-delimited file) per morsel in parallel.
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
    /** What each morsel reads, {file, start, end}: a whole file (end -1), or a byte range of a large newline-delimited one. */
    private final List<long[]> morsels;
    /** Large uncompressed newline-delimited files are read in ranges of this many bytes, in parallel. */
    public static final long RANGE_BYTES = 16L << 20;

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
        this.morsels = morsels(files, format, compression);
    }

    /**
     * One morsel per file, except that an uncompressed file larger than two ranges whose first
     * records each lie on one line (not an array) is split into {@link #RANGE_BYTES} ranges, each read
     * from its first line start (DuckDB reads newline-delimited JSON in parallel the same way).
     */
    private static List<long[]> morsels(List<String> files, JsonRecordReader.Format format, String compression) {
        List<long[]> out = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            long size = splittableSize(Path.of(files.get(f)), format, compression);
            if (size <= 2 * RANGE_BYTES) {
                out.add(new long[]{f, 0, -1});
                continue;
            }
            for (long start = 0; start < size; start += RANGE_BYTES) out.add(new long[]{f, start, Math.min(size, start + RANGE_BYTES)});
        }
        return List.copyOf(out);
    }

    /** The size of a file that can be read in ranges, else 0. */
    private static long splittableSize(Path p, JsonRecordReader.Format format, String compression) {
        if (format == JsonRecordReader.Format.ARRAY || !(compression.equals("auto") || compression.equals("none")
                || compression.equals("uncompressed"))) {
            return 0;
        }
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz") || name.endsWith(".zst")) return 0;
        long size;
        try {
            size = java.nio.file.Files.size(p);
        } catch (java.io.IOException | RuntimeException e) {
            return 0; // the reader reports what is wrong with the file
        }
        if (size <= 2 * RANGE_BYTES) return 0;
        // the first records tell whether the file is newline-delimited with one record per line
        try (JsonRecordReader r = new JsonRecordReader(p, format, compression)) {
            for (int i = 0; i < 1000; i++) {
                if (r.inArray()) return 0;
                if (r.next() == null) break;
                if (r.multiLineRecord()) return 0;
            }
        } catch (io.tealdb.error.TealException e) {
            return 0; // read whole: the error comes where it always did
        }
        return size;
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

    /** One file or range per morsel: each thread claims the next one and reads it chunk by chunk. */
    @Override
    public Scan open(int[] columns) {
        int[] projection = columns.clone();
        return new MorselScan(morsels.size(), () -> new FileScan(projection));
    }

    /**
     * One thread's position: the file (or range) it reads. Records are read token by token straight
     * into the projected columns — numbers, strings, dates and booleans without a tree, a boxed value
     * or a String per value where the column's type takes the token as it is; anything else (nested
     * values, other types, a token of another kind) goes through a record tree and {@link JsonCasts}.
     */
    private final class FileScan implements MorselScan.Cursor, JsonRecordReader.RecordVisitor {
        final int[] projection;
        /** Output position of each column name (exact, then lower-cased), among the projected columns. */
        final Map<String, Integer> exact = new java.util.HashMap<>();
        final Map<String, Integer> folded = new java.util.HashMap<>();
        /** The record number that last set each output position (a field the record lacks is NULL). */
        final long[] seen;
        long record;
        int file = -1;
        JsonRecordReader reader;
        Vector[] cols;
        int row;
        byte[] scratch = new byte[256];
        /** The keys of the record being read, to find a repeated one. */
        String[] fieldNames = new String[32];
        int[] fieldHashes = new int[32];
        /** The output position each remembered key goes to (-1: not read). */
        int[] fieldColumns = new int[32];
        /** How many of the remembered keys belong to the previous record. */
        int previousFields;

        FileScan(int[] projection) {
            this.projection = projection;
            this.seen = new long[projection.length];
            for (int k = 0; k < projection.length; k++) {
                if (projection[k] == filenameColumn) continue;
                exact.putIfAbsent(names.get(projection[k]), k);
                folded.putIfAbsent(names.get(projection[k]).toLowerCase(Locale.ROOT), k);
            }
        }

        @Override
        public void start(int m) {
            long[] morsel = morsels.get(m);
            file = (int) morsel[0];
            Path p = Path.of(files.get(file));
            reader = morsel[2] < 0 ? new JsonRecordReader(p, format, compression)
                    : new JsonRecordReader(p, JsonRecordReader.Format.NEWLINE_DELIMITED, compression, morsel[1], morsel[2]);
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
            cols = new Vector[projection.length];
            for (int k = 0; k < projection.length; k++) {
                cols[k] = out.column(k);
                cols[k].reset();
            }
            int n = 0;
            while (n < DataChunk.CAPACITY) {
                row = n;
                if (!reader.next(this)) break;
                n++;
            }
            if (n == 0) return false;
            out.setSize(n);
            return true;
        }

        @Override
        public void visit(JsonParser p, JsonToken first) throws java.io.IOException {
            record++;
            if (!records || first != JsonToken.START_OBJECT) {
                Object rec = io.tealdb.io.json.JsonTree.readStrict(p, first);
                if (records && !ignoreErrors) {
                    throw new InvalidInputException("JSON transform error in file \"" + files.get(file) + "\", in line " + reader.line()
                            + ": Expected OBJECT, but got " + io.tealdb.io.json.JsonTree.typeName(rec));
                }
                for (int k = 0; k < projection.length; k++) {
                    if (projection[k] != filenameColumn) set(cols[k], row, records ? null : rec, types.get(projection[k]));
                }
            } else {
                int fields = 0;
                // records of a file mostly repeat their keys in the same order, and the parser hands out
                // one String instance per name: while this record's keys are the previous record's, in
                // order, neither the repeated-key check nor the column lookup is needed again
                boolean sameKeys = true;
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String name = p.currentName();
                    if (fields == fieldNames.length) {
                        fieldNames = java.util.Arrays.copyOf(fieldNames, fields * 2);
                        fieldHashes = java.util.Arrays.copyOf(fieldHashes, fields * 2);
                        fieldColumns = java.util.Arrays.copyOf(fieldColumns, fields * 2);
                    }
                    int k;
                    if (sameKeys && fields < previousFields && fieldNames[fields] == name) {
                        k = fieldColumns[fields];
                    } else {
                        sameKeys = false;
                        int h = name.hashCode();
                        for (int j = 0; j < fields; j++) {
                            if (fieldHashes[j] == h && (fieldNames[j] == name || fieldNames[j].equals(name))) {
                                throw io.tealdb.io.json.JsonTree.duplicateKey(p, name);
                            }
                        }
                        Integer exactly = exact.get(name);
                        k = exactly != null ? exactly : folded.getOrDefault(name.toLowerCase(Locale.ROOT), -1);
                        fieldNames[fields] = name;
                        fieldHashes[fields] = h;
                        fieldColumns[fields] = k;
                    }
                    fields++;
                    JsonToken value = p.nextToken();
                    // a key matching a column only without case yields to one matching it exactly
                    if (k >= 0 && seen[k] == record && !name.equals(names.get(projection[k]))) k = -1;
                    if (k < 0) {
                        // not read, but DuckDB still rejects a repeated key inside it
                        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) io.tealdb.io.json.JsonTree.readStrict(p, value);
                        continue;
                    }
                    seen[k] = record;
                    value(p, value, cols[k], types.get(projection[k]));
                }
                previousFields = fields;
                for (int k = 0; k < projection.length; k++) {
                    if (seen[k] != record && projection[k] != filenameColumn) set(cols[k], row, null, types.get(projection[k]));
                }
            }
            if (filenameColumn >= 0) {
                for (int k = 0; k < projection.length; k++) if (projection[k] == filenameColumn) cols[k].setString(row, files.get(file));
            }
        }

        /** One field's value token into the column: the common cases directly, the rest through a tree. */
        private void value(JsonParser p, JsonToken t, Vector v, LogicalType type) throws java.io.IOException {
            v.setValid(row); // (a key matched without case may have set the row NULL before)
            switch (t) {
                case VALUE_NUMBER_INT -> {
                    JsonParser.NumberType nt = p.getNumberType();
                    boolean fits = nt == JsonParser.NumberType.INT || nt == JsonParser.NumberType.LONG;
                    switch (type.id()) {
                        case BIGINT -> {
                            if (fits) {
                                v.longs[row] = p.getLongValue();
                                return;
                            }
                        }
                        case INTEGER -> {
                            if (nt == JsonParser.NumberType.INT) {
                                v.ints[row] = p.getIntValue();
                                return;
                            }
                        }
                        case DOUBLE -> {
                            v.doubles[row] = p.getDoubleValue();
                            return;
                        }
                        default -> {
                        }
                    }
                }
                case VALUE_NUMBER_FLOAT -> {
                    if (type.id() == TypeId.DOUBLE) {
                        v.doubles[row] = p.getDoubleValue();
                        return;
                    }
                }
                case VALUE_STRING -> {
                    if (type.id() == TypeId.VARCHAR && string(p, v)) return;
                    if (type.id() == TypeId.DATE) {
                        long d = io.tealdb.types.DateTimeUtil.parseDate(p.getText());
                        if (d != io.tealdb.types.DateTimeUtil.INVALID) {
                            v.ints[row] = (int) d;
                            return;
                        }
                    }
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    if (type.id() == TypeId.BOOLEAN) {
                        v.bytes[row] = (byte) (t == JsonToken.VALUE_TRUE ? 1 : 0);
                        return;
                    }
                }
                case VALUE_NULL -> {
                    set(v, row, null, type);
                    return;
                }
                default -> {
                }
            }
            set(v, row, io.tealdb.io.json.JsonTree.readStrict(p, t), type);
        }

        /** An ASCII string token copied into the vector's heap without a String; false for other text. */
        private boolean string(JsonParser p, Vector v) throws java.io.IOException {
            char[] chars = p.getTextCharacters();
            int off = p.getTextOffset(), len = p.getTextLength();
            if (scratch.length < len) scratch = new byte[Math.max(len, scratch.length * 2)];
            byte[] b = scratch;
            for (int i = 0; i < len; i++) {
                char c = chars[off + i];
                if (c >= 0x80) return false;
                b[i] = (byte) c;
            }
            v.setBytes(row, b, 0, len);
            return true;
        }

        private void set(Vector v, int row, Object node, LogicalType type) {
            if (node == null || node == io.tealdb.io.json.JsonNull.INSTANCE || type.id() == TypeId.SQLNULL) {
                nullSlot(v, row);
                return;
            }
            try {
                v.setObject(row, JsonCasts.convert(node, type));
            } catch (ConversionException | NumberFormatException | ArithmeticException e) {
                if (!ignoreErrors) {
                    throw new ConversionException("JSON file \"" + files.get(file) + "\" line " + reader.line() + ": "
                            + (e.getMessage() == null ? e.toString() : e.getMessage()));
                }
                nullSlot(v, row);
            }
        }
    }

    /** NULL, with an empty in-bounds string slot (copies read string slots without checking validity). */
    private static void nullSlot(Vector v, int row) {
        v.setNull(row);
        if (v.lengths != null && v.offsets != null) {
            v.lengths[row] = 0;
            v.offsets[row] = 0;
        }
    }
}
