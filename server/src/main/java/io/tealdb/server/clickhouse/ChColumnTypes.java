package io.tealdb.server.clickhouse;

import io.tealdb.function.UserScalarFunction;
import io.tealdb.planner.TypeNames;
import io.tealdb.session.ClientContext;
import io.tealdb.session.Database;
import io.tealdb.session.QueryResult;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ClickHouse types that columns were declared with, where TealDB stores them in a type whose own
 * ClickHouse name differs: {@code Enum8('a' = 1, …)} (VARCHAR), {@code FixedString(N)} (BLOB), {@code IPv4}
 * (UINTEGER), {@code IPv6} and {@code Int256} (VARCHAR), {@code LowCardinality(T)} (T),
 * {@code DateTime64(3, 'Europe/Berlin')} (TIMESTAMPTZ), {@code Date} (DATE, which is Date32 otherwise)…
 * DESCRIBE, {@code system.columns}, INSERT and the headers of result columns read straight from such a
 * column report the declared type, so clients round-trip these values unchanged.
 *
 * <p>The declarations live in the engine table {@code _clickhouse.column_types}, written in the same
 * transaction as the CREATE TABLE, so they are as durable as the table; this server is the only writer,
 * and keeps them in memory too. A declaration is used only while the column's TealDB type is still the
 * one it maps to ({@link ChType#sameStorage}), so a table changed behind the server's back over another
 * protocol falls back to the names derived from its TealDB types.
 */
final class ChColumnTypes {
    static final String SCHEMA = "_clickhouse";
    private static final String TABLE = ChDialect.quoteId(SCHEMA) + ".column_types";

    /** schema + '.' + table (lower case) → column (lower case) → declared type. */
    private final Map<String, Map<String, ChType>> tables = new ConcurrentHashMap<>();
    private final Map<String, String> derivedNames = new ConcurrentHashMap<>();
    /** schema + '.' + table (lower case) → column (lower case) → MATERIALIZED or ALIAS (see {@link #kind}). */
    private final Map<String, Map<String, String>> kinds = new ConcurrentHashMap<>();
    private static final String KINDS = ChDialect.quoteId(SCHEMA) + ".column_kinds";

    ChColumnTypes(Database db) {
        try (ClientContext ctx = db.connect()) {
            boolean stored;
            try (QueryResult r = ctx.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = 'column_types'",
                    List.of(Value.ofVarchar(SCHEMA)))) {
                DataChunk c = r.nextChunk();
                stored = c != null && ((Number) c.getObject(0, 0)).longValue() > 0;
            }
            if (stored) {
                try (QueryResult r = ctx.execute("SELECT schema_name, table_name, column_name, type FROM " + TABLE, List.of())) {
                    DataChunk c;
                    while ((c = r.nextChunk()) != null) {
                        for (int i = 0; i < c.size(); i++) {
                            try {
                                put((String) c.getObject(0, i), (String) c.getObject(1, i), (String) c.getObject(2, i),
                                        ChType.parse((String) c.getObject(3, i)));
                            } catch (ChException e) {
                                // a spelling this version cannot parse: the derived name is used instead
                            }
                        }
                    }
                }
            }
            boolean kindsStored;
            try (QueryResult r = ctx.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = 'column_kinds'",
                    List.of(Value.ofVarchar(SCHEMA)))) {
                DataChunk c = r.nextChunk();
                kindsStored = c != null && ((Number) c.getObject(0, 0)).longValue() > 0;
            }
            if (kindsStored) {
                try (QueryResult r = ctx.execute("SELECT schema_name, table_name, column_name, kind FROM " + KINDS, List.of())) {
                    DataChunk c;
                    while ((c = r.nextChunk()) != null) {
                        for (int i = 0; i < c.size(); i++) {
                            putKind((String) c.getObject(0, i), (String) c.getObject(1, i), (String) c.getObject(2, i), (String) c.getObject(3, i));
                        }
                    }
                }
            }
            ctx.createFunction(new UserScalarFunction("clickhouse_type_name", List.of(LogicalType.VARCHAR), LogicalType.VARCHAR,
                    this::typeNameKernel, UserScalarFunction.NullHandling.DEFAULT, false));
            ctx.createFunction(new UserScalarFunction("clickhouse_column_kind", List.of(LogicalType.VARCHAR, LogicalType.VARCHAR,
                    LogicalType.VARCHAR), LogicalType.VARCHAR, this::columnKindKernel, UserScalarFunction.NullHandling.DEFAULT, false));
            ctx.createFunction(new UserScalarFunction("clickhouse_column_type", List.of(LogicalType.VARCHAR, LogicalType.VARCHAR,
                    LogicalType.VARCHAR, LogicalType.VARCHAR, LogicalType.VARCHAR), LogicalType.VARCHAR, this::columnTypeKernel,
                    UserScalarFunction.NullHandling.DEFAULT, false));
        }
    }

    private static String key(String schema, String table) {
        return (schema + "." + table).toLowerCase(Locale.ROOT);
    }

    private void put(String schema, String table, String column, ChType type) {
        tables.computeIfAbsent(key(schema, table), k -> new ConcurrentHashMap<>()).put(column.toLowerCase(Locale.ROOT), type);
    }

    private void putKind(String schema, String table, String column, String kind) {
        kinds.computeIfAbsent(key(schema, table), k -> new ConcurrentHashMap<>()).put(column.toLowerCase(Locale.ROOT), kind);
    }

    /**
     * How a generated column was declared: {@code MATERIALIZED} (a hidden STORED generated column in TealDB)
     * or {@code ALIAS} (a hidden VIRTUAL one, computed when read), or null when not recorded.
     */
    String kind(String schema, String table, String column) {
        Map<String, String> cols = kinds.get(key(schema, table));
        return cols == null ? null : cols.get(column.toLowerCase(Locale.ROOT));
    }

    /** The declared type of a column, if it still fits the column's TealDB type {@code storage}; else null. */
    ChType column(String schema, String table, String column, LogicalType storage) {
        Map<String, ChType> cols = tables.get(key(schema, table));
        ChType t = cols == null ? null : cols.get(column.toLowerCase(Locale.ROOT));
        return t != null && ChType.sameStorage(t, storage) ? t : null;
    }

    /** The declared columns of a table (lower-case names); empty when none. */
    Map<String, ChType> table(String schema, String table) {
        Map<String, ChType> cols = tables.get(key(schema, table));
        return cols == null ? Map.of() : cols;
    }

    boolean isEmpty() {
        return tables.isEmpty();
    }

    /** The name a column gets from its TealDB type alone (as DESCRIBE shows it). */
    static ChType derived(LogicalType storage, boolean nullable) {
        ChType t = ChType.of(storage);
        if (storage.isNested()) t = ChExecutor.allNullable(t);
        return ChType.nullable(t, nullable);
    }

    /**
     * Replaces the declarations of a table just created (inside the caller's open transaction): only the
     * columns whose declared name differs from {@link #derived} are stored.
     */
    void record(ClientContext ctx, String schema, String table, Map<String, ChType> declared, Map<String, Boolean> nullable,
                Map<String, String> columnKinds) {
        if (!columnKinds.isEmpty() || kinds.containsKey(key(schema, table))) {
            ensureSchema(ctx);
            exec(ctx, "CREATE TABLE IF NOT EXISTS " + KINDS
                    + " (schema_name VARCHAR NOT NULL, table_name VARCHAR NOT NULL, column_name VARCHAR NOT NULL, kind VARCHAR NOT NULL)");
            exec(ctx, "DELETE FROM " + KINDS + " WHERE schema_name = ? AND lower(table_name) = lower(?)", schema, table);
            kinds.remove(key(schema, table));
            for (Map.Entry<String, String> e : columnKinds.entrySet()) {
                exec(ctx, "INSERT INTO " + KINDS + " VALUES (?, ?, ?, ?)", schema, table, e.getKey(), e.getValue());
                putKind(schema, table, e.getKey(), e.getValue());
            }
        }
        Map<String, ChType> keep = new LinkedHashMap<>();
        for (Map.Entry<String, ChType> e : declared.entrySet()) {
            ChType t = e.getValue();
            ChType d = derived(ChType.base(t).logical(), nullable.get(e.getKey()));
            if (!t.name().equals(d.name())) keep.put(e.getKey(), t);
        }
        boolean had = tables.containsKey(key(schema, table));
        if (keep.isEmpty() && !had) return;
        ensureTable(ctx);
        forgetRows(ctx, "schema_name = ? AND table_name = ?", schema, table);
        for (Map.Entry<String, ChType> e : keep.entrySet()) {
            exec(ctx, "INSERT INTO " + TABLE + " VALUES (?, ?, ?, ?)", schema, table, e.getKey(), e.getValue().name());
        }
        tables.remove(key(schema, table));
        for (Map.Entry<String, ChType> e : keep.entrySet()) put(schema, table, e.getKey(), e.getValue());
    }

    /** A column added by ALTER TABLE … ADD COLUMN. */
    void add(ClientContext ctx, String schema, String table, String column, ChType declared, boolean nullable) {
        ChType d = derived(ChType.base(declared).logical(), nullable);
        if (declared.name().equals(d.name())) return;
        ensureTable(ctx);
        forgetRows(ctx, "schema_name = ? AND table_name = ? AND column_name = ?", schema, table, column);
        exec(ctx, "INSERT INTO " + TABLE + " VALUES (?, ?, ?, ?)", schema, table, column, declared.name());
        put(schema, table, column, declared);
    }

    /** A MATERIALIZED or ALIAS column added by ALTER TABLE … ADD COLUMN (inside the caller's transaction). */
    void addKind(ClientContext ctx, String schema, String table, String column, String kind) {
        ensureSchema(ctx);
        exec(ctx, "CREATE TABLE IF NOT EXISTS " + KINDS
                + " (schema_name VARCHAR NOT NULL, table_name VARCHAR NOT NULL, column_name VARCHAR NOT NULL, kind VARCHAR NOT NULL)");
        exec(ctx, "DELETE FROM " + KINDS + " WHERE schema_name = ? AND lower(table_name) = lower(?) AND lower(column_name) = lower(?)",
                schema, table, column);
        exec(ctx, "INSERT INTO " + KINDS + " VALUES (?, ?, ?, ?)", schema, table, column, kind);
        putKind(schema, table, column, kind);
    }

    void dropTable(ClientContext ctx, String schema, String table) {
        if (tables.remove(key(schema, table)) != null) forgetRows(ctx, "schema_name = ? AND lower(table_name) = lower(?)", schema, table);
        if (kinds.remove(key(schema, table)) != null) {
            exec(ctx, "DELETE FROM " + KINDS + " WHERE schema_name = ? AND lower(table_name) = lower(?)", schema, table);
        }
    }

    void dropSchema(ClientContext ctx, String schema) {
        String prefix = (schema + ".").toLowerCase(Locale.ROOT);
        if (tables.keySet().removeIf(k -> k.startsWith(prefix))) forgetRows(ctx, "lower(schema_name) = lower(?)", schema);
        if (kinds.keySet().removeIf(k -> k.startsWith(prefix))) exec(ctx, "DELETE FROM " + KINDS + " WHERE lower(schema_name) = lower(?)", schema);
    }

    void dropColumn(ClientContext ctx, String schema, String table, String column) {
        Map<String, String> k = kinds.get(key(schema, table));
        if (k != null && k.remove(column.toLowerCase(Locale.ROOT)) != null) {
            exec(ctx, "DELETE FROM " + KINDS + " WHERE schema_name = ? AND lower(table_name) = lower(?) AND lower(column_name) = lower(?)",
                    schema, table, column);
        }
        Map<String, ChType> cols = tables.get(key(schema, table));
        if (cols != null && cols.remove(column.toLowerCase(Locale.ROOT)) != null) {
            forgetRows(ctx, "schema_name = ? AND lower(table_name) = lower(?) AND lower(column_name) = lower(?)", schema, table, column);
        }
    }

    void renameTable(ClientContext ctx, String schema, String from, String to) {
        Map<String, String> k = kinds.remove(key(schema, from));
        if (k != null) {
            exec(ctx, "UPDATE " + KINDS + " SET table_name = ? WHERE schema_name = ? AND lower(table_name) = lower(?)", to, schema, from);
            kinds.put(key(schema, to), k);
        }
        Map<String, ChType> cols = tables.remove(key(schema, from));
        if (cols == null) return;
        exec(ctx, "UPDATE " + TABLE + " SET table_name = ? WHERE schema_name = ? AND lower(table_name) = lower(?)", to, schema, from);
        tables.put(key(schema, to), cols);
    }

    static void ensureSchema(ClientContext ctx) {
        exec(ctx, "CREATE SCHEMA IF NOT EXISTS " + ChDialect.quoteId(SCHEMA));
    }

    private static void ensureTable(ClientContext ctx) {
        ensureSchema(ctx);
        exec(ctx, "CREATE TABLE IF NOT EXISTS " + TABLE
                + " (schema_name VARCHAR NOT NULL, table_name VARCHAR NOT NULL, column_name VARCHAR NOT NULL, type VARCHAR NOT NULL)");
    }

    private static void forgetRows(ClientContext ctx, String where, String... args) {
        exec(ctx, "DELETE FROM " + TABLE + " WHERE " + where, args);
    }

    static void exec(ClientContext ctx, String sql, String... args) {
        List<Value> values = new java.util.ArrayList<>();
        for (String a : args) values.add(Value.ofVarchar(a));
        try (QueryResult r = ctx.execute(sql, values)) {
            r.updateCount();
        }
    }

    // ------------------------------------------------------------------ SQL functions

    /**
     * The ClickHouse name of a TealDB type spelled as {@code typeof()} and information_schema show it: as a
     * column's type ({@code nullable} given: Nullable where the column allows NULL, nested values Nullable)
     * or as an expression's ({@code nullable} null: toTypeName).
     */
    String clickHouseName(String tealType, Boolean nullable) {
        String key = (nullable == null ? "E" : nullable ? "N" : "C") + tealType;
        String known = derivedNames.get(key);
        if (known != null) return known;
        String name;
        try {
            LogicalType t = parseTealType(tealType);
            name = (nullable == null ? ChType.of(t) : derived(t, nullable)).name();
        } catch (RuntimeException e) {
            // a type the parser does not take back (should not happen): its TealDB spelling
            name = tealType;
        }
        if (derivedNames.size() < 10_000) derivedNames.put(key, name);
        return name;
    }

    /** A TealDB type as the catalog and typeof() spell it (nested types and ENUM labels included). */
    static LogicalType parseTealType(String text) {
        return TypeNames.resolve(io.tealdb.parser.Parser.parseType(text));
    }

    /** clickhouse_type_name(typeof(x)): toTypeName. */
    private void typeNameKernel(Vector[] args, int count, Vector result) {
        for (int i = 0; i < count; i++) {
            if (args[0].isNull(i)) result.setNull(i);
            else result.setString(i, clickHouseName(args[0].getString(i), null));
        }
    }

    /** clickhouse_column_type(schema, table, column, data_type, is_nullable): system.columns.type. */
    /** clickhouse_column_kind(schema, table, column): MATERIALIZED or ALIAS as declared, NULL when not recorded. */
    private void columnKindKernel(Vector[] args, int count, Vector result) {
        for (int i = 0; i < count; i++) {
            String k = args[0].isNull(i) || args[1].isNull(i) || args[2].isNull(i) ? null
                    : kind(args[0].getString(i), args[1].getString(i), args[2].getString(i));
            if (k == null) result.setNull(i);
            else result.setString(i, k);
        }
    }

    private void columnTypeKernel(Vector[] args, int count, Vector result) {
        Map<String, LogicalType> parsed = new HashMap<>();
        for (int i = 0; i < count; i++) {
            boolean any = false;
            for (Vector a : args) any |= a.isNull(i);
            if (any) {
                result.setNull(i);
                continue;
            }
            String dataType = args[3].getString(i);
            boolean nullable = "YES".equals(args[4].getString(i));
            ChType declared = null;
            Map<String, ChType> cols = tables.get(key(args[0].getString(i), args[1].getString(i)));
            if (cols != null) {
                declared = cols.get(args[2].getString(i).toLowerCase(Locale.ROOT));
                if (declared != null) {
                    LogicalType storage = parsed.computeIfAbsent(dataType, t -> {
                        try {
                            return parseTealType(t);
                        } catch (RuntimeException e) {
                            return null;
                        }
                    });
                    if (storage == null || !ChType.sameStorage(declared, storage)) declared = null;
                }
            }
            result.setString(i, declared != null ? declared.name() : clickHouseName(dataType, nullable));
        }
    }
}
