package io.tealdb.session;

import io.tealdb.catalog.Catalog;
import io.tealdb.catalog.CatalogEntry;
import io.tealdb.catalog.ColumnDefinition;
import io.tealdb.catalog.SequenceEntry;
import io.tealdb.catalog.TableConstraint;
import io.tealdb.catalog.TableEntry;
import io.tealdb.catalog.ViewEntry;
import io.tealdb.error.CatalogException;
import io.tealdb.planner.BinderCatalog;
import io.tealdb.planner.ViewDefinition;
import io.tealdb.storage.Transaction;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The binder's view of the catalog within one transaction, plus the information_schema tables
 * (tables, columns, schemata, table_constraints, key_column_usage) that drivers use for metadata.
 */
final class SessionCatalog implements BinderCatalog {
    static final String CATALOG_NAME = "memory";

    /** The session's current database's catalog (unqualified names, information about "this" database). */
    private final Catalog catalog;
    private final Transaction txn;
    /** Resolves names over the attached databases; replaced while a view of another database or schema is bound. */
    private CatalogSearch search;
    /** The session's settings for duckdb_settings() and pg_settings; null outside a session (defaults shown). */
    private final io.tealdb.settings.SessionSettings settings;
    private final java.util.Map<String, io.tealdb.planner.FunctionResolver.BoundTableFunction> registeredScans;

    SessionCatalog(CatalogSearch search,
                   java.util.Map<String, io.tealdb.planner.FunctionResolver.BoundTableFunction> registeredScans,
                   java.util.function.Function<String, io.tealdb.planner.FunctionResolver.BoundTableFunction> replacement,
                   io.tealdb.settings.SessionSettings settings) {
        this.search = search;
        this.catalog = search.current().catalog();
        this.txn = search.txn();
        this.settings = settings;
        this.registeredScans = registeredScans;
        this.replacement = replacement;
    }

    private final java.util.function.Function<String, io.tealdb.planner.FunctionResolver.BoundTableFunction> replacement;

    @Override
    public io.tealdb.planner.FunctionResolver.BoundTableFunction replacementScan(String name) {
        return replacement == null ? null : replacement.apply(name);
    }

