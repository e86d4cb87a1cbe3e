package io.tealdb.server.ilp;

import io.tealdb.catalog.ColumnDefinition;
import io.tealdb.catalog.TableConstraint;
import io.tealdb.catalog.TableEntry;
import io.tealdb.session.ClientContext;
import io.tealdb.session.Database;
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

    /**
     * Column names and types of a table ({@code SELECT *}'s columns), and the lower-case names of its
     * generated columns, visible or hidden (computed from the others: lines may not write them, and
     * an upsert leaves them out).
     */
    record Shape(List<String> names, List<LogicalType> types, java.util.Set<String> generated) {
        boolean isGenerated(String column) {
            return !generated.isEmpty() && generated.contains(column.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** The table's PRIMARY KEY columns (its DEDUP UPSERT KEYS), or none (also when the table does not exist). */
    static List<String> upsertKeys(ClientContext ctx, String table) {
        TableEntry t = ctx.tableDefinition(SCHEMA, table);
        List<String> keys = new ArrayList<>();
        if (t == null) return keys;
        for (TableConstraint c : t.constraints()) {
            if (c instanceof TableConstraint.PrimaryKey pk) {
                for (int i : pk.columns()) keys.add(t.columns().get(i).name());
            }
        }
        return keys;
    }

    /**
     * The columns {@code SELECT *} shows (hidden generated ones left out) and the table's generated
     * columns, or null when the table does not exist. Read from the catalog in the session's current
     * transaction: every request asks at least twice per table, so no statement is run for it.
     */
    static Shape describe(ClientContext ctx, String table) {
        TableEntry t = ctx.tableDefinition(SCHEMA, table);
        if (t == null) return null;
        List<String> names = new ArrayList<>();
        List<LogicalType> types = new ArrayList<>();
        java.util.Set<String> generated = new java.util.HashSet<>();
        for (ColumnDefinition c : t.columns()) {
            if (c.generated()) generated.add(c.name().toLowerCase(java.util.Locale.ROOT));
            if (c.hidden()) continue;
            names.add(c.name());
            types.add(c.type());
        }
        return new Shape(List.copyOf(names), List.copyOf(types), generated.isEmpty() ? java.util.Set.of() : generated);
    }

    /**
     * All the table's columns in storage order, the hidden generated ones ({@code SELECT *} leaves out, e.g.
     * ClickHouse's ALIAS/MATERIALIZED columns) included: what an appended chunk must hold.
     */
    static Shape storedShape(ClientContext ctx, String table) {
        TableEntry t = ctx.tableDefinition(SCHEMA, table);
        if (t == null) throw IlpException.invalid("table does not exist: " + table + " (dropped during the request)");
        List<String> names = new ArrayList<>();
        for (ColumnDefinition c : t.columns()) names.add(c.name());
        return new Shape(List.copyOf(names), t.types(), java.util.Set.of());
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
        return new TableStage(table, s);
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

    /** A line names a generated column (which is computed from the table's other columns). */
    static IlpException generatedColumn(String table, String column) {
        return IlpException.invalid("table: " + table + ", column: " + column + "; cannot write a generated column (it is computed from the others)");
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
            if (s.isGenerated(n)) throw generatedColumn(stage.name, n);
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
