package io.tealdb.session;

import io.tealdb.error.BinderException;
import io.tealdb.error.InterruptException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.error.TealIOException;
import io.tealdb.execution.ResultStream;
import io.tealdb.function.cast.Casts;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where COPY … TO puts its rows, whatever the format: one file (through a temporary file next to it
 * by default, so that a failed COPY leaves the previous file as it was); with PARTITION_BY one file
 * per partition under {@code dir/col=value/…/data_0.ext} (or {@code dir/data_N.ext} without
 * HIVE_FILE_PATTERN), the partition columns left out unless WRITE_PARTITION_COLUMNS; with
 * PER_THREAD_OUTPUT one file per writer thread, {@code dir/data_N.ext}. A directory target that holds
 * files is an error unless OVERWRITE or OVERWRITE_OR_IGNORE, as in DuckDB. RETURN_FILES makes the
 * result (Count, Files). The options of this layer are the same for every format ({@link #option}).
 */
final class CopyLayout {
    private final List<String> partitionBy = new ArrayList<>();
    private boolean writePartitionColumns;
    private boolean hivePattern = true;
    private boolean perThread;
    private boolean overwrite;
    private boolean overwriteOrIgnore;
    private boolean useTmpFile = true;
    private boolean returnFiles;
    private boolean returnStats;

    /** Rows written and the files written, in the order they were created. */
    private record Written(long rows, List<String> files) {
    }

    private static final java.util.Set<String> OPTIONS = java.util.Set.of("partition_by", "write_partition_columns", "hive_file_pattern",
            "per_thread_output", "overwrite", "overwrite_or_ignore", "use_tmp_file", "return_files", "return_stats");

    /** Whether {@code name} (lower case) is an option of this layer rather than of a format. */
    static boolean isOption(String name) {
        return OPTIONS.contains(name);
    }

    /** Takes {@code name} if it is a layout option (true), else leaves it to the format (false). */
    boolean option(String name, Value v, io.tealdb.parser.ast.Option o, io.tealdb.planner.Binder binder) {
        switch (name) {
            case "partition_by" -> {
                for (var e : o.values()) {
                    // a column named like a niladic function (PARTITION_BY user) is the column
                    if (e instanceof io.tealdb.parser.ast.FunctionCall fc && fc.args().isEmpty()) {
                        partitionBy.add(fc.name().last().text());
                    } else {
                        Value p = binder.copyOptionValue(e);
                        if (p.object() instanceof List<?> list) {
                            for (Object item : list) partitionBy.add(String.valueOf(item instanceof Value iv ? iv.object() : item));
                        } else {
                            partitionBy.add(String.valueOf(p.object()));
                        }
                    }
                }
            }
            case "write_partition_columns" -> writePartitionColumns = flag(v, name);
            case "hive_file_pattern" -> hivePattern = flag(v, name);
            case "per_thread_output" -> perThread = flag(v, name);
            case "overwrite" -> overwrite = flag(v, name);
            case "overwrite_or_ignore" -> overwriteOrIgnore = flag(v, name);
            case "use_tmp_file" -> useTmpFile = flag(v, name);
            case "return_files" -> returnFiles = flag(v, name);
            case "return_stats" -> returnStats = flag(v, name);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The columns that go into the files (the partition columns stay out unless WRITE_PARTITION_COLUMNS). */
    List<Integer> writtenColumns(BoundQuery q) {
        List<Integer> cols = new ArrayList<>();
        for (int c = 0; c < q.names().size(); c++) {
            String name = q.names().get(c);
            if (writePartitionColumns || partitionBy.stream().noneMatch(name::equalsIgnoreCase)) cols.add(c);
        }
        return cols;
    }

    QueryResultImpl write(ClientContextImpl ctx, io.tealdb.storage.Transaction txn, BoundQuery q, Path target, CopyFileFormat format) {
        if (overwrite && overwriteOrIgnore) throw new BinderException("Can only set one of OVERWRITE_OR_IGNORE or OVERWRITE");
        if (returnStats && returnFiles) throw new BinderException("RETURN_FILES and RETURN_STATS cannot be used together");
        if (returnStats) throw new NotImplementedException("COPY option RETURN_STATS is not supported yet");
        if (perThread && !partitionBy.isEmpty()) throw new NotImplementedException("Can't combine PER_THREAD_OUTPUT and PARTITIONED BY for COPY");
        Written written;
        if (perThread) {
            prepareDirectory(target);
            written = perThread(ctx, txn, q, target, format);
        } else if (partitionBy.isEmpty()) {
            written = single(ctx, txn, q, target, format);
        } else {
            prepareDirectory(target);
            written = partitioned(ctx, txn, q, target, format);
        }
        if (!returnFiles) return QueryResultImpl.updateCount(written.rows());
        LogicalType files = LogicalType.list(LogicalType.VARCHAR);
        return QueryResultImpl.materialized(List.of("Count", "Files"), List.of(LogicalType.BIGINT, files),
                List.of(List.of(Value.ofBigint(written.rows()), new Value(files, new ArrayList<Object>(written.files())))));
    }

    /** One file; a statement that fails leaves no file behind and the previous one (USE_TMP_FILE) as it was. */
    private Written single(ClientContextImpl ctx, io.tealdb.storage.Transaction txn, BoundQuery q, Path target, CopyFileFormat format) {
        Path out = useTmpFile ? target.resolveSibling("tmp_" + target.getFileName()) : target;
        long n = 0;
        boolean done = false;
        try {
            try (CopyFileFormat.FileWriter w = format.open(out, q.names(), q.types());
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
     * The target directory, as DuckDB treats it: a file in its place or a directory with files in it
     * is an error unless OVERWRITE (which deletes them) or OVERWRITE_OR_IGNORE (which writes over
     * files of the same name and keeps the rest).
     */
    private void prepareDirectory(Path dir) {
        try {
            if (Files.isRegularFile(dir)) {
                if (!overwrite) {
                    throw new TealIOException("Cannot write to \"" + dir + "\" - it exists and is a file, not a directory!"
                            + " Enable OVERWRITE option to overwrite the file");
                }
                Files.delete(dir);
            } else if (Files.isDirectory(dir) && !overwriteOrIgnore) {
                boolean empty;
                try (var entries = Files.list(dir)) {
                    empty = entries.findAny().isEmpty();
                }
                if (!empty) {
                    if (!overwrite) {
                        throw new TealIOException("Directory \"" + dir + "\" is not empty! Enable OVERWRITE option to overwrite files");
                    }
                    try (var walk = Files.walk(dir)) {
                        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            if (!p.equals(dir)) Files.delete(p);
                        }
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TealIOException("Could not prepare directory \"" + dir + "\": " + e.getMessage(), e);
        }
    }

    /** One file per partition, in the order the partitions first appear. */
    private Written partitioned(ClientContextImpl ctx, io.tealdb.storage.Transaction txn, BoundQuery q, Path dir, CopyFileFormat format) {
        int[] keys = new int[partitionBy.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = -1;
            for (int c = 0; c < q.names().size(); c++) if (q.names().get(c).equalsIgnoreCase(partitionBy.get(i))) keys[i] = c;
            if (keys[i] < 0) throw new BinderException("PARTITION_BY column \"" + partitionBy.get(i) + "\" is not in the query's columns");
        }
        List<Integer> dataCols = writtenColumns(q);
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
        Map<String, CopyFileFormat.FileWriter> writers = new HashMap<>();
        List<String> files = new ArrayList<>();
        long n = 0;
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
                    CopyFileFormat.FileWriter w = writers.computeIfAbsent(e.getKey(), k -> {
                        Path f;
                        if (!hivePattern) {
                            f = dir.resolve("data_" + writers.size() + "." + format.extension());
                        } else {
                            Path sub = dir.resolve(k);
                            try {
                                Files.createDirectories(sub);
                            } catch (IOException ex) {
                                throw new TealIOException("Could not create directory \"" + sub + "\": " + ex.getMessage(), ex);
                            }
                            f = sub.resolve("data_0." + format.extension());
                        }
                        files.add(f.toString());
                        return format.open(f, names, types);
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
            for (CopyFileFormat.FileWriter w : writers.values()) w.close();
        }
        return new Written(n, files);
    }

    /**
     * PER_THREAD_OUTPUT: this thread runs the query and hands copies of its chunks to one writer
     * thread per worker ({@code threads} setting), each with its own file {@code dir/data_N.ext} (N in
     * the order the writers got their first rows), so that files are encoded and compressed in
     * parallel. No rows leave one empty file, as in DuckDB.
     */
    private static Written perThread(ClientContextImpl ctx, io.tealdb.storage.Transaction txn, BoundQuery q, Path dir, CopyFileFormat format) {
        int writers = Math.max(1, ctx.db.threads());
        BlockingQueue<DataChunk> queue = new ArrayBlockingQueue<>(writers * 2);
        DataChunk end = new DataChunk(new Vector[0], 0);
        List<String> files = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < writers; t++) {
            threads.add(Thread.ofPlatform().name("tealdb-copy-writer-" + t).start(() -> {
                CopyFileFormat.FileWriter w = null;
                try {
                    for (DataChunk c = queue.take(); c != end; c = queue.take()) {
                        if (failure.get() != null) continue; // drain, so that the producer never blocks
                        if (w == null) {
                            Path f;
                            synchronized (files) {
                                f = dir.resolve("data_" + files.size() + "." + format.extension());
                                files.add(f.toString());
                            }
                            w = format.open(f, q.names(), q.types());
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
            for (DataChunk chunk = s.next(); chunk != null && failure.get() == null; chunk = s.next()) {
                if (chunk.size() == 0) continue;
                queue.put(io.tealdb.execution.ChunkUtil.copy(chunk)); // the stream reuses its chunk
                n += chunk.size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new InterruptException("Interrupted!"));
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        } finally {
            for (int t = 0; t < writers; t++) putUninterruptibly(queue, end, failure);
            for (Thread t : threads) joinUninterruptibly(t, failure);
        }
        if (failure.get() == null && files.isEmpty()) {
            Path empty = dir.resolve("data_0." + format.extension());
            format.open(empty, q.names(), q.types()).close();
            files.add(empty.toString());
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException r) throw r;
        if (f instanceof Error e) throw e;
        if (f != null) throw new TealIOException("Could not write to \"" + dir + "\": " + f.getMessage(), f);
        return new Written(n, List.copyOf(files));
    }

    private static void putUninterruptibly(BlockingQueue<DataChunk> queue, DataChunk item, AtomicReference<Throwable> failure) {
        while (true) {
            try {
                queue.put(item);
                return;
            } catch (InterruptedException e) {
                failure.compareAndSet(null, new InterruptException("Interrupted!"));
            }
        }
    }

    private static void joinUninterruptibly(Thread t, AtomicReference<Throwable> failure) {
        while (true) {
            try {
                t.join();
                return;
            } catch (InterruptedException e) {
                failure.compareAndSet(null, new InterruptException("Interrupted!"));
            }
        }
    }

    static boolean flag(Value v, String option) {
        if (v.object() instanceof Boolean b) return b;
        if (v.object() instanceof Number n) return n.longValue() != 0;
        return switch (String.valueOf(v.object()).strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "on" -> true;
            case "false", "0", "off" -> false;
            default -> throw new BinderException("COPY option " + option + " requires a boolean");
        };
    }
}
