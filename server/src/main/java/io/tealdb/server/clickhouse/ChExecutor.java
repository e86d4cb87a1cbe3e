package io.tealdb.server.clickhouse;

import io.tealdb.server.clickhouse.ChLexer.Tok;
import io.tealdb.session.ClientContext;
import io.tealdb.session.QueryResult;
import io.tealdb.session.TableAppender;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one ClickHouse statement on a TealDB session: queries stream their chunks into the output
 * format, {@code INSERT … FORMAT} goes through {@link ChInsert} and the table appender in one
 * transaction, DDL is translated (CREATE TABLE … ENGINE = MergeTree, CREATE DATABASE), and the
 * statements TealDB has no direct counterpart for (DESCRIBE, SHOW, EXISTS, USE, SET) are answered here.
 */
final class ChExecutor {
    /** Results up to this size are buffered before the reply starts, so their column types are exact. */
    private static final long BUFFER_BYTES = 8L << 20;

    private final ClientContext ctx;
    private final ChSettings settings;
    private final Map<String, String> params;
    private final String user;
    private final ChSession session;
    private final ChResponse response;
    private final boolean readonly;
    private final ChColumnTypes columnTypes;
    private final ChSortKeys sortKeys;
    final Summary summary = new Summary();
    private String database;

    /** Counters reported in X-ClickHouse-Summary. */
    static final class Summary {
        long readRows;
        long readBytes;
        long writtenRows;
        long writtenBytes;
        long resultRows;
        long resultBytes;
    }

    ChExecutor(ClientContext ctx, ChSettings settings, Map<String, String> params, String user, String database,
               ChSession session, ChResponse response, boolean readonly, ChColumnTypes columnTypes, ChSortKeys sortKeys) {
        this.ctx = ctx;
        this.sortKeys = sortKeys;
        this.columnTypes = columnTypes;
        this.settings = settings;
        this.params = params;
        this.user = user;
        this.database = database;
        this.session = session;
        this.response = response;
        this.readonly = readonly;
    }

    private ChDialect dialect(ChStatement st) {
        return new ChDialect(st.text, st.toks, params, database, user).withZones(zonedColumns(st.toks));
    }

    /**
     * The zoned DateTime/DateTime64 columns of the tables a statement names after FROM or JOIN, by lower-case
     * column name (a name two tables declare with different zones is left out).
     */
    private Map<String, ChType> zonedColumns(List<Tok> t) {
        if (columnTypes.isEmpty()) return Map.of();
        Map<String, ChType> zoned = new java.util.HashMap<>();
        java.util.Set<String> ambiguous = new java.util.HashSet<>();
        for (int i = 0; i + 1 < t.size(); i++) {
            if (!(t.get(i).is("FROM") || t.get(i).is("JOIN")) || !t.get(i + 1).isName()) continue;
            String[] name = qualifiedName(t, i + 1);
            // temporary tables keep no declarations: no catalog lookup is needed to tell them apart
            String schema = name[0] != null ? schemaOf(name[0]) : schemaOf(database);
            for (Map.Entry<String, ChType> e : columnTypes.table(schema, name[1]).entrySet()) {
                ChType b = ChType.base(e.getValue());
                String zone = b instanceof ChType.DateTime d ? d.zone() : b instanceof ChType.DateTime64 d64 ? d64.zone() : null;
                if (zone == null) continue;
                ChType before = zoned.putIfAbsent(e.getKey(), b);
                if (before != null && !before.equals(b)) ambiguous.add(e.getKey());
            }
        }
        zoned.keySet().removeAll(ambiguous);
        return zoned;
    }

    private String emit(ChStatement st, int from) {
        ChDialect d = dialect(st);
        String sql = d.emit(from, st.toks.size());
        emitted = d;
        return sql;
    }

    /** The dialect that emitted the statement being run: the output types of its zone-carrying select items. */
    private ChDialect emitted;

    private void checkWrite(ChStatement st) {
        if (readonly) {
            throw new ChException(164, "READONLY", "Cannot execute query in readonly mode (" + st.verb + ")");
        }
    }

    void run(ChStatement st, InputStream data, String defaultFormat) {
        current = st;
        emitted = null;
        useDatabase();
        for (Map.Entry<String, String> e : st.settings.entrySet()) settings.put(e.getKey(), e.getValue());
        String format = st.format != null ? st.format : defaultFormat;
        List<Tok> t = st.toks;
        switch (st.verb) {
            case "SELECT", "WITH", "(", "VALUES", "EXPLAIN", "FROM", "TABLE" -> query(emit(st, 0), format);
            case "INSERT" -> insert(st, data);
            case "CREATE" -> {
                checkWrite(st);
                create(st);
            }
            case "DROP" -> {
                checkWrite(st);
                drop(st);
            }
            case "TRUNCATE" -> {
                checkWrite(st);
                int i = 1;
                if (i < t.size() && t.get(i).is("TABLE")) i++;
                boolean ifExists = i + 1 < t.size() && t.get(i).is("IF") && t.get(i + 1).is("EXISTS");
                if (ifExists) i += 2;
                String table = emit(st, i);
                if (ifExists && !tableExists(st, i)) return;
                exec("TRUNCATE " + table);
            }
            case "DESCRIBE", "DESC" -> describe(st, format);
            case "SHOW" -> show(st, format);
            case "EXISTS" -> exists(st, format);
            case "USE" -> {
                String db = t.size() > 1 ? t.get(1).text() : "default";
                if (!db.equals("default") && !schemaExists(db)) {
                    throw new ChException(81, "UNKNOWN_DATABASE", "Database " + db + " does not exist");
                }
                database = db;
                if (session != null) session.database = db;
            }
            case "SET" -> {
                for (int i = 1; i + 2 < t.size() + 1; ) {
                    if (i + 2 > t.size() || !t.get(i + 1).op("=")) break;
                    String name = t.get(i).text();
                    StringBuilder v = new StringBuilder();
                    int j = i + 2;
                    while (j < t.size() && !t.get(j).op(",")) v.append(t.get(j++).text());
                    settings.put(name, v.toString());
                    if (session != null) session.settings.put(name, v.toString());
                    i = j + 1;
                }
            }
            case "OPTIMIZE", "SYSTEM", "KILL", "GRANT", "REVOKE", "CHECK" -> {
                // no storage maintenance to trigger: accepted as a no-op, as on a single node
            }
            case "ALTER" -> {
                checkWrite(st);
                alter(st);
            }
            case "RENAME" -> {
                checkWrite(st);
                // RENAME TABLE a TO b
                int i = t.size() > 1 && t.get(1).is("TABLE") ? 2 : 1;
                int to = -1;
                for (int k = i; k < t.size(); k++) if (t.get(k).is("TO")) to = k;
                if (to < 0) throw ChException.syntax("RENAME TABLE a TO b expected");
                ChDialect d = dialect(st);
                String target = t.get(t.size() - 1).kind() == ChLexer.Kind.QID ? ChDialect.quoteId(t.get(t.size() - 1).text()) : t.get(t.size() - 1).text();
                String[] from = qualifiedName(t, i);
                String schema = from[0] == null ? schemaOf(database) : schemaOf(from[0]);
                String sql = "ALTER TABLE " + d.emit(i, to) + " RENAME TO " + target;
                atomically(() -> {
                    exec(sql);
                    columnTypes.renameTable(ctx, schema, from[1], t.get(t.size() - 1).text());
                    sortKeys.renameTable(ctx, schema, from[1], t.get(t.size() - 1).text());
                    return null;
                });
            }
            default -> {
                if (!st.verb.equals("BEGIN") && !st.verb.equals("COMMIT") && !st.verb.equals("ROLLBACK")) checkWrite(st);
                QueryResult r = ctx.execute(emit(st, 0), List.of());
                if (r.hasResultSet()) write(r, format);
                else r.close();
            }
        }
    }

