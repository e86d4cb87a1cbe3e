package io.tealdb.function.table;

import io.tealdb.error.BinderException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.function.JoinKeyFilter;
import io.tealdb.function.ScanFilter;
import io.tealdb.function.TableFunction;
import io.tealdb.function.cast.Casts;
import io.tealdb.io.FileGlobs;
import io.tealdb.io.HivePartitions;
import io.tealdb.io.parquet.ColumnBuffers;
import io.tealdb.io.parquet.ParquetColumn;
import io.tealdb.io.parquet.ParquetFileReader;
import io.tealdb.io.parquet.ParquetSchema;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code read_parquet(files, ...)} / {@code parquet_scan} / {@code FROM 'x.parquet'}: the files of a
 * name, glob or list (shared with read_csv through {@link FileGlobs}), their footers read at bind
 * time; columns from the first file, or with {@code union_by_name} the union of all files' columns by
 * name; {@code filename} and hive partition columns ({@code key=value} directories, typed BIGINT /
 * DATE / VARCHAR) appended. Scans read only the projected columns, one row group per morsel in
 * parallel, skipping row groups whose statistics and files whose partition values exclude a
 * pushed-down filter.
 */
public final class ParquetTableFunction implements TableFunction {
    private final List<ParquetScanFile> files;
    private final List<String> names;
    private final List<LogicalType> types;
    /** Output column of the file name, or -1. */
    private final int filenameColumn;
    /** Output column of the file's position in the file list (file_index), or -1. */
    private final int fileIndexColumn;
    /** How many of the last output columns are virtual (filename, file_index): not part of {@code *}. */
    private final int virtualColumns;
    /**
     * {@code can_have_nan}: the files' FLOAT/DOUBLE statistics may leave NaN out (Arrow's writer does),
     * so they cannot rule out a row group (NaN compares above every number).
     */
    private final boolean canHaveNan;
    /** The row groups to read, {file, row group}: all, less those the filter hints rule out. */
    private final List<long[]> morsels;
    /** The pushed-down filter hints: they skip row groups, and rows as they are decoded. */
    private final List<ScanFilter> filters;
    /** {@link #statistics(int)} per output column, computed on first use (shared by the filtered copies). */
    private final java.util.concurrent.atomic.AtomicReferenceArray<Object> statistics;
    /** Marks a column whose statistics are unknown in {@link #statistics}. */
    private static final Object UNKNOWN = new Object();

    private ParquetTableFunction(List<ParquetScanFile> files, List<String> names, List<LogicalType> types, int filenameColumn,
                                 int fileIndexColumn, int virtualColumns, boolean canHaveNan, List<ScanFilter> filters,
                                 java.util.concurrent.atomic.AtomicReferenceArray<Object> statistics) {
        this.files = files;
        this.names = names;
        this.types = types;
        this.filenameColumn = filenameColumn;
        this.fileIndexColumn = fileIndexColumn;
        this.virtualColumns = virtualColumns;
        this.canHaveNan = canHaveNan;
        this.morsels = rowGroups(filters);
        this.filters = List.copyOf(filters);
        this.statistics = statistics != null ? statistics : new java.util.concurrent.atomic.AtomicReferenceArray<>(names.size());
    }

    public List<String> names() {
        return names;
    }

    public List<LogicalType> types() {
        return types;
    }

    @Override
    public int virtualColumns() {
        return virtualColumns;
    }

