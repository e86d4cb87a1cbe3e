package io.tealdb.server.pg;

import io.tealdb.settings.SessionSettings;
import io.tealdb.settings.Setting;
import io.tealdb.settings.Settings;
import io.netty.buffer.ByteBuf;
import io.tealdb.error.TealException;
import io.tealdb.function.cast.Casts;
import io.tealdb.session.ClientContext;
import io.tealdb.session.QueryResult;
import io.tealdb.session.TableAppender;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One authenticated PostgreSQL session over one engine {@link ClientContext}: the simple and extended
 * query protocols, the transaction status machine (I/T/E), session settings, and COPY. Runs on the
 * connection's worker thread only.
 *
 * <p>Transactions: PostgreSQL runs everything between two Syncs (or one simple-query string) as one
 * implicit transaction; we open an engine transaction before the first statement of such a batch and
 * commit it at Sync (roll it back on error), so a failing row of a pipelined executemany leaves
 * nothing behind. BEGIN inside that batch turns it into an explicit block. In an explicit block an
 * error puts the session into the failed state (status E) until ROLLBACK, as in PostgreSQL.
 */
final class PgSession implements AutoCloseable {
    private final PgServerState server;
    private final PgOutput out;
    private final ClientContext ctx;
    /** The engine session's settings: one value per setting, shared with SET, set_config and current_setting. */
    final SessionSettings settings;
    private final String user;
    private final String peer;

    private final Map<String, Prepared> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    /** DECLARE'd cursors (psycopg's and psycopg2's named cursors). */
    private final SqlCursors cursors = new SqlCursors();
    private boolean implicitTxn;
    private boolean explicitTxn;
    private boolean failed;
    private boolean skipToSync;
    /** Non-null while a COPY FROM STDIN receives data. */
    private CopyState copy;
    /** Statements of a simple-query string still to run after a COPY FROM STDIN finishes. */
    private List<SqlText.Piece> pendingPieces;
    private String pendingQuery;

    PgSession(PgServerState server, PgOutput out, ClientContext ctx, String user, String peer) {
        this.server = server;
        this.out = out;
        this.ctx = ctx;
        this.user = user;
        this.peer = peer;
        this.settings = ctx.settings();
        settings.setFixed(Settings.SESSION_AUTHORIZATION, user);
        // PostgreSQL clients write bytes as '\x0102ff'::bytea (psycopg2 always does): read them as PostgreSQL does
        settings.setSessionDefault(Settings.BYTEA_INPUT, "postgres");
    }

    ClientContext context() {
        return ctx;
    }

    char status() {
        if (failed) return 'E';
        return explicitTxn ? 'T' : 'I';
    }

    boolean inCopy() {
        return copy != null;
    }

    // ================================================================ statements of both protocols

    /** How a statement is run: by the engine, or answered by the protocol layer. */
    enum Route { ENGINE, BEGIN, COMMIT, ROLLBACK, SAVEPOINT, SET, SHOW, RESET, DISCARD, DEALLOCATE, USER, COPY, DECLARE, FETCH, CLOSE, NOOP }

    static Route route(String sql) {
        List<String> w = SqlText.words(sql, 4);
        if (w.isEmpty()) return Route.ENGINE;
        String a = w.get(0), b = w.size() > 1 ? w.get(1) : "";
        return switch (a) {
            case "BEGIN" -> Route.BEGIN;
            case "START" -> b.equals("TRANSACTION") ? Route.BEGIN : Route.ENGINE;
            case "COMMIT", "END" -> Route.COMMIT;
            case "ROLLBACK", "ABORT" -> w.contains("TO") ? Route.SAVEPOINT : Route.ROLLBACK;
            case "SAVEPOINT", "RELEASE" -> Route.SAVEPOINT;
            case "SET" -> Route.SET;
            case "SHOW" -> Route.SHOW;
            case "RESET" -> Route.RESET;
            case "DISCARD" -> Route.DISCARD;
            case "DEALLOCATE" -> Route.DEALLOCATE;
            case "LISTEN", "UNLISTEN" -> Route.NOOP;
            case "CREATE", "ALTER", "DROP" -> b.equals("USER") || b.equals("ROLE") ? Route.USER : Route.ENGINE;
            case "COPY" -> Route.COPY;
            case "DECLARE" -> Route.DECLARE;
            case "FETCH", "MOVE" -> Route.FETCH;
            case "CLOSE" -> Route.CLOSE;
            default -> Route.ENGINE;
        };
    }