    /**
     * Points the TealDB session's unqualified names at the request's database (TealDB's schema of that
     * name; {@code default} is {@code main}), as ClickHouse resolves them in the current database.
     */
    private void useDatabase() {
        String schema = schemaOf(database);
        String current = session != null ? session.engineSchema : "main";
        if (schema.equals(current)) return;
        try {
            exec("USE " + ChDialect.quoteId(schema));
        } catch (io.tealdb.error.CatalogException e) {
            throw new ChException(81, "UNKNOWN_DATABASE", "Database " + database + " does not exist", e);
        }
        if (session != null) session.engineSchema = schema;
    }

    private void exec(String sql) {
        try (QueryResult r = ctx.execute(sql, List.of())) {
            if (r.updateCount() > 0) summary.writtenRows += r.updateCount();
        }
    }

    private void query(String sql, String format) {
        QueryResult r = ctx.execute(sql, List.of());
        if (!r.hasResultSet()) {
            if (r.updateCount() > 0) summary.writtenRows += r.updateCount();
            r.close();
            return;
        }
        write(r, format);
    }

    /** Streams a result in {@code format}; the first chunks are buffered so Nullable is declared only where NULLs are. */
    private void write(QueryResult r, String format) {
        try (r) {
            ResultWriter w = ResultWriter.create(format, response.sink(), settings);
            response.resultFormat(w.format(), w.contentType());
            List<String> names = r.columnNames();
            List<LogicalType> types = r.columnTypes();
            List<DataChunk> buffered = new ArrayList<>();
            long est = 0;
            boolean done = false;
            while (est < BUFFER_BYTES) {
                DataChunk c = r.nextChunk();
                if (c == null) {
                    done = true;
                    break;
                }
                buffered.add(c);
                est += (long) c.size() * Math.max(1, types.size()) * 8;
            }
            List<ChType> declared = new ArrayList<>();
            List<ChType> tableDeclared = null;
            Map<String, ChType> fromTables = tableColumns();
            for (int i = 0; i < types.size(); i++) {
                ChType t = ChType.of(types.get(i));
                if (!done) t = allNullable(t);
                else {
                    ChType acc = null;
                    for (DataChunk c : buffered) {
                        ChType ct = BinaryWriter.typeOf(c.column(i), c.size());
                        acc = acc == null ? ct : widen(acc, ct);
                    }
                    if (acc != null) t = acc;
                }
                ChType column = fromTables.get(names.get(i).toLowerCase(Locale.ROOT));
                if (column != null && ChType.sameStorage(column, types.get(i))) {
                    column = ChType.withoutLowCardinality(column);
                    t = merge(column, t);
                    if (tableDeclared == null) tableDeclared = new ArrayList<>(java.util.Collections.nCopies(types.size(), (ChType) null));
                    tableDeclared.set(i, column);
                }
                declared.add(t);
            }
            w.tableDeclared(tableDeclared);
            w.begin(names, types, declared);
            long rows = 0;
            for (DataChunk c : buffered) {
                w.chunk(c);
                rows += c.size();
            }
            buffered.clear();
            if (!done) {
                DataChunk c;
                while ((c = r.nextChunk()) != null) {
                    w.chunk(c);
                    rows += c.size();
                    response.checkOpen();
                }
            }
            summary.resultRows = rows;
            summary.readRows += rows;
            w.end(rows, response.elapsedNanos(), summary.readBytes);
            response.sink().flush();
            summary.resultBytes = response.sink().bytesWritten();
        }
    }

    private static ChType declaredType(String text) {
        try {
            return ChType.parse(text);
        } catch (ChException e) {
            return null;
        }
    }

    /** The statement being run, for {@link #tableColumns}. */
    private ChStatement current;

    /**
     * The declared ClickHouse types of the columns of the tables the statement names, by lower-case
     * column name (a name two of them declare differently is left out): a result column of that name
     * whose TealDB type is the declared type's storage is reported under the declared type, as when it
     * is read straight from the table.
     */
    private Map<String, ChType> tableColumns() {
        Map<String, ChType> computed = emitted == null ? Map.of() : emitted.outputTypes();
        if (current == null || columnTypes.isEmpty()) return computed;
        Map<String, ChType> out = new java.util.HashMap<>();
        java.util.Set<String> ambiguous = new java.util.HashSet<>();
        List<Tok> t = current.toks;
        for (int i = 0; i < t.size(); i++) {
            if (!t.get(i).isName() || i > 0 && t.get(i - 1).op(".")) continue;
            String schema = schemaOf(database), table = t.get(i).text();
            if (i + 2 < t.size() && t.get(i + 1).op(".") && t.get(i + 2).isName()) {
                schema = schemaOf(table);
                table = t.get(i + 2).text();
            }
            for (Map.Entry<String, ChType> e : columnTypes.table(schema, table).entrySet()) {
                ChType prev = out.putIfAbsent(e.getKey(), e.getValue());
                if (prev != null && !prev.equals(e.getValue())) ambiguous.add(e.getKey());
            }
        }
        for (String a : ambiguous) out.remove(a);
        out.putAll(computed); // a select item's own type over a table column of the same name
        return out;
    }

