package io.tealdb.server.ilp;

import io.tealdb.session.ClientContext;
import io.tealdb.session.TableAppender;
import io.tealdb.vector.Vector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
        lines = 0;
        while (true) {
            p = LineParser.skipBlank(in, p, end);
            if (p == end) return p;
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

    /** Lines decoded by the last {@link #add}. */
    int lines;

    private void stage(long bareNanos) {
        int t = tableIndex.get(line.tableBytes(), line.tableOff, line.tableLen);
        TableStage s;
        if (t < 0) {
            s = ingest.openTable(ctx, line.tableName(), line);
            tableIndex.put(line.tableName(), stages.size());
            stages.add(s);
        } else {
            s = stages.get(t);
        }
        s.beginRow();
        try {
            for (int e = 0; e < line.count; e++) {
                int c = s.column(line.nameBytes(e), line.nameOff[e], line.nameLen[e]);
                if (c < 0) {
                    c = ingest.addColumn(ctx, s, line, e);
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
        if (rows == 0) {
            clear();
            return;
        }
        try {
            ctx.execute("BEGIN", List.of()).close();
            for (TableStage s : stages) {
                if (s.rows == 0) continue;
                IlpIngest.Shape now = IlpIngest.describe(ctx, s.name);
                if (now == null) throw IlpException.invalid("table does not exist: " + s.name + " (dropped during the request)");
                Vector[] nulls = new Vector[now.names().size()];
                try (TableAppender a = ctx.appender(IlpIngest.SCHEMA, s.name)) {
                    for (int k = 0; k < s.chunkCount(); k++) a.append(s.chunk(k, now.names(), now.types(), nulls));
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
        }
    }

    /** Drops everything staged (a failed request). */
    void clear() {
        stages.clear();
        tableIndex.clear();
        rows = 0;
    }
}