    @Override
    public io.tealdb.planner.FunctionResolver.BoundTableFunction findRegisteredScan(String name) {
        return registeredScans.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public TableEntry findTable(String schema, String name) {
        return findTable(null, schema, name);
    }

    @Override
    public TableEntry findTable(String database, String schema, String name) {
        CatalogEntry e = lookup(database, schema, name);
        return e instanceof TableEntry t ? t : null;
    }

    @Override
    public ViewDefinition findView(String schema, String name) {
        return findView(null, schema, name);
    }

    @Override
    public ViewDefinition findView(String database, String schema, String name) {
        CatalogEntry e = lookup(database, schema, name);
        if (e instanceof ViewEntry v) return new ViewDefinition(v.schema(), v.name(), v.aliases(), v.sql(), viewDatabase);
        return null;
    }

    /** The database the last {@link #lookup} found its entry in. */
    private String viewDatabase;

    @Override
    public Runnable enterView(ViewDefinition view) {
        AttachedDatabase d = view.database() == null ? null : search.databases().get(view.database());
        // a temporary view binds on the session's search path (temp.main first, then the current database)
        if (d == null || d.temporary()) return () -> {
        };
        CatalogSearch saved = search;
        String schema = view.schema() == null || view.schema().equalsIgnoreCase(Catalog.DEFAULT_SCHEMA) ? null : view.schema();
        search = new CatalogSearch(saved.databases(), d, schema, txn);
        return () -> search = saved;
    }

    /** The table or view {@code [database.][schema.]name} by DuckDB's rules ({@link CatalogSearch}), or null. */
    private CatalogEntry lookup(String database, String schema, String name) {
        CatalogEntry temporary = search.temporary(database, schema, io.tealdb.catalog.EntryKind.TABLE, name);
        if (temporary != null) {
            viewDatabase = AttachedDatabase.TEMP_NAME;
            return temporary;
        }
        if (database == null && schema == null) {
            // a bare name: the search path (current schema, SET search_path's others, main)
            for (CatalogSearch.Target t : search.path()) {
                if (t.schema() != null && !t.catalog().schemaExists(txn, t.schema())) continue; // dropped since: skipped
                CatalogEntry e = t.catalog().lookupRelation(txn, t.schema(), name);
                if (e != null) {
                    viewDatabase = t.database().name();
                    return e;
                }
            }
            viewDatabase = search.current().name();
            return null;
        }
        CatalogSearch.Target target = search.resolveExisting(database, schema, t -> t.catalog().lookupRelation(txn, t.schema(), name) != null);
        if (target == null) {
            throw new CatalogException("Table with name \"" + database + "." + schema + "." + name + "\" does not exist because schema \""
                    + database + "." + schema + "\" does not exist.");
        }
        Catalog c = target.catalog();
        String s = target.schema();
        if (s != null && !c.schemaExists(txn, s)) {
            if (database == null && s.equalsIgnoreCase("information_schema")) return null;
            throw new CatalogException("Table with name \"" + schema + "." + name + "\" does not exist because schema \""
                    + schema + "\" does not exist.");
        }
        viewDatabase = target.database().name();
        return c.lookupRelation(txn, s, name);
    }

    @Override
    public List<String> relationNames(String schema) {
        List<String> out = new ArrayList<>();
        try {
            Catalog c = search.current().catalog();
            if (schema != null) {
                // SHOW TABLES FROM x: a schema of the current database, else the database x
                CatalogSearch.Target t = search.resolve(null, schema);
                c = t.catalog();
                schema = t.schema() == null ? Catalog.DEFAULT_SCHEMA : t.schema();
            }
            for (CatalogEntry e : c.entries(txn, schema)) {
                if (e instanceof TableEntry || e instanceof ViewEntry) out.add(e.name());
            }
        } catch (CatalogException ignored) {
            // unknown schema: no suggestions
        }
        return out;
    }

    @Override
    public LogicalType findType(String schema, String name) {
        if (search.temporary(null, schema, io.tealdb.catalog.EntryKind.TYPE, name) instanceof io.tealdb.catalog.TypeEntry te) return te.type();
        if (schema != null) {
            CatalogSearch.Target t = search.resolve(null, schema);
            return userType(t.catalog(), txn, t.schema(), null, name);
        }
        return onPath(t -> userType(t.catalog(), txn, t.schema(), null, name));
    }

    /**
     * The first non-null answer of {@code find} over the search path's schemas (an unqualified
     * sequence, macro or type; temporary objects are found before, see CatalogSearch.temporary).
     * A qualified {@code x.name} is resolved by {@link CatalogSearch#resolve}: {@code x} is a schema of
     * the current database, else an attached database, as for tables.
     */
    private <T> T onPath(java.util.function.Function<CatalogSearch.Target, T> find) {
        for (CatalogSearch.Target t : search.path()) {
            if (t.schema() != null && !t.catalog().schemaExists(txn, t.schema())) continue;
            T found = find.apply(t);
            if (found != null) return found;
        }
        return null;
    }

    /**
     * The type the alias {@code name} stands for, or null: in {@code schema} when the name was
     * qualified, else in {@code contextSchema} (the schema of the table being defined; may be null)
     * and then its main schema, as DuckDB resolves types in CREATE/ALTER TABLE.
     */
    static LogicalType userType(Catalog catalog, Transaction txn, String schema, String contextSchema, String name) {
        if (schema != null) {
            if (schema.equalsIgnoreCase(CATALOG_NAME)) {
                schema = null; // memory.name
            } else if (!catalog.schemaExists(txn, schema)) {
                return null;
            }
        } else if (contextSchema != null && catalog.schemaExists(txn, contextSchema)) {
            io.tealdb.catalog.TypeEntry inContext = catalog.findType(txn, contextSchema, name);
            if (inContext != null) return inContext.type();
        }
        io.tealdb.catalog.TypeEntry e = catalog.findType(txn, schema, name);
        return e == null ? null : e.type();
    }

    /** The macro {@code [schema.]name}: a temporary one first, then in the database the qualifier names; null when absent. */
    private io.tealdb.catalog.MacroEntry macro(String schema, String name, boolean table) {
        io.tealdb.catalog.MacroEntry m = (io.tealdb.catalog.MacroEntry) search.temporary(null, schema,
                table ? io.tealdb.catalog.EntryKind.TABLE_MACRO : io.tealdb.catalog.EntryKind.MACRO, name);
        if (m != null) return m;
        if (schema == null) return onPath(t -> table ? t.catalog().findTableMacro(txn, t.schema(), name) : t.catalog().findMacro(txn, t.schema(), name));
        CatalogSearch.Target target = search.resolve(null, schema);
        Catalog catalog = target.catalog();
        String in = target.schema();
        if (in != null && !catalog.schemaExists(txn, in)) return null;
        return table ? catalog.findTableMacro(txn, in, name) : catalog.findMacro(txn, in, name);
    }

    @Override
    public MacroDefinition findMacro(String schema, String name, boolean table) {
        io.tealdb.catalog.MacroEntry m = macro(schema, name, table);
        if (m == null) return null;
        // the entry keeps the CREATE MACRO text; parse it back for the binder
        io.tealdb.parser.ast.Statement st = ClientContextImpl.guard(() -> io.tealdb.parser.Parser.parseStatement(m.sql()));
        if (!(st instanceof io.tealdb.parser.ast.CreateMacro cm)) throw new io.tealdb.error.InternalException("bad macro text: " + m.sql());
        List<String> positional = new ArrayList<>();
        java.util.LinkedHashMap<String, io.tealdb.parser.ast.Expr> defaults = new java.util.LinkedHashMap<>();
        for (io.tealdb.parser.ast.MacroParam p : cm.params()) {
            positional.add(p.name().text());
            if (p.defaultValue() != null) defaults.put(p.name().text().toLowerCase(java.util.Locale.ROOT), p.defaultValue());
        }
        return new MacroDefinition(m.name(), positional, defaults, cm.body(), cm.tableBody());
    }

    @Override
    public SequenceHandle findSequence(String schema, String name) {
        CatalogEntry e = search.temporary(null, schema, io.tealdb.catalog.EntryKind.SEQUENCE, name);
        if (e == null && schema == null) {
            e = onPath(t -> t.catalog().lookup(txn, io.tealdb.catalog.EntryKind.SEQUENCE, t.schema(), name));
        } else if (e == null) {
            CatalogSearch.Target target = search.resolveExisting(null, schema,
                    t -> t.catalog().lookup(txn, io.tealdb.catalog.EntryKind.SEQUENCE, t.schema(), name) != null);
            e = target.catalog().lookup(txn, io.tealdb.catalog.EntryKind.SEQUENCE, target.schema(), name);
        }
        if (!(e instanceof SequenceEntry s)) return null;
        return new SequenceHandle() {
            @Override
            public long next() {
                return s.state().nextValue(s.name());
            }

            @Override
            public long current() {
                if (!s.state().used()) {
                    throw new io.tealdb.error.InvalidInputException("currval: sequence is not yet defined in this session");
                }
                return s.state().lastValue();
            }
        };
    }

    @Override
    public String defaultSchema() {
        return search.currentSchema() != null ? search.currentSchema() : Catalog.DEFAULT_SCHEMA;
    }

    @Override
    public String catalogName() {
        return search.current().name();
    }

    /** The pg_catalog tables over the current database and the session's temporary objects (when it has made any). */
    private PgCatalogTables pgCatalog() {
        AttachedDatabase temp = search.databases().tempIfMade();
        return new PgCatalogTables(catalog, temp == null ? null : temp.catalog(), search.databases().pgTempSchema(), txn);
    }

    @Override
    public Integer pgOid(String kind, String name) {
        List<String> parts = PgCatalogTables.splitName(name);
        PgCatalogTables pg = pgCatalog();
        if (kind.equals("regnamespace")) {
            String s = parts.get(parts.size() - 1);
            if (pg.isTempSchema(s)) return search.databases().tempIfMade() == null ? null : PgCatalogTables.namespaceOid(search.databases().pgTempSchema());
            return s.equalsIgnoreCase("pg_catalog") || s.equalsIgnoreCase("information_schema") || catalog.schemaExists(txn, s)
                    ? PgCatalogTables.namespaceOid(s) : null;
        }
        String schema = parts.size() > 1 ? parts.get(parts.size() - 2) : null;
        if (schema != null && schema.equalsIgnoreCase("public") && !catalog.schemaExists(txn, "public")) schema = null;
        if (schema != null && !schema.equalsIgnoreCase("pg_catalog") && !pg.isTempSchema(schema) && !catalog.schemaExists(txn, schema)) return null;
        return pg.relationOid(schema, parts.get(parts.size() - 1));
    }

    @Override
    public java.util.Map<Integer, String> pgDefinitions(String kind) {
        return pgCatalog().definitions(kind);
    }

    private io.tealdb.settings.SessionSettings sessionSettings() {
        return settings != null ? settings : new io.tealdb.settings.SessionSettings(new io.tealdb.settings.GlobalSettings((s, v) -> {
        }));
    }

    @Override
    public SystemTable systemTableFunction(String name) {
        if (name.equalsIgnoreCase("duckdb_settings")) return SettingsTables.duckdbSettings(sessionSettings());
        return DatabaseTables.find(name, search.databases().listed(), txn);
    }

    @Override
    public SystemTable findSystemTable(String schema, String name) {
        if (schema != null && schema.equalsIgnoreCase("pg_catalog")
                || schema == null && name.regionMatches(true, 0, "pg_", 0, 3) && catalog.lookupRelation(txn, null, name) == null) {
            if (name.equalsIgnoreCase("pg_settings")) return SettingsTables.pgSettings(sessionSettings());
            return pgCatalog().table(name);
        }
        if (schema == null || !schema.equalsIgnoreCase("information_schema")) return null;
        LogicalType v = LogicalType.VARCHAR;
        LogicalType i = LogicalType.INTEGER;
        switch (name.toLowerCase(Locale.ROOT)) {
            case "schemata" -> {
                List<List<Value>> rows = new ArrayList<>();
                for (AttachedDatabase db : search.databases().listed()) {
                    for (String s : db.catalog().schemaNames(txn)) rows.add(List.of(str(db.name()), str(s), str("duckdb"), Value.nullOf(v)));
                }
                return new SystemTable(List.of("catalog_name", "schema_name", "schema_owner", "default_character_set_catalog"),
                        List.of(v, v, v, v), rows);
            }
            case "tables" -> {
                List<List<Value>> rows = new ArrayList<>();
                for (AttachedDatabase db : search.databases().listed()) for (CatalogEntry e : db.catalog().entries(txn, null)) {
                    String type = e instanceof TableEntry ? (db.temporary() ? "LOCAL TEMPORARY" : "BASE TABLE")
                            : e instanceof ViewEntry ? "VIEW" : null;
                    if (type == null) continue;
                    rows.add(List.of(str(db.name()), str(e.schema()), str(e.name()), str(type), str("YES"), str("NO")));
                }
                return new SystemTable(List.of("table_catalog", "table_schema", "table_name", "table_type",
                        "is_insertable_into", "is_typed"), List.of(v, v, v, v, v, v), rows);
            }
            case "columns" -> {
                List<List<Value>> rows = new ArrayList<>();
                for (AttachedDatabase db : search.databases().listed()) for (CatalogEntry e : db.catalog().entries(txn, null)) {
                    if (e instanceof TableEntry t) {
                        for (int c = 0; c < t.columns().size(); c++) {
                            ColumnDefinition col = t.columns().get(c);
                            boolean notNull = col.notNull() || isKeyColumn(t, c, true);
                            rows.add(columnRow(db.name(), t.schema(), t.name(), col.name(), c + 1, col.defaultSql(), !notNull, col.type(),
                                    col.generatedSql()));
                        }
                    } else if (e instanceof ViewEntry view) {
                        for (int c = 0; c < view.columnNames().size(); c++) {
                            String n = c < view.aliases().size() ? view.aliases().get(c) : view.columnNames().get(c);
                            rows.add(columnRow(db.name(), view.schema(), view.name(), n, c + 1, null, true, view.columnTypes().get(c), null));
                        }
                    }
                }
                return new SystemTable(List.of("table_catalog", "table_schema", "table_name", "column_name", "ordinal_position",
                        "column_default", "is_nullable", "data_type", "numeric_precision", "numeric_scale", "is_generated", "generation_expression"),
                        List.of(v, v, v, v, i, v, v, v, i, i, v, v), rows);
            }
            case "table_constraints" -> {
                List<List<Value>> rows = new ArrayList<>();
                for (AttachedDatabase db : search.databases().listed()) for (CatalogEntry e : db.catalog().entries(txn, null)) {
                    if (!(e instanceof TableEntry t)) continue;
                    for (TableConstraint c : t.constraints()) {
                        String type = constraintType(c);
                        rows.add(List.of(str(db.name()), str(t.schema()), str(constraintName(t, c)), str(db.name()),
                                str(t.schema()), str(t.name()), str(type), str("NO"), str("NO"), str("YES")));
                    }
                }
                return new SystemTable(List.of("constraint_catalog", "constraint_schema", "constraint_name", "table_catalog",
                        "table_schema", "table_name", "constraint_type", "is_deferrable", "initially_deferred", "enforced"),
                        List.of(v, v, v, v, v, v, v, v, v, v), rows);
            }
            case "key_column_usage" -> {
                List<List<Value>> rows = new ArrayList<>();
                for (AttachedDatabase db : search.databases().listed()) for (CatalogEntry e : db.catalog().entries(txn, null)) {
                    if (!(e instanceof TableEntry t)) continue;
                    for (TableConstraint c : t.constraints()) {
                        List<Integer> cols = switch (c) {
                            case TableConstraint.PrimaryKey pk -> pk.columns();
                            case TableConstraint.Unique u -> u.columns();
                            case TableConstraint.ForeignKey fk -> fk.columns();
                            case TableConstraint.Check ck -> List.of();
                        };
                        for (int k = 0; k < cols.size(); k++) {
                            rows.add(List.of(str(db.name()), str(t.schema()), str(constraintName(t, c)), str(db.name()),
                                    str(t.schema()), str(t.name()), str(t.columns().get(cols.get(k)).name()), Value.ofInteger(k + 1)));
                        }
                    }
                }
                return new SystemTable(List.of("constraint_catalog", "constraint_schema", "constraint_name", "table_catalog",
                        "table_schema", "table_name", "column_name", "ordinal_position"), List.of(v, v, v, v, v, v, v, i), rows);
            }
            default -> {
                return null;
            }
        }
    }

    private static String constraintType(TableConstraint c) {
        return switch (c) {
            case TableConstraint.PrimaryKey pk -> "PRIMARY KEY";
            case TableConstraint.Unique u -> "UNIQUE";
            case TableConstraint.Check ck -> "CHECK";
            case TableConstraint.ForeignKey fk -> "FOREIGN KEY";
        };
    }

    /** Constraint names as PostgreSQL/DuckDB derive them: table_columns_pkey / _key / _check / _fkey. */
    static String constraintName(TableEntry t, TableConstraint c) {
        List<Integer> cols = switch (c) {
            case TableConstraint.PrimaryKey pk -> pk.columns();
            case TableConstraint.Unique u -> u.columns();
            case TableConstraint.ForeignKey fk -> fk.columns();
            case TableConstraint.Check ck -> List.of();
        };
        StringBuilder sb = new StringBuilder(t.name());
        for (int col : cols) sb.append('_').append(t.columns().get(col).name());
        return sb.append(switch (c) {
            case TableConstraint.PrimaryKey pk -> "_pkey";
            case TableConstraint.Unique u -> "_key";
            case TableConstraint.Check ck -> "_" + (t.constraints().indexOf(ck) + 1) + "_check";
            case TableConstraint.ForeignKey fk -> "_fkey";
        }).toString();
    }

    private static List<Value> columnRow(String database, String schema, String table, String column, int ordinal, String defaultSql,
                                         boolean nullable, LogicalType type, String generatedSql) {
        Value precision = Value.nullOf(LogicalType.INTEGER);
        Value scale = Value.nullOf(LogicalType.INTEGER);
        switch (type.id()) {
            case DECIMAL -> {
                precision = Value.ofInteger(type.precision());
                scale = Value.ofInteger(type.scale());
            }
            case TINYINT -> precision = Value.ofInteger(8);
            case SMALLINT -> precision = Value.ofInteger(16);
            case INTEGER -> precision = Value.ofInteger(32);
            case BIGINT -> precision = Value.ofInteger(64);
            case HUGEINT -> precision = Value.ofInteger(128);
            case FLOAT -> precision = Value.ofInteger(24);
            case DOUBLE -> precision = Value.ofInteger(53);
            default -> {
            }
        }
        if (type.isInteger()) scale = Value.ofInteger(0);
        return List.of(str(database), str(schema), str(table), str(column), Value.ofInteger(ordinal),
                defaultSql == null ? Value.nullOf(LogicalType.VARCHAR) : str(defaultSql), str(nullable ? "YES" : "NO"),
                str(type.toString()), precision, scale,
                // the SQL standard's (and PostgreSQL's) generated-column columns
                str(generatedSql == null ? "NEVER" : "ALWAYS"), generatedSql == null ? Value.nullOf(LogicalType.VARCHAR) : str(generatedSql));
    }

    static boolean isKeyColumn(TableEntry t, int column, boolean primaryOnly) {
        for (TableConstraint c : t.constraints()) {
            if (c instanceof TableConstraint.PrimaryKey pk && pk.columns().contains(column)) return true;
            if (!primaryOnly && c instanceof TableConstraint.Unique u && u.columns().contains(column)) return true;
        }
        return false;
    }

    private static Value str(String s) {
        return Value.ofVarchar(s);
    }
}