    /** A declared type with the nullability the data shows (Nullable where either is). */
    static ChType merge(ChType declared, ChType data) {
        boolean nullable = declared instanceof ChType.Nullable || data instanceof ChType.Nullable;
        ChType d = declared instanceof ChType.Nullable n ? n.inner() : declared;
        ChType x = data instanceof ChType.Nullable n ? n.inner() : data;
        ChType out;
        if (d instanceof ChType.Array da && x instanceof ChType.Array xa) out = new ChType.Array(merge(da.element(), xa.element()));
        else if (d instanceof ChType.Map dm && x instanceof ChType.Map xm) out = new ChType.Map(merge(dm.key(), xm.key()), merge(dm.value(), xm.value()));
        else if (d instanceof ChType.Tuple dt && x instanceof ChType.Tuple xt && dt.elements().size() == xt.elements().size()) {
            List<ChType> el = new ArrayList<>();
            for (int i = 0; i < dt.elements().size(); i++) el.add(merge(dt.elements().get(i), xt.elements().get(i)));
            out = new ChType.Tuple(dt.names(), el);
        } else out = d;
        return ChType.nullable(out, nullable);
    }

    static ChType allNullable(ChType t) {
        return switch (t) {
            case ChType.Array a -> new ChType.Array(allNullable(a.element()));
            case ChType.Map m -> new ChType.Map(m.key(), allNullable(m.value()));
            case ChType.Tuple tu -> {
                List<ChType> el = new ArrayList<>();
                for (ChType e : tu.elements()) el.add(allNullable(e));
                yield new ChType.Tuple(tu.names(), el);
            }
            default -> ChType.nullable(t, true);
        };
    }

    /** The type that holds both: Nullable where either is. */
    static ChType widen(ChType a, ChType b) {
        if (a.equals(b)) return a;
        boolean nullable = a instanceof ChType.Nullable || b instanceof ChType.Nullable;
        ChType x = a instanceof ChType.Nullable n ? n.inner() : a;
        ChType y = b instanceof ChType.Nullable n ? n.inner() : b;
        ChType w;
        if (x instanceof ChType.Array xa && y instanceof ChType.Array ya) w = new ChType.Array(widen(xa.element(), ya.element()));
        else if (x instanceof ChType.Map xm && y instanceof ChType.Map ym) w = new ChType.Map(widen(xm.key(), ym.key()), widen(xm.value(), ym.value()));
        else if (x instanceof ChType.Tuple xt && y instanceof ChType.Tuple yt) {
            List<ChType> el = new ArrayList<>();
            for (int i = 0; i < xt.elements().size(); i++) el.add(widen(xt.elements().get(i), yt.elements().get(i)));
            w = new ChType.Tuple(xt.names(), el);
        } else w = x;
        return ChType.nullable(w, nullable);
    }

    // ------------------------------------------------------------------ INSERT

