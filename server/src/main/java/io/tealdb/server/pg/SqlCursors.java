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
 * SQL-level cursors: {@code DECLARE name [NO SCROLL] CURSOR [WITH HOLD | WITHOUT HOLD] FOR query},
 * {@code FETCH [NEXT | FORWARD [n | ALL] | n | ALL] [FROM | IN] name}, {@code MOVE …} and
 * {@code CLOSE name | ALL}, as psycopg's and psycopg2's named (server-side) cursors use them. A
 * cursor reads its query's result as it streams; when the session runs another statement the rest
 * is held in memory ({@link #parkAll}), since the engine streams one result per session. Cursors
 * without HOLD end with their transaction; WITH HOLD ones outlive the commit.
 */
final class SqlCursors {
    private static final Pattern DECLARE = Pattern.compile(
            "(?is)\\s*DECLARE\\s+(\"(?:[^\"]|\"\")+\"|[\\w$]+)\\s+((?:BINARY|INSENSITIVE|ASENSITIVE|NO\\s+SCROLL|SCROLL)\\s+)*CURSOR\\s+"
                    + "(?:(WITH|WITHOUT)\\s+HOLD\\s+)?FOR\\s+(.+?)\\s*;?\\s*");
    private static final Pattern FETCH = Pattern.compile(
            "(?is)\\s*(FETCH|MOVE)\\s+(?:(NEXT|ALL|FORWARD\\s+ALL|FORWARD\\s+\\d+|FORWARD|\\d+|PRIOR|FIRST|LAST|ABSOLUTE\\s+-?\\d+|RELATIVE\\s+-?\\d+|BACKWARD(?:\\s+(?:\\d+|ALL))?)\\s+)?"
                    + "(?:(?:FROM|IN)\\s+)?(\"(?:[^\"]|\"\")+\"|[\\w$]+)\\s*;?\\s*");
    private static final Pattern CLOSE = Pattern.compile("(?is)\\s*CLOSE\\s+(ALL|\"(?:[^\"]|\"\")+\"|[\\w$]+)\\s*;?\\s*");

    /** One open cursor: the query's result, the chunk being read and the position in it. */
    private static final class Open {
        QueryResult result;
        final boolean hold;
        DataChunk chunk;
        int row;

        Open(QueryResult result, boolean hold) {
            this.result = result;
            this.hold = hold;
        }
    }

    private final Map<String, Open> open = new LinkedHashMap<>();

    /** A parsed DECLARE: the cursor's name, whether it is WITH HOLD, and its query. */
    record Declare(String name, boolean hold, String query) {
    }

    static Declare parseDeclare(String sql) {
        Matcher m = DECLARE.matcher(SqlText.stripComments(sql));
        if (!m.matches()) throw new PgError.Failure("42601", "syntax error in DECLARE: expected DECLARE name CURSOR [WITH HOLD] FOR query");
        if (m.group(2) != null && m.group(2).toUpperCase(Locale.ROOT).contains("BINARY")) {
            throw new PgError.Failure("0A000", "BINARY cursors are not supported; use a text cursor or the extended protocol's binary results");
        }
        if (m.group(2) != null && m.group(2).toUpperCase(Locale.ROOT).matches("(?s).*(?<!NO\\s{1,9})SCROLL.*")) {
            throw new PgError.Failure("0A000", "SCROLL cursors are not supported: cursors read forward only");
        }
        return new Declare(name(m.group(1)), "WITH".equalsIgnoreCase(m.group(3)), m.group(4));
    }

    void declare(Declare d, QueryResult result) {
        if (open.containsKey(d.name())) {
            result.close();
            throw new PgError.Failure("42P03", "cursor \"" + d.name() + "\" already exists");
        }
        open.put(d.name(), new Open(result, d.hold()));
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
        long want = switch (direction) {
            case "NEXT", "FORWARD" -> 1;
            case "ALL", "FORWARD ALL" -> Long.MAX_VALUE;
            default -> {
                String digits = direction.startsWith("FORWARD ") ? direction.substring(8) : direction;
                if (!digits.chars().allMatch(Character::isDigit)) {
                    throw new PgError.Failure("55000", "cursor can only scan forward (" + direction + " needs a SCROLL cursor, which is not supported)");
                }
                yield Long.parseLong(digits);
            }
        };
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
            if (c.result instanceof ParkedResult) continue;
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