    /** Binds {@code read_parquet}; null when {@code name} is not one of its names. */
    public static ParquetTableFunction bind(String name, List<Value> args, List<String> namedNames, List<Value> named) {
        if (!name.equals("read_parquet") && !name.equals("parquet_scan")) return null;
        if (args.size() != 1) throw new BinderException(name + " requires a file name");
        boolean unionByName = false, binaryAsString = false;
        Boolean hive = null;
        boolean hiveAutocast = true;
        boolean canHaveNan = false;
        String filenameName = null;
        for (int i = 0; i < namedNames.size(); i++) {
            String key = namedNames.get(i).toLowerCase(Locale.ROOT);
            Value v = named.get(i);
            switch (key) {
                case "union_by_name" -> unionByName = bool(v, key);
                case "binary_as_string" -> binaryAsString = bool(v, key);
                case "hive_partitioning" -> hive = bool(v, key);
                case "hive_types_autocast" -> hiveAutocast = bool(v, key);
                case "can_have_nan" -> canHaveNan = bool(v, key);
                case "filename" -> {
                    if (v.object() instanceof String s) filenameName = s;
                    else if (bool(v, key)) filenameName = "filename";
                }
                case "file_row_number", "encryption_config", "schema", "hive_types", "parquet_version" ->
                        throw new NotImplementedException("read_parquet option " + key + " is not supported yet");
                case "compression" -> {
                    // accepted: the codec of every page is in the file
                }
                default -> throw new BinderException("Invalid named parameter \"" + key + "\" for function " + name);
            }
        }
        List<String> paths = FileGlobs.expandArgument(name, args.get(0));

        // footers and schemas (the first file's alone unless union_by_name)
        List<ParquetFileReader> readers = new ArrayList<>();
        for (String p : paths) {
            try (ParquetFileReader r = ParquetFileReader.open(Path.of(p))) {
                readers.add(r);
            }
        }
        LinkedHashMap<String, LogicalType> columns = new LinkedHashMap<>();
        Map<String, String> unsupported = new LinkedHashMap<>();
        for (int i = 0; i < (unionByName ? readers.size() : 1); i++) {
            for (ParquetSchema.Field f : readers.get(i).schema().fields()) {
                LogicalType t = fieldType(f, binaryAsString);
                if (f.type() == null) unsupported.putIfAbsent(f.name(), f.unsupported());
                String key = findName(columns, f.name());
                if (key == null) columns.put(f.name(), t);
                else columns.put(key, widen(columns.get(key), t));
            }
        }
        // hive partitions: present by default when every file's path has them (DuckDB's auto-detection)
        List<Map<String, String>> parts = new ArrayList<>();
        for (String p : paths) parts.add(HivePartitions.of(p));
        boolean useHive = hive != null ? hive : !parts.isEmpty() && parts.stream().allMatch(m -> !m.isEmpty());
        LinkedHashMap<String, LogicalType> hiveColumns = new LinkedHashMap<>();
        if (useHive) {
            for (Map<String, String> m : parts) for (String k : m.keySet()) hiveColumns.putIfAbsent(k, null);
            for (String k : List.copyOf(hiveColumns.keySet())) {
                List<String> values = new ArrayList<>();
                for (Map<String, String> m : parts) if (m.get(k) != null) values.add(m.get(k));
                hiveColumns.put(k, hiveAutocast ? HiveTypes.detect(values) : LogicalType.VARCHAR);
                String existing = findName(columns, k);
                if (existing != null) columns.remove(existing); // the partition value wins over a column of the same name
            }
        }
        List<String> names = new ArrayList<>(columns.keySet());
        List<LogicalType> types = new ArrayList<>(columns.values());
        names.addAll(hiveColumns.keySet());
        types.addAll(hiveColumns.values());
        int filenameColumn = -1;
        if (filenameName != null) {
            if (names.stream().anyMatch(filenameName::equalsIgnoreCase)) {
                throw new BinderException("Option filename adds column \"" + filenameName + "\", but a column with this name is also in the file."
                        + " Try setting a different name: filename='<filename column name>'");
            }
            filenameColumn = names.size();
            names.add(filenameName);
            types.add(LogicalType.VARCHAR);
        }
        // DuckDB's virtual columns: readable by name, left out of *, unless the file has such a column
        int virtualColumns = 0;
        if (names.stream().noneMatch("filename"::equalsIgnoreCase)) {
            filenameColumn = names.size();
            names.add("filename");
            types.add(LogicalType.VARCHAR);
            virtualColumns++;
        }
        int fileIndexColumn = -1;
        if (names.stream().noneMatch("file_index"::equalsIgnoreCase)) {
            fileIndexColumn = names.size();
            names.add("file_index");
            types.add(LogicalType.UBIGINT);
            virtualColumns++;
        }
        List<ParquetScanFile> scanFiles = new ArrayList<>();
        for (int i = 0; i < readers.size(); i++) {
            ParquetFileReader r = readers.get(i);
            int[] fieldOf = new int[names.size()];
            java.util.Arrays.fill(fieldOf, -1);
            List<ParquetSchema.Field> fields = r.schema().fields();
            for (int c = 0; c < columns.size(); c++) {
                String n = names.get(c);
                for (int f = 0; f < fields.size(); f++) {
                    if (fields.get(f).name().equalsIgnoreCase(n)) {
                        fieldOf[c] = f;
                        break;
                    }
                }
                if (fieldOf[c] < 0 && !unionByName) {
                    throw new io.tealdb.error.InvalidInputException("Parquet file \"" + r.path() + "\" has no column \"" + n
                            + "\", which the first file has (use union_by_name=true to combine files with different columns)");
                }
                if (fieldOf[c] >= 0 && !unionByName) {
                    LogicalType ft = fieldType(fields.get(fieldOf[c]), binaryAsString);
                    // a later file's column of another type is cast to the first file's type as it is read
                    // (DuckDB's rule), when such a cast exists
                    if (!ft.equals(types.get(c)) && fields.get(fieldOf[c]).type() != null && !castable(ft, types.get(c))) {
                        throw new io.tealdb.error.InvalidInputException("Parquet file \"" + r.path() + "\": column \"" + n + "\" is "
                                + ft + " but " + types.get(c) + " in the first file (use union_by_name=true to combine them)");
                    }
                }
            }
            Map<String, Value> partValues = new LinkedHashMap<>();
            if (useHive) {
                for (Map.Entry<String, LogicalType> e : hiveColumns.entrySet()) {
                    partValues.put(e.getKey(), HiveTypes.value(parts.get(i).get(e.getKey()), e.getValue()));
                }
            }
            scanFiles.add(new ParquetScanFile(r.path(), r.metadata(), r.schema(), partValues, fieldOf));
        }
        // a nested column fails when read (not at bind), so its file's flat columns stay readable
        return new ParquetTableFunction(List.copyOf(scanFiles), List.copyOf(names), List.copyOf(types), filenameColumn, fileIndexColumn,
                virtualColumns, canHaveNan, List.of(), null);
    }