    private void insert(ChStatement st, InputStream data) {
        checkWrite(st);
        List<Tok> t = st.toks;
        int i = 1;
        if (i < t.size() && t.get(i).is("INTO")) i++;
        if (i < t.size() && t.get(i).is("TABLE")) i++;
        if (i < t.size() && t.get(i).is("FUNCTION")) throw ChException.notImplemented("INSERT INTO FUNCTION is not supported");
        int nameStart = i;
        String[] name = qualifiedName(t, i);
        i += name[0] == null ? 1 : 3;
        int nameEnd = i;
        List<String> cols = null;
        if (i < t.size() && t.get(i).op("(")) {
            cols = new ArrayList<>();
            i++;
            while (i < t.size() && !t.get(i).op(")")) {
                Tok c = t.get(i);
                if (c.op("*")) throw ChException.notImplemented("INSERT column lists with * are not supported; name the columns");
                if (c.isName()) cols.add(c.text());
                i++;
            }
            i++;
        }
        String table = name[1];
        // an unqualified name is a session's temporary table first, as in queries
        // (asked only when needed: a plain INSERT … SELECT without a column list runs no catalog query first)
        String schema = cols == null && st.format == null ? null
                : name[0] != null ? schemaOf(name[0]) : isTemporary(table) ? io.tealdb.session.ClientContext.TEMP_CATALOG : schemaOf(database);
        // insert_allow_materialized_columns = 1: a MATERIALIZED column named in the list takes the given values,
        // for the formats that append decoded chunks (the others are TealDB SQL, which refuses generated targets)
        String fmt = st.format == null ? null : ResultWriter.canonical(st.format);
        boolean givenMaterialized = settings.flag("insert_allow_materialized_columns", false) && fmt != null && !fmt.equals("Values")
                && !fmt.equals("Arrow") && !fmt.equals("ArrowStream") && !fmt.equals("Parquet");
        if (cols != null) {
            // every form (VALUES, SELECT, any format) refuses a MATERIALIZED or ALIAS target as ClickHouse does
            for (String c : cols) {
                String kind = columnTypes.kind(schema, table, c);
                if (kind == null || givenMaterialized && kind.equals("MATERIALIZED")) continue;
                if (kind.equals("MATERIALIZED") && settings.flag("insert_allow_materialized_columns", false)) {
                    throw new ChException(48, "NOT_IMPLEMENTED", "insert_allow_materialized_columns is supported for INSERT … FORMAT of "
                            + "row formats and Native, not for " + (fmt == null ? "INSERT … VALUES/SELECT" : fmt));
                }
                throw new ChException(44, "ILLEGAL_COLUMN", "Cannot insert column " + c + ", because it is " + kind + " column");
            }
        }
        if (st.format == null) {
            // INSERT … VALUES / SELECT: plain SQL
            String sql = "INSERT INTO " + dialect(st).emit(nameStart, nameEnd)
                    + (cols == null ? "" : " (" + String.join(", ", cols.stream().map(ChDialect::quoteId).toList()) + ")")
                    + " " + dialect(st).emit(i, t.size());
            QueryResult r = ctx.execute(sql, List.of());
            summary.writtenRows += Math.max(0, r.updateCount());
            r.close();
            return;
        }
        String canonicalFormat = ResultWriter.canonical(st.format);
        if (canonicalFormat.equals("Arrow") || canonicalFormat.equals("ArrowStream") || canonicalFormat.equals("Parquet")) {
            String target = dialect(st).emit(nameStart, nameEnd);
            String colList = cols == null ? "" : " (" + String.join(", ", cols.stream().map(ChDialect::quoteId).toList()) + ")";
            summary.writtenRows += atomically(() -> ExternalInsert.run(ctx, canonicalFormat, data, target, colList));
            return;
        }
        if (ResultWriter.canonical(st.format).equals("Values")) {
            byte[] rest;
            try {
                rest = data.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            String sql = "INSERT INTO " + dialect(st).emit(nameStart, nameEnd)
                    + (cols == null ? "" : " (" + String.join(", ", cols.stream().map(ChDialect::quoteId).toList()) + ")")
                    + " VALUES " + valuesText(new String(rest, java.nio.charset.StandardCharsets.UTF_8));
            QueryResult r = ctx.execute(sql, List.of());
            summary.writtenRows += Math.max(0, r.updateCount());
            summary.writtenBytes += rest.length;
            r.close();
            return;
        }
        List<String> tableCols = new ArrayList<>();
        List<String> tableDefaults = new ArrayList<>();
        List<String> generated = new ArrayList<>();
        List<ChType> tableTypes = describeTypes(schema, table, tableCols, tableDefaults, generated);
        List<String> insertCols = cols;
        if (cols == null) { // every column but ALIAS/MATERIALIZED (computed) ones, as ClickHouse
            List<String> stored = new ArrayList<>();
            for (int j = 0; j < tableCols.size(); j++) if (generated.get(j) == null) stored.add(tableCols.get(j));
            insertCols = stored;
        }
        List<String> named = insertCols;
        java.util.Set<String> given = new java.util.HashSet<>();
        int[] target = new int[insertCols.size()];
        List<ChType> declared = new ArrayList<>();
        for (int k = 0; k < insertCols.size(); k++) {
            int idx = -1;
            for (int j = 0; j < tableCols.size(); j++) if (tableCols.get(j).equalsIgnoreCase(insertCols.get(k))) idx = j;
            if (idx < 0) {
                throw new ChException(16, "NO_SUCH_COLUMN_IN_TABLE", "No such column " + insertCols.get(k) + " in table " + table);
            }
            if (generated.get(idx) != null && givenMaterialized && "MATERIALIZED".equals(columnTypes.kind(schema, table, tableCols.get(idx)))) {
                given.add(tableCols.get(idx));
            } else if (generated.get(idx) != null) {
                String kind = columnTypes.kind(schema, table, tableCols.get(idx));
                throw new ChException(44, "ILLEGAL_COLUMN", "Cannot insert column " + tableCols.get(idx) + ", because it is "
                        + (kind != null ? kind : "ALIAS") + " column");
            }
            target[k] = idx;
            declared.add(tableTypes.get(idx));
        }
        int[] sortKey = sortKeyColumns(schema, table, tableCols);
        // rows of text formats may leave any column to its default (a JSON key omitted, a null or \N for a
        // column that is not Nullable), so every column's default may be needed; binary formats only need the unnamed ones
        boolean rowDefaults = !canonicalFormat.equals("Native") && !canonicalFormat.startsWith("RowBinary");
        Vector[] defaults = columnDefaults(tableTypes, tableDefaults, rowDefaults ? new int[0] : target);
        ChInsert ins = atomically(() -> {
            try (TableAppender app = ctx.appender(schema, table, given)) {
                ChInsert one = new ChInsert(app, named, target, declared, sortKey, defaults);
                one.run(st.format, data);
                return one;
            }
        });
        summary.writtenRows += ins.rows();
        summary.writtenBytes += ins.bytes();
    }

    /** The table's ORDER BY columns as indexes into its columns (the leading ones that are plain columns), or null. */
    private int[] sortKeyColumns(String schema, String table, List<String> tableCols) {
        String orderBy = sortKeys.orderBy(schema, table);
        if (orderBy == null) return null;
        List<Integer> idx = new ArrayList<>();
        for (String c : ChSortKeys.columns(orderBy)) {
            int k = -1;
            for (int j = 0; j < tableCols.size(); j++) if (tableCols.get(j).equalsIgnoreCase(c)) k = j;
            if (k < 0) break;
            idx.add(k);
        }
        return idx.isEmpty() ? null : idx.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Runs {@code body} in one transaction (the session's, if one is open): all of an insert or none of it. */
    private <T> T atomically(java.util.function.Supplier<T> body) {
        boolean own = !ctx.inTransaction();
        if (own) exec("BEGIN TRANSACTION");
        boolean ok = false;
        try {
            T result = body.get();
            if (own) exec("COMMIT");
            ok = true;
            return result;
        } finally {
            if (!ok && own && ctx.inTransaction()) {
                try {
                    exec("ROLLBACK");
                } catch (RuntimeException ignored) {
                    // the insert's own error is the one to report
                }
            }
        }
    }

    /** The VALUES data of ClickHouse (backslash escapes in strings) as TealDB SQL. */
    private String valuesText(String text) {
        List<Tok> toks = ChLexer.lex(text, false);
        return new ChDialect(text, toks, params, database, user).emit(0, toks.size());
    }

    private static String[] qualifiedName(List<Tok> t, int i) {
        if (i >= t.size() || !t.get(i).isName()) throw ChException.syntax("Expected a table name");
        if (i + 2 < t.size() && t.get(i + 1).op(".") && t.get(i + 2).isName()) return new String[]{t.get(i).text(), t.get(i + 2).text()};
        return new String[]{null, t.get(i).text()};
    }

    /** Asked of the catalog, not by trying the table: a failed statement would abort the session's open transaction. */
    private boolean isTemporary(String table) {
        // by table type, not by name: information_schema lists temporary tables as DuckDB does (catalog temp, schema main)
        try (QueryResult r = ctx.execute("SELECT count(*) FROM information_schema.tables WHERE table_type = 'LOCAL TEMPORARY' AND table_name = ?",
                List.of(Value.ofVarchar(table)))) {
            DataChunk c = r.nextChunk();
            return c != null && ((Number) c.getObject(0, 0)).longValue() > 0;
        }
    }

    private static String schemaOf(String db) {
        return db.equals("default") ? "main" : db;
    }

    /** Column names and their ClickHouse types (Nullable where the column allows NULL). */
    /**
     * What a column gets where the insert gives no value (a column it does not name, a key a JSON row
     * omits, a JSON null for a non-Nullable column), as ClickHouse fills it: its DEFAULT when that is an
     * expression of no columns (evaluated once per insert), else NULL for a Nullable column and the type's
     * default value (0, '', 1970-01-01, false, [] …) otherwise. One constant 2048-row vector per
     * column (null entries where NULL is the value, and for the columns in {@code skip}, which never need one).
     */
    private Vector[] columnDefaults(List<ChType> tableTypes, List<String> defaults, int[] skip) {
        Vector[] fills = new Vector[tableTypes.size()];
        boolean[] skipped = new boolean[tableTypes.size()];
        for (int t : skip) skipped[t] = true;
        for (int c = 0; c < fills.length; c++) {
            if (skipped[c]) continue;
            ChType ct = tableTypes.get(c);
            LogicalType type = ct.logical();
            Value v = null;
            String def = defaults.get(c);
            if (def != null) {
                boolean abortedBefore = ctx.transactionAborted();
                try (QueryResult r = ctx.execute("SELECT " + def, List.of())) {
                    DataChunk chunk = r.nextChunk();
                    if (chunk != null && chunk.size() == 1) v = new Value(r.columnTypes().get(0), chunk.getObject(0, 0));
                } catch (io.tealdb.error.TealException e) {
                    v = null; // an expression of other columns (MATERIALIZED/ALIAS): not evaluated here
                    // the failed probe changed nothing: a session's open transaction goes on
                    if (!abortedBefore && ctx.transactionAborted()) ctx.resumeAbortedTransaction();
                }
            }
            if (v == null && !isNullable(ct)) v = typeDefault(type);
            if (v == null || v.object() == null) continue;
            try {
                Value cast = io.tealdb.function.cast.Casts.castValue(v, type, true);
                if (cast.object() != null) fills[c] = Vector.constant(type, cast.object(), DataChunk.CAPACITY);
            } catch (io.tealdb.error.TealException e) {
                // no value of the column's type: the column reads NULL
            }
        }
        return fills;
    }

    /** ClickHouse's default value of a non-Nullable column's type, as text to cast (null: none, NULL is used). */
    private static Value typeDefault(LogicalType type) {
        String text = switch (type.id()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, UTINYINT, USMALLINT, UINTEGER, UBIGINT, UHUGEINT, FLOAT, DOUBLE, DECIMAL -> "0";
            case VARCHAR, BLOB -> "";
            case BOOLEAN -> "false";
            case DATE -> "1970-01-01";
            case TIMESTAMP, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> "1970-01-01 00:00:00";
            case TIMESTAMP_TZ -> "1970-01-01 00:00:00+00";
            case UUID -> "00000000-0000-0000-0000-000000000000";
            case LIST -> "[]";
            case MAP -> "{}";
            default -> null;
        };
        return text == null ? null : Value.ofVarchar(text);
    }

    private static boolean isNullable(ChType t) {
        return t instanceof ChType.Nullable || (t instanceof ChType.LowCardinality lc && lc.inner() instanceof ChType.Nullable);
    }

    private List<ChType> describeTypes(String schema, String table, List<String> names) {
        return describeTypes(schema, table, names, new ArrayList<>(), new ArrayList<>());
    }

    /**
     * The table's columns in storage order (hidden ALIAS/MATERIALIZED columns too, which {@code SELECT *}
     * leaves out) with their ClickHouse types; also each column's DEFAULT expression (or null) and its
     * generation expression (null for a stored column).
     */
    private List<ChType> describeTypes(String schema, String table, List<String> names, List<String> defaultsOut, List<String> generatedOut) {
        List<String> starNames;
        List<LogicalType> starTypes;
        String from = ChDialect.quoteId(schema) + "." + ChDialect.quoteId(table);
        try (QueryResult r = ctx.execute("SELECT * FROM " + from + " LIMIT 0", List.of())) {
            starNames = r.columnNames();
            starTypes = r.columnTypes();
        } catch (io.tealdb.error.CatalogException e) {
            throw new ChException(60, "UNKNOWN_TABLE", "Table " + (schema.equals("main") ? "default" : schema) + "." + table + " does not exist", e);
        }
        List<String[]> info = columnInfo(schema, table);
        java.util.Map<String, LogicalType> typeOf = new java.util.HashMap<>();
        for (int i = 0; i < starNames.size(); i++) typeOf.put(starNames.get(i), starTypes.get(i));
        List<String> hidden = new ArrayList<>();
        for (String[] c : info) if (!typeOf.containsKey(c[0])) hidden.add(c[0]);
        if (!hidden.isEmpty() && info.size() == starNames.size() + hidden.size()) {
            // hidden columns are read when named
            try (QueryResult r = ctx.execute("SELECT " + String.join(", ", hidden.stream().map(ChDialect::quoteId).toList())
                    + " FROM " + from + " LIMIT 0", List.of())) {
                for (int i = 0; i < hidden.size(); i++) typeOf.put(hidden.get(i), r.columnTypes().get(i));
            }
            for (String[] c : info) names.add(c[0]);
        } else {
            names.addAll(starNames);
        }
        java.util.Map<String, String[]> byName = new java.util.HashMap<>();
        for (String[] c : info) byName.put(c[0], c);
        List<ChType> out = new ArrayList<>();
        // TealDB lists, maps and structs always allow NULL inside: declared as Nullable there, so clients send null maps
        for (String n : names) {
            String[] x = byName.get(n);
            LogicalType type = typeOf.get(n);
            defaultsOut.add(x == null ? null : x[2]);
            generatedOut.add(x == null ? null : x[3]);
            ChType declared = columnTypes.column(schema, table, n, type);
            out.add(declared != null ? declared : ChColumnTypes.derived(type, x == null || "YES".equals(x[1])));
        }
        return out;
    }

    /** Per column in storage order: name, is_nullable, DEFAULT expression, generation expression (information_schema). */
    private List<String[]> columnInfo(String schema, String table) {
        List<String[]> info = new ArrayList<>();
        try (QueryResult r = ctx.execute("SELECT column_name, is_nullable, column_default, generation_expression FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position", List.of(Value.ofVarchar(schema), Value.ofVarchar(table)))) {
            DataChunk c;
            while ((c = r.nextChunk()) != null) {
                for (int i = 0; i < c.size(); i++) {
                    Object d = c.getObject(2, i), g = c.getObject(3, i);
                    info.add(new String[]{(String) c.getObject(0, i), (String) c.getObject(1, i), d == null ? null : d.toString(),
                            g == null ? null : g.toString()});
                }
            }
        }
        return info;
    }

    // ------------------------------------------------------------------ DDL

    private void create(ChStatement st) {
        List<Tok> t = st.toks;
        int i = 1;
        if (i < t.size() && t.get(i).is("OR") && i + 1 < t.size() && t.get(i + 1).is("REPLACE")) i += 2;
        boolean temporary = i < t.size() && t.get(i).is("TEMPORARY");
        if (temporary) i++;
        if (i < t.size() && (t.get(i).is("DATABASE") || t.get(i).is("SCHEMA"))) {
            i++;
            boolean ifNot = i + 2 < t.size() && t.get(i).is("IF") && t.get(i + 1).is("NOT") && t.get(i + 2).is("EXISTS");
            if (ifNot) i += 3;
            String name = t.get(i).text();
            if (name.equals("default")) {
                if (ifNot) return;
                throw new ChException(82, "DATABASE_ALREADY_EXISTS", "Database default already exists");
            }
            exec("CREATE SCHEMA " + (ifNot ? "IF NOT EXISTS " : "") + ChDialect.quoteId(name));
            return;
        }
        if (i < t.size() && t.get(i).is("TABLE")) {
            Map<String, ChType> declared = new java.util.LinkedHashMap<>();
            Map<String, Boolean> nullable = new java.util.HashMap<>();
            String[] orderBy = new String[1];
            Map<String, String> kinds = new java.util.HashMap<>();
            String sql = ChDdl.createTable(st, dialect(st), i + 1, temporary, declared, nullable, orderBy, kinds);
            int n = i + 1;
            boolean ifNot = n + 2 < t.size() && t.get(n).is("IF") && t.get(n + 1).is("NOT") && t.get(n + 2).is("EXISTS");
            if (ifNot) n += 3;
            String[] name = qualifiedName(t, n);
            String schema = name[0] == null ? schemaOf(database) : schemaOf(name[0]);
            // temporary tables end with their session: their declarations are not kept
            if (temporary || ifNot && tableExists(st, n)) {
                exec(sql);
                return;
            }
            atomically(() -> {
                exec(sql);
                columnTypes.record(ctx, schema, name[1], declared, nullable, kinds);
                sortKeys.record(ctx, schema, name[1], orderBy[0]);
                return null;
            });
            return;
        }
        // CREATE VIEW / MATERIALIZED VIEW / …: the rest translates as an expression would
        exec(emit(st, 0));
    }

    private void drop(ChStatement st) {
        List<Tok> t = st.toks;
        int end = t.size();
        while (end > 0 && (t.get(end - 1).is("SYNC") || t.get(end - 1).is("NO_DELAY"))) end--;
        int i = 1;
        if (i < t.size() && t.get(i).is("TEMPORARY")) i++;
        if (i < t.size() && (t.get(i).is("DATABASE") || t.get(i).is("SCHEMA"))) {
            i++;
            boolean ifExists = i + 1 < end && t.get(i).is("IF") && t.get(i + 1).is("EXISTS");
            if (ifExists) i += 2;
            String name = t.get(i).text();
            if (name.equals("default")) throw new ChException(36, "BAD_ARGUMENTS", "Cannot drop the database default");
            atomically(() -> {
                exec("DROP SCHEMA " + (ifExists ? "IF EXISTS " : "") + ChDialect.quoteId(name) + " CASCADE");
                columnTypes.dropSchema(ctx, name);
                sortKeys.dropSchema(ctx, name);
                return null;
            });
            return;
        }
        int k = i;
        if (k < end && (t.get(k).is("TABLE") || t.get(k).is("VIEW") || t.get(k).is("DICTIONARY"))) k++;
        if (k + 1 < end && t.get(k).is("IF") && t.get(k + 1).is("EXISTS")) k += 2;
        String[] name = k < end && t.get(k).isName() ? qualifiedName(t, k) : null;
        String sql = dialect(st).emit(0, end);
        atomically(() -> {
            exec(sql);
            if (name != null) {
                String schema = name[0] == null ? schemaOf(database) : schemaOf(name[0]);
                columnTypes.dropTable(ctx, schema, name[1]);
                sortKeys.dropTable(ctx, schema, name[1]);
            }
            return null;
        });
    }

    private void alter(ChStatement st) {
        List<Tok> t = st.toks;
        // ALTER TABLE t DELETE WHERE … / UPDATE a = b WHERE … / ADD COLUMN c Type / DROP COLUMN c
        if (t.size() < 4 || !t.get(1).is("TABLE")) throw ChException.syntax("ALTER TABLE expected");
        int i = 2;
        String[] name = qualifiedName(t, i);
        int nameEnd = i + (name[0] == null ? 1 : 3);
        ChDialect d = dialect(st);
        String table = d.emit(i, nameEnd);
        Tok op = t.get(nameEnd);
        if (op.is("DELETE")) {
            exec("DELETE FROM " + table + " " + d.emit(nameEnd + 1, t.size()));
        } else if (op.is("UPDATE")) {
            exec("UPDATE " + table + " SET " + d.emit(nameEnd + 1, t.size()));
        } else if (op.is("ADD") && nameEnd + 2 < t.size()) {
            int c = nameEnd + 1;
            if (t.get(c).is("COLUMN")) c++;
            boolean ifNot = c + 2 < t.size() && t.get(c).is("IF") && t.get(c + 1).is("NOT");
            if (ifNot) c += 3;
            String col = ChDialect.quoteId(t.get(c).text());
            int typeEnd = t.size();
            for (int k = c + 1; k < t.size(); k++) {
                if (isAddColumnClause(t.get(k))) {
                    typeEnd = k;
                    break;
                }
            }
            String def = "";
            String kind = null;
            for (int k = typeEnd; k < t.size(); k++) {
                if (t.get(k).is("DEFAULT") || t.get(k).is("MATERIALIZED") || t.get(k).is("ALIAS")) {
                    int e = k + 1;
                    while (e < t.size() && !(t.get(e).is("AFTER") || t.get(e).is("FIRST") || t.get(e).is("COMMENT") || t.get(e).is("CODEC"))) e++;
                    if (e == k + 1) throw ChException.syntax("Column " + t.get(c).text() + " needs an expression after " + t.get(k).text());
                    if (t.get(k).is("DEFAULT")) {
                        def = " DEFAULT " + d.emit(k + 1, e);
                    } else {
                        // as in CREATE TABLE (see ChDdl): MATERIALIZED a hidden STORED generated column, computed
                        // now for the rows already there; ALIAS a hidden VIRTUAL one
                        kind = t.get(k).text().toUpperCase(java.util.Locale.ROOT);
                        def = " GENERATED ALWAYS AS (" + d.emit(k + 1, e) + ")" + (kind.equals("MATERIALIZED") ? " STORED" : "") + " HIDDEN";
                    }
                    k = e - 1;
                }
            }
            // an ALIAS may leave its type out: the expression's type is the column's
            if (typeEnd == c + 1 && kind == null) throw ChException.syntax("Column " + t.get(c).text() + " needs a type");
            String type = typeEnd == c + 1 ? "" : " " + d.type(c + 1, typeEnd);
            String sql = "ALTER TABLE " + table + " ADD COLUMN " + (ifNot ? "IF NOT EXISTS " : "") + col + type + def;
            String schema = name[0] == null ? schemaOf(database) : schemaOf(name[0]);
            String column = t.get(c).text();
            ChType declared = typeEnd == c + 1 ? null : declaredType(st.text.substring(t.get(c + 1).start(), t.get(typeEnd - 1).end()));
            String addedKind = kind;
            atomically(() -> {
                boolean existed = ifNot && tableHasColumn(schema, name[1], column);
                exec(sql);
                if (existed) return null;
                ChType recorded = declared;
                if (recorded == null) {
                    // an ALIAS without a type has its expression's type, reported as ClickHouse would (not Nullable)
                    io.tealdb.catalog.TableEntry te = ctx.tableDefinition(schema, name[1]);
                    int k = te == null ? -1 : te.columnIndex(column);
                    if (k >= 0) recorded = ChType.of(te.columns().get(k).type());
                }
                if (recorded != null) columnTypes.add(ctx, schema, name[1], column, recorded, addedKind != null || recorded instanceof ChType.Nullable);
                if (addedKind != null) columnTypes.addKind(ctx, schema, name[1], column, addedKind);
                return null;
            });
        } else if (op.is("DROP") && nameEnd + 1 < t.size()) {
            int c = nameEnd + 1;
            if (t.get(c).is("COLUMN")) c++;
            if (c + 1 < t.size() && t.get(c).is("IF") && t.get(c + 1).is("EXISTS")) c += 2;
            String schema = name[0] == null ? schemaOf(database) : schemaOf(name[0]);
            String column = c < t.size() ? t.get(c).text() : "";
            atomically(() -> {
                exec(d.emit(0, t.size()));
                columnTypes.dropColumn(ctx, schema, name[1], column);
                return null;
            });
        } else {
            exec(d.emit(0, t.size()));
        }
    }

    /** The clauses that end a column's type in ALTER TABLE … ADD COLUMN. */
    private static boolean isAddColumnClause(Tok k) {
        return k.is("DEFAULT") || k.is("MATERIALIZED") || k.is("ALIAS") || k.is("AFTER") || k.is("FIRST") || k.is("COMMENT") || k.is("CODEC");
    }

    private boolean tableHasColumn(String schema, String table, String column) {
        try (QueryResult r = ctx.execute("SELECT count(*) FROM information_schema.columns WHERE table_schema = ? AND lower(table_name) = lower(?) "
                + "AND lower(column_name) = lower(?)", List.of(Value.ofVarchar(schema), Value.ofVarchar(table), Value.ofVarchar(column)))) {
            io.tealdb.vector.DataChunk c = r.nextChunk();
            return c != null && c.size() > 0 && ((Number) c.getObject(0, 0)).longValue() > 0;
        }
    }

    // ------------------------------------------------------------------ DESCRIBE / SHOW / EXISTS

    private void describe(ChStatement st, String format) {
        List<Tok> t = st.toks;
        int i = 1;
        if (i < t.size() && t.get(i).is("TABLE")) i++;
        if (i < t.size() && t.get(i).op("(")) {
            // DESCRIBE (SELECT …): the query's columns
            ChDialect d = dialect(st);
            int close = d.match(i);
            List<String> names;
            List<LogicalType> types;
            try (QueryResult r = ctx.execute("SELECT * FROM (" + d.emit(i + 1, close) + ") LIMIT 0", List.of())) {
                names = r.columnNames();
                types = r.columnTypes();
            }
            List<String[]> rows = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) rows.add(new String[]{names.get(k), ChType.nullable(ChType.of(types.get(k)), true).name(), "", "", "", "", ""});
            strings(List.of("name", "type", "default_type", "default_expression", "comment", "codec_expression", "ttl_expression"), rows, format);
            return;
        }
        String[] name = qualifiedName(t, i);
        String schema = name[0] == null ? schemaOf(database) : schemaOf(name[0]);
        List<String> names = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        List<String> generated = new ArrayList<>();
        List<ChType> types = describeTypes(schema, name[1], names, defaults, generated);
        List<String[]> rows = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            String def = defaults.get(k), gen = generated.get(k);
            String kind = gen == null ? (def == null ? "" : "DEFAULT") : java.util.Objects.requireNonNullElse(columnTypes.kind(schema, name[1], names.get(k)), "ALIAS");
            rows.add(new String[]{names.get(k), types.get(k).name(), kind, gen != null ? gen : def == null ? "" : def, "", "", ""});
        }
        strings(List.of("name", "type", "default_type", "default_expression", "comment", "codec_expression", "ttl_expression"), rows, format);
    }

    private void show(ChStatement st, String format) {
        List<Tok> t = st.toks;
        ChDialect d = dialect(st);
        if (t.size() >= 2 && (t.get(1).is("DATABASES") || t.get(1).is("SCHEMAS"))) {
            String like = likeClause(t, 2, d);
            query("SELECT name FROM " + ChSystemTables.query("databases", database) + " AS d" + (like.isEmpty() ? "" : " WHERE name " + like)
                    + " ORDER BY name", format);
        } else if (t.size() >= 2 && (t.get(1).is("TABLES") || t.get(1).is("FULL") && t.size() > 2 && t.get(2).is("TABLES"))) {
            int i = t.get(1).is("FULL") ? 3 : 2;
            String db = database;
            if (i + 1 < t.size() && (t.get(i).is("FROM") || t.get(i).is("IN"))) {
                db = t.get(i + 1).text();
                i += 2;
            }
            String like = likeClause(t, i, d);
            query("SELECT name FROM " + ChSystemTables.query("tables", database) + " AS x WHERE database = " + ChDialect.quoteStr(db)
                    + (like.isEmpty() ? "" : " AND name " + like) + " ORDER BY name", format);
        } else if (t.size() >= 3 && t.get(1).is("CREATE")) {
            int i = 2;
            if (t.get(i).is("TABLE") || t.get(i).is("VIEW")) i++;
            String[] name = qualifiedName(t, i);
            String schema = name[0] == null ? schemaOf(database) : schemaOf(name[0]);
            List<String> names = new ArrayList<>();
            List<String> generated = new ArrayList<>();
            List<ChType> types = describeTypes(schema, name[1], names, new ArrayList<>(), generated);
            StringBuilder sb = new StringBuilder("CREATE TABLE ").append(name[0] == null ? database : name[0]).append('.')
                    .append(ChText.identifier(name[1])).append("\n(\n");
            for (int k = 0; k < names.size(); k++) {
                sb.append("    ").append(ChText.identifier(names.get(k))).append(' ').append(types.get(k).name());
                if (generated.get(k) != null) {
                    String kind = java.util.Objects.requireNonNullElse(columnTypes.kind(schema, name[1], names.get(k)), "ALIAS");
                    sb.append(' ').append(kind).append(' ').append(generated.get(k));
                }
                sb.append(k + 1 < names.size() ? ",\n" : "\n");
            }
            String orderBy = sortKeys.orderBy(schema, name[1]);
            sb.append(")\nENGINE = MergeTree\nORDER BY ").append(orderBy == null ? "tuple()" : orderBy);
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{sb.toString()});
            strings(List.of("statement"), rows, format);
        } else {
            throw new ChException(62, "SYNTAX_ERROR", "Unsupported SHOW statement: " + st.text.strip());
        }
    }

