package io.tealdb.server.ilp;

import io.tealdb.error.TealException;
import io.tealdb.session.ClientContext;
import io.tealdb.session.Database;
import io.tealdb.session.QueryResult;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What every line-protocol connection shares: the database, the options, and the lock that
 * serializes the schema changes lines cause (creating a table or adding a column), so two requests
 * that see a new table at once create it once. Schema changes commit on their own, at once, as in
 * QuestDB (a failed request leaves the tables and columns it created); rows commit per request.
 */
public final class IlpIngest {
    static final String SCHEMA = "main";
    final Database database;
    final IlpConfig config;
    private final ReentrantLock ddl = new ReentrantLock();

    public IlpIngest(Database database, IlpConfig config) {
        this.database = database;
        this.config = config;
    }

    /** Column names and types of a table, or null when it does not exist. */
    record Shape(List<String> names, List<LogicalType> types) {
    }

    /** The table's PRIMARY KEY columns (its DEDUP UPSERT KEYS), or none. */
    static List<String> upsertKeys(ClientContext ctx, String table) {
        List<String> keys = new ArrayList<>();
        // most tables have no key: a look at the constraints alone answers that for a third of the join's cost
        try (QueryResult r = ctx.execute("SELECT 1 FROM information_schema.table_constraints WHERE table_schema = ? AND table_name = ?"
                + " AND constraint_type = 'PRIMARY KEY'", List.of(io.tealdb.types.Value.ofVarchar(SCHEMA), io.tealdb.types.Value.ofVarchar(table)))) {
            io.tealdb.vector.DataChunk c;
            boolean any = false;
            while ((c = r.nextChunk()) != null) any |= c.size() > 0;
            if (!any) return keys;
        }
        try (QueryResult r = ctx.execute("SELECT k.column_name FROM information_schema.key_column_usage k JOIN information_schema.table_constraints c"
                + " ON c.constraint_name = k.constraint_name AND c.table_schema = k.table_schema AND c.table_name = k.table_name"
                + " WHERE k.table_schema = ? AND k.table_name = ? AND c.constraint_type = 'PRIMARY KEY' ORDER BY k.ordinal_position",
                List.of(io.tealdb.types.Value.ofVarchar(SCHEMA), io.tealdb.types.Value.ofVarchar(table)))) {
            io.tealdb.vector.DataChunk c;
            while ((c = r.nextChunk()) != null) {
                for (int i = 0; i < c.size(); i++) keys.add((String) c.getObject(0, i));
            }
        }
        return keys;
    }

    static Shape describe(ClientContext ctx, String table) {
        try (QueryResult r = ctx.execute("SELECT * FROM " + IlpNames.quote(SCHEMA) + "." + IlpNames.quote(table) + " LIMIT 0", List.of())) {
            return new Shape(List.copyOf(r.columnNames()), List.copyOf(r.columnTypes()));
        } catch (TealException e) {
            if (String.valueOf(e.getMessage()).contains("does not exist")) return null;
            throw e;
        }
    }

    /**
     * All the table's columns in storage order, the hidden generated ones ({@code SELECT *} leaves out, e.g.
     * ClickHouse's ALIAS/MATERIALIZED columns) included: what an appended chunk must hold.
     */
    static Shape storedShape(ClientContext ctx, String table) {
        List<String> names = new ArrayList<>();
        try (QueryResult r = ctx.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
                + " ORDER BY ordinal_position", List.of(io.tealdb.types.Value.ofVarchar(SCHEMA), io.tealdb.types.Value.ofVarchar(table)))) {
            io.tealdb.vector.DataChunk c;
            while ((c = r.nextChunk()) != null) {
                for (int i = 0; i < c.size(); i++) names.add((String) c.getObject(0, i));
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < names.size(); i++) sql.append(i > 0 ? ", " : "").append(IlpNames.quote(names.get(i)));
        sql.append(" FROM ").append(IlpNames.quote(SCHEMA)).append('.').append(IlpNames.quote(table)).append(" LIMIT 0");
        try (QueryResult r = ctx.execute(sql.toString(), List.of())) {
            return new Shape(List.copyOf(r.columnNames()), List.copyOf(r.columnTypes()));
        }
    }