    /** The type a field reads as; unreadable nested fields show as VARCHAR and fail when read. */
    private static LogicalType fieldType(ParquetSchema.Field f, boolean binaryAsString) {
        if (f.type() == null) return LogicalType.VARCHAR;
        LogicalType t = f.type();
        if (t.id() == TypeId.TIME && f.column() != null && utcTime(f.column().element().logicalType())) {
            return LogicalType.TIME_TZ; // TIME adjusted to UTC reads as TIMETZ at +00 (DuckDB's choice), cast when read
        }
        return binaryAsString && t.id() == TypeId.BLOB ? LogicalType.VARCHAR : t;
    }

    private static boolean castable(LogicalType from, LogicalType to) {
        try {
            Casts.kernel(from, to, false);
            return true;
        } catch (io.tealdb.error.TealException e) {
            return false;
        }
    }

    private static boolean utcTime(io.tealdb.io.parquet.ThriftStruct logical) {
        return logical != null && logical.unionMember() == 7 && logical.struct(7) != null && logical.struct(7).bool(1, false);
    }

    private static String findName(Map<String, LogicalType> columns, String name) {
        for (String k : columns.keySet()) if (k.equalsIgnoreCase(name)) return k;
        return null;
    }

    /** Two files' types of one column (union_by_name): the type both cast to, as for UNION (DuckDB's rule). */
    private static LogicalType widen(LogicalType a, LogicalType b) {
        return a.equals(b) ? a : io.tealdb.function.cast.CastRules.forceMaxLogicalType(a, b);
    }