    private static String likeClause(List<Tok> t, int i, ChDialect d) {
        if (i < t.size() && (t.get(i).is("LIKE") || t.get(i).is("ILIKE"))) return t.get(i).text() + " " + d.emit(i + 1, t.size());
        if (i + 1 < t.size() && t.get(i).is("NOT") && (t.get(i + 1).is("LIKE") || t.get(i + 1).is("ILIKE"))) {
            return "NOT " + t.get(i + 1).text() + " " + d.emit(i + 2, t.size());
        }
        return "";
    }

    private void exists(ChStatement st, String format) {
        int i = tableExistsIndex(st);
        boolean exists = tableExists(st, i);
        Vector v = new Vector(LogicalType.UTINYINT, 1);
        v.shorts[0] = (short) (exists ? 1 : 0);
        writeChunk(List.of("result"), List.of(LogicalType.UTINYINT), new DataChunk(new Vector[]{v}, 1), format);
    }

    private static int tableExistsIndex(ChStatement st) {
        int i = 1;
        List<Tok> t = st.toks;
        if (i < t.size() && (t.get(i).is("TABLE") || t.get(i).is("TEMPORARY") || t.get(i).is("VIEW") || t.get(i).is("DICTIONARY"))) i++;
        if (i < t.size() && t.get(i).is("TABLE")) i++;
        return i;
    }

