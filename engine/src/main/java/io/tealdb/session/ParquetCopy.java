package io.tealdb.session;

import io.tealdb.error.BinderException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.error.TealIOException;
import io.tealdb.execution.ResultStream;
import io.tealdb.function.cast.Casts;
import io.tealdb.io.parquet.ParquetEnums;
import io.tealdb.io.parquet.ParquetFieldIds;
import io.tealdb.io.parquet.ParquetWriteOptions;
import io.tealdb.io.parquet.ParquetWriter;
import io.tealdb.parser.ast.Option;
import io.tealdb.planner.Binder;
import io.tealdb.planner.BoundQuery;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code COPY (query) TO 'file.parquet' (FORMAT parquet, COMPRESSION …, ROW_GROUP_SIZE …,
 * KV_METADATA {…}, FIELD_IDS {…}|'auto', PARTITION_BY (cols), PER_THREAD_OUTPUT, RETURN_FILES)}: the
 * query's chunks into a {@link ParquetWriter}; with PARTITION_BY, into one file per partition under
 * {@code dir/col=value/…/data_0.parquet} (the partition columns are left out of the files, as DuckDB
 * does); with PER_THREAD_OUTPUT, into {@code dir/data_N.parquet}, one file per writer thread.
 * RETURN_FILES makes the result (Count, Files) instead of the row count alone.
 */
final class ParquetCopy {
    private ParquetCopy() {
    }

    /** True when COPY ... TO writes Parquet: FORMAT parquet, or no FORMAT and a .parquet file name. */
    static boolean isParquet(List<Option> options, String file, Binder binder) {
        for (Option o : options) {
            if (o.name().text().equalsIgnoreCase("format") && !o.values().isEmpty()) {
                Value v = binder.copyOptionValue(o.values().get(0));
                return !v.isNull() && String.valueOf(v.object()).equalsIgnoreCase("parquet");
            }
        }
        String lower = file.toLowerCase(Locale.ROOT);
        return lower.endsWith(".parquet") || lower.endsWith(".parq");
    }

    /** Rows written and the files written, in the order they were created. */
    private record Written(long rows, List<String> files) {
    }

