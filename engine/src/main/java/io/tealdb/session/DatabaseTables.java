package io.tealdb.session;

import io.tealdb.catalog.Catalog;
import io.tealdb.catalog.CatalogEntry;
import io.tealdb.catalog.TableConstraint;
import io.tealdb.catalog.TableEntry;
import io.tealdb.planner.BinderCatalog.SystemTable;
import io.tealdb.storage.Transaction;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB's catalog listing functions over every database a session can name: {@code duckdb_databases()},
 * {@code duckdb_schemas()}, {@code duckdb_tables()}, {@code duckdb_views()} (user views; DuckDB
 * also lists its internal ones) and {@code duckdb_sequences()}, with DuckDB's columns. The session's
 * temporary objects are in its database "temp" (schema "main"), listed after the internal "system".
 */
final class DatabaseTables {
    private static final LogicalType V = LogicalType.VARCHAR;
    private static final LogicalType B = LogicalType.BIGINT;
    private static final LogicalType BOOL = LogicalType.BOOLEAN;
    private static final LogicalType TAGS = LogicalType.map(V, V);

    private DatabaseTables() {
    }

    /** The system table function {@code name} (case-insensitive), or null when it is not one of these. */
    static SystemTable find(String name, List<AttachedDatabase> databases, Transaction txn) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "duckdb_databases" -> databases(databases);
            case "duckdb_schemas" -> schemas(databases, txn);
            case "duckdb_tables" -> tables(databases, txn);
            case "duckdb_views" -> views(databases, txn);
            case "duckdb_sequences" -> sequences(databases, txn);
            default -> null;
        };
    }

    private static Value text(String s) {
        return s == null ? Value.nullOf(V) : Value.ofVarchar(s);
    }

    private static Value noTags() {
        return new Value(TAGS, List.of());
    }

    static SystemTable databases(List<AttachedDatabase> databases) {
        List<List<Value>> rows = new ArrayList<>();
        for (AttachedDatabase d : databases) {
            if (d.temporary()) continue;
            rows.add(List.of(text(d.name()), Value.ofBigint(d.oid()), text(d.path()), text(null), noTags(), Value.ofBoolean(false),
                    text("duckdb"), Value.ofBoolean(d.readOnly()), Value.ofBoolean(false), text(null), noTags()));
        }
        rows.add(List.of(text("system"), Value.ofBigint(0), text(null), text(null), noTags(), Value.ofBoolean(true), text("duckdb"),
                Value.ofBoolean(false), Value.ofBoolean(false), text(null), noTags()));
        rows.add(List.of(text(AttachedDatabase.TEMP_NAME), Value.ofBigint(AttachedDatabase.TEMP_OID), text(null), text(null), noTags(),
                Value.ofBoolean(true), text("duckdb"), Value.ofBoolean(false), Value.ofBoolean(false), text(null), noTags()));
        return new SystemTable(List.of("database_name", "database_oid", "path", "comment", "tags", "internal", "type", "readonly",
                "encrypted", "cipher", "options"), List.of(V, B, V, V, TAGS, BOOL, V, BOOL, BOOL, V, TAGS), rows);
    }

    static SystemTable schemas(List<AttachedDatabase> databases, Transaction txn) {
        List<List<Value>> rows = new ArrayList<>();
        for (AttachedDatabase d : databases) {
            if (d.temporary()) continue;
            for (String s : d.catalog().schemaNames(txn)) {
                rows.add(schemaRow(PgCatalogTables.namespaceOid(d.name() + "." + s), d.name(), d.oid(), s, s.equalsIgnoreCase(Catalog.DEFAULT_SCHEMA)));
            }
        }
        for (String s : List.of("information_schema", Catalog.DEFAULT_SCHEMA, "pg_catalog")) {
            rows.add(schemaRow(PgCatalogTables.namespaceOid("system." + s), "system", 0, s, true));
        }
        String temp = AttachedDatabase.TEMP_NAME;
        rows.add(schemaRow(PgCatalogTables.namespaceOid(temp + "." + Catalog.DEFAULT_SCHEMA), temp, AttachedDatabase.TEMP_OID, Catalog.DEFAULT_SCHEMA, true));
        return new SystemTable(List.of("oid", "database_name", "database_oid", "schema_name", "comment", "tags", "internal", "sql",
                "parent_schema", "parent_schema_oid"), List.of(B, V, B, V, V, TAGS, BOOL, V, V, B), rows);
    }

    private static List<Value> schemaRow(long oid, String database, long databaseOid, String schema, boolean internal) {
        return List.of(Value.ofBigint(oid), text(database), Value.ofBigint(databaseOid), text(schema), text(null), noTags(),
                Value.ofBoolean(internal), text(null), text(null), Value.nullOf(B));
    }

    static SystemTable tables(List<AttachedDatabase> databases, Transaction txn) {
        List<List<Value>> rows = new ArrayList<>();
        for (AttachedDatabase d : databases) {
            for (CatalogEntry e : d.catalog().entries(txn, null)) {
                if (!(e instanceof TableEntry t)) continue;
                boolean temporary = d.temporary();
                String database = d.name();
                String schema = t.schema();
                long databaseOid = d.oid();
                int checks = 0, indexes = 0;
                boolean primary = false;
                for (TableConstraint c : t.constraints()) {
                    switch (c) {
                        case TableConstraint.Check ck -> checks++;
                        case TableConstraint.PrimaryKey pk -> {
                            primary = true;
                            indexes++;
                        }
                        case TableConstraint.Unique u -> indexes++;
                        case TableConstraint.ForeignKey fk -> {
                        }
                    }
                }
                rows.add(List.of(text(database), Value.ofBigint(databaseOid), text(schema),
                        Value.ofBigint(PgCatalogTables.namespaceOid(database + "." + schema)), text(t.name()),
                        Value.ofBigint(PgCatalogTables.objectOid(d.name() + "." + t.schema(), t.name(), "relation")), text(null), noTags(),
                        Value.ofBoolean(false), Value.ofBoolean(temporary), Value.ofBoolean(primary),
                        Value.ofBigint(t.storage().estimatedRowCount()), Value.ofBigint(t.columns().size()), Value.ofBigint(indexes),
                        Value.ofBigint(checks), text(DatabaseExport.createTable(t))));
            }
        }
        return new SystemTable(List.of("database_name", "database_oid", "schema_name", "schema_oid", "table_name", "table_oid",
                "comment", "tags", "internal", "temporary", "has_primary_key", "estimated_size", "column_count", "index_count",
                "check_constraint_count", "sql"), List.of(V, B, V, B, V, B, V, TAGS, BOOL, BOOL, BOOL, B, B, B, B, V), rows);
    }

    static SystemTable views(List<AttachedDatabase> databases, Transaction txn) {
        List<List<Value>> rows = new ArrayList<>();
        for (AttachedDatabase d : databases) {
            for (CatalogEntry e : d.catalog().entries(txn, null)) {
                if (!(e instanceof io.tealdb.catalog.ViewEntry v)) continue;
                boolean temporary = d.temporary();
                String database = d.name();
                String schema = v.schema();
                String name = schema.equalsIgnoreCase(Catalog.DEFAULT_SCHEMA) ? v.name() : schema + "." + v.name();
                String columns = v.aliases().isEmpty() ? "" : "(" + String.join(", ", v.aliases()) + ")";
                rows.add(List.of(text(database), Value.ofBigint(d.oid()), text(schema),
                        Value.ofBigint(PgCatalogTables.namespaceOid(database + "." + schema)), text(v.name()),
                        Value.ofBigint(PgCatalogTables.objectOid(d.name() + "." + v.schema(), v.name(), "relation")), text(null), noTags(),
                        Value.ofBoolean(false), Value.ofBoolean(temporary), Value.ofBigint(v.columnNames().size()),
                        text("CREATE VIEW " + name + columns + " AS " + v.sql() + ";"), Value.ofBoolean(true)));
            }
        }
        return new SystemTable(List.of("database_name", "database_oid", "schema_name", "schema_oid", "view_name", "view_oid", "comment",
                "tags", "internal", "temporary", "column_count", "sql", "is_bound"), List.of(V, B, V, B, V, B, V, TAGS, BOOL, BOOL, B, V, BOOL), rows);
    }

    static SystemTable sequences(List<AttachedDatabase> databases, Transaction txn) {
        List<List<Value>> rows = new ArrayList<>();
        for (AttachedDatabase d : databases) {
            for (CatalogEntry e : d.catalog().entries(txn, null)) {
                if (!(e instanceof io.tealdb.catalog.SequenceEntry q)) continue;
                io.tealdb.catalog.SequenceState st = q.state();
                rows.add(List.of(text(d.name()), Value.ofBigint(d.oid()), text(q.schema()),
                        Value.ofBigint(PgCatalogTables.namespaceOid(d.name() + "." + q.schema())), text(q.name()),
                        Value.ofBigint(PgCatalogTables.objectOid(d.name() + "." + q.schema(), q.name(), "relation")), text(null), noTags(),
                        Value.ofBoolean(d.temporary()), Value.ofBigint(st.start()), Value.ofBigint(st.minValue()), Value.ofBigint(st.maxValue()),
                        Value.ofBigint(st.increment()), Value.ofBoolean(st.cycle()),
                        st.used() ? Value.ofBigint(st.lastValue()) : Value.nullOf(B), text(DatabaseExport.sequence(q))));
            }
        }
        return new SystemTable(List.of("database_name", "database_oid", "schema_name", "schema_oid", "sequence_name", "sequence_oid",
                "comment", "tags", "temporary", "start_value", "min_value", "max_value", "increment_by", "cycle", "last_value", "sql"),
                List.of(V, B, V, B, V, B, V, TAGS, BOOL, B, B, B, B, BOOL, B, V), rows);
    }
}
