package io.tealdb.catalog;

import io.tealdb.error.BinderException;
import io.tealdb.error.CatalogException;
import io.tealdb.storage.ColumnConverter;
import io.tealdb.storage.DataTable;
import io.tealdb.storage.TableSchema;
import io.tealdb.storage.Transaction;
import io.tealdb.storage.TransactionManager;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * The database catalog: schemas holding tables, views, sequences, macros and type aliases, with case-insensitive
 * names. Transactional: every change is an MVCC version in the changing transaction (see
 * {@link VersionedMap}) — other transactions see it only after commit, a rollback (of the
 * transaction or the statement) removes it, and concurrent DDL on the same name fails with a
 * "Catalog write-write conflict" TransactionException.
 *
 * <p>Unqualified names are looked up in {@link #DEFAULT_SCHEMA}. Temporary objects are not here: a
 * session keeps them in a database of its own (the session layer's temp database, an in-memory
 * catalog like this one), as DuckDB keeps them per connection. Messages follow DuckDB's wording.
 */
public final class Catalog {
    public static final String DEFAULT_SCHEMA = "main";

    private final VersionedMap<Schema> schemas;
    /**
     * The transactions of this catalog's database: its entries and tables resolve the transactions
     * they are given to this database's member ({@link Transaction#in}), so one session transaction
     * can read several attached databases.
     */
    private final TransactionManager owner;

    /** Creates a catalog with the {@code main} schema (committed in {@code bootstrap}). */
    public Catalog(Transaction bootstrap) {
        owner = bootstrap.manager();
        schemas = new VersionedMap<>(owner);
        schemas.put(bootstrap, DEFAULT_SCHEMA, new Schema(DEFAULT_SCHEMA, owner), "create");
    }

    /** The transactions of the database this catalog belongs to. */
    public TransactionManager owner() {
        return owner;
    }

    // ================================================================== schemas

    /** CREATE SCHEMA; returns false when it existed and {@code onConflict} is IGNORE. */
    public boolean createSchema(Transaction txn, String name, OnCreateConflict onConflict) {
        if (schemas.get(txn, name) != null) {
            if (onConflict == OnCreateConflict.IGNORE) {
                return false;
            }
            throw new CatalogException("Schema with name \"" + name + "\" already exists!");
        }
        schemas.put(txn, name, new Schema(name, owner), "create");
        return true;
    }

    /** DROP SCHEMA [IF EXISTS] name [CASCADE]. */
    public void dropSchema(Transaction txn, String name, boolean ifExists, boolean cascade) {
        Schema s = schemas.get(txn, name);
        if (s == null) {
            if (ifExists) {
                return;
            }
            throw new CatalogException("Schema with name " + name + " does not exist!");
        }
        if (s.name.equalsIgnoreCase(DEFAULT_SCHEMA)) {
            throw new CatalogException("Cannot drop schema \"" + s.name + "\" because it is required by the database system");
        }
        List<CatalogEntry> contents = entries(txn, s.name);
        if (!contents.isEmpty()) {
            if (!cascade) {
                CatalogEntry first = contents.get(0);
                throw new CatalogException("Cannot drop entry \"" + s.name + "\" because there are entries that depend on it.\n"
                        + first.kind().displayName().toLowerCase() + " \"" + first.name() + "\" depends on schema \"" + s.name
                        + "\".\nUse DROP...CASCADE to drop all dependents.");
            }
            for (CatalogEntry e : contents) {
                s.namespace(e.kind()).put(txn, e.name(), null, "drop");
            }
        }
        schemas.put(txn, name, null, "drop");
    }

    public boolean schemaExists(Transaction txn, String name) {
        return schemas.get(txn, name) != null;
    }

    /** Names of the schemas visible to {@code txn}, sorted. */
    public List<String> schemaNames(Transaction txn) {
        return schemas.values(txn).stream().map(s -> s.name).toList();
    }

    private Schema schemaOrThrow(Transaction txn, String name) {
        Schema s = schemas.get(txn, name);
        if (s == null) {
            throw new CatalogException("Schema with name " + name + " does not exist!");
        }
        return s;
    }

    private Schema targetSchema(Transaction txn, String schema) {
        return schemaOrThrow(txn, schema == null ? DEFAULT_SCHEMA : schema);
    }

    // ================================================================== lookup

    /**
     * The table or view {@code name} in {@code schema} (null = main), or null when
     * there is none. Throws when a named schema does not exist.
     */
    public CatalogEntry lookupRelation(Transaction txn, String schema, String name) {
        return lookup(txn, EntryKind.TABLE, schema, name);
    }

    /** Like {@link #lookupRelation} for any namespace (kind TABLE/VIEW, SEQUENCE, MACRO/TABLE_MACRO). */
    public CatalogEntry lookup(Transaction txn, EntryKind kind, String schema, String name) {
        if (schema != null) {
            Schema s = schemas.get(txn, schema);
            if (s == null) {
                throw new CatalogException(kind.displayName() + " with name \"" + schema + "." + name
                        + "\" does not exist because schema \"" + schema + "\" does not exist.");
            }
            return s.namespace(kind).get(txn, name);
        }
        Schema s = schemas.get(txn, DEFAULT_SCHEMA);
        return s == null ? null : s.namespace(kind).get(txn, name);
    }

    private CatalogEntry lookupOrThrow(Transaction txn, EntryKind kind, String schema, String name) {
        CatalogEntry e = lookup(txn, kind, schema, name);
        if (e == null || (kind == EntryKind.TABLE || kind == EntryKind.VIEW) && e.kind() != kind) {
            throw new CatalogException(kind.displayName() + " with name " + name + " does not exist!");
        }
        return e;
    }

    public TableEntry getTable(Transaction txn, String schema, String name) {
        return (TableEntry) lookupOrThrow(txn, EntryKind.TABLE, schema, name);
    }

    public ViewEntry getView(Transaction txn, String schema, String name) {
        return (ViewEntry) lookupOrThrow(txn, EntryKind.VIEW, schema, name);
    }

    public SequenceEntry getSequence(Transaction txn, String schema, String name) {
        return (SequenceEntry) lookupOrThrow(txn, EntryKind.SEQUENCE, schema, name);
    }

    /** The scalar macro {@code name}, or null. */
    public MacroEntry findMacro(Transaction txn, String schema, String name) {
        return (MacroEntry) lookup(txn, EntryKind.MACRO, schema, name);
    }

    /** The table macro {@code name}, or null. */
    public MacroEntry findTableMacro(Transaction txn, String schema, String name) {
        return (MacroEntry) lookup(txn, EntryKind.TABLE_MACRO, schema, name);
    }

    /** Every entry visible to {@code txn} in {@code schema} (null = all schemas), by schema then name. */
    public List<CatalogEntry> entries(Transaction txn, String schema) {
        List<CatalogEntry> out = new ArrayList<>();
        List<Schema> list = schema == null ? schemas.values(txn) : List.of(schemaOrThrow(txn, schema));
        for (Schema s : list) {
            out.addAll(s.relations.values(txn));
            out.addAll(s.sequences.values(txn));
            out.addAll(s.macros.values(txn));
            out.addAll(s.tableMacros.values(txn));
            out.addAll(s.types.values(txn));
        }
        return out;
    }

    // ================================================================== create

    /**
     * Creates a table with fresh, empty storage. Returns the new entry, or null when the name was taken
     * and {@code onConflict} is IGNORE.
     */
    public TableEntry createTable(Transaction txn, String schema, String name, List<ColumnDefinition> columns,
                                  List<TableConstraint> constraints, OnCreateConflict onConflict) {
        Schema s = targetSchema(txn, schema);
        checkColumnNames(columns);
        TableEntry entry = new TableEntry(s.name, name, List.copyOf(columns), List.copyOf(constraints),
                DataTable.create(storageSchema(name, columns, constraints), owner, true));
        return create(txn, s, entry, onConflict) ? entry : null;
    }

    private static void checkColumnNames(List<ColumnDefinition> columns) {
        // names compare as the catalog's keys do; a set, since tables may have thousands of columns
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ColumnDefinition c : columns) {
            if (!seen.add(VersionedMap.key(c.name()))) {
                throw new CatalogException("Column with name " + c.name() + " already exists!");
            }
        }
    }

    /** The storage view of a table definition: names, types, NOT NULL (implied for key columns) and keys. */
    static TableSchema storageSchema(String tableName, List<ColumnDefinition> columns, List<TableConstraint> constraints) {
        List<String> names = new ArrayList<>();
        List<LogicalType> types = new ArrayList<>();
        List<Boolean> notNull = new ArrayList<>();
        for (ColumnDefinition c : columns) {
            names.add(c.name());
            types.add(c.type());
            notNull.add(c.notNull());
        }
        List<TableSchema.UniqueKey> keys = new ArrayList<>();
        for (TableConstraint tc : constraints) {
            if (tc instanceof TableConstraint.PrimaryKey pk) {
                keys.add(new TableSchema.UniqueKey(pk.columns(), true));
                for (int c : pk.columns()) {
                    notNull.set(c, true);
                }
            } else if (tc instanceof TableConstraint.Unique u) {
                keys.add(new TableSchema.UniqueKey(u.columns(), false));
            }
        }
        return new TableSchema(tableName, names, types, notNull, keys);
    }

    /** CREATE VIEW; returns false when ignored (IF NOT EXISTS and the name is taken). */
    public boolean createView(Transaction txn, ViewEntry view, OnCreateConflict onConflict) {
        Schema s = targetSchema(txn, view.schema());
        ViewEntry v = new ViewEntry(s.name, view.name(), view.sql(), view.aliases(), view.columnNames(), view.columnTypes());
        return create(txn, s, v, onConflict);
    }

    /** CREATE SEQUENCE; returns the entry, or null when ignored. */
    public SequenceEntry createSequence(Transaction txn, String schema, String name, SequenceState state,
                                        OnCreateConflict onConflict) {
        Schema s = targetSchema(txn, schema);
        SequenceEntry e = new SequenceEntry(s.name, name, state);
        return create(txn, s, e, onConflict) ? e : null;
    }

    /** CREATE MACRO / FUNCTION; returns false when ignored. */
    public boolean createMacro(Transaction txn, MacroEntry macro, OnCreateConflict onConflict) {
        Schema s = targetSchema(txn, macro.schema());
        MacroEntry m = new MacroEntry(s.name, macro.name(), macro.parameters(), macro.defaults(), macro.sql(), macro.tableMacro());
        return create(txn, s, m, onConflict);
    }

    /** CREATE TYPE name AS type; returns false when ignored (IF NOT EXISTS and the name is taken). */
    public boolean createType(Transaction txn, String schema, String name, LogicalType type, OnCreateConflict onConflict) {
        Schema s = targetSchema(txn, schema);
        return create(txn, s, new TypeEntry(s.name, name, type), onConflict);
    }

    /** The user type alias {@code name} in {@code schema} (null = main), or null. */
    public TypeEntry findType(Transaction txn, String schema, String name) {
        return (TypeEntry) lookup(txn, EntryKind.TYPE, schema, name);
    }

    private boolean create(Transaction txn, Schema s, CatalogEntry entry, OnCreateConflict onConflict) {
        VersionedMap<CatalogEntry> ns = s.namespace(entry.kind());
        CatalogEntry existing = ns.get(txn, entry.name());
        if (existing != null) {
            switch (onConflict) {
                case IGNORE -> {
                    return false;
                }
                case ERROR -> throw new CatalogException(existing.kind().displayName() + " with name \"" + entry.name() + "\" already exists!");
                case REPLACE -> {
                    if (existing.kind() != entry.kind()) {
                        throw new CatalogException("Existing object \"" + existing.name() + "\" is of type "
                                + existing.kind().displayName() + ", trying to replace with type " + entry.kind().displayName());
                    }
                }
            }
        }
        ns.put(txn, entry.name(), entry, "create");
        return true;
    }

    // ================================================================== drop

    /** DROP TABLE/VIEW/SEQUENCE/MACRO [IF EXISTS]; kinds must match like in DuckDB. */
    public void drop(Transaction txn, EntryKind kind, String schema, String name, boolean ifExists) {
        if (schema != null && !schemaExists(txn, schema)) {
            if (ifExists) {
                return;
            }
            throw new CatalogException("Schema with name " + schema + " does not exist!");
        }
        CatalogEntry e = lookup(txn, kind, schema, name);
        boolean macroKinds = (kind == EntryKind.MACRO || kind == EntryKind.TABLE_MACRO) && e != null
                && (e.kind() == EntryKind.MACRO || e.kind() == EntryKind.TABLE_MACRO);
        if (e == null) {
            if (ifExists) {
                return;
            }
            throw new CatalogException(kind.displayName() + " with name " + name + " does not exist!");
        }
        if (e.kind() != kind && !macroKinds) {
            throw new CatalogException("Existing object \"" + e.name() + "\" is of type " + e.kind().displayName()
                    + ", trying to drop type " + kind.displayName());
        }
        schemaOrThrow(txn, e.schema()).namespace(kind).put(txn, e.name(), null, "drop");
    }

    // ================================================================== alter

    /** ALTER TABLE/VIEW ... RENAME TO. */
    public void rename(Transaction txn, EntryKind kind, String schema, String name, String newName) {
        CatalogEntry e = lookupOrThrow(txn, kind, schema, name);
        Schema s = schemaOrThrow(txn, e.schema());
        VersionedMap<CatalogEntry> ns = s.namespace(kind);
        if (!VersionedMap.key(name).equals(VersionedMap.key(newName)) && ns.get(txn, newName) != null) {
            throw new CatalogException("Could not rename \"" + e.name() + "\" to \"" + newName + "\": another entry with this name already exists!");
        }
        CatalogEntry renamed = switch (e) {
            case TableEntry t -> {
                TableSchema old = t.storage().schema();
                DataTable storage = t.storage().withSchema(txn, new TableSchema(newName, old.columnNames(), old.types(), old.notNull(), old.keys()));
                yield new TableEntry(t.schema(), newName, t.columns(), t.constraints(), storage);
            }
            case ViewEntry v -> new ViewEntry(v.schema(), newName, v.sql(), v.aliases(), v.columnNames(), v.columnTypes());
            case SequenceEntry q -> new SequenceEntry(q.schema(), newName, q.state());
            case MacroEntry m -> new MacroEntry(m.schema(), newName, m.parameters(), m.defaults(), m.sql(), m.tableMacro());
            case TypeEntry ty -> new TypeEntry(ty.schema(), newName, ty.type());
        };
        ns.put(txn, e.name(), null, "alter");
        ns.put(txn, newName, renamed, "alter");
    }

    private TableEntry replaceTable(Transaction txn, TableEntry old, List<ColumnDefinition> columns,
                                   List<TableConstraint> constraints, DataTable storage) {
        TableEntry e = new TableEntry(old.schema(), old.name(), List.copyOf(columns), List.copyOf(constraints), storage);
        schemaOrThrow(txn, old.schema()).relations.put(txn, old.name(), e, "alter");
        return e;
    }

    /** The table to ALTER; fails with a write-write conflict before any storage work if another transaction altered it. */
    private TableEntry alterable(Transaction txn, String schema, String table) {
        TableEntry t = getTable(txn, schema, table);
        schemaOrThrow(txn, t.schema()).relations.checkWritable(txn, t.name(), "alter");
        return t;
    }

    private static int columnOrThrow(TableEntry t, String column) {
        int i = t.columnIndex(column);
        if (i < 0) {
            throw new BinderException("Table \"" + t.name() + "\" does not have a column with name \"" + column + "\"");
        }
        return i;
    }

    /** ALTER TABLE ... RENAME COLUMN. */
    public TableEntry renameColumn(Transaction txn, String schema, String table, String column, String newName) {
        TableEntry t = alterable(txn, schema, table);
        int idx = columnOrThrow(t, column);
        int clash = t.columnIndex(newName);
        if (clash >= 0 && clash != idx) {
            throw new CatalogException("Column with name \"" + newName + "\" already exists!");
        }
        List<ColumnDefinition> cols = new ArrayList<>(t.columns());
        ColumnDefinition c = cols.get(idx);
        cols.set(idx, c.withName(newName));
        TableSchema old = t.storage().schema();
        List<String> names = new ArrayList<>(old.columnNames());
        names.set(idx, newName);
        DataTable storage = t.storage().withSchema(txn, new TableSchema(old.tableName(), names, old.types(), old.notNull(), old.keys()));
        return replaceTable(txn, t, cols, t.constraints(), storage);
    }

    /**
     * ALTER TABLE ... ADD COLUMN: existing rows get {@code defaultValue} (the binder evaluates the
     * column's DEFAULT; a NULL Value when none). Returns the new entry, or the old one when the column
     * exists and {@code ifNotExists}.
     */
    public TableEntry addColumn(Transaction txn, String schema, String table, ColumnDefinition column,
                                Value defaultValue, boolean ifNotExists) {
        TableEntry t = alterable(txn, schema, table);
        if (t.columnIndex(column.name()) >= 0) {
            if (ifNotExists) {
                return t;
            }
            throw new CatalogException("Column with name \"" + column.name() + "\" already exists!");
        }
        DataTable storage = t.storage().withAddedColumn(txn, column.name(), column.type(),
                defaultValue == null ? Value.nullOf(column.type()) : defaultValue);
        if (column.notNull()) {
            storage = storage.withNotNull(txn, t.columns().size(), true);
        }
        List<ColumnDefinition> cols = new ArrayList<>(t.columns());
        cols.add(column);
        return replaceTable(txn, t, cols, t.constraints(), storage);
    }

    /** ALTER TABLE ... DROP COLUMN [IF EXISTS]. */
    public TableEntry dropColumn(Transaction txn, String schema, String table, String column, boolean ifExists) {
        TableEntry t = alterable(txn, schema, table);
        int idx = t.columnIndex(column);
        if (idx < 0) {
            if (ifExists) {
                return t;
            }
            columnOrThrow(t, column);
        }
        if (t.columns().size() == 1) {
            throw new CatalogException("Cannot drop column: table only has one column remaining!");
        }
        List<TableConstraint> constraints = new ArrayList<>();
        for (TableConstraint c : t.constraints()) {
            List<Integer> cols = switch (c) {
                case TableConstraint.PrimaryKey pk -> pk.columns();
                case TableConstraint.Unique u -> u.columns();
                case TableConstraint.ForeignKey fk -> fk.columns();
                case TableConstraint.Check ck -> List.of();
            };
            if (cols.contains(idx)) {
                throw new CatalogException("Cannot drop column \"" + t.columns().get(idx).name()
                        + "\" because there is a constraint that depends on it");
            }
            constraints.add(shiftColumns(c, idx));
        }
        DataTable storage = t.storage().withDroppedColumn(txn, idx);
        List<ColumnDefinition> cols = new ArrayList<>(t.columns());
        cols.remove(idx);
        return replaceTable(txn, t, cols, constraints, storage);
    }

    private static TableConstraint shiftColumns(TableConstraint c, int dropped) {
        java.util.function.Function<List<Integer>, List<Integer>> shift =
                l -> l.stream().map(i -> i > dropped ? i - 1 : i).toList();
        return switch (c) {
            case TableConstraint.PrimaryKey pk -> new TableConstraint.PrimaryKey(shift.apply(pk.columns()));
            case TableConstraint.Unique u -> new TableConstraint.Unique(shift.apply(u.columns()));
            case TableConstraint.ForeignKey fk -> new TableConstraint.ForeignKey(shift.apply(fk.columns()),
                    fk.referencedSchema(), fk.referencedTable(), fk.referencedColumns());
            case TableConstraint.Check ck -> ck;
        };
    }

    /**
     * ALTER TABLE ... ALTER COLUMN ... TYPE newType [USING ...]: {@code converter} computes the new
     * values from {@code inputColumns} for every stored row.
     */
    public TableEntry changeColumnType(Transaction txn, String schema, String table, String column, LogicalType newType,
                                       int[] inputColumns, ColumnConverter converter) {
        TableEntry t = alterable(txn, schema, table);
        int idx = columnOrThrow(t, column);
        DataTable storage = t.storage().withChangedColumnType(txn, idx, newType, inputColumns, converter);
        List<ColumnDefinition> cols = new ArrayList<>(t.columns());
        ColumnDefinition c = cols.get(idx);
        cols.set(idx, c.withType(newType));
        return replaceTable(txn, t, cols, t.constraints(), storage);
    }

    /** ALTER TABLE ... ALTER COLUMN ... SET/DROP DEFAULT ({@code defaultSql} null = drop). */
    public TableEntry setColumnDefault(Transaction txn, String schema, String table, String column, String defaultSql) {
        TableEntry t = alterable(txn, schema, table);
        int idx = columnOrThrow(t, column);
        List<ColumnDefinition> cols = new ArrayList<>(t.columns());
        ColumnDefinition c = cols.get(idx);
        cols.set(idx, c.withDefault(defaultSql));
        return replaceTable(txn, t, cols, t.constraints(), t.storage());
    }

    /** ALTER TABLE ... ALTER COLUMN ... SET/DROP NOT NULL. */
    public TableEntry setNotNull(Transaction txn, String schema, String table, String column, boolean notNull) {
        TableEntry t = alterable(txn, schema, table);
        int idx = columnOrThrow(t, column);
        List<ColumnDefinition> cols = new ArrayList<>(t.columns());
        ColumnDefinition c = cols.get(idx);
        cols.set(idx, c.withNotNull(notNull));
        return replaceTable(txn, t, cols, t.constraints(), t.storage().withNotNull(txn, idx, notNull));
    }

    /** ALTER TABLE ADD PRIMARY KEY / CREATE UNIQUE INDEX: adds a key constraint, indexing existing rows. */
    public TableEntry addKey(Transaction txn, String schema, String table, List<Integer> columns, boolean primary) {
        TableEntry t = alterable(txn, schema, table);
        List<TableConstraint> constraints = new ArrayList<>(t.constraints());
        List<ColumnDefinition> cols = new ArrayList<>(t.columns());
        if (primary) {
            constraints.add(new TableConstraint.PrimaryKey(List.copyOf(columns)));
        } else {
            constraints.add(new TableConstraint.Unique(List.copyOf(columns)));
        }
        return replaceTable(txn, t, cols, constraints, t.storage().withAddedKey(txn, List.copyOf(columns), primary));
    }
}