    /** The result of a statement answered by the protocol layer, or null when the engine must run it. */
    private QueryResult runSpecial(Route route, String sql, List<String> tag, List<Value> params) {
        switch (route) {
            case BEGIN -> {
                if (explicitTxn) {
                    out.error('N', PgError.warning("25001", "there is already a transaction in progress"));
                } else if (implicitTxn) {
                    implicitTxn = false;
                    explicitTxn = true;
                } else {
                    // READ ONLY is the engine's to enforce; isolation levels are all served as snapshot isolation
                    ctx.execute(beginsReadOnly(sql) ? "BEGIN TRANSACTION READ ONLY" : "BEGIN", List.of());
                    explicitTxn = true;
                }
                tag.add("BEGIN");
                return RowsResult.none();
            }
            case COMMIT, ROLLBACK -> {
                boolean commit = route == Route.COMMIT && !failed;
                if (!explicitTxn && !implicitTxn) {
                    out.error('N', PgError.warning("25P01", "there is no transaction in progress"));
                } else {
                    endTransaction(commit);
                }
                tag.add(commit || route == Route.COMMIT && !failed ? "COMMIT" : "ROLLBACK");
                return RowsResult.none();
            }
            case SAVEPOINT -> {
                return savepoint(sql, tag);
            }
            case SET -> {
                return set(sql, tag);
            }
            case SHOW -> {
                return show(sql, tag);
            }
            case RESET -> {
                List<String> w = SqlText.words(sql, 3);
                String name = w.size() > 1 ? w.get(1) : "";
                if (name.equals("ALL")) {
                    resetAllAndReport();
                } else {
                    Setting d = PgSettings.find(name);
                    if (d == null) return null;
                    setAndReport(d, null);
                }
                tag.add("RESET");
                return RowsResult.none();
            }
            case DISCARD -> {
                closeAllPortals();
                cursors.closeAll();
                statements.clear();
                resetAllAndReport();
                tag.add("DISCARD ALL");
                return RowsResult.none();
            }
            case DEALLOCATE -> {
                Matcher m = Pattern.compile("(?is)\\s*DEALLOCATE\\s+(?:PREPARE\\s+)?(\"[^\"]+\"|\\w+)\\s*;?\\s*").matcher(SqlText.stripComments(sql));
                if (!m.matches()) return null;
                String name = m.group(1);
                if (name.equalsIgnoreCase("ALL")) {
                    statements.clear();
                    ctx.execute("DEALLOCATE ALL", List.of());
                    tag.add("DEALLOCATE ALL");
                    return RowsResult.none();
                }
                if (name.startsWith("\"")) name = name.substring(1, name.length() - 1);
                if (statements.remove(name) == null) return null;
                tag.add("DEALLOCATE");
                return RowsResult.none();
            }
            case USER -> {
                server.userCommand(sql, tag);
                return RowsResult.none();
            }
            case NOOP -> {
                List<String> w = SqlText.words(sql, 1);
                if (!w.isEmpty()) tag.add(w.get(0)); // none: a query of only comments
                return RowsResult.none();
            }
            case DECLARE -> {
                SqlCursors.Declare d = SqlCursors.parseDeclare(sql);
                if (!d.hold() && !explicitTxn) {
                    throw new PgError.Failure("25P01", "DECLARE CURSOR can only be used in transaction blocks");
                }
                ensureTransaction();
                parkPortals();
                QueryResult r = ctx.execute(d.query(), params); // psycopg binds a named cursor's parameters to its DECLARE
                if (!r.hasResultSet()) {
                    r.close();
                    throw new PgError.Failure("42P11", "cannot open a cursor on a statement that returns no rows");
                }
                cursors.declare(d, r);
                tag.add("DECLARE CURSOR");
                return RowsResult.none();
            }
            case FETCH -> {
                long[] moved = {0};
                QueryResult r = cursors.fetch(sql, moved);
                if (!r.hasResultSet()) tag.add("MOVE " + moved[0]);
                return r;
            }
            case CLOSE -> {
                cursors.close(sql);
                tag.add("CLOSE CURSOR");
                return RowsResult.none();
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Savepoints, emulated: every statement is atomic in the engine, so rolling back to a savepoint
     * after a failed statement only has to leave the failed state, which covers what clients do with
     * them (psycopg's nested transaction() around a probe, pgjdbc's autosave). A rollback over
     * successful writes since the savepoint cannot be undone and is refused with 0A000.
     */
    private QueryResult savepoint(String sql, List<String> tag) {
        List<String> w = SqlText.words(sql, 5);
        Matcher m = Pattern.compile("(?is).*?(?:SAVEPOINT|RELEASE|TO)\\s+(?:SAVEPOINT\\s+)?(\"[^\"]+\"|\\w+)\\s*;?\\s*").matcher(SqlText.stripComments(sql));
        if (!m.matches()) throw new PgError.Failure("42601", "syntax error: savepoint name expected");
        String name = m.group(1).startsWith("\"") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1).toLowerCase(Locale.ROOT);
        if (!explicitTxn && !implicitTxn) {
            throw new PgError.Failure("25P01", w.get(0) + " can only be used in transaction blocks");
        }
        if (w.get(0).equals("SAVEPOINT")) {
            if (failed) throw new PgError.Failure("25P02", "current transaction is aborted, commands ignored until end of transaction block");
            savepoints.add(new long[]{writes});
            savepointNames.add(name);
            tag.add("SAVEPOINT");
            return RowsResult.none();
        }
        int at = savepointNames.lastIndexOf(name);
        if (at < 0) throw new PgError.Failure("3B001", "savepoint \"" + name + "\" does not exist");
        if (w.get(0).equals("RELEASE")) {
            if (failed) throw new PgError.Failure("25P02", "current transaction is aborted, commands ignored until end of transaction block");
            while (savepointNames.size() > at) {
                savepointNames.remove(savepointNames.size() - 1);
                savepoints.remove(savepoints.size() - 1);
            }
            tag.add("RELEASE");
            return RowsResult.none();
        }
        if (writes > savepoints.get(at)[0]) {
            throw new PgError.Failure("0A000", "ROLLBACK TO SAVEPOINT cannot undo the changes made since the savepoint (not supported yet)");
        }
        while (savepointNames.size() > at + 1) {
            savepointNames.remove(savepointNames.size() - 1);
            savepoints.remove(savepoints.size() - 1);
        }
        failed = false;
        ctx.resumeAbortedTransaction(); // the engine aborted its transaction at the failure; the failed statement did nothing
        tag.add("ROLLBACK");
        return RowsResult.none();
    }

    private final List<long[]> savepoints = new ArrayList<>();
    private final List<String> savepointNames = new ArrayList<>();
    /** Successful statements that may have changed data in this transaction (savepoint emulation). */
    private long writes;

    private static boolean readOnly(String sql) {
        List<String> w = SqlText.words(sql, 1);
        return !w.isEmpty() && switch (w.get(0)) {
            case "SELECT", "SHOW", "VALUES", "EXPLAIN", "DESCRIBE", "TABLE", "SUMMARIZE", "FROM", "PRAGMA" -> true;
            default -> false;
        };
    }

    private static final Pattern SET = Pattern.compile(
            "(?is)\\s*SET\\s+(?:(SESSION|LOCAL)\\s+)?(?:(TIME\\s+ZONE)|([\\w.\"]+))\\s*(?:(?:=|TO)\\s*)?(.*?)\\s*;?\\s*");

    private QueryResult set(String sql, List<String> tag) {
        String text = SqlText.stripComments(sql);
        List<String> w = SqlText.words(text, 4);
        if (w.size() > 1 && (w.get(1).equals("TRANSACTION") || (w.size() > 2 && w.get(1).equals("SESSION") && w.get(2).equals("CHARACTERISTICS")))) {
            tag.add("SET");
            return RowsResult.none(); // isolation levels: every level is accepted (the engine is snapshot isolated)
        }
        Matcher m = SET.matcher(text);
        if (!m.matches()) return null;
        String name = m.group(2) != null ? "TimeZone" : m.group(3).replace("\"", "");
        Setting d = PgSettings.find(name);
        if (d == null) return null; // not a setting: the engine reports the error
        String value = settingValue(m.group(4));
        setAndReport(d, value.equalsIgnoreCase("DEFAULT") ? null : value);
        tag.add("SET");
        return RowsResult.none();
    }

    /** A SET value list: quoted strings, identifiers and numbers, joined with ", " as PostgreSQL shows them. */
    static String settingValue(String raw) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (quoted) {
                if (c == '\'' && i + 1 < raw.length() && raw.charAt(i + 1) == '\'') {
                    cur.append('\'');
                    i++;
                } else if (c == '\'') quoted = false;
                else cur.append(c);
            } else if (c == '\'') quoted = true;
            else if (c == ',') {
                parts.add(cur.toString().strip());
                cur.setLength(0);
            } else if (c != '"') cur.append(c);
        }
        parts.add(cur.toString().strip());
        return String.join(", ", parts);
    }

