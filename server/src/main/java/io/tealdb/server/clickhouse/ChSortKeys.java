package io.tealdb.server.clickhouse;

import io.tealdb.server.clickhouse.ChLexer.Tok;
import io.tealdb.session.ClientContext;
import io.tealdb.session.Database;
import io.tealdb.session.QueryResult;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code ORDER BY} key of tables created with a ClickHouse engine clause (or their PRIMARY KEY when
 * there is no ORDER BY), kept beside the column types in {@code _clickhouse.sort_keys}. INSERT … FORMAT
 * stores each block of rows sorted by the key's leading plain columns ({@link SortedBlocks}); SHOW CREATE
 * TABLE and {@code system.tables} show it.
 */
final class ChSortKeys {
    private static final String TABLE = ChDialect.quoteId(ChColumnTypes.SCHEMA) + ".sort_keys";

    /** schema.table (lower case) → the key as written, e.g. {@code (site, ts)}. */
    private final Map<String, String> keys = new ConcurrentHashMap<>();

    ChSortKeys(Database db) {
        try (ClientContext ctx = db.connect()) {
            boolean stored;
            try (QueryResult r = ctx.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = 'sort_keys'",
                    List.of(Value.ofVarchar(ChColumnTypes.SCHEMA)))) {
                DataChunk c = r.nextChunk();
                stored = c != null && ((Number) c.getObject(0, 0)).longValue() > 0;
            }
            if (!stored) return;
            try (QueryResult r = ctx.execute("SELECT schema_name, table_name, order_by FROM " + TABLE, List.of())) {
                DataChunk c;
                while ((c = r.nextChunk()) != null) {
                    for (int i = 0; i < c.size(); i++) keys.put(key((String) c.getObject(0, i), (String) c.getObject(1, i)), (String) c.getObject(2, i));
                }
            }
        }
    }

    private static String key(String schema, String table) {
        return (schema + "." + table).toLowerCase(Locale.ROOT);
    }

    /** The key as written, or null. */
    String orderBy(String schema, String table) {
        return keys.get(key(schema, table));
    }

    /**
     * The leading plain column names of a key ({@code (a, b, toDate(c))} → a, b): what rows are sorted by.
     * {@code tuple()} and a key starting with an expression give none.
     */
    static List<String> columns(String orderBy) {
        List<Tok> t = ChLexer.lex(orderBy, false);
        List<String> out = new ArrayList<>();
        int from = 0, to = t.size();
        if (to >= 2 && t.get(0).is("tuple") && t.get(1).op("(")) {
            from = 1;
        }
        if (from < to && t.get(from).op("(") && t.get(to - 1).op(")")) {
            from++;
            to--;
        }
        int start = from, depth = 0;
        for (int i = from; i <= to; i++) {
            if (i < to && (t.get(i).op("(") || t.get(i).op("["))) depth++;
            else if (i < to && (t.get(i).op(")") || t.get(i).op("]"))) depth--;
            else if (i == to || depth == 0 && t.get(i).op(",")) {
                if (i - start == 1 && t.get(start).isName()) out.add(t.get(start).text());
                else break;
                start = i + 1;
            }
        }
        return out;
    }

    /** Records the key of a table just created (in the caller's open transaction); null: none. */
    void record(ClientContext ctx, String schema, String table, String orderBy) {
        boolean had = keys.containsKey(key(schema, table));
        if (orderBy == null && !had) return;
        ChColumnTypes.ensureSchema(ctx);
        ChColumnTypes.exec(ctx, "CREATE TABLE IF NOT EXISTS " + TABLE
                + " (schema_name VARCHAR NOT NULL, table_name VARCHAR NOT NULL, order_by VARCHAR NOT NULL)");
        ChColumnTypes.exec(ctx, "DELETE FROM " + TABLE + " WHERE schema_name = ? AND lower(table_name) = lower(?)", schema, table);
        keys.remove(key(schema, table));
        if (orderBy != null) {
            ChColumnTypes.exec(ctx, "INSERT INTO " + TABLE + " VALUES (?, ?, ?)", schema, table, orderBy);
            keys.put(key(schema, table), orderBy);
        }
    }

    void dropTable(ClientContext ctx, String schema, String table) {
        if (keys.remove(key(schema, table)) != null) {
            ChColumnTypes.exec(ctx, "DELETE FROM " + TABLE + " WHERE schema_name = ? AND lower(table_name) = lower(?)", schema, table);
        }
    }

    void dropSchema(ClientContext ctx, String schema) {
        String prefix = (schema + ".").toLowerCase(Locale.ROOT);
        if (keys.keySet().removeIf(k -> k.startsWith(prefix))) {
            ChColumnTypes.exec(ctx, "DELETE FROM " + TABLE + " WHERE lower(schema_name) = lower(?)", schema);
        }
    }

    void renameTable(ClientContext ctx, String schema, String from, String to) {
        String k = keys.remove(key(schema, from));
        if (k == null) return;
        ChColumnTypes.exec(ctx, "UPDATE " + TABLE + " SET table_name = ? WHERE schema_name = ? AND lower(table_name) = lower(?)", to, schema, from);
        keys.put(key(schema, to), k);
    }
}