    private boolean tableExists(ChStatement st, int i) {
        String[] name = qualifiedName(st.toks, i);
        String schema = name[0] == null ? schemaOf(database) : schemaOf(name[0]);
        try (QueryResult r = ctx.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
                List.of(Value.ofVarchar(schema), Value.ofVarchar(name[1])))) {
            DataChunk c = r.nextChunk();
            return c != null && ((Number) c.getObject(0, 0)).longValue() > 0;
        }
    }

    private boolean schemaExists(String name) {
        try (QueryResult r = ctx.execute("SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?",
                List.of(Value.ofVarchar(name)))) {
            DataChunk c = r.nextChunk();
            return c != null && ((Number) c.getObject(0, 0)).longValue() > 0;
        }
    }

    /** A result made here (DESCRIBE, SHOW CREATE): String columns. */
    private void strings(List<String> names, List<String[]> rows, String format) {
        Vector[] vs = new Vector[names.size()];
        for (int c = 0; c < vs.length; c++) {
            vs[c] = new Vector(LogicalType.VARCHAR, Math.max(1, rows.size()));
            for (int r = 0; r < rows.size(); r++) vs[c].setString(r, rows.get(r)[c]);
        }
        List<LogicalType> types = new ArrayList<>();
        for (int c = 0; c < vs.length; c++) types.add(LogicalType.VARCHAR);
        writeChunk(names, types, new DataChunk(vs, rows.size()), format);
    }

    private void writeChunk(List<String> names, List<LogicalType> types, DataChunk chunk, String format) {
        ResultWriter w = ResultWriter.create(format, response.sink(), settings);
        response.resultFormat(w.format(), w.contentType());
        List<ChType> declared = new ArrayList<>();
        for (LogicalType t : types) declared.add(ChType.of(t));
        w.begin(names, types, declared);
        if (chunk.size() > 0) w.chunk(chunk);
        w.end(chunk.size(), response.elapsedNanos(), 0);
        response.sink().flush();
        summary.resultRows = chunk.size();
    }

    String database() {
        return database;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
