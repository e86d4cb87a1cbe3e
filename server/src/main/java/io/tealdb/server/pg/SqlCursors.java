package io.tealdb.server.pg;

import io.tealdb.session.QueryResult;
import io.tealdb.vector.DataChunk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL-level cursors: {@code DECLARE name [SCROLL | NO SCROLL] CURSOR [WITH HOLD | WITHOUT HOLD] FOR query},
 * {@code FETCH [NEXT | PRIOR | FIRST | LAST | ABSOLUTE n | RELATIVE n | n | ALL | FORWARD [n | ALL] |
 * BACKWARD [n | ALL]] [FROM | IN] name}, {@code MOVE …} and {@code CLOSE name | ALL}, as psycopg's and
 * psycopg2's named (server-side) cursors use them ({@code scrollable=True}, {@code scroll()}). A
 * forward-only cursor reads its query's result as it streams; when the session runs another
 * statement the rest is held in memory ({@link #parkAll}), since the engine streams one result per
 * session. A SCROLL cursor holds all of its rows from DECLARE on and moves over them as PostgreSQL's
 * do (position 0 before the first row, n + 1 after the last). Cursors without HOLD end with their
 * transaction; WITH HOLD ones outlive the commit.
 */
final class SqlCursors {
    private static final Pattern DECLARE = Pattern.compile(
            "(?is)\\s*DECLARE\\s+(\"(?:[^\"]|\"\")+\"|[\\w$]+)\\s+((?:BINARY|INSENSITIVE|ASENSITIVE|NO\\s+SCROLL|SCROLL)\\s+)*CURSOR\\s+"
                    + "(?:(WITH|WITHOUT)\\s+HOLD\\s+)?FOR\\s+(.+?)\\s*;?\\s*");
    private static final Pattern FETCH = Pattern.compile(
            "(?is)\\s*(FETCH|MOVE)\\s+(?:(NEXT|PRIOR|FIRST|LAST|ALL|FORWARD(?:\\s+(?:[-+]?\\d+|ALL))?|BACKWARD(?:\\s+(?:[-+]?\\d+|ALL))?"
                    + "|ABSOLUTE\\s+[-+]?\\d+|RELATIVE\\s+[-+]?\\d+|[-+]?\\d+)\\s+)?"
                    + "(?:(?:FROM|IN)\\s+)?(\"(?:[^\"]|\"\")+\"|[\\w$]+)\\s*;?\\s*");
    private static final Pattern CLOSE = Pattern.compile("(?is)\\s*CLOSE\\s+(ALL|\"(?:[^\"]|\"\")+\"|[\\w$]+)\\s*;?\\s*");

    /**
     * One open cursor: the query's result, the chunk being read and the position in it; for a SCROLL
     * cursor, all of its rows ({@code rows}, chunk {@code i} starting at row {@code starts[i]}) and the
     * 1-based position of the current row.
     */
    private static final class Open {
        QueryResult result;
        final boolean hold;
        DataChunk chunk;
        int row;
        final List<DataChunk> rows;
        final long[] starts;
        final long total;
        long position;

        Open(QueryResult result, boolean hold) {
            this.result = result;
            this.hold = hold;
            this.rows = null;
            this.starts = null;
            this.total = 0;
        }

        Open(QueryResult description, boolean hold, List<DataChunk> rows) {
            this.result = description;
            this.hold = hold;
            this.rows = rows;
            this.starts = new long[rows.size()];
            long n = 0;
            for (int i = 0; i < rows.size(); i++) {
                starts[i] = n;
                n += rows.get(i).size();
            }
            this.total = n;
        }

        boolean scroll() {
            return rows != null;
        }
    }

    private final Map<String, Open> open = new LinkedHashMap<>();

    /** A parsed DECLARE: the cursor's name, whether it is WITH HOLD or SCROLL, and its query. */
    record Declare(String name, boolean hold, boolean scroll, String query) {
    }

    static Declare parseDeclare(String sql) {
        Matcher m = DECLARE.matcher(SqlText.stripComments(sql));
        if (!m.matches()) throw new PgError.Failure("42601", "syntax error in DECLARE: expected DECLARE name CURSOR [WITH HOLD] FOR query");
        if (m.group(2) != null && m.group(2).toUpperCase(Locale.ROOT).contains("BINARY")) {
            throw new PgError.Failure("0A000", "BINARY cursors are not supported; use a text cursor or the extended protocol's binary results");
        }
        boolean scroll = m.group(2) != null && m.group(2).toUpperCase(Locale.ROOT).matches("(?s).*(?<!NO\\s{1,9})SCROLL.*");
        return new Declare(name(m.group(1)), "WITH".equalsIgnoreCase(m.group(3)), scroll, m.group(4));
    }

    void declare(Declare d, QueryResult result) {
        if (open.containsKey(d.name())) {
            result.close();
            throw new PgError.Failure("42P03", "cursor \"" + d.name() + "\" already exists");
        }
        if (d.scroll()) {
            List<DataChunk> rows = ParkedResult.remaining(result, null, 0);
            rows.removeIf(chunk -> chunk.size() == 0);
            ParkedResult description = new ParkedResult(result, List.of());
            result.close();
            open.put(d.name(), new Open(description, d.hold(), rows));
        } else {
            open.put(d.name(), new Open(result, d.hold()));
        }
    }

    /** FETCH or MOVE: the rows read (none for MOVE; {@code moved[0]} gets the count either way). */
    QueryResult fetch(String sql, long[] moved) {
        Matcher m = FETCH.matcher(SqlText.stripComments(sql));
        if (!m.matches()) throw new PgError.Failure("42601", "syntax error in FETCH/MOVE");
        boolean move = m.group(1).equalsIgnoreCase("MOVE");
        String direction = m.group(2) == null ? "NEXT" : m.group(2).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        String name = name(m.group(3));
        Open c = open.get(name);
        if (c == null) throw new PgError.Failure("34000", "cursor \"" + name + "\" does not exist");
        Motion motion = motion(direction);
        if (c.scroll()) return scroll(c, motion, move, moved);
        if (motion.kind() != Motion.Kind.FORWARD || motion.count() < 0) {
            throw new PgError.Failure("55000", "cursor can only scan forward (declare it with SCROLL to move backward)");
        }
        long want = motion.count();
        List<DataChunk> rows = new ArrayList<>();
        long got = 0;
        while (got < want) {
            if (c.chunk == null || c.row >= c.chunk.size()) {
                c.chunk = c.result.nextChunk();
                c.row = 0;
                if (c.chunk == null) break;
                continue;
            }
            int take = (int) Math.min(c.chunk.size() - c.row, want - got);
            if (!move) {
                int[] sel = new int[take];
                for (int i = 0; i < take; i++) sel[i] = c.row + i;
                rows.add(c.row == 0 && take == c.chunk.size() ? c.chunk : c.chunk.gather(sel, take));
            }
            c.row += take;
            got += take;
        }
        moved[0] = got;
        return move ? RowsResult.none() : new ParkedResult(c.result, rows);
    }

    /** Where a FETCH or MOVE goes: FORWARD or BACKWARD {@code count} rows (negative: the other way), or to an ABSOLUTE or RELATIVE row. */
    record Motion(Kind kind, long count) {
        enum Kind { FORWARD, BACKWARD, ABSOLUTE, RELATIVE }
    }

    private static Motion motion(String direction) {
        String[] w = direction.split(" ");
        return switch (w[0]) {
            case "NEXT" -> new Motion(Motion.Kind.FORWARD, 1);
            case "PRIOR" -> new Motion(Motion.Kind.BACKWARD, 1);
            case "FIRST" -> new Motion(Motion.Kind.ABSOLUTE, 1);
            case "LAST" -> new Motion(Motion.Kind.ABSOLUTE, -1);
            case "ALL" -> new Motion(Motion.Kind.FORWARD, Long.MAX_VALUE);
            case "ABSOLUTE" -> new Motion(Motion.Kind.ABSOLUTE, count(w[1]));
            case "RELATIVE" -> new Motion(Motion.Kind.RELATIVE, count(w[1]));
            case "FORWARD" -> new Motion(Motion.Kind.FORWARD, w.length == 1 ? 1 : w[1].equals("ALL") ? Long.MAX_VALUE : count(w[1]));
            case "BACKWARD" -> new Motion(Motion.Kind.BACKWARD, w.length == 1 ? 1 : w[1].equals("ALL") ? Long.MAX_VALUE : count(w[1]));
            default -> new Motion(Motion.Kind.FORWARD, count(w[0]));
        };
    }

    private static long count(String digits) {
        try {
            return Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits);
        } catch (NumberFormatException e) {
            throw new PgError.Failure("22003", "cursor row count \"" + digits + "\" is out of range");
        }
    }

    /** FETCH/MOVE on a SCROLL cursor, with PostgreSQL's positions: 0 before the first row, total + 1 after the last. */
    private static QueryResult scroll(Open c, Motion m, boolean move, long[] moved) {
        List<DataChunk> out = new ArrayList<>();
        long got = 0;
        switch (m.kind()) {
            case FORWARD, BACKWARD -> {
                long n = m.count();
                boolean forward = m.kind() == Motion.Kind.FORWARD;
                if (n < 0 && n != Long.MIN_VALUE) {
                    forward = !forward;
                    n = -n;
                }
                if (n == 0) { // FETCH FORWARD 0: the current row again
                    got = emitCurrent(c, out, move);
                    break;
                }
                if (forward) {
                    long from = c.position + 1;
                    long to = Math.min(c.total, c.position > Long.MAX_VALUE - n ? Long.MAX_VALUE : c.position + n);
                    got = Math.max(0, to - from + 1);
                    if (got > 0 && !move) emit(c, out, from, to, false);
                    c.position = got < n ? c.total + 1 : to;
                } else {
                    long from = c.position - 1;
                    long to = Math.max(1, n > c.position ? 1 : c.position - n);
                    got = Math.max(0, from - to + 1);
                    if (got > 0 && !move) emit(c, out, to, from, true);
                    c.position = got < n ? 0 : to;
                }
            }
            case ABSOLUTE, RELATIVE -> {
                long target;
                if (m.kind() == Motion.Kind.ABSOLUTE) {
                    target = m.count() >= 0 ? m.count() : c.total + m.count() + 1;
                    if (m.count() < 0 && target < 1) target = 0;
                } else {
                    if (m.count() == 0) {
                        got = emitCurrent(c, out, move);
                        break;
                    }
                    target = c.position + m.count();
                }
                if (target < 1) {
                    c.position = 0;
                } else if (target > c.total) {
                    c.position = c.total + 1;
                } else {
                    c.position = target;
                    got = 1;
                    if (!move) emit(c, out, target, target, false);
                }
            }
        }
        moved[0] = got;
        return move ? RowsResult.none() : new ParkedResult(c.result, out);
    }

    private static long emitCurrent(Open c, List<DataChunk> out, boolean move) {
        if (c.position < 1 || c.position > c.total) return 0;
        if (!move) emit(c, out, c.position, c.position, false);
        return 1;
    }

    /** Rows {@code from}..{@code to} (1-based, inclusive) of a SCROLL cursor, in descending order when {@code descending}. */
    private static void emit(Open c, List<DataChunk> out, long from, long to, boolean descending) {
        int first = chunkOf(c, from - 1);
        int last = chunkOf(c, to - 1);
        for (int k = 0; k <= last - first; k++) {
            int i = descending ? last - k : first + k;
            DataChunk chunk = c.rows.get(i);
            int lo = (int) Math.max(0, from - 1 - c.starts[i]);
            int hi = (int) Math.min(chunk.size() - 1, to - 1 - c.starts[i]);
            int n = hi - lo + 1;
            int[] sel = new int[n];
            for (int j = 0; j < n; j++) sel[j] = descending ? hi - j : lo + j;
            out.add(!descending && n == chunk.size() ? chunk : chunk.gather(sel, n));
        }
    }

    /** The chunk holding row {@code row} (0-based) of a SCROLL cursor. */
    private static int chunkOf(Open c, long row) {
        int i = java.util.Arrays.binarySearch(c.starts, row);
        if (i >= 0) {
            while (i + 1 < c.starts.length && c.starts[i + 1] == row) i++; // skip empty chunks
            return i;
        }
        return -i - 2;
    }

    /** The result of the cursor named {@code name} as a client gave it (a portal name: exact), for Describe; null if none. */
    QueryResult described(String name) {
        Open c = open.get(name);
        return c == null ? null : c.result;
    }

    void close(String sql) {
        Matcher m = CLOSE.matcher(SqlText.stripComments(sql));
        if (!m.matches()) throw new PgError.Failure("42601", "syntax error in CLOSE");
        if (m.group(1).equalsIgnoreCase("ALL")) {
            closeAll();
            return;
        }
        String name = name(m.group(1));
        Open c = open.remove(name);
        if (c == null) throw new PgError.Failure("34000", "cursor \"" + name + "\" does not exist");
        c.result.close();
    }

    /** Before the session runs another statement: every cursor still streaming keeps its rest in memory. */
    void parkAll() {
        for (Open c : open.values()) {
            if (c.scroll() || c.result instanceof ParkedResult) continue;
            ParkedResult parked = new ParkedResult(c.result, ParkedResult.remaining(c.result, c.chunk, c.row));
            c.result.close();
            c.result = parked;
            c.chunk = null;
            c.row = 0;
        }
    }

    /** At the end of a transaction: cursors WITHOUT HOLD close, WITH HOLD ones keep their rows. */
    void endTransaction() {
        parkAll();
        open.values().removeIf(c -> {
            if (!c.hold) c.result.close();
            return !c.hold;
        });
    }

    void closeAll() {
        for (Open c : open.values()) c.result.close();
        open.clear();
    }

    private static String name(String raw) {
        return raw.startsWith("\"") ? raw.substring(1, raw.length() - 1).replace("\"\"", "\"") : raw.toLowerCase(Locale.ROOT);
    }
}