    private void setAndReport(Setting d, String value) {
        String before = settings.get(d);
        if (value == null) settings.reset(d);
        else settings.set(d, value);
        String now = settings.get(d);
        if (PgSettings.reported(d) && !now.equals(before)) out.parameterStatus(d.name(), now);
    }

    /** RESET ALL / DISCARD ALL: every session setting back to its default, reporting those that change. */
    private void resetAllAndReport() {
        java.util.Map<Setting, String> before = new java.util.HashMap<>();
        for (Setting d : PgSettings.REPORTED) before.put(d, settings.get(d));
        settings.resetAll();
        for (Setting d : PgSettings.REPORTED) {
            String now = settings.get(d);
            if (!now.equals(before.get(d))) out.parameterStatus(d.name(), now);
        }
    }

    private QueryResult show(String sql, List<String> tag) {
        String rest = SqlText.stripComments(sql).strip().substring(4).strip();
        if (rest.endsWith(";")) rest = rest.substring(0, rest.length() - 1).strip();
        String key = rest.replace("\"", "").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (key.equals("transaction isolation level")) key = "transaction_isolation";
        if (key.equals("all")) {
            List<String[]> rows = new ArrayList<>();
            for (Setting d : Settings.all()) rows.add(new String[]{d.name(), settings.get(d), d.description()});
            tag.add("SHOW");
            return RowsResult.rows(List.of("name", "setting", "description"), rows);
        }
        Setting d = PgSettings.find(key);
        if (d == null) return null;
        tag.add("SHOW");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{settings.get(d)});
        return RowsResult.rows(List.of(key), rows);
    }

    // ================================================================ transactions

    /** Opens the batch's implicit engine transaction before a statement that the engine runs. */
    private void ensureTransaction() {
        if (failed) {
            throw new PgError.Failure("25P02", "current transaction is aborted, commands ignored until end of transaction block");
        }
        if (!explicitTxn && !implicitTxn && !ctx.inTransaction()) {
            ctx.execute("BEGIN", List.of());
            implicitTxn = true;
        }
    }

    private void endTransaction(boolean commit) {
        closeAllPortals();
        cursors.endTransaction();
        implicitTxn = false;
        explicitTxn = false;
        failed = false;
        savepoints.clear();
        savepointNames.clear();
        writes = 0;
        if (ctx.inTransaction()) ctx.execute(commit ? "COMMIT" : "ROLLBACK", List.of());
    }

    /** At Sync or the end of a simple query: the implicit transaction commits. */
    private void endImplicit() {
        if (implicitTxn) endTransaction(true);
        if (!explicitTxn) closeAllPortals();
    }

    private void onError() {
        if (explicitTxn) {
            failed = true;
        } else if (implicitTxn) {
            try {
                endTransaction(false);
            } catch (TealException ignored) {
                // the error already reported matters more
            }
        }
    }

    // ================================================================ simple query

    void simpleQuery(String sql) {
        List<SqlText.Piece> pieces = SqlText.split(sql);
        if (pieces.isEmpty()) {
            out.empty('I');
            out.readyForQuery(status());
            out.flush();
            return;
        }
        runPieces(sql, pieces, 0);
    }

    private void runPieces(String sql, List<SqlText.Piece> pieces, int from) {
        for (int i = from; i < pieces.size(); i++) {
            SqlText.Piece p = pieces.get(i);
            try {
                boolean copyStarted = runSimple(p);
                if (copyStarted) {
                    pendingQuery = sql;
                    pendingPieces = pieces.subList(i + 1, pieces.size());
                    out.flush();
                    return;
                }
            } catch (PgOutput.ClientGone e) {
                throw e;
            } catch (RuntimeException e) {
                reportError(e, p.offset(), p.sql());
                onError();
                out.readyForQuery(status());
                out.flush();
                return;
            }
        }
        endImplicitQuietly();
        out.readyForQuery(status());
        out.flush();
    }

    private void endImplicitQuietly() {
        try {
            endImplicit();
        } catch (RuntimeException e) {
            reportError(e, 0, "COMMIT");
            implicitTxn = false;
        }
    }

    /** Runs one statement of a simple query; true when it started a COPY FROM STDIN. */
    private boolean runSimple(SqlText.Piece p) {
        Route route = route(p.sql());
        if (failed && route != Route.COMMIT && route != Route.ROLLBACK && !isRollbackTo(p.sql())) {
            throw new PgError.Failure("25P02", "current transaction is aborted, commands ignored until end of transaction block");
        }
        if (route == Route.COPY) {
            CopyCommand cmd = CopyCommand.parse(p.sql());
            if (cmd != null) return startCopy(cmd);
        }
        List<String> tag = new ArrayList<>(1);
        QueryResult r = runSpecial(route, p.sql(), tag, List.of());
        if (r == null) {
            ensureTransaction();
            parkPortals();
            r = ctx.execute(p.sql(), List.of());
            if (!readOnly(p.sql())) writes++;
        }
        try (QueryResult result = r) {
            if (result.hasResultSet()) {
                rowDescription(result.columnNames(), result.columnTypes(), null);
                Cursor c = new Cursor(result, null, null, ctx.timeZone());
                long n = c.send(out, 0);
                out.commandComplete(tag.isEmpty() ? resultTag(p.sql(), n) : tag.get(0));
            } else {
                out.commandComplete(tag.isEmpty() ? updateTag(p.sql(), result.updateCount()) : tag.get(0));
            }
        }
        return false;
    }

    // ================================================================ COPY

    private record CopyState(CopySink in, TableAppender appender, boolean extended) {
    }

    /** Starts a COPY; for TO STDOUT sends everything and returns false; for FROM STDIN returns true. */
    private boolean startCopy(CopyCommand cmd) {
        ensureTransaction();
        parkPortals();
        if (!cmd.in()) {
            String q = cmd.query() != null ? cmd.query()
                    : "SELECT " + (cmd.columns().isEmpty() ? "*" : String.join(", ", cmd.columns())) + " FROM " + cmd.table();
            try (QueryResult r = ctx.execute(q, List.of())) {
                long n = CopyOut.send(r, cmd, out, ctx.timeZone());
                out.commandComplete("COPY " + n);
            }
            return false;
        }
        String[] parts = splitName(cmd.table());
        String schema = parts.length > 1 ? parts[parts.length - 2] : "main";
        String table = parts[parts.length - 1];
        QueryResult cols = ctx.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
                List.of(Value.ofVarchar(schema), Value.ofVarchar(table)));
        List<String> names = new ArrayList<>();
        try (cols) {
            for (DataChunk ch = cols.nextChunk(); ch != null; ch = cols.nextChunk()) {
                for (int r = 0; r < ch.size(); r++) names.add(ch.column(0).getString(r));
            }
        }
        TableAppender appender = ctx.appender(schema, table);
        int[] map;
        if (cmd.columns().isEmpty()) {
            map = new int[appender.types().size()];
            for (int i = 0; i < map.length; i++) map[i] = i;
        } else {
            map = new int[cmd.columns().size()];
            for (int i = 0; i < map.length; i++) {
                String c = unquote(cmd.columns().get(i));
                int idx = -1;
                for (int k = 0; k < names.size(); k++) if (names.get(k).equalsIgnoreCase(c)) idx = k;
                if (idx < 0) {
                    appender.close();
                    throw new PgError.Failure("42703", "column \"" + c + "\" of relation \"" + table + "\" does not exist");
                }
                map[i] = idx;
            }
        }
        boolean binary = cmd.format() == CopyCommand.Format.BINARY;
        copy = new CopyState(binary ? new CopyInBinary(table, appender, map) : new CopyIn(cmd, table, appender, map), appender, false);
        writes++;
        ByteBuf b = out.begin('G');
        b.writeByte(binary ? 1 : 0);
        b.writeShort(map.length);
        for (int i = 0; i < map.length; i++) b.writeShort(binary ? 1 : 0);
        out.end();
        return true;
    }

    private static String[] splitName(String qualified) {
        List<String> parts = new ArrayList<>();
        for (String s : qualified.split("\\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) parts.add(unquote(s.strip()));
        return parts.toArray(String[]::new);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s.toLowerCase(Locale.ROOT);
    }

    /** CopyData, CopyDone or CopyFail during COPY FROM STDIN; other messages are ignored meanwhile. */
    void copyMessage(Frame f) {
        CopyState st = copy;
        try {
            switch (f.type()) {
                case 'd' -> {
                    st.in().data(f.body());
                    return;
                }
                case 'c' -> {
                    long n = st.in().finish();
                    copy = null;
                    st.appender().close();
                    out.commandComplete("COPY " + n);
                }
                case 'f' -> {
                    copy = null;
                    closeQuietly(st.appender());
                    throw new PgError.Failure("57014", "COPY from stdin failed: " + new MessageReader(f.body()).cstring());
                }
                default -> {
                    return; // Flush and Sync are ignored during copy-in
                }
            }
        } catch (PgOutput.ClientGone e) {
            throw e;
        } catch (RuntimeException e) {
            if (copy != null) {
                copy = null;
                closeQuietly(st.appender());
                copyFailedDropRest = true;
            }
            reportError(e, 0, "COPY");
            onError();
            finishCopyBatch(true);
            return;
        }
        finishCopyBatch(false);
    }

    /** After a failed COPY the client's remaining CopyData/CopyDone/CopyFail are dropped silently. */
    boolean copyFailedDropRest;

    private void finishCopyBatch(boolean error) {
        List<SqlText.Piece> rest = pendingPieces;
        String q = pendingQuery;
        pendingPieces = null;
        pendingQuery = null;
        if (!error && rest != null && !rest.isEmpty()) {
            runPieces(q, rest, 0);
            return;
        }
        if (!error) endImplicitQuietly();
        out.readyForQuery(status());
        out.flush();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // failing anyway
        }
    }

    // ================================================================ extended query

    /** A Parse'd statement. */
    static final class Prepared {
        final String sql;
        final Route route;
        final int[] declaredOids;
        final ClientContext.PreparedQuery query;
        final int paramCount;
        /** Cached {@link #batchable} answer. */
        Boolean batchable;
        /** Set by Describe(S): the client may decode later results with the row types announced then. */
        boolean describedAsStatement;

        Prepared(String sql, Route route, int[] declaredOids, ClientContext.PreparedQuery query) {
            this.sql = sql;
            this.route = route;
            this.declaredOids = declaredOids;
            this.query = query;
            int n = query == null ? 0 : query.parameterCount();
            this.paramCount = Math.max(n, declaredOids.length);
        }

        int paramOid(int i) {
            if (i < declaredOids.length && declaredOids[i] != 0) return declaredOids[i];
            if (query != null && i < query.parameterTypes().size()) return PgType.of(query.parameterTypes().get(i)).oid();
            return PgType.TEXT;
        }

        LogicalType paramType(int i) {
            if (query != null && i < query.parameterTypes().size()) return query.parameterTypes().get(i);
            return null;
        }
    }

    /** A Bind'ed portal: statement, parameters, result formats, and the running result once executed. */
    final class Portal {
        final Prepared stmt;
        final List<Value> params;
        final short[] formats;
        Cursor cursor;
        QueryResult result;
        String tag;
        boolean described;
        boolean complete;

        Portal(Prepared stmt, List<Value> params, short[] formats) {
            this.stmt = stmt;
            this.params = params;
            this.formats = formats;
        }

        void close() {
            if (result != null) result.close();
            result = null;
            cursor = null;
        }
    }

    void parse(MessageReader r) {
        String name = r.cstring();
        String sql = r.cstring();
        int n = r.int16();
        if (n < 0) throw new PgFrameDecoder.ProtocolViolation("negative parameter count");
        int[] oids = new int[n];
        for (int i = 0; i < n; i++) oids[i] = r.int32();
        flushBatch();
        if (failed && !endsTransaction(route(sql))) throw new PgError.Failure("25P02", "current transaction is aborted, commands ignored until end of transaction block");
        if (!name.isEmpty() && statements.containsKey(name)) {
            throw new PgError.Failure("42P05", "prepared statement \"" + name + "\" already exists");
        }
        List<SqlText.Piece> pieces = SqlText.split(sql);
        if (pieces.size() > 1) throw new PgError.Failure("42601", "cannot insert multiple commands into a prepared statement");
        Route route = pieces.isEmpty() ? Route.NOOP : route(sql);
        ClientContext.PreparedQuery q = null;
        if (route == Route.ENGINE && !pieces.isEmpty()) {
            // bound in the batch's transaction, where Bind/Execute will run it: the engine then runs the plan this
            // binding made instead of binding the statement a second time (pgjdbc's and psycopg's one-shot queries)
            ensureTransaction();
            parkPortals();
            q = ctx.prepare(sql);
        } else if (route == Route.COPY && CopyCommand.parse(sql) == null) {
            route = Route.ENGINE;
        }
        statements.put(name, new Prepared(sql, route, oids, q));
        out.empty('1');
    }

    /** BEGIN / START TRANSACTION with a READ ONLY mode ({@code BEGIN READ ONLY}, {@code START TRANSACTION ISOLATION LEVEL …, READ ONLY}). */
    private static boolean beginsReadOnly(String sql) {
        return READ_ONLY.matcher(SqlText.stripComments(sql)).find();
    }

    private static final java.util.regex.Pattern READ_ONLY = java.util.regex.Pattern.compile("\\bREAD\\s+ONLY\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    private static boolean endsTransaction(Route r) {
        return r == Route.COMMIT || r == Route.ROLLBACK || r == Route.SAVEPOINT;
    }

    private static boolean isRollbackTo(String sql) {
        List<String> w = SqlText.words(sql, 1);
        return !w.isEmpty() && (w.get(0).equals("ROLLBACK") || w.get(0).equals("ABORT")) && route(sql) == Route.SAVEPOINT;
    }

    void bind(MessageReader r) {
        String portalName = r.cstring();
        String stmtName = r.cstring();
        int nf = r.int16();
        short[] pf = new short[Math.max(nf, 0)];
        for (int i = 0; i < nf; i++) pf[i] = (short) r.int16();
        int np = r.int16();
        byte[][] values = new byte[Math.max(np, 0)][];
        for (int i = 0; i < np; i++) {
            int len = r.int32();
            values[i] = len < 0 ? null : r.bytes(len);
        }
        int nr = r.int16();
        short[] rf = new short[Math.max(nr, 0)];
        for (int i = 0; i < nr; i++) rf[i] = (short) r.int16();
        Prepared st = statements.get(stmtName);
        if (st == null) throw new PgError.Failure("26000", "prepared statement \"" + stmtName + "\" does not exist");
        if (failed && !endsTransaction(st.route)) throw new PgError.Failure("25P02", "current transaction is aborted, commands ignored until end of transaction block");
        if (np != st.paramCount && !(st.query == null && np == 0)) {
            throw new PgError.Failure("08P01", "bind message supplies " + np + " parameters, but prepared statement \""
                    + stmtName + "\" requires " + st.paramCount);
        }
        if (nf > 1 && nf != np) throw new PgError.Failure("08P01", "bind message has " + nf + " parameter formats but " + np + " parameters");
        List<Value> params = new ArrayList<>(np);
        for (int i = 0; i < np; i++) {
            boolean binary = nf == 1 ? pf[0] == 1 : nf > 1 && pf[i] == 1;
            // a binary value is in the type the client was told (ParameterDescription) when Parse declared none (asyncpg)
            int oid = binary ? st.paramOid(i) : i < st.declaredOids.length ? st.declaredOids[i] : 0;
            params.add(PgParams.decode(values[i], binary, oid, st.paramType(i)));
        }
        if (!portalName.isEmpty() && portals.containsKey(portalName)) {
            throw new PgError.Failure("42P03", "cursor \"" + portalName + "\" already exists");
        }
        Portal old = portals.put(portalName, new Portal(st, params, rf));
        if (old != null) old.close();
        if (batchable(st)) {
            deferred.add('2');
        } else {
            flushBatch();
            out.empty('2');
        }
    }

    void describe(MessageReader r) {
        byte kind = r.int8();
        String name = r.cstring();
        if (kind == 'S') {
            flushBatch();
            Prepared st = statements.get(name);
            if (st == null) throw new PgError.Failure("26000", "prepared statement \"" + name + "\" does not exist");
            st.describedAsStatement = true;
            ByteBuf b = out.begin('t');
            b.writeShort(st.paramCount);
            for (int i = 0; i < st.paramCount; i++) b.writeInt(st.paramOid(i));
            out.end();
            if (st.query != null && !st.query.columnNames().isEmpty()) {
                rowDescription(st.query.columnNames(), st.query.columnTypes(), new short[0]);
            } else if (st.route == Route.SHOW) {
                rowDescription(List.of(showColumn(st.sql)), List.of(LogicalType.VARCHAR), new short[0]);
            } else {
                out.empty('n');
            }
        } else if (kind == 'P') {
            Portal p = portals.get(name);
            QueryResult cursor = p == null ? cursors.described(name) : null;
            if (cursor != null) {
                // a DECLARE'd cursor is also a portal: psycopg describes it before it FETCHes
                rowDescription(cursor.columnNames(), cursor.columnTypes(), new short[0]);
                return;
            }
            if (p == null) throw new PgError.Failure("34000", "portal \"" + name + "\" does not exist");
            if (batchable(p.stmt)) {
                deferred.add('n');
                return;
            }
            flushBatch();
            // The portal starts here, so the row description is that of the result actually produced.
            describingPortal = true;
            try {
                start(p);
            } finally {
                describingPortal = false;
            }
            if (p.result != null && p.result.hasResultSet()) {
                rowDescription(p.result.columnNames(), p.result.columnTypes(), p.formats);
                p.described = true;
            } else {
                out.empty('n');
            }
        } else {
            throw new PgFrameDecoder.ProtocolViolation("invalid DESCRIBE message subtype " + kind);
        }
    }

    private static String showColumn(String sql) {
        String rest = SqlText.stripComments(sql).strip().substring(4).strip().replace(";", "").replace("\"", "").toLowerCase(Locale.ROOT);
        return rest.equals("transaction isolation level") ? "transaction_isolation" : rest;
    }

    private boolean describingPortal;

    private void start(Portal p) {
        if (p.result != null || p.complete) return;
        Prepared st = p.stmt;
        if (st.route == Route.COPY) return;
        List<String> tag = new ArrayList<>(1);
        QueryResult r;
        starting = p;
        try {
            r = st.route == Route.ENGINE ? null : runSpecial(st.route, st.sql, tag, p.params);
        } finally {
            starting = null;
        }
        if (r == null) {
            ensureTransaction();
            parkPortals();
            r = st.query != null ? st.query.execute(p.params) : ctx.execute(st.sql, p.params);
            if (!readOnly(st.sql)) writes++;
        }
        p.result = r;
        p.tag = tag.isEmpty() ? null : tag.get(0);
        if (r.hasResultSet()) {
            List<LogicalType> expected = null;
            if (st.query != null && st.describedAsStatement && !describingPortal && st.query.columnTypes().size() == r.columnTypes().size()
                    && !st.query.columnTypes().equals(r.columnTypes()) && !st.query.columnTypes().contains(LogicalType.SQLNULL)) {
                expected = st.query.columnTypes(); // the client decodes with the types Describe(S) announced
            }
            p.cursor = new Cursor(r, p.formats, expected, ctx.timeZone());
        }
    }

    void execute(MessageReader r) {
        String name = r.cstring();
        int maxRows = r.int32();
        Portal p = portals.get(name);
        if (p == null) throw new PgError.Failure("34000", "portal \"" + name + "\" does not exist");
        if (failed && !endsTransaction(p.stmt.route)) throw new PgError.Failure("25P02", "current transaction is aborted, commands ignored until end of transaction block");
        Prepared st = p.stmt;
        if (st.route == Route.NOOP && SqlText.words(st.sql, 1).isEmpty()) {
            out.empty('I');
            return;
        }
        if (st.route == Route.COPY && !p.complete) {
            p.complete = true;
            CopyCommand cmd = CopyCommand.parse(st.sql);
            startCopy(cmd);
            return;
        }
        if (p.complete) {
            out.commandComplete(p.tag != null ? p.tag : "SELECT 0");
            return;
        }
        if (batchable(st) && p.result == null) {
            // pipelined executemany / executeBatch: rows of one INSERT are collected and appended in one go
            if (batchStmt != st) flushBatch();
            ensureTransaction();
            batchStmt = st;
            batchRows.add(p.params);
            p.complete = true;
            p.tag = "INSERT 0 1";
            deferred.add('C');
            if (batchRows.size() >= MAX_BATCH) flushBatch();
            return;
        }
        flushBatch();
        start(p);
        if (p.cursor == null) {
            out.commandComplete(p.tag != null ? p.tag : updateTag(st.sql, p.result.updateCount()));
            p.complete = true;
            p.close();
            return;
        }
        long n = p.cursor.send(out, maxRows);
        if (p.cursor.hasMore()) {
            out.empty('s');
        } else {
            p.complete = true;
            out.commandComplete(p.tag != null ? p.tag : resultTag(st.sql, n));
            p.close();
        }
    }

    private static final int MAX_BATCH = 20_000;
    private Prepared batchStmt;
    private final List<List<Value>> batchRows = new ArrayList<>();

    /**
     * An INSERT … VALUES without RETURNING that the extended protocol executes row by row
     * (psycopg executemany, pgjdbc executeBatch): its rows can be collected and run as one batch.
     * Its CommandComplete is sent at once; an error surfaces at the next message that flushes the
     * batch, and the batch's implicit transaction rolls back as a whole, as in PostgreSQL.
     */
    private static boolean batchable(Prepared st) {
        if (st.route != Route.ENGINE || st.query == null || !st.query.columnNames().isEmpty()) return false;
        if (st.batchable == null) {
            String upper = st.sql.toUpperCase(Locale.ROOT);
            List<String> w = SqlText.words(st.sql, 2);
            st.batchable = w.size() == 2 && w.get(0).equals("INSERT") && w.get(1).equals("INTO") && upper.contains("VALUES")
                    && !upper.contains("RETURNING") && !upper.contains("SELECT") && !upper.contains("ON CONFLICT");
        }
        return st.batchable;
    }

    /**
     * Replies of the batched messages, held back until the batch ran so that they keep their order
     * and an error can take the place of the first row's CommandComplete: '2' BindComplete,
     * 'n' NoData, 'C' CommandComplete.
     */
    private final List<Character> deferred = new ArrayList<>();

    /**
     * Runs the collected INSERT rows and sends the held-back replies; called before anything else
     * is answered. On failure the replies up to the first row's result are sent and the error is
     * thrown (it is reported in that row's place; the rest of the batch is skipped up to Sync).
     */
    void flushBatch() {
        if (deferred.isEmpty() && batchRows.isEmpty()) return;
        Prepared st = batchStmt;
        List<List<Value>> rows = new ArrayList<>(batchRows);
        List<Character> replies = new ArrayList<>(deferred);
        batchRows.clear();
        deferred.clear();
        batchStmt = null;
        long[] counts = new long[0];
        try {
            if (!rows.isEmpty()) {
                counts = st.query.executeBatch(rows);
                writes++;
            }
        } catch (RuntimeException e) {
            for (char c : replies) {
                if (c == 'C') break;
                out.empty(c);
            }
            throw e;
        }
        int row = 0;
        for (char c : replies) {
            // each row's own count: an INSERT … VALUES ($1, $2), ($3, $4) adds two rows per execution
            if (c == 'C') out.commandComplete("INSERT 0 " + (row < counts.length ? counts[row++] : 1));
            else out.empty(c);
        }
    }

    void close(MessageReader r) {
        byte kind = r.int8();
        String name = r.cstring();
        if (kind == 'S') {
            statements.remove(name);
        } else if (kind == 'P') {
            Portal p = portals.remove(name);
            if (p != null) p.close();
        } else {
            throw new PgFrameDecoder.ProtocolViolation("invalid CLOSE message subtype " + kind);
        }
        out.empty('3');
    }

    void sync() {
        skipToSync = false;
        endImplicitQuietly();
        out.readyForQuery(status());
        out.flush();
    }

    boolean skippingToSync() {
        return skipToSync;
    }

    /** An error in an extended-protocol message: report it and ignore everything up to Sync. */
    void extendedError(RuntimeException e, String sql) {
        try {
            flushBatch();
        } catch (PgOutput.ClientGone gone) {
            throw gone;
        } catch (RuntimeException batchError) {
            e = batchError; // the batch came first: its error is reported, the rest skipped up to Sync
        }
        reportError(e, 0, sql);
        onError();
        skipToSync = true;
    }

    private String currentSql(String portal) {
        Portal p = portals.get(portal);
        return p == null ? null : p.stmt.sql;
    }

    // ================================================================ results

    /** Streams a result's rows as DataRow messages, in text or the portal's binary formats. */
    static final class Cursor {
        private final QueryResult result;
        private final boolean[] binary;
        private final LogicalType[] castTo;
        private DataChunk chunk;
        private int row;
        private boolean done;
        private final byte[] scratch = new byte[PgValues.SCRATCH];

        /** TIMESTAMPTZ text is in the session's TimeZone when the statement ran, as PostgreSQL sends it. */
        private final java.time.ZoneId zone;

        Cursor(QueryResult result, short[] formats, List<LogicalType> expected, java.time.ZoneId zone) {
            this.result = result;
            this.zone = zone;
            int n = result.columnTypes().size();
            binary = new boolean[n];
            for (int i = 0; i < n; i++) {
                boolean b = formats != null && (formats.length == 1 ? formats[0] == 1 : formats.length > i && formats[i] == 1);
                binary[i] = b;
            }
            castTo = expected == null ? null : expected.toArray(LogicalType[]::new);
        }

        /** Sends up to {@code max} rows (0 = all); returns how many were sent. */
        long send(PgOutput out, int max) {
            long sent = 0;
            while (max <= 0 || sent < max) {
                if (chunk == null || row >= chunk.size()) {
                    if (!advance()) break;
                }
                Vector[] cols = chunk.columns();
                int end = chunk.size();
                if (max > 0) end = (int) Math.min(end, row + (max - sent));
                ByteBuf b;
                for (; row < end; row++) {
                    b = out.begin('D');
                    b.writeShort(cols.length);
                    for (int c = 0; c < cols.length; c++) PgValues.write(cols[c], row, binary[c], b, zone, scratch);
                    out.end();
                    sent++;
                }
            }
            return sent;
        }

        private boolean advance() {
            if (done) return false;
            DataChunk next = result.nextChunk();
            if (next == null) {
                done = true;
                chunk = null;
                return false;
            }
            if (castTo != null) {
                for (int c = 0; c < castTo.length; c++) {
                    Vector v = next.column(c);
                    if (v.type.equals(castTo[c])) continue;
                    Vector o = new Vector(castTo[c], Math.max(next.size(), 1));
                    Casts.kernel(v.type, castTo[c], false).execute(new Vector[]{v}, next.size(), o);
                    if (v.validity != null) for (int r = 0; r < next.size(); r++) if (v.isNull(r)) o.setNull(r);
                    next.setColumn(c, o);
                }
            }
            chunk = next;
            row = 0;
            return true;
        }

        boolean hasMore() {
            if (chunk != null && row < chunk.size()) return true;
            return advance();
        }

        /** Pulls the rest of the result into memory, so the engine can run another statement. */
        void park() {
            parked = ParkedResult.remaining(result, chunk, row);
            chunk = null;
            row = 0;
        }

        private List<DataChunk> parked;
    }

    /** The engine streams one result at a time: suspended portals are drained before it runs another statement. */
    private void parkPortals() {
        cursors.parkAll();
        for (Portal p : portals.values()) {
            if (p.cursor != null && !p.complete && !(p.result instanceof ParkedResult)) {
                p.cursor.park();
                ParkedResult parked = new ParkedResult(p.result, p.cursor.parked);
                p.result.close();
                p.result = parked;
                p.cursor = new Cursor(parked, p.formats, null, ctx.timeZone());
            }
        }
    }

    /** The portal whose statement is starting: a COMMIT or ROLLBACK run through it ends every portal but itself. */
    private Portal starting;

    private void closeAllPortals() {
        for (var it = portals.values().iterator(); it.hasNext(); ) {
            Portal p = it.next();
            if (p == starting) continue;
            p.close();
            it.remove();
        }
    }

    private void rowDescription(List<String> names, List<LogicalType> types, short[] formats) {
        ByteBuf b = out.begin('T');
        b.writeShort(names.size());
        for (int i = 0; i < names.size(); i++) {
            PgType t = PgType.of(types.get(i));
            out.cstring(names.get(i));
            b.writeInt(0);
            b.writeShort(0);
            b.writeInt(t.oid());
            b.writeShort(t.typlen());
            b.writeInt(t.typmod());
            boolean binary = formats != null && (formats.length == 1 ? formats[0] == 1 : formats.length > i && formats[i] == 1);
            b.writeShort(binary ? 1 : 0);
        }
        out.end();
    }

    static String resultTag(String sql, long rows) {
        List<String> w = SqlText.words(sql, 1);
        String first = w.isEmpty() ? "SELECT" : w.get(0).equals("WITH") ? SqlText.verbAfterWith(sql) : w.get(0);
        return switch (first) {
            case "INSERT" -> "INSERT 0 " + rows;
            case "UPDATE", "DELETE", "MERGE", "FETCH", "MOVE" -> first + " " + rows;
            case "SHOW" -> "SHOW";
            default -> "SELECT " + rows;
        };
    }

    static String updateTag(String sql, long count) {
        List<String> w = SqlText.words(sql, 6);
        if (w.isEmpty()) return "";
        long n = Math.max(count, 0);
        String first = w.get(0).equals("WITH") ? SqlText.verbAfterWith(sql) : w.get(0);
        switch (first) {
            case "INSERT":
                return "INSERT 0 " + n;
            case "UPDATE", "DELETE", "MERGE", "COPY":
                return first + " " + n;
            case "CREATE", "DROP", "ALTER": {
                StringBuilder sb = new StringBuilder(first);
                for (int i = 1; i < w.size(); i++) {
                    String x = w.get(i);
                    if (x.equals("OR") || x.equals("REPLACE") || x.equals("TEMP") || x.equals("TEMPORARY") || x.equals("UNIQUE")
                            || x.equals("UNLOGGED") || x.equals("PERSISTENT") || x.equals("IF")) continue;
                    sb.append(' ').append(x);
                    if (!x.equals("MATERIALIZED")) break;
                }
                if (first.equals("CREATE") && w.contains("AS") && w.contains("TABLE") && count >= 0) return "SELECT " + n;
                return sb.toString();
            }
            default:
                return first;
        }
    }

    private void reportError(RuntimeException e, int offset, String sql) {
        PgError err = PgErrors.from(e, offset);
        if (err.sqlState().equals("57014") && e instanceof io.tealdb.error.InterruptException) {
            // the engine's statement_timeout names itself; any other interrupt is a CancelRequest
            boolean timeout = e.getMessage() != null && e.getMessage().contains("statement timeout");
            err = PgError.error("57014", timeout ? "canceling statement due to statement timeout" : "canceling statement due to user request");
        }
        out.error('E', err);
        server.log("statement failed (" + user + "@" + peer + "): " + err.sqlState() + " " + err.message()
                + (sql == null ? "" : " -- " + abbreviate(sql)));
    }

    private static String abbreviate(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ");
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    @Override
    public void close() {
        try {
            if (copy != null) closeQuietly(copy.appender());
            closeAllPortals();
            cursors.closeAll();
        } finally {
            ctx.close();
        }
    }
}