    /** The stage of a table the batch has not seen yet: its current shape, or a new table made from the line. */
    TableStage openTable(ClientContext ctx, String table, ParsedLine line) {
        Shape s = describe(ctx, table);
        if (s == null) {
            if (!config.autoCreateTables()) {
                throw IlpException.invalid("table does not exist: " + table + " (creating tables from line protocol is disabled on this server)");
            }
            IlpNames.checkTable(table);
            ddl.lock();
            try {
                s = describe(ctx, table);
                if (s == null) {
                    ctx.execute(createTable(table, line), List.of()).close();
                    s = describe(ctx, table);
                }
            } finally {
                ddl.unlock();
            }
        }
        return new TableStage(table, s.names(), s.types());
    }

    /** CREATE TABLE with the line's tags and fields in order (first occurrence wins), then {@code timestamp}. */
    private static String createTable(String table, ParsedLine line) {
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(IlpNames.quote(SCHEMA)).append('.')
                .append(IlpNames.quote(table)).append(" (");
        List<String> seen = new ArrayList<>();
        for (int e = 0; e < line.count; e++) {
            String n = line.name(e);
            if (containsIgnoreCase(seen, n)) continue;
            LogicalType t = typeFor(table, line, e);
            IlpNames.checkColumn(table, n);
            seen.add(n);
            sql.append(IlpNames.quote(n)).append(' ').append(t).append(", ");
        }
        // QuestDB >= 9.1: nanoseconds when the creating line's timestamp says so (`n`), else microseconds
        boolean nanos = line.hasTimestamp && line.timestampUnit == ParsedLine.UNIT_NANOS;
        if (!containsIgnoreCase(seen, "timestamp")) sql.append("\"timestamp\" ").append(nanos ? "TIMESTAMP_NS" : "TIMESTAMP");
        else sql.setLength(sql.length() - 2);
        return sql.append(')').toString();
    }

    private static boolean containsIgnoreCase(List<String> names, String n) {
        for (String s : names) if (s.equalsIgnoreCase(n)) return true;
        return false;
    }

    /** The column type a value creates (QuestDB's defaults; symbols are VARCHAR, timestamps microseconds or, with `n`, nanoseconds). */
    static LogicalType typeFor(String table, ParsedLine line, int e) {
        return switch (line.kind[e]) {
            case ParsedLine.TAG, ParsedLine.STRING -> LogicalType.VARCHAR;
            case ParsedLine.LONG -> LogicalType.BIGINT;
            case ParsedLine.DOUBLE -> LogicalType.DOUBLE;
            case ParsedLine.BOOL -> LogicalType.BOOLEAN;
            case ParsedLine.TIMESTAMP -> line.unit[e] == ParsedLine.UNIT_NANOS ? LogicalType.TIMESTAMP_NS : LogicalType.TIMESTAMP;
            case ParsedLine.ARRAY -> {
                LogicalType t = LogicalType.DOUBLE;
                for (int d = 0; d < line.valLen[e]; d++) t = LogicalType.list(t);
                yield t;
            }
            default -> throw IlpException.invalid("table: " + table + ", column: " + line.name(e)
                    + "; the type of a new column cannot be inferred from an empty value");
        };
    }

    /** Adds a column the table does not have yet (or finds it, when another request added it meanwhile). */
    int addColumn(ClientContext ctx, TableStage stage, ParsedLine line, int e) {
        String n = line.name(e);
        if (!config.autoCreateColumns()) {
            throw IlpException.invalid("table: " + stage.name + "; column does not exist: " + n
                    + " (adding columns from line protocol is disabled on this server)");
        }
        LogicalType t = typeFor(stage.name, line, e);
        IlpNames.checkColumn(stage.name, n);
        ddl.lock();
        try {
            Shape s = describe(ctx, stage.name);
            if (s == null) throw IlpException.invalid("table does not exist: " + stage.name + " (dropped during the request)");
            for (int i = 0; i < s.names().size(); i++) {
                if (s.names().get(i).equalsIgnoreCase(n)) return stage.addColumn(s.names().get(i), s.types().get(i));
            }
            ctx.execute("ALTER TABLE " + IlpNames.quote(SCHEMA) + "." + IlpNames.quote(stage.name) + " ADD COLUMN "
                    + IlpNames.quote(n) + " " + t, List.of()).close();
            return stage.addColumn(n, t);
        } finally {
            ddl.unlock();
        }
    }
}
