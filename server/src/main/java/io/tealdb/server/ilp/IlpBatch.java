package io.tealdb.server.ilp;

import io.tealdb.session.ClientContext;
import io.tealdb.session.TableAppender;
import io.tealdb.vector.Vector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The unit of work of one HTTP request (or one commit window of a TCP connection): decodes lines
 * into per-table {@link TableStage}s and commits them all in one transaction through the engine's
 * appender, so every row of the request commits or none does. The commit returns once the
 * persistence layer made it durable (its write-ahead log record is fsynced).
 */
final class IlpBatch {
    private final IlpIngest ingest;
    private final ClientContext ctx;
    private final LineParser parser = new LineParser();
    private final ParsedLine line = new ParsedLine();
    private final NameIndex tableIndex = new NameIndex();
    private final List<TableStage> stages = new ArrayList<>();
    /** The stage of the previous line's table (-1: none) and that line's table name bytes. */
    private int lastTable = -1;
    private byte[] lastTableName;
    /** Rows staged since the last commit, over all tables. */
    private long rows;

    IlpBatch(IlpIngest ingest, ClientContext ctx) {
        this.ingest = ingest;
        this.ctx = ctx;
    }

    long rows() {
        return rows;
    }

    /**
     * Decodes and stages the lines of {@code in[p, end)}. Returns the position after the last
     * complete line (with {@code last}, always {@code end}). Line numbers continue from
     * {@code firstLine}; {@link #lines} tells how many were read.
     *
     * @param bareNanos nanoseconds per unit of a designated timestamp without a suffix
     * @throws IlpException for the first bad line, carrying its number (its row is not staged)
     */
    int add(byte[] in, int p, int end, boolean last, long bareNanos, int firstLine) {
        return add(in, p, end, last, bareNanos, firstLine, Integer.MAX_VALUE);
    }

    /** {@link #add}, stopping before the first line that starts at or after {@code stopAt}; returns that line's start. */
    private int add(byte[] in, int p, int end, boolean last, long bareNanos, int firstLine, int stopAt) {
        lines = 0;
        while (true) {
            p = LineParser.skipBlank(in, p, end);
            if (p == end || p >= stopAt) return p;
            int lineNo = firstLine + lines;
            int next;
            try {
                next = parser.parse(in, p, end, last, line);
                if (next == LineParser.NEED_MORE) return p;
                stage(bareNanos);
            } catch (IlpException e) {
                throw e.atLine(lineNo);
            }
            lines++;
            p = next;
        }
    }

    /**
     * Decodes a whole HTTP body ({@code body[0, end)}). A large one is cut in two near its middle at a line feed: this batch
     * decodes the head while {@code tail} (a batch of the same connection, on its own session)
     * decodes the rest on another thread, so two cores parse one request. A line feed may also be a
     * byte of a binary value (protocol 2+), so the cut is trusted only when this batch's own parse
     * of the head ends exactly there; the tail also gives up at anything that would change a table
     * (a new table or column), which must happen in line order. In either case its work is dropped
     * and this batch decodes the rest itself, so the result, errors included, is the serial one.
     *
     * @return true when {@code tail} holds rows of the request that {@link #commit} must add
     */
    boolean addBody(byte[] body, int end, long bareNanos, IlpBatch tail, ExecutorService executor) {
        int cut = end >= SPLIT_MIN_BYTES && tail != null ? cutPoint(body, end / 2, end) : -1;
        if (cut < 0) {
            add(body, 0, end, true, bareNanos, 1);
            return false;
        }
        Future<Boolean> tailDone = executor.submit(() -> tail.addTail(body, cut, end, bareNanos));
        int stop;
        try {
            stop = add(body, 0, end, true, bareNanos, 1, cut);
        } catch (RuntimeException e) {
            await(tailDone);
            tail.clear();
            throw e;
        }
        if (await(tailDone) && stop == cut) return true;
        tail.clear();
        int headLines = lines;
        add(body, stop, end, true, bareNanos, 1 + headLines);
        lines += headLines;
        return false;
    }

    /** Bodies below this size are decoded on one thread (a second one would cost more than it saves). */
    static final int SPLIT_MIN_BYTES = 256 * 1024;