    static QueryResultImpl copy(ClientContextImpl ctx, io.tealdb.storage.Transaction txn, BoundQuery q, String file, List<Option> options,
                                Binder binder) {
        int codec = ParquetEnums.SNAPPY;
        long rowGroupSize = ParquetWriteOptions.DEFAULT_ROW_GROUP_SIZE;
        int level = 3;
        Map<String, String> kv = new LinkedHashMap<>();
        List<String> partitionBy = new ArrayList<>();
        boolean writePartitionColumns = false;
        boolean hivePattern = true;
        boolean useTmpFile = true;
        int pageVersion = 1;
        boolean overwrite = false, overwriteOrIgnore = false;
        boolean returnFiles = false, perThread = false, returnStats = false;
        Value fieldIds = null;
        for (Option o : options) {
            String name = o.name().text().toLowerCase(Locale.ROOT);
            Value v = o.values().isEmpty() ? Value.ofBoolean(true) : binder.copyOptionValue(o.values().get(0));
            switch (name) {
                case "use_tmp_file" -> useTmpFile = flag(v, name);
                case "parquet_version" -> pageVersion = switch (String.valueOf(v.object()).strip().toUpperCase(Locale.ROOT)) {
                    case "V1", "1" -> 1;
                    case "V2", "2" -> 2;
                    default -> throw new BinderException("PARQUET_VERSION must be V1 or V2, not \"" + v.object() + "\"");
                };
                case "overwrite" -> overwrite = flag(v, name);
                case "overwrite_or_ignore" -> overwriteOrIgnore = flag(v, name);
                case "format", "row_group_size_bytes", "preserve_order" -> {
                    // format already chosen; the rest only tune DuckDB's own writer
                }
                case "compression", "codec" -> codec = codec(String.valueOf(v.object()));
                case "compression_level" -> level = (int) number(v, name);
                case "row_group_size", "row_group_size_rows" -> {
                    rowGroupSize = number(v, name);
                    if (rowGroupSize <= 0) throw new BinderException("ROW_GROUP_SIZE must be greater than 0");
                }
                case "kv_metadata" -> {
                    if (!(v.object() instanceof Map<?, ?> map)) throw new BinderException("KV_METADATA requires a struct, e.g. {key: 'value'}");
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        Value val = (Value) e.getValue();
                        kv.put(String.valueOf(e.getKey()), val.isNull() ? null : String.valueOf(val.object()));
                    }
                }
                case "partition_by" -> {
                    for (var e : o.values()) {
                        // a column named like a niladic function (PARTITION_BY user) is the column
                        if (e instanceof io.tealdb.parser.ast.FunctionCall fc && fc.args().isEmpty()) partitionBy.add(fc.name().last().text());
                        else partitionBy.add(String.valueOf(binder.copyOptionValue(e).object()));
                    }
                }
                case "write_partition_columns" -> writePartitionColumns = flag(v, name);
                case "return_files" -> returnFiles = flag(v, name);
                case "per_thread_output" -> perThread = flag(v, name);
                case "field_ids" -> fieldIds = v;
                case "return_stats" -> {
                    if (flag(v, name)) returnStats = true;
                }
                case "hive_file_pattern" -> hivePattern = flag(v, name);
                default -> throw CopyOptionNames.unsupported(o.name().text(), "Parquet", o.pos());
            }
        }
        if (overwrite && overwriteOrIgnore) throw new BinderException("Can only set one of OVERWRITE_OR_IGNORE or OVERWRITE");
        if (returnStats && returnFiles) throw new BinderException("RETURN_FILES and RETURN_STATS cannot be used together");
        if (returnStats) throw new NotImplementedException("COPY option RETURN_STATS is not supported yet for Parquet");
        if (perThread && !partitionBy.isEmpty()) throw new NotImplementedException("Can't combine PER_THREAD_OUTPUT and PARTITIONED BY for COPY");
        ParquetFieldIds ids = null;
        if (fieldIds != null) {
            List<String> names = new ArrayList<>();
            List<LogicalType> types = new ArrayList<>();
            for (int c = 0; c < q.names().size(); c++) {
                final String col = q.names().get(c);
                if (writePartitionColumns || partitionBy.stream().noneMatch(col::equalsIgnoreCase)) {
                    names.add(col);
                    types.add(q.types().get(c));
                }
            }
            ids = FieldIdsOption.parse(fieldIds, names, types);
        }
        ParquetWriteOptions opts = new ParquetWriteOptions(codec, rowGroupSize, level, java.util.Collections.unmodifiableMap(kv), pageVersion,
                ids);
        Written written;
        if (perThread) {
            prepareDirectory(Path.of(file), overwrite, overwriteOrIgnore);
            written = perThread(ctx, txn, q, Path.of(file), opts);
        } else if (partitionBy.isEmpty()) {
            written = single(ctx, txn, q, Path.of(file), opts, useTmpFile);
        } else {
            prepareDirectory(Path.of(file), overwrite, overwriteOrIgnore);
            written = partitioned(ctx, txn, q, Path.of(file), partitionBy, opts, writePartitionColumns, hivePattern);
        }
        if (!returnFiles) return QueryResultImpl.updateCount(written.rows());
        List<Object> files = new ArrayList<>(written.files());
        return QueryResultImpl.materialized(List.of("Count", "Files"), List.of(LogicalType.BIGINT, LogicalType.list(LogicalType.VARCHAR)),
                List.of(List.of(Value.ofBigint(written.rows()), new Value(LogicalType.list(LogicalType.VARCHAR), files))));
    }

    /**
     * PER_THREAD_OUTPUT: this thread runs the query and hands copies of its chunks to one writer
     * thread per worker ({@code threads} setting), each with its own file {@code dir/data_N.parquet}
     * (N in the order the writers got their first rows); the writers encode and compress in parallel.
     */
    private static Written perThread(ClientContextImpl ctx, io.tealdb.storage.Transaction txn, BoundQuery q, Path dir,
                                     ParquetWriteOptions opts) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TealIOException("Could not create directory \"" + dir + "\": " + e.getMessage(), e);
        }
        int writers = Math.max(1, ctx.db.threads());
        java.util.concurrent.BlockingQueue<DataChunk> queue = new java.util.concurrent.ArrayBlockingQueue<>(writers * 2);
        DataChunk end = new DataChunk(new Vector[0], 0);
        List<String> files = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger fileNumbers = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < writers; t++) {
            threads.add(Thread.ofPlatform().name("tealdb-parquet-writer-" + t).start(() -> {
                ParquetWriter w = null;
                try {
                    for (DataChunk c = queue.take(); c != end; c = queue.take()) {
                        if (failure.get() != null) continue; // drain, so that the producer never blocks
                        if (w == null) {
                            int number;
                            synchronized (files) {
                                number = fileNumbers.getAndIncrement();
                                files.add(dir.resolve("data_" + number + ".parquet").toString());
                            }
                            w = new ParquetWriter(dir.resolve("data_" + number + ".parquet"), q.names(), q.types(), opts);
                        }
                        w.write(c);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    if (w != null) {
                        try {
                            w.close();
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    }
                }
            }));
        }
        long n = 0;
        try (ResultStream s = ctx.start(q.plan(), txn)) {
            int[] all = new int[0];
            for (DataChunk chunk = s.next(); chunk != null && failure.get() == null; chunk = s.next()) {
                if (chunk.size() == 0) continue;
                if (all.length < chunk.size()) {
                    all = new int[chunk.size()];
                    for (int i = 0; i < all.length; i++) all[i] = i;
                }
                queue.put(chunk.gather(all, chunk.size())); // the stream reuses its chunk
                n += chunk.size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new io.tealdb.error.InterruptException("Interrupted!"));
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        } finally {
            for (int t = 0; t < writers; t++) {
                boolean put = false;
                while (!put) {
                    try {
                        queue.put(end);
                        put = true;
                    } catch (InterruptedException e) {
                        failure.compareAndSet(null, new io.tealdb.error.InterruptException("Interrupted!"));
                    }
                }
            }
            for (Thread t : threads) {
                boolean joined = false;
                while (!joined) {
                    try {
                        t.join();
                        joined = true;
                    } catch (InterruptedException e) {
                        failure.compareAndSet(null, new io.tealdb.error.InterruptException("Interrupted!"));
                    }
                }
            }
        }
        if (failure.get() == null && files.isEmpty()) {
            // no rows: one empty file, as DuckDB leaves
            Path empty = dir.resolve("data_0.parquet");
            new ParquetWriter(empty, q.names(), q.types(), opts).close();
            files.add(empty.toString());
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException r) throw r;
        if (f instanceof Error e) throw e;
        if (f != null) throw new TealIOException("Could not write to \"" + dir + "\": " + f.getMessage(), f);
        return new Written(n, List.copyOf(files));
    }

    /**
     * One file. A statement that fails leaves no file behind: by default (USE_TMP_FILE) the rows go to
     * a temporary file next to the target that replaces it only when all were written, so a failed
     * COPY keeps the previous file; without it the partial file is deleted.
     */
    private static Written single(ClientContextImpl ctx, io.tealdb.storage.Transaction txn, BoundQuery q, Path target, ParquetWriteOptions opts,
                               boolean useTmpFile) {
        Path out = useTmpFile ? target.resolveSibling("tmp_" + target.getFileName()) : target;
        long n = 0;
        boolean done = false;
        try {
            try (ParquetWriter w = new ParquetWriter(out, q.names(), q.types(), opts);
                 ResultStream s = ctx.start(q.plan(), txn)) {
                for (DataChunk chunk = s.next(); chunk != null; chunk = s.next()) {
                    w.write(chunk);
                    n += chunk.size();
                }
            }
            if (useTmpFile) {
                try {
                    Files.move(out, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                    Files.move(out, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            done = true;
            return new Written(n, List.of(target.toString()));
        } catch (IOException e) {
            throw new TealIOException("Could not write file \"" + target + "\": " + e.getMessage(), e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // the statement's own error is the one to report
                }
            }
        }
    }

    /**
     * The target directory of a partitioned COPY, as DuckDB treats it: a file in its place or a
     * directory with files in it is an error unless OVERWRITE (which deletes them) or
     * OVERWRITE_OR_IGNORE (which writes over files of the same name and keeps the rest).
     */
    private static void prepareDirectory(Path dir, boolean overwrite, boolean overwriteOrIgnore) {
        try {
            if (Files.isRegularFile(dir)) {
                if (!overwrite) {
                    throw new TealIOException("Cannot write to \"" + dir + "\" - it exists and is a file, not a directory!"
                            + " Enable OVERWRITE option to overwrite the file");
                }
                Files.delete(dir);
                return;
            }
            if (!Files.isDirectory(dir) || overwriteOrIgnore) return;
            boolean empty;
            try (var entries = Files.list(dir)) {
                empty = entries.findAny().isEmpty();
            }
            if (empty) return;
            if (!overwrite) {
                throw new TealIOException("Directory \"" + dir + "\" is not empty! Enable OVERWRITE option to overwrite files");
            }
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    if (!p.equals(dir)) Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new TealIOException("Could not prepare directory \"" + dir + "\": " + e.getMessage(), e);
        }
    }

    /**
     * One file per partition: under {@code dir/col=value/…/data_0.parquet}, or with HIVE_FILE_PATTERN
     * false as {@code dir/data_N.parquet} (N numbering the partitions in the order they appear). The
     * partition columns stay out of the files unless WRITE_PARTITION_COLUMNS is set.
     */
    private static Written partitioned(ClientContextImpl ctx, io.tealdb.storage.Transaction txn, BoundQuery q, Path dir, List<String> partitionBy,
                                    ParquetWriteOptions opts, boolean writePartitionColumns, boolean hivePattern) {
        int[] keys = new int[partitionBy.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = -1;
            for (int c = 0; c < q.names().size(); c++) if (q.names().get(c).equalsIgnoreCase(partitionBy.get(i))) keys[i] = c;
            if (keys[i] < 0) throw new BinderException("PARTITION_BY column \"" + partitionBy.get(i) + "\" is not in the query's columns");
        }
        List<Integer> dataCols = new ArrayList<>();
        for (int c = 0; c < q.names().size(); c++) {
            final int col = c;
            if (writePartitionColumns || java.util.Arrays.stream(keys).noneMatch(k -> k == col)) dataCols.add(c);
        }
        if (dataCols.isEmpty()) {
            throw new NotImplementedException("No column to write as all columns are specified as partition columns."
                    + " WRITE_PARTITION_COLUMNS option can be used to write partition columns.");
        }
        List<String> names = new ArrayList<>();
        List<LogicalType> types = new ArrayList<>();
        for (int c : dataCols) {
            names.add(q.names().get(c));
            types.add(q.types().get(c));
        }
        Map<String, ParquetWriter> writers = new HashMap<>();
        List<String> files = new ArrayList<>();
        long n = 0;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TealIOException("Could not create directory \"" + dir + "\": " + e.getMessage(), e);
        }
        try (ResultStream s = ctx.start(q.plan(), txn)) {
            for (DataChunk chunk = s.next(); chunk != null; chunk = s.next()) {
                Vector[] keyText = new Vector[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    Vector kv = chunk.column(keys[i]);
                    if (kv.type.equals(LogicalType.VARCHAR)) {
                        keyText[i] = kv;
                    } else {
                        keyText[i] = new Vector(LogicalType.VARCHAR, Math.max(1, chunk.size()));
                        Casts.kernel(kv.type, LogicalType.VARCHAR, false).execute(new Vector[]{kv}, chunk.size(), keyText[i]);
                    }
                }
                Map<String, List<Integer>> rowsOf = new LinkedHashMap<>();
                for (int r = 0; r < chunk.size(); r++) {
                    StringBuilder p = new StringBuilder();
                    for (int i = 0; i < keys.length; i++) {
                        String value = keyText[i].isNull(r) ? "NULL" : keyText[i].getString(r);
                        p.append(URLEncoder.encode(partitionBy.get(i), StandardCharsets.UTF_8)).append('=')
                                .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")).append('/');
                    }
                    rowsOf.computeIfAbsent(p.toString(), k -> new ArrayList<>()).add(r);
                }
                for (Map.Entry<String, List<Integer>> e : rowsOf.entrySet()) {
                    ParquetWriter w = writers.computeIfAbsent(e.getKey(), k -> {
                        if (!hivePattern) {
                            Path f = dir.resolve("data_" + writers.size() + ".parquet");
                            files.add(f.toString());
                            return new ParquetWriter(f, names, types, opts);
                        }
                        Path sub = dir.resolve(k);
                        try {
                            Files.createDirectories(sub);
                        } catch (IOException ex) {
                            throw new TealIOException("Could not create directory \"" + sub + "\": " + ex.getMessage(), ex);
                        }
                        files.add(sub.resolve("data_0.parquet").toString());
                        return new ParquetWriter(sub.resolve("data_0.parquet"), names, types, opts);
                    });
                    int[] sel = e.getValue().stream().mapToInt(Integer::intValue).toArray();
                    DataChunk part = chunk.gather(sel, sel.length);
                    Vector[] cols = new Vector[dataCols.size()];
                    for (int i = 0; i < cols.length; i++) cols[i] = part.column(dataCols.get(i));
                    w.write(new DataChunk(cols, sel.length));
                    n += sel.length;
                }
            }
        } finally {
            for (ParquetWriter w : writers.values()) w.close();
        }
        return new Written(n, files);
    }

    private static int codec(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "uncompressed", "none" -> ParquetEnums.UNCOMPRESSED;
            case "snappy" -> ParquetEnums.SNAPPY;
            case "gzip" -> ParquetEnums.GZIP;
            case "zstd" -> ParquetEnums.ZSTD;
            case "lz4", "lz4_raw" -> ParquetEnums.LZ4_RAW;
            case "brotli" -> throw new NotImplementedException("writing Brotli-compressed Parquet is not supported yet (reading is)");
            default -> throw new BinderException("Unrecognized compression \"" + name + "\" for Parquet (uncompressed, snappy, gzip, zstd, lz4)");
        };
    }

    private static boolean flag(Value v, String option) {
        if (v.object() instanceof Boolean b) return b;
        if (v.object() instanceof Number n) return n.longValue() != 0;
        return switch (String.valueOf(v.object()).strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "on" -> true;
            case "false", "0", "off" -> false;
            default -> throw new BinderException("COPY option " + option + " requires a boolean");
        };
    }

    private static long number(Value v, String option) {
        if (v.object() instanceof Number n) return n.longValue();
        try {
            return Long.parseLong(String.valueOf(v.object()).strip());
        } catch (NumberFormatException e) {
            throw new BinderException("COPY option " + option + " requires a number");
        }
    }
}