    private static boolean bool(Value v, String key) {
        if (v.object() instanceof Boolean b) return b;
        if (v.object() instanceof String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "1", "t", "on", "yes" -> true;
                case "false", "0", "f", "off", "no" -> false;
                default -> throw new BinderException("read_parquet option " + key + " requires a boolean");
            };
        }
        if (v.object() instanceof Number n) return n.longValue() != 0;
        throw new BinderException("read_parquet option " + key + " requires a boolean");
    }

    // ---------------------------------------------------------------- TableFunction

    @Override
    public String describe() {
        return "read_parquet('" + files.get(0).path() + "'" + (files.size() > 1 ? ", +" + (files.size() - 1) + " files" : "") + ")"
                + " " + morsels.size() + " row groups";
    }

    @Override
    public long estimatedRows() {
        long n = 0;
        for (ParquetScanFile f : files) n += f.metadata().numRows();
        return n;
    }

    @Override
    public boolean supportsProjection() {
        return true;
    }

    @Override
    public TableFunction withFilters(List<ScanFilter> filters) {
        return new ParquetTableFunction(files, names, types, filenameColumn, fileIndexColumn, virtualColumns, canHaveNan, filters,
                statistics);
    }

    /** From the footers of every file (all row groups, whatever the filter hints skip); null for other than file columns. */
    @Override
    public io.tealdb.storage.ColumnStatistics statistics(int column) {
        if (column < 0 || column >= names.size()) return null;
        Object known = statistics.get(column);
        if (known == null) {
            known = summarize(column);
            statistics.compareAndSet(column, null, known == null ? UNKNOWN : known);
        }
        return known instanceof io.tealdb.storage.ColumnStatistics s ? s : null;
    }

    private io.tealdb.storage.ColumnStatistics summarize(int column) {
        List<ParquetColumnSummary.Chunk> chunks = new ArrayList<>();
        for (ParquetScanFile f : files) {
            int field = f.fieldOf()[column];
            if (field < 0) return null;
            ParquetColumn c = f.schema().fields().get(field).column();
            if (c == null || !c.type().equals(types.get(column))) return null;
            for (io.tealdb.io.parquet.RowGroupMetadata rg : f.metadata().rowGroups()) chunks.add(new ParquetColumnSummary.Chunk(c, rg));
        }
        return ParquetColumnSummary.of(types.get(column), chunks);
    }

    private List<long[]> rowGroups(List<ScanFilter> filters) {
        List<long[]> ms = new ArrayList<>();
        for (int fi = 0; fi < files.size(); fi++) {
            ParquetScanFile f = files.get(fi);
            if (!partitionsMatch(f, filters)) continue;
            for (int g = 0; g < f.metadata().rowGroups().size(); g++) {
                if (f.metadata().rowGroups().get(g).numRows() == 0) continue;
                if (!statisticsMatch(f, g, filters)) continue;
                ms.add(new long[]{fi, g});
            }
        }
        return List.copyOf(ms);
    }

    private boolean partitionsMatch(ParquetScanFile f, List<ScanFilter> filters) {
        for (ScanFilter sf : filters) {
            Value part = f.partitions().get(names.get(sf.column()));
            if (part == null && !f.partitions().containsKey(names.get(sf.column()))) continue;
            if (!HiveTypes.matches(part, sf)) return false;
        }
        return true;
    }

    private boolean statisticsMatch(ParquetScanFile f, int group, List<ScanFilter> filters) {
        for (ScanFilter sf : filters) {
            int field = f.fieldOf()[sf.column()];
            if (field < 0) continue;
            ParquetColumn c = f.schema().fields().get(field).column();
            if (c == null || !c.type().equals(types.get(sf.column()))) continue;
            if (canHaveNan && (c.type().id() == TypeId.FLOAT || c.type().id() == TypeId.DOUBLE)) continue;
            if (!RowGroupStatistics.mayMatch(c, f.metadata().rowGroups().get(group), sf)) return false;
        }
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

    /** Reads the row groups in parallel: each thread claims the next row group and decodes it chunk by chunk. */
    @Override
    public Scan open(int[] columns) {
        return open(columns, List.of());
    }

    @Override
    public boolean repeatable() {
        return true;
    }

    @Override
    public boolean supportsJoinKeyFilters() {
        return true;
    }

    /**
     * As {@link #open(int[])}; row groups whose statistics exclude a join key's range are skipped,
     * and rows whose key cannot find a partner are dropped while decoding, as filter hints are.
     */
    @Override
    public Scan open(int[] columns, List<JoinKeyFilter> keys) {
        if (columns == null) columns = TableFunction.allColumns(names.size());
        for (int id : columns) {
            for (ParquetScanFile f : files) {
                int field = f.fieldOf()[id];
                if (field >= 0 && f.schema().fields().get(field).type() == null) {
                    ParquetSchema.Field nested = f.schema().fields().get(field);
                    throw new NotImplementedException("Parquet file \"" + f.path() + "\": column \"" + nested.name() + "\" is a "
                            + nested.unsupported() + ", which is not supported yet");
                }
            }
        }
        int[] projection = columns.clone();
        List<JoinKeyFilter> joinKeys = List.copyOf(keys);
        return new MorselScan(morsels.size(), () -> new RowGroupScan(projection, joinKeys));
    }

    /**
     * One thread's position: the row group it decodes and where each projected column comes from.
     * With filter hints on flat columns of the file, each batch decodes the filtered columns first,
     * evaluates the hints, and decodes the other columns only for the rows that pass (the filter
     * above the scan still runs; it finds fewer rows).
     */
    private final class RowGroupScan implements MorselScan.Cursor {
        final int[] projection;
        ParquetScanFile file;
        int fileIndex;
        ParquetFileReader.RowGroupReader reader;
        final List<ParquetSchema.Field> read = new ArrayList<>();
        final List<Integer> readTarget = new ArrayList<>();
        Vector[] readInto;
        /** Join key filters known when the scan started. */
        final List<JoinKeyFilter> joinKeys;
        /** The statistics of the current row group exclude a join key: it has no rows to read. */
        boolean skipGroup;
        /** The usable filter hints and join keys of this row group, and which read field each tests; empty: no row skipping. */
        final List<RowSelection> rowFilters = new ArrayList<>();
        final List<Integer> rowFilterField = new ArrayList<>();
        /** Per read field: decoded whole into this vector first because a filter tests it; else null. */
        Vector[] filtered;
        final int[] sel = new int[DataChunk.CAPACITY];
        /** This thread's decoding buffers per projected column, reused from row group to row group. */
        final ColumnBuffers[] buffers;

        RowGroupScan(int[] projection, List<JoinKeyFilter> joinKeys) {
            this.joinKeys = joinKeys;
            buffers = new ColumnBuffers[projection.length];
            this.projection = projection;
        }

        @Override
        public void start(int m) {
            long[] mg = morsels.get(m);
            fileIndex = (int) mg[0];
            file = files.get(fileIndex);
            skipGroup = !joinKeysMayMatch(file, (int) mg[1]);
            if (skipGroup) return;
            read.clear();
            readTarget.clear();
            for (int k = 0; k < projection.length; k++) {
                int field = file.fieldOf()[projection[k]];
                if (field < 0) continue;
                read.add(file.schema().fields().get(field));
                readTarget.add(k);
            }
            ColumnBuffers[] b = new ColumnBuffers[read.size()];
            for (int i = 0; i < b.length; i++) {
                int k = readTarget.get(i);
                if (buffers[k] == null) buffers[k] = new ColumnBuffers();
                b[i] = buffers[k];
            }
            try (ParquetFileReader r = ParquetFileReader.open(file.path(), file.metadata(), file.schema())) {
                reader = r.rowGroup((int) mg[1], read, b);
            }
            readInto = new Vector[read.size()];
            rowFilters.clear();
            rowFilterField.clear();
            filtered = new Vector[read.size()];
            if (!reader.flat()) return;
            for (ScanFilter f : filters) {
                int field = file.fieldOf()[f.column()];
                if (field < 0) continue;
                int i = read.indexOf(file.schema().fields().get(field));
                if (i < 0 || !read.get(i).type().equals(types.get(f.column()))) continue;
                ScanFilterSelection s = ScanFilterSelection.of(f, read.get(i).type());
                if (!s.usable()) continue;
                rowFilters.add(s);
                rowFilterField.add(i);
                if (filtered[i] == null) filtered[i] = new Vector(read.get(i).type());
            }
            for (JoinKeyFilter k : joinKeys) {
                int field = file.fieldOf()[k.column()];
                if (field < 0) continue;
                int i = read.indexOf(file.schema().fields().get(field));
                if (i < 0 || !read.get(i).type().equals(types.get(k.column()))) continue;
                rowFilters.add(new JoinKeySelection(k));
                rowFilterField.add(i);
                if (filtered[i] == null) filtered[i] = new Vector(read.get(i).type());
            }
        }

        /** Whether row group {@code group}'s statistics allow every join key's range. */
        private boolean joinKeysMayMatch(ParquetScanFile f, int group) {
            for (JoinKeyFilter k : joinKeys) {
                if (k.min() > k.max()) return false;
                int field = f.fieldOf()[k.column()];
                if (field < 0) continue;
                ParquetColumn c = f.schema().fields().get(field).column();
                LogicalType t = types.get(k.column());
                if (c == null || !c.type().equals(t)) continue;
                io.tealdb.io.parquet.RowGroupMetadata rg = f.metadata().rowGroups().get(group);
                if (!RowGroupStatistics.mayMatch(c, rg, new ScanFilter(k.column(), ScanFilter.Op.GE, keyValue(t, k.min())))
                        || !RowGroupStatistics.mayMatch(c, rg, new ScanFilter(k.column(), ScanFilter.Op.LE, keyValue(t, k.max())))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void finish() {
            reader = null; // the decoded pages of a finished row group can go
        }

        @Override
        public boolean next(DataChunk out) {
            if (skipGroup) return false;
            while (true) {
                int n = reader.batchRows();
                if (n == 0) return false;
                for (int i = 0; i < read.size(); i++) {
                    Vector target = out.column(readTarget.get(i));
                    target.reset();
                    if (target.type.equals(read.get(i).type())) {
                        readInto[i] = target;
                    } else {
                        if (readInto[i] == null || readInto[i] == target) readInto[i] = new Vector(read.get(i).type());
                        readInto[i].reset();
                    }
                }
                int count = n;
                int[] keep = null;
                if (!rowFilters.isEmpty()) {
                    for (int i = 0; i < read.size(); i++) {
                        if (filtered[i] == null) continue;
                        filtered[i].reset();
                        reader.read(i, filtered[i], n, null, n);
                    }
                    for (int r = 0; r < n; r++) sel[r] = r;
                    for (int f = 0; f < rowFilters.size() && count > 0; f++) {
                        count = rowFilters.get(f).select(filtered[rowFilterField.get(f)], sel, count);
                    }
                    keep = count == n ? null : sel;
                    for (int i = 0; i < read.size(); i++) {
                        if (filtered[i] != null && count > 0) readInto[i].copyFrom(filtered[i], keep, 0, count, 0);
                    }
                }
                for (int i = 0; i < read.size(); i++) {
                    if (filtered[i] == null) reader.read(i, readInto[i], n, keep, count);
                }
                reader.advance(n);
                if (count == 0) continue; // every row of the batch failed a filter
                for (int i = 0; i < read.size(); i++) {
                    Vector target = out.column(readTarget.get(i));
                    if (readInto[i] != target) Casts.kernel(readInto[i].type, target.type, false).execute(new Vector[]{readInto[i]}, count, target);
                }
                for (int k = 0; k < projection.length; k++) {
                    int id = projection[k];
                    if (file.fieldOf()[id] >= 0) continue;
                    Vector v = out.column(k);
                    v.reset();
                    if (id == filenameColumn) {
                        constantString(v, file.path().toString(), count);
                    } else if (id == fileIndexColumn) {
                        java.util.Arrays.fill(v.longs, 0, count, fileIndex); // UBIGINT: low word, high word 0
                        java.util.Arrays.fill(v.highs, 0, count, 0L);
                    } else {
                        constant(v, file.partitions().get(names.get(id)), count);
                    }
                }
                out.setSize(count);
                return true;
            }
        }
    }

    private static Value keyValue(LogicalType t, long v) {
        return t.id() == TypeId.INTEGER ? new Value(t, (int) v) : new Value(t, v);
    }

    private static void constantString(Vector v, String s, int n) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        v.setBytes(0, b, 0, b.length);
        for (int r = 1; r < n; r++) {
            v.offsets[r] = v.offsets[0];
            v.lengths[r] = b.length;
        }
    }

    private static void constant(Vector v, Value value, int n) {
        if (value == null || value.isNull()) {
            for (int r = 0; r < n; r++) v.setNull(r);
            if (v.lengths != null) {
                // NULL strings still need in-bounds (empty) slots: copies read them without checking validity
                java.util.Arrays.fill(v.lengths, 0, n, 0);
                java.util.Arrays.fill(v.offsets, 0, n, 0);
            }
            return;
        }
        switch (v.type.id()) {
            case BIGINT -> java.util.Arrays.fill(v.longs, 0, n, (Long) value.object());
            case DATE -> java.util.Arrays.fill(v.ints, 0, n, (Integer) value.object());
            default -> constantString(v, String.valueOf(value.object()), n);
        }
    }
}