    /** The start of the line after the first line feed at or after {@code from}, or -1. */
    private static int cutPoint(byte[] in, int from, int end) {
        for (int i = from; i < end; i++) {
            if (in[i] == '\n') {
                int p = LineParser.skipBlank(in, i + 1, end);
                return p < end ? p : -1;
            }
        }
        return -1;
    }

    private static boolean await(Future<Boolean> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return false;
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** The tail's side of {@link #addBody}: false (and nothing staged) when the head must decode these lines itself. */
    private boolean addTail(byte[] body, int from, int end, long bareNanos) {
        tailMode = true;
        try {
            add(body, from, end, true, bareNanos, 1);
            return true;
        } catch (RuntimeException e) {
            clear();
            return false;
        } finally {
            tailMode = false;
        }
    }

    /** While decoding a tail: no schema changes, since they must happen in line order (see {@link #addBody}). */
    private boolean tailMode;

    /** Thrown in the tail at a line that needs a schema change; the head then decodes the tail's lines. */
    private static final class NeedsHead extends RuntimeException {
        NeedsHead() {
            super(null, null, false, false);
        }
    }

    /** Lines decoded by the last {@link #add}. */
    int lines;

    private void stage(long bareNanos) {
        // most lines name the same table as the line before: compare its name before hashing
        int t = lastTable >= 0 && NameIndex.equal(lastTableName, line.tableBytes(), line.tableOff, line.tableLen)
                ? lastTable : tableIndex.get(line.tableBytes(), line.tableOff, line.tableLen);
        TableStage s;
        if (t < 0) {
            if (tailMode) {
                IlpIngest.Shape shape = IlpIngest.describe(ctx, line.tableName());
                if (shape == null) throw new NeedsHead();
                s = new TableStage(line.tableName(), shape);
            } else {
                s = ingest.openTable(ctx, line.tableName(), line);
            }
            t = stages.size();
            tableIndex.put(line.tableName(), t);
            stages.add(s);
        } else {
            s = stages.get(t);
        }
        if (t != lastTable) {
            lastTable = t;
            lastTableName = java.util.Arrays.copyOfRange(line.tableBytes(), line.tableOff, line.tableOff + line.tableLen);
        }
        s.beginRow();
        try {
            for (int e = 0; e < line.count; e++) {
                int c = s.column(e, line.nameBytes(e), line.nameOff[e], line.nameLen[e]);
                if (c < 0) {
                    if (!s.generated.isEmpty() && s.generated.contains(line.name(e).toLowerCase(java.util.Locale.ROOT))) {
                        throw IlpIngest.generatedColumn(s.name, line.name(e)); // a hidden one (SELECT * leaves it out)
                    }
                    if (tailMode) throw new NeedsHead();
                    c = ingest.addColumn(ctx, s, line, e);
                } else if (s.generated(c)) {
                    throw IlpIngest.generatedColumn(s.name, s.names.get(c));
                }
                if (s.claim(c)) s.write(c, line, e);
            }
            if (s.tsCol >= 0 && s.claim(s.tsCol)) {
                if (line.hasTimestamp) {
                    long unit = switch (line.timestampUnit) {
                        case ParsedLine.UNIT_NANOS -> 1L;
                        case ParsedLine.UNIT_MICROS -> 1000L;
                        case ParsedLine.UNIT_MILLIS -> 1_000_000L;
                        default -> bareNanos;
                    };
                    s.writeTimestamp(s.tsCol, line.timestamp, unit);
                } else {
                    Instant now = Instant.now();
                    s.writeTimestamp(s.tsCol, now.getEpochSecond() * 1_000_000L + now.getNano() / 1000, 1000L);
                }
            }
        } catch (RuntimeException e) {
            s.abortRow();
            throw e;
        }
        s.endRow();
        rows++;
    }

    /**
     * Commits every staged row in one transaction (a no-op without rows) and empties the batch.
     * On failure nothing is committed and the batch is emptied too.
     */
    void commit() {
        commit(null);
    }

    /** {@link #commit()} of this batch's rows and then, in the same transaction, those of {@code tail} (see {@link #addBody}). */
    void commit(IlpBatch tail) {
        if (rows == 0 && (tail == null || tail.rows == 0)) {
            clear();
            if (tail != null) tail.clear();
            return;
        }
        try {
            ctx.execute("BEGIN", List.of()).close();
            // the head's stages, then the tail's: a table's rows keep the order of the lines
            List<TableStage> all = new ArrayList<>(stages);
            if (tail != null) all.addAll(tail.stages);
            java.util.Map<String, IlpIngest.Shape> shapes = new java.util.HashMap<>();
            java.util.Map<String, List<String>> upsertKeys = new java.util.HashMap<>();
            for (TableStage s : all) {
                if (s.rows == 0) continue;
                IlpIngest.Shape now = shapes.computeIfAbsent(s.name, n -> IlpIngest.describe(ctx, n));
                if (now == null) throw IlpException.invalid("table does not exist: " + s.name + " (dropped during the request)");
                Vector[] nulls = new Vector[now.names().size()];
                List<String> keys = upsertKeys.computeIfAbsent(s.name, n -> IlpIngest.upsertKeys(ctx, n));
                if (keys.isEmpty()) {
                    try (TableAppender a = ctx.appender(IlpIngest.SCHEMA, s.name)) {
                        IlpIngest.Shape stored = now;
                        if (a.types().size() != now.names().size()) { // hidden (generated) columns: chunks hold them too
                            stored = IlpIngest.storedShape(ctx, s.name);
                            nulls = new Vector[stored.names().size()];
                        }
                        for (int k = 0; k < s.chunkCount(); k++) a.append(s.chunk(k, stored.names(), stored.types(), nulls));
                    }
                } else {
                    upsert(s, now, nulls, keys);
                }
            }
            ctx.execute("COMMIT", List.of()).close();
        } catch (RuntimeException e) {
            if (ctx.inTransaction()) {
                try {
                    ctx.execute("ROLLBACK", List.of()).close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        } finally {
            clear();
            if (tail != null) tail.clear();
        }
    }

    /**
     * QuestDB's {@code DEDUP UPSERT KEYS}: into a table with a PRIMARY KEY (the designated timestamp and
     * the other keys), a row replaces the stored row with the same key, and of several rows of the
     * request with one key the last wins. The rows go through a temporary table of the session (in the
     * request's transaction) and one {@code INSERT OR REPLACE}.
     */
    private void upsert(TableStage s, IlpIngest.Shape now, Vector[] nulls, List<String> keys) {
        String stage = "ilp_dedup_stage";
        String target = IlpNames.quote(IlpIngest.SCHEMA) + "." + IlpNames.quote(s.name);
        String temp = IlpNames.quote(io.tealdb.session.ClientContext.TEMP_CATALOG) + "." + IlpNames.quote(stage);
        // the stored columns only: generated ones (visible or hidden) are computed from them and take no values
        List<String> names = new ArrayList<>();
        List<io.tealdb.types.LogicalType> types = new ArrayList<>();
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < now.names().size(); i++) {
            if (now.isGenerated(now.names().get(i))) continue;
            names.add(now.names().get(i));
            types.add(now.types().get(i));
            columns.append(columns.isEmpty() ? "" : ", ").append(IlpNames.quote(now.names().get(i)));
        }
        if (names.size() != now.names().size()) nulls = new Vector[names.size()];
        ctx.execute("CREATE TEMP TABLE " + IlpNames.quote(stage) + " AS SELECT " + columns + " FROM " + target + " LIMIT 0", List.of()).close();
        try (TableAppender a = ctx.appender(io.tealdb.session.ClientContext.TEMP_CATALOG, stage)) {
            for (int k = 0; k < s.chunkCount(); k++) a.append(s.chunk(k, names, types, nulls));
        }
        StringBuilder partition = new StringBuilder();
        for (String k : keys) partition.append(partition.isEmpty() ? "" : ", ").append(IlpNames.quote(k));
        ctx.execute("INSERT OR REPLACE INTO " + target + " (" + columns + ") SELECT " + columns + " FROM " + temp
                + " QUALIFY row_number() OVER (PARTITION BY " + partition + " ORDER BY rowid DESC) = 1", List.of()).close();
        ctx.execute("DROP TABLE " + temp, List.of()).close();
    }

    /** Drops everything staged (a failed request). */
    void clear() {
        stages.clear();
        tableIndex.clear();
        lastTable = -1;
        rows = 0;
    }
}
