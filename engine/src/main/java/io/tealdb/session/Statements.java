package io.tealdb.session;

import io.tealdb.settings.Setting;
import io.tealdb.settings.Settings;
import io.tealdb.catalog.Catalog;
import io.tealdb.catalog.CatalogEntry;
import io.tealdb.catalog.ColumnDefinition;
import io.tealdb.catalog.EntryKind;
import io.tealdb.catalog.OnCreateConflict;
import io.tealdb.catalog.SequenceState;
import io.tealdb.catalog.TableConstraint;
import io.tealdb.catalog.TableEntry;
import io.tealdb.catalog.ViewEntry;
import io.tealdb.error.BinderException;
import io.tealdb.error.CatalogException;
import io.tealdb.error.ConstraintException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.function.ScalarKernel;
import io.tealdb.function.cast.Casts;
import io.tealdb.io.csv.CsvOptions;
import io.tealdb.io.csv.CsvReader;
import io.tealdb.optimizer.Optimizer;
import io.tealdb.parser.ast.*;
import io.tealdb.planner.*;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.storage.Transaction;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Runs the statements that are not plain queries: DML, DDL, COPY, SHOW/DESCRIBE, SET/PRAGMA, EXPLAIN. */
final class Statements {
    /** Settings DuckDB's test suites set that do not change results here; accepted and remembered. */
    private final ClientContextImpl ctx;

    Statements(ClientContextImpl ctx) {
        this.ctx = ctx;
    }

    /** The running statement's transaction: {@link #schemaIn} resolves names in it. */
    private Transaction txn;

    QueryResult execute(Statement statement, Transaction txn, List<Value> params, ClientContextImpl.SqlSource source) {
        // the database the statement writes or describes: ctx.catalog() is its catalog meanwhile
        AttachedDatabase savedDatabase = ctx.statementDatabase;
        Transaction savedTxn = this.txn;
        this.txn = txn;
        try {
            AttachedDatabase target = targetDatabase(statement, txn);
            if (target != null) ctx.statementDatabase = target;
            return run(statement, txn, params, source);
        } finally {
            ctx.statementDatabase = savedDatabase;
            this.txn = savedTxn;
        }
    }

    /**
     * The database named by the object name a statement writes or describes; null for the current
     * one. A CREATE TEMPORARY goes to the session's temp database, and so does a statement naming a
     * temporary object that the search path finds first (a bare name, or {@code main.name}).
     */
    private AttachedDatabase targetDatabase(Statement statement, Transaction txn) {
        if (statement instanceof CreateSchema c) return schemaDatabase(c.name());
        if (statement instanceof Drop d && d.kind() == ObjectKind.SCHEMA) return d.names().isEmpty() ? null : schemaDatabase(d.names().get(0));
        boolean temporary = switch (statement) {
            case CreateTable c -> c.temporary();
            case CreateView v -> v.temporary();
            case CreateSequence c -> c.temporary();
            case CreateMacro m -> m.temporary();
            default -> false;
        };
        if (temporary) return ctx.transactionDatabases.temp();
        QualifiedName name = switch (statement) {
            case Insert i -> i.table();
            case Update u -> u.table();
            case Delete d -> d.table();
            case Merge m -> m.table();
            case Truncate t -> t.table();
            case CreateTable c -> c.name();
            case CreateView v -> v.name();
            case CreateSequence c -> c.name();
            case CreateIndex c -> c.table();
            case Drop d -> d.names().isEmpty() ? null : d.names().get(0);
            case AlterTable a -> a.name();
            case CreateMacro m -> m.name();
            case CreateType t -> t.name();
            case Copy c -> c.table();
            case Describe d -> d.table();
            default -> null;
        };
        if (name == null) return null;
        if (!creates(statement)) {
            AttachedDatabase temp = temporaryHolding(name, statement instanceof Drop d ? d.kind() : ObjectKind.TABLE, txn);
            if (temp != null) return temp;
        }
        if (name.parts().size() < 2) return null;
        CatalogSearch search = ctx.search(txn);
        if (creates(statement) || name.parts().size() > 2) return search.target(name).database();
        // an existing object's schema.name: the first database on the search path with that schema that holds it
        EntryKind namespace = namespaceOf(statement instanceof Drop d ? d.kind() : ObjectKind.TABLE);
        String n = name.last().text();
        return search.resolveExisting(null, name.parts().get(0).text(), t -> t.catalog().lookup(txn, namespace, t.schema(), n) != null
                || namespace == EntryKind.MACRO && t.catalog().lookup(txn, EntryKind.TABLE_MACRO, t.schema(), n) != null).database();
    }

    private static boolean creates(Statement statement) {
        return statement instanceof CreateTable || statement instanceof CreateView || statement instanceof CreateSequence
                || statement instanceof CreateMacro || statement instanceof CreateType;
    }

    /** True when {@code statement} writes the session's temp database (CREATE TEMP, or a temporary object found first). */
    boolean writesTemporary(Statement statement, Transaction txn) {
        AttachedDatabase d = targetDatabase(statement, txn);
        return d != null && d.temporary();
    }

    /** The session's temp database when {@code name} (of an object of {@code kind}) finds a temporary object first; else null. */
    private AttachedDatabase temporaryHolding(QualifiedName name, ObjectKind kind, Transaction txn) {
        EntryKind namespace = namespaceOf(kind);
        CatalogSearch search = ctx.search(txn);
        boolean found = search.temporary(name, namespace) != null
                || namespace == EntryKind.MACRO && search.temporary(name, EntryKind.TABLE_MACRO) != null;
        return found ? ctx.transactionDatabases.tempIfMade() : null;
    }

    /** The catalog namespace objects of {@code kind} live in (TABLE: tables and views). */
    private static EntryKind namespaceOf(ObjectKind kind) {
        return switch (kind) {
            case SEQUENCE -> EntryKind.SEQUENCE;
            case MACRO, FUNCTION -> EntryKind.MACRO;
            case MACRO_TABLE -> EntryKind.TABLE_MACRO;
            case TYPE -> EntryKind.TYPE;
            default -> EntryKind.TABLE;
        };
    }

    /** The database of a schema name {@code [db.]schema} (CREATE/DROP SCHEMA); null for the current one. */
    private AttachedDatabase schemaDatabase(QualifiedName name) {
        if (name.parts().size() < 2) return null;
        String db = name.parts().get(name.parts().size() - 2).text();
        if (db.equalsIgnoreCase(AttachedDatabase.TEMP_NAME)) {
            throw new InvalidInputException("Cannot create non-temporary entry \"" + name.last().text() + "\" in temporary catalog");
        }
        AttachedDatabase d = ctx.transactionDatabases.get(db);
        if (d == null) throw new CatalogException("Catalog with name " + db + " does not exist!", name.pos());
        return d;
    }

    /**
     * The schema part of an object name in the statement's target database (after its database
     * part, DuckDB's rules: see {@link CatalogSearch}); null for the database's search path.
     */
    private String schemaIn(QualifiedName name) {
        return schemaIn(name, EntryKind.TABLE);
    }

    /**
     * The schema of the existing object {@code name} of namespace {@code kind} (DROP, ALTER, INSERT,
     * COPY, DESCRIBE, ...): for a bare name, the first schema of the current database on the session's
     * search path (USE / SET schema / SET search_path, then main) that holds one, else the current
     * schema (whose error then says it is missing); a qualified name as {@link #createSchemaIn}.
     */
    private String schemaIn(QualifiedName name, EntryKind kind) {
        String schema = createSchemaIn(name);
        if (txn == null || name.parts().size() > 1) return schema;
        AttachedDatabase d = ctx.statementDatabase;
        if (d != null && d.temporary()) return schema;
        CatalogSearch search = ctx.search(txn);
        if (search.currentSchema() == null && search.rest().isEmpty()) return schema;
        String n = name.last().text();
        for (CatalogSearch.Target t : search.path()) {
            if (t.database() != search.current()) continue; // a statement writes its one database: the current one for a bare name
            Catalog c = t.catalog();
            if (t.schema() != null && !c.schemaExists(txn, t.schema())) continue;
            if (c.lookup(txn, kind, t.schema(), n) != null
                    || kind == EntryKind.MACRO && c.lookup(txn, EntryKind.TABLE_MACRO, t.schema(), n) != null) {
                return t.schema() == null ? Catalog.DEFAULT_SCHEMA : t.schema();
            }
        }
        return schema;
    }

    /** The schema a CREATE of {@code name} targets: its qualifier, else the session's current schema (null: main). */
    private String createSchemaIn(QualifiedName name) {
        if (txn == null) return schemaOf(name);
        CatalogSearch.Target t = ctx.search(txn).target(name);
        AttachedDatabase d = ctx.statementDatabase;
        if (d != null && d.temporary() && (t.database() != d || t.schema() == null)) {
            return Catalog.DEFAULT_SCHEMA; // the temp database's one schema (a bare name or main.name found a temporary object)
        }
        return t.schema();
    }

    private QueryResult run(Statement statement, Transaction txn, List<Value> params, ClientContextImpl.SqlSource source) {
        return switch (statement) {
            case Insert i -> insertStatement(i, txn, params);
            case Update u -> update((BoundUpdate) ctx.binder(txn, params).bind(u), txn);
            case Merge m -> new MergeInto(ctx, this).run(m, txn, params);
            case Delete d -> delete((BoundDelete) ctx.binder(txn, params).bind(d), txn);
            case Truncate t -> {
                Delete d = new Delete(null, t.table(), null, null, null, List.of(), t.pos());
                yield delete((BoundDelete) ctx.binder(txn, params).bind(d), txn);
            }
            case CreateTable c -> createTable(c, txn, params);
            case CreateView v -> createView(v, txn, source);
            case CreateSchema s -> {
                ctx.catalog().createSchema(txn, s.name().last().text(), conflict(s.orReplace(), s.ifNotExists()));
                yield QueryResultImpl.empty();
            }
            case CreateSequence s -> createSequence(s, txn);
            case CreateIndex i -> {
                // Indexes only speed up lookups in DuckDB (no ART here); a UNIQUE index adds a unique key.
                TableEntry t = ctx.table(txn, schemaIn(i.table()), i.table().last().text());
                if (i.unique()) {
                    List<Integer> cols = new ArrayList<>();
                    for (Expr k : i.keys()) {
                        if (!(k instanceof ColumnRef ref) || ref.parts().size() != 1) {
                            throw new NotImplementedException("UNIQUE indexes on expressions are not supported yet", k.pos());
                        }
                        int c = t.columnIndex(ref.parts().get(0).text());
                        if (c < 0) throw new BinderException("Referenced column \"" + ref.parts().get(0).text() + "\" not found in FROM clause!", k.pos());
                        cols.add(c);
                    }
                    ctx.catalog().addKey(txn, t.schema(), t.name(), cols, false);
                } else {
                    // as DuckDB, which builds the index now: refused on a table another transaction altered, and
                    // while an update of its columns has not committed
                    List<Integer> cols = new ArrayList<>();
                    for (Expr k : i.keys()) {
                        if (k instanceof ColumnRef ref && ref.parts().size() == 1 && t.columnIndex(ref.parts().get(0).text()) >= 0) {
                            cols.add(t.columnIndex(ref.parts().get(0).text()));
                        }
                    }
                    t.storage().checkIndexable(txn, cols.stream().mapToInt(Integer::intValue).toArray());
                }
                yield QueryResultImpl.empty();
            }
            case Drop d -> drop(d, txn);
            case AlterTable a -> alter(a, txn);
            case Copy c -> copy(c, txn, params);
            case Show s -> show(s, txn);
            case Describe d -> describe(d, txn, params);
            case CreateMacro m -> createMacro(m, txn, source);
            case CreateType t -> createType(t, txn);
            case Call c -> pragma(new Pragma(c.call().name().last(), c.call().args(), false, c.pos()), params, source);
            default -> throw new NotImplementedException("statement not supported: " + statement.getClass().getSimpleName(), statement.pos());
        };
    }

    // ---------------------------------------------------------------- DML

    private QueryResult insertStatement(Insert i, Transaction txn, List<Value> params) {
        if (Upsert.applies(i)) {
            Upsert.Outcome o = new Upsert(ctx, this).run(i, txn, params);
            if (!DmlReturning.present(i.returning())) return QueryResultImpl.updateCount(o.count());
            TableEntry table = ctx.table(txn, schemaIn(i.table()), i.table().last().text());
            return DmlReturning.evaluate(ctx, txn, params, table, i.alias(), i.returning(), o.rows(), i.pos());
        }
        return insert((BoundInsert) ctx.binder(txn, params).bind(i), txn);
    }

    QueryResult insert(BoundInsert bound, Transaction txn) {
        TableEntry table = bound.table();
        int width = table.columns().size();
        ForeignKeys fks = hasForeignKey(table) ? new ForeignKeys(ctx, txn) : null;
        int returningFrom = width + bound.checks().size();
        List<DataChunk> returned = new ArrayList<>();
        long n = 0;
        try (io.tealdb.execution.ResultStream s = ctx.start(bound.source(), txn)) {
            for (DataChunk c = s.next(); c != null; c = s.next()) {
                if (c.size() == 0) continue;
                DataChunk rows = c.columnCount() == width ? c : new DataChunk(Arrays.copyOf(c.columns(), width), c.size());
                checkConstraints(bound.checks(), c, width, table);
                if (fks != null) fks.checkInsert(table, List.of(rows));
                table.storage().append(txn, rows);
                n += c.size();
                if (!bound.returning().isEmpty()) returned.add(tail(c, returningFrom));
            }
        }
        return result(bound.source(), bound.returning(), returned, n);
    }

    private static boolean hasForeignKey(TableEntry t) {
        for (TableConstraint c : t.constraints()) if (c instanceof TableConstraint.ForeignKey) return true;
        return false;
    }

    private static int[] identity(int n) {
        int[] sel = new int[n];
        for (int i = 0; i < n; i++) sel[i] = i;
        return sel;
    }

    /** Columns {@code [from, end)} of a chunk, as a chunk of their own. */
    private static DataChunk tail(DataChunk c, int from) {
        return new DataChunk(Arrays.copyOfRange(c.columns(), from, c.columnCount()), c.size());
    }

    /** The update count, or the RETURNING rows when the statement has a RETURNING clause. */
    private static QueryResult result(LogicalOperator source, List<String> returning, List<DataChunk> rows, long count) {
        if (returning.isEmpty()) return QueryResultImpl.updateCount(count);
        List<LogicalType> all = source.types();
        return QueryResultImpl.materializedChunks(returning, all.subList(all.size() - returning.size(), all.size()), rows);
    }

    /** Columns {@code [offset, offset + checks.size())} hold CHECK results; false fails the statement. */
    static void checkConstraints(List<String> checks, DataChunk c, int offset, TableEntry table) {
        for (int k = 0; k < checks.size(); k++) {
            Vector v = c.column(offset + k);
            for (int r = 0; r < c.size(); r++) {
                if (v.isValid(r) && v.bytes[r] == 0) {
                    throw new ConstraintException("CHECK constraint failed on table " + table.name() + " with expression CHECK("
                            + checks.get(k) + ")");
                }
            }
        }
    }

    private QueryResult update(BoundUpdate bound, Transaction txn) {
        List<DataChunk> returned = new ArrayList<>();
        long n = runUpdate(bound, txn, null, returned);
        return result(bound.source(), bound.returning(), returned, n);
    }

    /**
     * Applies a bound UPDATE; returns the number of rows updated, adding the new rows (all columns) to
     * {@code newRows} and the RETURNING values to {@code returned} if not null. Like DuckDB, an update
     * of a key column (PRIMARY KEY, UNIQUE, FOREIGN KEY) is a delete plus an append, so such rows move
     * to the end of the table.
     */
    long runUpdate(BoundUpdate bound, Transaction txn, List<DataChunk> newRows, List<DataChunk> returned) {
        List<DataChunk> chunks = ctx.collect(bound.source(), txn);
        TableEntry table = bound.table();
        int k = bound.columns().size();
        int[] columnIds = bound.columns().stream().mapToInt(Integer::intValue).toArray();
        int returningFrom = 1 + k + bound.checks().size();
        ForeignKeys fks = new ForeignKeys(ctx, txn);
        boolean referencing = false;
        boolean keyChanged = false;
        for (TableConstraint tc : table.constraints()) {
            List<Integer> cols = tc instanceof TableConstraint.ForeignKey fk ? fk.columns() : null;
            if (cols != null) for (int col : cols) referencing |= bound.columns().contains(col);
            List<Integer> keyCols = tc instanceof TableConstraint.PrimaryKey pk ? pk.columns()
                    : tc instanceof TableConstraint.Unique u ? u.columns() : null;
            if (keyCols != null) for (int col : keyCols) keyChanged |= bound.columns().contains(col);
        }
        boolean referenced = keyChanged && fks.isReferenced(table);
        boolean moveRows = keyChanged || referencing;
        long n = 0;
        for (DataChunk c : chunks) {
            if (c.size() == 0) continue;
            checkConstraints(bound.checks(), c, 1 + k, table);
            long[] ids = Arrays.copyOf(c.column(0).longs, c.size());
            DataChunk values = new DataChunk(Arrays.copyOfRange(c.columns(), 1, 1 + k), c.size());
            if (moveRows) {
                DataChunk old = DmlReturning.rowsById(ctx, txn, table, ids, ids.length).get(0);
                if (old.size() != c.size()) {
                    throw new io.tealdb.error.TransactionException("Conflict on tuple deletion!");
                }
                if (referenced) fks.checkDelete(table, List.of(old));
                DataChunk updated = old.gather(identity(old.size()), old.size());
                for (int u = 0; u < k; u++) {
                    for (int r = 0; r < c.size(); r++) updated.column(columnIds[u]).copyRow(values.column(u), r, r);
                }
                if (referencing) fks.checkInsert(table, List.of(updated));
                table.storage().delete(txn, ids, ids.length);
                table.storage().append(txn, updated);
                if (newRows != null) newRows.add(updated);
            } else {
                table.storage().update(txn, ids, c.size(), columnIds, values);
                if (newRows != null) newRows.addAll(DmlReturning.rowsById(ctx, txn, table, ids, ids.length));
            }
            if (returned != null && !bound.returning().isEmpty()) returned.add(tail(c, returningFrom));
            n += c.size();
        }
        return n;
    }

    private QueryResult delete(BoundDelete bound, Transaction txn) {
        List<DataChunk> chunks = ctx.collect(bound.source(), txn);
        List<DataChunk> returned = new ArrayList<>();
        ForeignKeys fks = new ForeignKeys(ctx, txn);
        boolean referenced = fks.isReferenced(bound.table());
        long n = 0;
        for (DataChunk c : chunks) {
            if (c.size() == 0) continue;
            long[] ids = Arrays.copyOf(c.column(0).longs, c.size());
            if (referenced) fks.checkDelete(bound.table(), DmlReturning.rowsById(ctx, txn, bound.table(), ids, ids.length));
            n += bound.table().storage().delete(txn, ids, c.size());
            if (!bound.returning().isEmpty()) returned.add(tail(c, 1));
        }
        return result(bound.source(), bound.returning(), returned, n);
    }

    // ---------------------------------------------------------------- DDL

    static OnCreateConflict conflict(boolean orReplace, boolean ifNotExists) {
        if (orReplace && ifNotExists) throw new io.tealdb.parser.ParserException("Cannot specify both OR REPLACE and IF NOT EXISTS within single create statement", -1);
        return orReplace ? OnCreateConflict.REPLACE : ifNotExists ? OnCreateConflict.IGNORE : OnCreateConflict.ERROR;
    }

    static String schemaOf(QualifiedName name) {
        List<Identifier> parts = name.parts();
        return parts.size() >= 2 ? parts.get(parts.size() - 2).text() : null;
    }

    /**
     * The schema a CREATE puts its object in. DuckDB keeps temporary objects in a catalog of their own,
     * {@code temp} (the session's temp database, schema main): a temporary object may be named
     * {@code x}, {@code temp.x}, {@code main.x} or {@code temp.main.x}, and only a temporary one may name
     * the temp catalog.
     */
    private String targetSchema(QualifiedName name, boolean temporary) {
        List<Identifier> parts = name.parts();
        String catalog = parts.size() >= 3 ? parts.get(parts.size() - 3).text() : null;
        String schema = schemaOf(name);
        boolean namesTemp = catalog != null ? catalog.equalsIgnoreCase(AttachedDatabase.TEMP_NAME)
                : schema != null && schema.equalsIgnoreCase(AttachedDatabase.TEMP_NAME);
        if (temporary) {
            if (catalog != null && !namesTemp) {
                throw new io.tealdb.parser.ParserException("TEMPORARY table names can *only* use the \"temp\" catalog", -1);
            }
            if (schema != null && !namesTemp && !schema.equalsIgnoreCase(Catalog.DEFAULT_SCHEMA)) {
                if (catalog == null && ctx.transactionDatabases.get(schema) != null) {
                    // db.x: x after another database
                    throw new io.tealdb.parser.ParserException("TEMPORARY table names can *only* use the \"temp\" catalog", -1);
                }
                throw new CatalogException("Schema with name " + schema + " does not exist!", name.pos());
            }
            if (catalog != null && !schema.equalsIgnoreCase(Catalog.DEFAULT_SCHEMA)) {
                throw new CatalogException("Schema with name " + schema + " does not exist!", name.pos());
            }
            return Catalog.DEFAULT_SCHEMA;
        }
        if (namesTemp) {
            throw new io.tealdb.parser.ParserException("Only TEMPORARY table names can use the \"temp\" catalog", -1);
        }
        return createSchemaIn(name);
    }

    private QueryResult createTable(CreateTable c, Transaction txn, List<Value> params) {
        String schema = targetSchema(c.name(), c.temporary());
        String name = c.name().last().text();
        OnCreateConflict onConflict = conflict(c.orReplace(), c.ifNotExists());
        Binder binder = ctx.binder(txn, params);
        if (c.asQuery() != null) {
            BoundQuery q = binder.bindQuery(c.asQuery());
            if (c.columns().size() > q.names().size()) {
                throw new BinderException("Target table has more column names than query result.", c.pos());
            }
            List<ColumnDefinition> cols = new ArrayList<>();
            for (int i = 0; i < q.names().size(); i++) {
                // a NULL-typed column stays one (it takes only NULLs), as in DuckDB
                String colName = i < c.columns().size() ? c.columns().get(i).name().text() : q.names().get(i);
                cols.add(new ColumnDefinition(colName, q.types().get(i), false, null));
            }
            TableEntry table = ctx.catalog().createTable(txn, schema, name, cols, List.of(), onConflict);
            if (table == null) return QueryResultImpl.empty();
            LogicalOperator plan = q.plan();
            long n = 0;
            try (io.tealdb.execution.ResultStream s = ctx.start(plan, txn)) {
                for (DataChunk chunk = s.next(); chunk != null; chunk = s.next()) {
                    if (chunk.size() == 0) continue;
                    table.storage().append(txn, chunk);
                    n += chunk.size();
                }
            }
            return QueryResultImpl.updateCount(n);
        }
        List<ColumnDefinition> cols = new ArrayList<>();
        List<TableConstraint> constraints = new ArrayList<>();
        List<String> serialSequences = new ArrayList<>();
        boolean hasPrimaryKey = false;
        for (int i = 0; i < c.columns().size(); i++) {
            ColumnDef d = c.columns().get(i);
            if (d.generated() != null) {
                // STORED is DuckDB's error, except for TealDB's hidden stored columns (ClickHouse's MATERIALIZED)
                if (d.stored() && !d.hidden()) throw new io.tealdb.error.InvalidInputException("Can not create a STORED generated column!", d.pos());
                if (d.defaultValue() != null) {
                    throw new BinderException("DEFAULT constraint on GENERATED column \"" + d.name().text() + "\" is not allowed", d.pos());
                }
                if (d.notNull() || d.primaryKey() || d.unique() || !d.checks().isEmpty() || d.references() != null) {
                    throw new BinderException("Constraints on generated columns are not supported yet", d.pos());
                }
                cols.add(new ColumnDefinition(d.name().text(), d.type() == null ? null : resolveType(d.type(), txn, schema), false, null,
                        ExprNames.render(d.generated()), d.hidden(), d.stored()));
                continue;
            }
            if (d.type() == null) throw new BinderException("column \"" + d.name().text() + "\" needs a type", d.pos());
            LogicalType serial = serialType(d.type());
            if (serial != null) {
                // PostgreSQL's SERIAL / BIGSERIAL / SMALLSERIAL: an integer column, NOT NULL, defaulting
                // to the next value of its own sequence <table>_<column>_seq (made once the table is)
                if (d.defaultValue() != null) {
                    throw new BinderException("multiple default values specified for column \"" + d.name().text() + "\"", d.pos());
                }
                String sequence = name + "_" + d.name().text() + "_seq";
                serialSequences.add(sequence);
                String qualified = (schema == null ? "" : schema + ".") + sequence;
                cols.add(new ColumnDefinition(d.name().text(), serial, true, "nextval('" + qualified.replace("'", "''") + "')"));
            } else {
                LogicalType type = columnType(d, txn, schema);
                String defaultSql = null;
                if (d.defaultValue() != null) {
                    defaultSql = ExprNames.render(d.defaultValue());
                    // validate now: the default must bind as a constant expression of the column type
                    binder.defaultValue(new ColumnDefinition(d.name().text(), type, false, defaultSql));
                }
                cols.add(new ColumnDefinition(d.name().text(), type, d.notNull(), defaultSql));
            }
            if (d.primaryKey()) {
                if (hasPrimaryKey) throw new io.tealdb.parser.ParserException("table \"" + name + "\" has more than one primary key", d.pos());
                hasPrimaryKey = true;
                constraints.add(new TableConstraint.PrimaryKey(List.of(i)));
            }
            if (d.unique()) constraints.add(new TableConstraint.Unique(List.of(i)));
            for (Expr check : d.checks()) constraints.add(new TableConstraint.Check(ExprNames.render(check)));
            if (d.references() != null) {
                constraints.add(new TableConstraint.ForeignKey(List.of(i), schemaOf(d.references().table()),
                        d.references().table().last().text(), d.references().columns().stream().map(Identifier::text).toList()));
            }
        }
        for (io.tealdb.parser.ast.TableConstraint tc : c.constraints()) {
            List<Integer> idx = new ArrayList<>();
            for (Identifier id : tc.columns()) {
                int k = -1;
                for (int i = 0; i < cols.size(); i++) if (cols.get(i).name().equalsIgnoreCase(id.text())) k = i;
                if (k < 0) throw new BinderException("column \"" + id.text() + "\" named in key does not exist", id.pos());
                if (idx.contains(k)) throw new io.tealdb.parser.ParserException("column \"" + id.text() + "\" appears twice in primary key constraint", id.pos());
                idx.add(k);
            }
            switch (tc.kind()) {
                case PRIMARY_KEY -> {
                    if (hasPrimaryKey) throw new io.tealdb.parser.ParserException("table \"" + name + "\" has more than one primary key", tc.pos());
                    hasPrimaryKey = true;
                    constraints.add(new TableConstraint.PrimaryKey(idx));
                }
                case UNIQUE -> constraints.add(new TableConstraint.Unique(idx));
                case CHECK -> constraints.add(new TableConstraint.Check(ExprNames.render(tc.check())));
                case FOREIGN_KEY -> constraints.add(new TableConstraint.ForeignKey(idx, schemaOf(tc.references().table()),
                        tc.references().table().last().text(), tc.references().columns().stream().map(Identifier::text).toList()));
            }
        }
        for (TableConstraint tc : constraints) {
            List<Integer> keyCols = switch (tc) {
                case TableConstraint.PrimaryKey pk -> pk.columns();
                case TableConstraint.Unique u -> u.columns();
                case TableConstraint.ForeignKey fk -> fk.columns();
                default -> List.of();
            };
            for (int k : keyCols) {
                if (cols.get(k).generated()) throw new BinderException("Constraints on generated columns are not supported yet", c.pos());
            }
        }
        if (cols.stream().anyMatch(ColumnDefinition::generated)) cols = binder.resolveGeneratedColumns(schema, name, cols);
        ForeignKeys fks = new ForeignKeys(ctx, txn);
        List<String> colNames = cols.stream().map(ColumnDefinition::name).toList();
        for (int i = 0; i < constraints.size(); i++) {
            if (constraints.get(i) instanceof TableConstraint.ForeignKey fk) {
                constraints.set(i, fks.resolve(schema, name, colNames, constraints, fk));
            }
        }
        TableEntry created = ctx.catalog().createTable(txn, schema, name, cols, constraints, onConflict);
        if (created != null) {
            // a sequence left by a dropped table of the same name starts over, as a new table's would
            for (String sequence : serialSequences) {
                ctx.catalog().createSequence(txn, schema, sequence, SequenceState.defaults(null, 1, null, null, false), OnCreateConflict.REPLACE);
            }
            // bind CHECK constraints once so that errors show at CREATE time
            for (TableConstraint tc : constraints) {
                if (tc instanceof TableConstraint.Check) ctx.binder(txn, null).checkExpressions(created);
            }
        }
        return QueryResultImpl.empty();
    }

    /** The integer type of PostgreSQL's serial pseudo-types, or null for any other type name. */
    private static LogicalType serialType(io.tealdb.parser.ast.TypeName t) {
        if (!t.modifiers().isEmpty() || !t.children().isEmpty() || !t.arrayDims().isEmpty()) return null;
        return switch (t.name().toLowerCase(Locale.ROOT)) {
            case "serial", "serial4" -> LogicalType.INTEGER;
            case "bigserial", "serial8" -> LogicalType.BIGINT;
            case "smallserial", "serial2" -> LogicalType.SMALLINT;
            default -> null;
        };
    }

    private QueryResult createView(CreateView v, Transaction txn, ClientContextImpl.SqlSource source) {
        String schema = targetSchema(v.name(), v.temporary());
        // no parameter values: a view cannot keep a prepared statement's parameters; its query binds
        // in the view's database and schema, as it will at each use
        CatalogSearch.Target in = v.temporary() ? null : ctx.search(txn).target(v.name());
        String inSchema = in == null || in.schema() == null || in.schema().equalsIgnoreCase(Catalog.DEFAULT_SCHEMA) ? null : in.schema();
        BoundQuery q = (in == null ? ctx.binder(txn, List.of()) : ctx.binderIn(txn, List.of(), in.database(), inSchema)).bindQuery(v.query());
        List<String> aliases = v.columns().stream().map(Identifier::text).toList();
        if (aliases.size() > q.names().size()) {
            throw new BinderException("view \"" + v.name().last().text() + "\" has " + q.names().size() + " columns but "
                    + aliases.size() + " column names were given", v.pos());
        }
        String sql = withoutUnbalancedClosingParens(source.text(v.query().pos()));
        ctx.catalog().createView(txn, new ViewEntry(schema, v.name().last().text(), sql, aliases, q.names(), q.types()),
                conflict(v.orReplace(), v.ifNotExists()));
        return QueryResultImpl.empty();
    }

    /**
     * {@code CREATE VIEW v AS (SELECT ...)}: the query node starts inside the parentheses, so the
     * statement text from there ends with closing parentheses that belong to the view syntax.
     */
    static String withoutUnbalancedClosingParens(String sql) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) return sql.substring(0, i).strip();
                depth--;
            }
        }
        return sql;
    }

    private QueryResult createSequence(CreateSequence s, Transaction txn) {
        Binder b = ctx.binder(txn, null);
        Long start = s.start() == null ? null : b.constantLong(s.start(), "START");
        long increment = s.increment() == null ? 1 : b.constantLong(s.increment(), "INCREMENT");
        Long min = s.minValue() == null ? null : b.constantLong(s.minValue(), "MINVALUE");
        Long max = s.maxValue() == null ? null : b.constantLong(s.maxValue(), "MAXVALUE");
        if (increment == 0) throw new BinderException("Increment must not be zero", s.pos());
        SequenceState state = SequenceState.defaults(start, increment, min, max, s.cycle());
        ctx.catalog().createSequence(txn, targetSchema(s.name(), s.temporary()), s.name().last().text(), state,
                conflict(s.orReplace(), s.ifNotExists()));
        return QueryResultImpl.empty();
    }

    /**
     * Resolves a type written in a table or type definition: built-in names, else user type aliases
     * in {@code contextSchema} (the schema of the object being defined, null = main) and then the
     * search path, as DuckDB does.
     */
    /** A column's type with its COLLATE clause (a VARCHAR only, as in DuckDB). */
    private LogicalType columnType(ColumnDef d, Transaction txn, String contextSchema) {
        if (d.type() != null && d.type().name().equalsIgnoreCase("TYPE")) {
            // DuckDB's TYPE (the type of type values) exists in expressions only
            throw new io.tealdb.error.InvalidInputException("A table cannot be created with a 'TYPE' column", d.type().pos());
        }
        LogicalType type = resolveType(d.type(), txn, contextSchema);
        if (d.collation() == null) return type;
        String collation = io.tealdb.planner.Collations.normalize(d.collation(), d.pos());
        if (collation == null) return type;
        if (type.id() != io.tealdb.types.TypeId.VARCHAR) {
            throw new BinderException("collations are only supported for type varchar", d.pos());
        }
        return type.withCollation(collation);
    }

    private LogicalType resolveType(io.tealdb.parser.ast.TypeName type, Transaction txn, String contextSchema) {
        // a column written with constraints but no type (ADD COLUMN k NULL) and no generating expression
        if (type == null) throw new io.tealdb.error.BinderException("a column definition needs a data type");
        return TypeNames.resolve(type, (schema, name) -> {
            Catalog catalog = ctx.catalog();
            if (schema != null && !catalog.schemaExists(txn, schema) && ctx.transactionDatabases.get(schema) != null) {
                // db.type: a type of another attached database (its search path)
                return SessionCatalog.userType(ctx.transactionDatabases.get(schema).catalog(), txn, null, null, name);
            }
            return SessionCatalog.userType(catalog, txn, schema, contextSchema, name);
        });
    }

    /**
     * CREATE TYPE name AS type: an alias of an existing (non-nested) type. Built-in type names are
     * taken, as in DuckDB ("Type with name "integer" already exists!").
     */
    private QueryResult createType(CreateType t, Transaction txn) {
        String schema = targetSchema(t.name(), false);
        String name = t.name().last().text();
        if (schema != null && !ctx.catalog().schemaExists(txn, schema)) {
            throw new CatalogException("Schema with name " + schema + " does not exist!", t.name().pos());
        }
        LogicalType type = resolveType(t.type(), txn, schema);
        OnCreateConflict onConflict = conflict(t.orReplace(), t.ifNotExists());
        if (TypeNames.isBuiltin(name)) {
            if (onConflict == OnCreateConflict.IGNORE) return QueryResultImpl.empty();
            throw new CatalogException("Type with name \"" + name + "\" already exists!", t.name().pos());
        }
        ctx.catalog().createType(txn, schema, name, type, onConflict);
        return QueryResultImpl.empty();
    }

    private QueryResult createMacro(CreateMacro m, Transaction txn, ClientContextImpl.SqlSource source) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Map<String, String> defaults = new java.util.LinkedHashMap<>();
        List<String> params = new ArrayList<>();
        for (MacroParam p : m.params()) {
            if (!seen.add(p.name().text().toLowerCase(Locale.ROOT))) {
                throw new io.tealdb.parser.ParserException("Duplicate parameter '" + p.name().text() + "' in macro definition", p.pos());
            }
            params.add(p.name().text());
            if (p.defaultValue() != null) defaults.put(p.name().text(), ExprNames.render(p.defaultValue()));
        }
        String sql = source.text(m.pos());
        String schema = targetSchema(m.name(), m.temporary());
        ctx.catalog().createMacro(txn, new io.tealdb.catalog.MacroEntry(schema == null ? Catalog.DEFAULT_SCHEMA : schema,
                m.name().last().text(), params, defaults, sql, m.tableBody() != null), conflict(m.orReplace(), m.ifNotExists()));
        return QueryResultImpl.empty();
    }

    private QueryResult drop(Drop d, Transaction txn) {
        AttachedDatabase statementDatabase = ctx.statementDatabase;
        try {
            for (int i = 0; i < d.names().size(); i++) {
                // DROP TABLE a, b: each name finds its own database (a temporary object first)
                if (i > 0 && d.kind() != ObjectKind.SCHEMA) {
                    ctx.statementDatabase = targetDatabase(new Drop(d.kind(), List.of(d.names().get(i)), d.ifExists(), d.cascade(), d.pos()), txn);
                }
                dropOne(d, d.names().get(i), txn);
            }
        } finally {
            ctx.statementDatabase = statementDatabase;
        }
        return QueryResultImpl.empty();
    }

    private void dropOne(Drop d, QualifiedName name, Transaction txn) {
        String schema = d.kind() == ObjectKind.SCHEMA ? null : schemaIn(name, namespaceOf(d.kind()));
        String n = name.last().text();
        switch (d.kind()) {
            case TABLE -> {
                new ForeignKeys(ctx, txn).checkDrop(schema, n);
                ctx.catalog().drop(txn, EntryKind.TABLE, schema, n, d.ifExists());
            }
            case VIEW -> ctx.catalog().drop(txn, EntryKind.VIEW, schema, n, d.ifExists());
            case SEQUENCE -> {
                if (!d.cascade()) checkSequenceUnused(txn, n);
                ctx.catalog().drop(txn, EntryKind.SEQUENCE, schema, n, d.ifExists());
            }
            case SCHEMA -> ctx.catalog().dropSchema(txn, n, d.ifExists(), d.cascade());
            case MACRO, FUNCTION -> {
                boolean scalar = ctx.catalog().lookup(txn, EntryKind.MACRO, schema, n) != null;
                // DROP MACRO drops the scalar macro of that name first, else the table macro
                ctx.catalog().drop(txn, scalar ? EntryKind.MACRO : EntryKind.TABLE_MACRO, schema, n, d.ifExists());
            }
            case MACRO_TABLE -> ctx.catalog().drop(txn, EntryKind.TABLE_MACRO, schema, n, d.ifExists());
            case TYPE -> {
                // DuckDB reports a type in a missing schema as a missing type; columns keep the
                // aliased type, so a type in use can be dropped
                if (schema != null && !ctx.catalog().schemaExists(txn, schema)) {
                    if (d.ifExists()) return;
                    throw new CatalogException("Type with name " + n + " does not exist!", name.pos());
                }
                ctx.catalog().drop(txn, EntryKind.TYPE, schema, n, d.ifExists());
            }
            case INDEX -> {
                // indexes are not materialized (see CREATE INDEX)
            }
            default -> throw new NotImplementedException("DROP " + d.kind() + " is not supported yet", d.pos());
        }
    }

    /** A sequence used by a column DEFAULT (nextval/currval) cannot be dropped without CASCADE, as in DuckDB. */
    private void checkSequenceUnused(Transaction txn, String sequence) {
        String needle = "'" + sequence.toLowerCase(Locale.ROOT) + "'";
        for (CatalogEntry e : ctx.catalog().entries(txn, null)) {
            if (!(e instanceof TableEntry t)) continue;
            for (ColumnDefinition c : t.columns()) {
                String d = c.defaultSql() == null ? null : c.defaultSql().toLowerCase(Locale.ROOT);
                if (d != null && (d.contains("nextval(") || d.contains("currval(")) && d.contains(needle)) {
                    throw new CatalogException("Cannot drop entry \"" + sequence + "\" because there are entries that depend on it.\n"
                            + "table \"" + t.name() + "\" depends on sequence \"" + sequence + "\".\n"
                            + "Use DROP...CASCADE to drop all dependents.");
                }
            }
        }
    }

    /**
     * ALTER TABLE … ADD COLUMN … GENERATED ALWAYS AS (expr) [HIDDEN]: a VIRTUAL column, computed when
     * read, so the rows already stored need no value (the storage slot the table gains stays NULL); a
     * STORED HIDDEN one (ClickHouse's MATERIALIZED) is computed for the rows already stored. The
     * expression is checked and its type inferred over the table's columns as CREATE TABLE does.
     */
    private void addGeneratedColumn(Transaction txn, String schema, String table, TableEntry existing, ColumnDef d, boolean ifNotExists) {
        if (d.stored() && !d.hidden()) throw new io.tealdb.error.InvalidInputException("Can not add a STORED generated column!", d.pos());
        if (d.notNull() || d.primaryKey() || d.unique() || !d.checks().isEmpty() || d.references() != null) {
            throw new BinderException("Constraints on generated columns are not supported yet", d.pos());
        }
        if (existing.columnIndex(d.name().text()) >= 0) {
            if (ifNotExists) return;
            throw new CatalogException("Column with name \"" + d.name().text() + "\" already exists!", d.pos());
        }
        List<ColumnDefinition> cols = new ArrayList<>(existing.columns());
        cols.add(new ColumnDefinition(d.name().text(), d.type() == null ? null : resolveType(d.type(), txn, existing.schema()), false, null,
                ExprNames.render(d.generated()), d.hidden(), d.stored()));
        cols = ctx.binder(txn, null).resolveGeneratedColumns(existing.schema(), table, cols);
        ColumnDefinition def = cols.get(cols.size() - 1);
        ctx.catalog().addColumn(txn, schema, table, def, Value.nullOf(def.type()), false);
        if (def.stored()) {
            // the rows already there get the value now, as each new row does when written
            TableEntry altered = ctx.table(txn, existing.schema(), existing.name());
            runUpdate(ctx.binder(txn, null).fillStoredColumn(altered, altered.columns().size() - 1), txn, null, null);
        }
    }

    private QueryResult alter(AlterTable a, Transaction txn) {
        String schema = schemaIn(a.name());
        String table = a.name().last().text();
        if (a.kind() != ObjectKind.TABLE && !(a.kind() == ObjectKind.VIEW && a.action() instanceof AlterAction.RenameTable)) {
            if (a.kind() == ObjectKind.SCHEMA) throw new NotImplementedException("Altering schemas is not yet supported", a.pos());
            throw new NotImplementedException("ALTER " + a.kind() + " is not supported yet", a.pos());
        }
        EntryKind kind = a.kind() == ObjectKind.VIEW ? EntryKind.VIEW : EntryKind.TABLE;
        CatalogEntry existing = ctx.catalog().lookup(txn, EntryKind.TABLE, schema, table);
        if (existing == null || existing.kind() != kind) {
            if (a.ifExists()) return QueryResultImpl.empty();
            throw new CatalogException(kind.displayName() + " with name " + table + " does not exist!", a.name().pos());
        }
        Catalog catalog = ctx.catalog();
        if (existing instanceof TableEntry te) {
            ForeignKeys fks = new ForeignKeys(ctx, txn);
            switch (a.action()) {
                case AlterAction.DropColumn d -> fks.checkAlterColumn(te, d.column().text());
                case AlterAction.RenameColumn r -> fks.checkAlterColumn(te, r.column().text());
                case AlterAction.AlterColumnType t -> fks.checkAlterColumn(te, t.column().text());
                case AlterAction.RenameField r -> fks.checkAlterColumn(te, r.path().get(0).text());
                case AlterAction.DropField d -> fks.checkAlterColumn(te, d.path().get(0).text());
                case AlterAction.AddField f -> fks.checkAlterColumn(te, f.parent().get(0).text());
                default -> {
                }
            }
        }
        switch (a.action()) {
            case AlterAction.AddColumn add -> {
                ColumnDef d = add.column();
                if (d.generated() != null) {
                    if (d.defaultValue() != null) throw new io.tealdb.parser.ParserException("syntax error at or near \"GENERATED\"", d.pos());
                    addGeneratedColumn(txn, schema, table, (TableEntry) existing, d, add.ifNotExists());
                } else {
                    LogicalType type = columnType(d, txn, existing.schema());
                    String defaultSql = d.defaultValue() == null ? null : ExprNames.render(d.defaultValue());
                    ColumnDefinition def = new ColumnDefinition(d.name().text(), type, d.notNull(), defaultSql);
                    Binder b = ctx.binder(txn, null);
                    Value value = defaultSql == null ? Value.nullOf(type) : b.constantValue(b.defaultValue(def), d.pos());
                    catalog.addColumn(txn, schema, table, def, value, add.ifNotExists());
                }
            }
            case AlterAction.DropColumn drop -> catalog.dropColumn(txn, schema, table, drop.column().text(), drop.ifExists());
            case AlterAction.RenameColumn r -> catalog.renameColumn(txn, schema, table, r.column().text(), r.newName().text());
            case AlterAction.RenameTable r -> catalog.rename(txn, kind, schema, table, r.newName().text());
            case AlterAction.AlterColumnType t -> {
                TableEntry entry = (TableEntry) existing;
                int idx = entry.columnIndex(t.column().text());
                if (idx < 0) throw new BinderException("Table \"" + table + "\" does not have a column with name \"" + t.column().text() + "\"", t.pos());
                if (ctx.binder(txn, null).checkedColumns(entry).contains(idx)) {
                    throw new BinderException("Cannot change the type of a column that has a CHECK constraint specified", t.pos());
                }
                LogicalType from = entry.columns().get(idx).type();
                LogicalType to = resolveType(t.type(), txn, existing.schema());
                if (t.using() != null) {
                    AlterUsing using = AlterUsing.of(ctx, txn, entry, t.using(), to);
                    catalog.changeColumnType(txn, schema, table, t.column().text(), to, using.inputColumns(), using::convert);
                } else {
                    ScalarKernel kernel = Casts.kernel(from, to, false);
                    catalog.changeColumnType(txn, schema, table, t.column().text(), to, new int[]{idx},
                            (input, output) -> kernel.execute(new Vector[]{input.column(0)}, input.size(), output));
                }
            }
            case AlterAction.SetDefault s -> {
                TableEntry entry = (TableEntry) existing;
                int idx = entry.columnIndex(s.column().text());
                if (idx < 0) throw new BinderException("Table \"" + table + "\" does not have a column with name \"" + s.column().text() + "\"", s.pos());
                String sql = ExprNames.render(s.value());
                ColumnDefinition c = entry.columns().get(idx);
                ctx.binder(txn, null).defaultValue(new ColumnDefinition(c.name(), c.type(), c.notNull(), sql));
                catalog.setColumnDefault(txn, schema, table, s.column().text(), sql);
            }
            case AlterAction.DropDefault d -> catalog.setColumnDefault(txn, schema, table, d.column().text(), null);
            case AlterAction.SetNotNull s -> catalog.setNotNull(txn, schema, table, s.column().text(), true);
            case AlterAction.DropNotNull s -> catalog.setNotNull(txn, schema, table, s.column().text(), false);
            case AlterAction.AddConstraint c -> addConstraint((TableEntry) existing, c, txn);
            case AlterAction.RenameField r -> NestedFieldAlter.rename(ctx, txn, (TableEntry) existing, r);
            case AlterAction.DropField d -> NestedFieldAlter.drop(ctx, txn, (TableEntry) existing, d);
            case AlterAction.AddField f -> NestedFieldAlter.add(ctx, txn, (TableEntry) existing, f,
                    columnType(f.field(), txn, existing.schema()));
        }
        return QueryResultImpl.empty();
    }

    /** ALTER TABLE ADD PRIMARY KEY / UNIQUE (other constraint kinds cannot be added in DuckDB either). */
    private void addConstraint(TableEntry table, AlterAction.AddConstraint add, Transaction txn) {
        io.tealdb.parser.ast.TableConstraint tc = add.constraint();
        boolean primary = tc.kind() == TableConstraintKind.PRIMARY_KEY;
        if (!primary && tc.kind() != TableConstraintKind.UNIQUE) {
            throw new NotImplementedException("No support for that ALTER TABLE option yet!", add.pos());
        }
        List<Integer> cols = new ArrayList<>();
        for (Identifier id : tc.columns()) {
            int c = table.columnIndex(id.text());
            if (c < 0) throw new CatalogException("table \"" + table.name() + "\" does not have a column named \"" + id.text() + "\"", id.pos());
            cols.add(c);
        }
        if (primary) {
            for (TableConstraint existing : table.constraints()) {
                if (existing instanceof TableConstraint.PrimaryKey) {
                    throw new CatalogException("table \"" + table.name() + "\" can have only one primary key: " + tc, add.pos());
                }
            }
        }
        ctx.catalog().addKey(txn, table.schema(), table.name(), cols, primary);
    }

    // ---------------------------------------------------------------- COPY

    private QueryResult copy(Copy c, Transaction txn, List<Value> params) {
        if (!c.from()) return copyTo(c, txn, params);
        if (c.table() == null) throw new BinderException("COPY FROM requires a table", c.pos());
        TableEntry table = ctx.table(txn, schemaIn(c.table()), c.table().last().text());
        Value fileValue = ctx.binder(txn, params).constantValue(ctx.binder(txn, params).bindConstantExpression(c.file()), c.file().pos());
        if (fileValue.isNull()) throw new InvalidInputException("COPY file name cannot be NULL");
        Path path = Path.of(io.tealdb.io.FileSearchPath.resolve(fileValue.object().toString(), ctx.settings.get(Settings.FILE_SEARCH_PATH)));
        if (!Files.exists(path)) throw new io.tealdb.error.TealIOException("No files found that match the pattern \"" + path + "\"");
        boolean json = JsonCopy.isJson(c.options(), path.toString(), ctx.binder(txn, params));
        boolean parquet = !json && ParquetCopy.isParquet(c.options(), path.toString(), ctx.binder(txn, params));
        io.tealdb.planner.CsvArguments arguments = json || parquet ? null : copyArguments(c.options(), ctx.binder(txn, params));
        int[] targets;
        if (c.columns().isEmpty()) {
            targets = new int[table.columns().size()];
            for (int i = 0; i < targets.length; i++) targets[i] = i;
        } else {
            targets = new int[c.columns().size()];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = table.columnIndex(c.columns().get(i).text());
                if (targets[i] < 0) throw new BinderException("Table \"" + table.name() + "\" does not have a column with name \"" + c.columns().get(i).text() + "\"", c.columns().get(i).pos());
            }
        }
        List<String> names = new ArrayList<>();
        List<LogicalType> types = new ArrayList<>();
        for (int t : targets) {
            names.add(table.columns().get(t).name());
            types.add(table.columns().get(t).type());
        }
        requireForceNotNullColumns(c.options(), names);
        if (parquet) {
            // the file's columns by position, through an INSERT so that casts and constraints apply as for any insert
            String scan = "SELECT * FROM read_parquet('" + path.toString().replace("'", "''") + "')";
            int fileColumns = ctx.binder(txn, null).bindQuery(((SelectStatement) io.tealdb.parser.Parser.parseStatement(scan)).query()).names().size();
            if (fileColumns != names.size()) {
                throw new InvalidInputException("COPY FROM: column count mismatch: the file \"" + path + "\" has " + fileColumns
                        + " columns but " + names.size() + " are copied into table \"" + table.name() + "\"");
            }
            String sql = "INSERT INTO " + DatabaseExport.quote(table.schema()) + "." + DatabaseExport.quote(table.name()) + " ("
                    + String.join(", ", names.stream().map(DatabaseExport::quote).toList()) + ") " + scan;
            return ctx.runInCurrent(io.tealdb.parser.Parser.parseStatement(sql), List.of(), new ClientContextImpl.SqlSource(sql, sql.length()), txn);
        }
        long n = 0;
        StoredColumns stored = StoredColumns.of(ctx, txn, table);
        // CSV holds nested values as DuckDB's text ([1, 2], {'a': 1}): read as VARCHAR, then cast
        List<LogicalType> readTypes = json ? types : types.stream().map(t -> t.isNested() ? LogicalType.VARCHAR : t).toList();
        io.tealdb.function.ScalarKernel[] textCasts = new io.tealdb.function.ScalarKernel[types.size()];
        for (int i = 0; i < types.size(); i++) {
            if (!readTypes.get(i).equals(types.get(i))) textCasts[i] = io.tealdb.function.cast.Casts.kernel(LogicalType.VARCHAR, types.get(i), false);
        }
        try (io.tealdb.function.TableFunction.Scan reader = json
                ? io.tealdb.function.table.JsonTableFunction.ofColumns(path.toString(), names, types).open()
                : csvScan(arguments, path, names, readTypes)) {
            // CSV: one chunk for the whole file (the reader resets it, the parallel reader hands over
            // its own vectors, the table copies the rows), so that COPY does not allocate and zero a
            // chunk of vectors per 2,048 rows; the casts' vectors are swapped out again below
            DataChunk reused = json ? null : new DataChunk(readTypes);
            Vector[] own = reused == null ? null : reused.columns().clone();
            while (true) {
                DataChunk chunk = reused == null ? new DataChunk(readTypes) : reused;
                if (own != null) for (int i = 0; i < own.length; i++) chunk.setColumn(i, own[i]);
                if (!reader.next(chunk)) break;
                if (chunk.size() == 0) continue;
                for (int i = 0; i < textCasts.length; i++) {
                    if (textCasts[i] == null) continue;
                    Vector cast = new Vector(types.get(i), Math.max(chunk.size(), 1));
                    textCasts[i].execute(new Vector[]{chunk.column(i)}, chunk.size(), cast);
                    chunk.columns()[i] = cast;
                }
                DataChunk full = chunk;
                if (targets.length != table.columns().size()) {
                    Vector[] cols = new Vector[table.columns().size()];
                    for (int i = 0; i < cols.length; i++) {
                        Vector v = new Vector(table.columns().get(i).type(), Math.max(chunk.size(), 1));
                        for (int r = 0; r < chunk.size(); r++) v.setNull(r);
                        cols[i] = v;
                    }
                    for (int i = 0; i < targets.length; i++) cols[targets[i]] = chunk.column(i);
                    full = new DataChunk(cols, chunk.size());
                }
                if (stored != null) full = stored.fill(full);
                table.storage().append(txn, full);
                n += chunk.size();
            }
        }
        return QueryResultImpl.updateCount(n);
    }

    /** COPY ... FROM a CSV file as a scan. */
    private io.tealdb.function.TableFunction.Scan csvScan(io.tealdb.planner.CsvArguments arguments, Path path, List<String> names,
                                                                 List<LogicalType> types) {
        io.tealdb.io.csv.CsvSniffer.Result plan = arguments.resolveForTable(path, names, types);
        io.tealdb.io.csv.ParallelCsvReader parallel = io.tealdb.io.csv.ParallelCsvReader.openIfWorthwhile(path, names, types,
                plan.autoDetected(), plan.options(), task -> ctx.db.scheduler.submit(task), ctx.db.threads());
        if (parallel != null) {
            return new io.tealdb.function.TableFunction.Scan() {
                /** The chunk handed out last: COPY has appended (copied) its rows when it asks for the next. */
                DataChunk previous;

                @Override
                public boolean next(DataChunk out) {
                    if (previous != null) parallel.recycle(previous);
                    DataChunk chunk = parallel.next();
                    previous = chunk;
                    if (chunk == null) return false;
                    for (int i = 0; i < chunk.columnCount(); i++) out.setColumn(i, chunk.column(i));
                    out.setSize(chunk.size());
                    return true;
                }

                @Override
                public void close() {
                    parallel.close();
                }
            };
        }
        CsvReader reader = new CsvReader(path, names, types, plan.autoDetected(), plan.options());
        return new io.tealdb.function.TableFunction.Scan() {
            @Override
            public boolean next(DataChunk out) {
                return reader.next(out);
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }

    /** COPY table|(query) TO 'file' [(HEADER, DELIMITER ',', QUOTE '"', NULL '')]: CSV text, values cast to VARCHAR. */
    private QueryResult copyTo(Copy c, Transaction txn, List<Value> params) {
        Binder binder = ctx.binder(txn, params);
        QueryNode query = c.query();
        if (query == null) {
            List<SelectItem> items = new ArrayList<>();
            if (c.columns().isEmpty()) {
                items.add(new SelectItem(new Star(List.of(), List.of(), List.of(), List.of(), c.pos()), null, c.pos()));
            } else {
                for (Identifier id : c.columns()) items.add(new SelectItem(new ColumnRef(List.of(id), id.pos()), null, id.pos()));
            }
            query = new SelectNode(null, false, List.of(), items, new BaseTableRef(c.table(), null, c.pos()), null, null, null,
                    List.of(), null, List.of(), null, c.pos());
        }
        BoundQuery q = binder.bindQuery(query);
        Value fileValue = binder.constantValue(binder.bindConstantExpression(c.file()), c.file().pos());
        if (fileValue.isNull()) throw new InvalidInputException("COPY file name cannot be NULL");
        if (ParquetCopy.isParquet(c.options(), String.valueOf(fileValue.object()), binder)) {
            return ParquetCopy.copy(ctx, txn, q, String.valueOf(fileValue.object()), c.options(), binder);
        }
        if (JsonCopy.isJson(c.options(), String.valueOf(fileValue.object()), binder)) {
            return JsonCopy.copy(ctx, txn, q, String.valueOf(fileValue.object()), c.options(), binder);
        }
        CsvOptions options = CsvOptions.defaults().withHeader(true); // DuckDB writes a header by default
        CopyLayout layout = new CopyLayout();
        for (Option o : c.options()) {
            String name = o.name().text().toLowerCase(Locale.ROOT);
            if (!CopyLayout.isOption(name)) {
                options = option(options, o, binder);
                continue;
            }
            layout.option(name, o.values().isEmpty() ? Value.ofBoolean(true) : binder.copyOptionValue(o.values().get(0)), o, binder);
        }
        return layout.write(ctx, txn, q, Path.of(String.valueOf(fileValue.object())), new CsvCopyFormat(options));
    }

    /** FORCE_NOT_NULL names columns that are copied into (DuckDB's errors for a missing list or another column). */
    private static void requireForceNotNullColumns(List<Option> options, List<String> copied) {
        for (Option o : options) {
            if (!o.name().text().equalsIgnoreCase("force_not_null")) continue;
            if (o.values().isEmpty()) throw new BinderException("\"force_not_null\" expects a column list or * as parameter", o.pos());
            for (io.tealdb.parser.ast.Expr e : o.values()) {
                if (e instanceof io.tealdb.parser.ast.Star) continue;
                String name = e instanceof ColumnRef r ? r.last().text()
                        : e instanceof io.tealdb.parser.ast.StringLiteral lit ? lit.value() : io.tealdb.planner.ExprNames.render(e);
                if (copied.stream().noneMatch(name::equalsIgnoreCase)) {
                    throw new BinderException("\"force_not_null\" expected to find " + name + ", but it was not found in the table", o.pos());
                }
            }
        }
    }

    /** COPY ... FROM options as read_csv arguments (an option without a value is TRUE; FORCE_NOT_NULL takes column names). */
    private static io.tealdb.planner.CsvArguments copyArguments(List<Option> options, Binder binder) {
        List<String> names = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        for (Option opt : options) {
            String name = opt.name().text().toLowerCase(Locale.ROOT);
            Value value;
            if (opt.values().isEmpty()) {
                value = Value.ofBoolean(true);
            } else if (name.equals("force_not_null")) {
                List<Value> cols = new ArrayList<>();
                for (io.tealdb.parser.ast.Expr e : opt.values()) {
                    cols.add(Value.ofVarchar(e instanceof ColumnRef r ? r.last().text() : String.valueOf(binder.constantValue(binder.bindConstantExpression(e), opt.pos()).object())));
                }
                value = new Value(LogicalType.VARCHAR, List.copyOf(cols));
            } else {
                value = binder.constantValue(binder.bindConstantExpression(opt.values().get(0)), opt.pos());
            }
            switch (name) {
                case "format" -> {
                    String f = value.isNull() ? "csv" : String.valueOf(value.object()).toLowerCase(Locale.ROOT);
                    if (!f.equals("csv")) throw new NotImplementedException("COPY format " + value.object() + " is not supported yet");
                    continue;
                }
                case "delimiter", "delim", "sep", "quote", "escape" -> {
                    if (!value.isNull() && String.valueOf(value.object()).isEmpty() && !name.equals("quote") && !name.equals("escape")) {
                        throw new BinderException("DELIM or SEP must not be empty");
                    }
                }
                default -> {
                }
            }
            names.add(name);
            values.add(value);
        }
        return io.tealdb.planner.CsvArguments.parse(names, values);
    }

    /** The writer of COPY ... TO: gzip when asked for or (compression auto) when the name ends in .gz. */
    private static CsvOptions option(CsvOptions o, Option opt, Binder binder) {
        String name = opt.name().text().toLowerCase(Locale.ROOT);
        String value = null;
        if (!opt.values().isEmpty()) {
            Value v = binder.constantValue(binder.bindConstantExpression(opt.values().get(0)), opt.pos());
            value = v.isNull() ? null : String.valueOf(v.object());
        }
        return switch (name) {
            case "delimiter", "delim", "sep" -> o.withDelimiter(singleByte(value, name));
            case "header" -> o.withHeader(value == null || bool(value));
            case "quote" -> o.withQuote(value == null || value.isEmpty() ? CsvOptions.NO_QUOTE : singleByte(value, name));
            case "escape" -> o.withEscape(singleByte(value, name));
            case "null", "nullstr" -> o.withNullString(value == null ? "" : value);
            case "format" -> {
                if (value != null && !value.equalsIgnoreCase("csv")) throw new NotImplementedException("COPY format " + value + " is not supported yet");
                yield o;
            }
            case "force_not_null", "skip", "auto_detect", "sample_size", "ignore_errors", "max_line_size", "all_varchar", "allow_quoted_nulls",
                 "strict_mode", "store_rejects", "rejects_table", "rejects_limit", "columns", "types", "names" ->
                    throw new InvalidInputException("Option \"" + name + "\" is not supported for writing - only for reading", opt.pos());
            case "compression" -> o.toBuilder().compression(value == null ? "auto" : value).build();
            case "dateformat", "date_format" -> {
                if (value != null) io.tealdb.function.scalar.DateFormat.validate(value);
                yield o.toBuilder().dateFormat(value).build();
            }
            case "timestampformat", "timestamp_format" -> {
                // ISO: DuckDB's ISO 8601 form with microseconds and a Z
                String format = value != null && value.equalsIgnoreCase("iso") ? "%Y-%m-%dT%H:%M:%S.%fZ" : value;
                if (format != null) io.tealdb.function.scalar.DateFormat.validate(format);
                yield o.toBuilder().timestampFormat(format).build();
            }
            default -> throw CopyOptionNames.unsupported(opt.name().text(), null, opt.pos());
        };
    }

    private static byte singleByte(String v, String option) {
        if (v == null) throw new BinderException("COPY option " + option + " requires a value");
        if (v.equals("\\t")) return '\t';
        byte[] b = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (b.length != 1) throw new BinderException("The " + option + " option must be a single one-byte character");
        return b[0];
    }

    private static boolean bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "on", "yes", "t" -> true;
            case "false", "0", "off", "no", "f" -> false;
            default -> throw new BinderException("expected a boolean value, got '" + v + "'");
        };
    }

    // ---------------------------------------------------------------- SHOW / DESCRIBE

    private QueryResult show(Show s, Transaction txn) {
        LogicalType v = LogicalType.VARCHAR;
        switch (s.kind()) {
            case TABLES -> {
                // SHOW TABLES [FROM schema | database | database.schema]
                Catalog catalog = ctx.catalog();
                String schema = Catalog.DEFAULT_SCHEMA;
                if (s.name() != null) {
                    List<Identifier> parts = s.name().parts();
                    CatalogSearch.Target t = ctx.search(txn).resolve(parts.size() > 1 ? parts.get(parts.size() - 2).text() : null,
                            parts.get(parts.size() - 1).text());
                    if (t == null) throw new CatalogException("Catalog with name " + parts.get(parts.size() - 2).text() + " does not exist!", s.pos());
                    catalog = t.catalog();
                    schema = t.schema() == null ? Catalog.DEFAULT_SCHEMA : t.schema();
                }
                List<String> names = new ArrayList<>();
                for (CatalogEntry e : catalog.entries(txn, schema)) {
                    if (e instanceof TableEntry || e instanceof ViewEntry) names.add(e.name());
                }
                AttachedDatabase temp = ctx.transactionDatabases.tempIfMade();
                if (s.name() == null && temp != null && temp.catalog() != catalog) {
                    // DuckDB lists the session's temporary tables and views too
                    for (CatalogEntry e : temp.catalog().entries(txn, Catalog.DEFAULT_SCHEMA)) {
                        if (e instanceof TableEntry || e instanceof ViewEntry) names.add(e.name());
                    }
                }
                names.sort(null);
                List<List<Value>> rows = new ArrayList<>();
                for (String n : names) rows.add(List.of(Value.ofVarchar(n)));
                return QueryResultImpl.materialized(List.of("name"), List.of(v), rows);
            }
            case ALL_TABLES -> {
                List<List<Value>> rows = new ArrayList<>();
                for (AttachedDatabase d : ctx.transactionDatabases.all()) {
                    for (CatalogEntry e : d.catalog().entries(txn, null)) {
                        if (e instanceof TableEntry || e instanceof ViewEntry) {
                            rows.add(List.of(Value.ofVarchar(d.name()), Value.ofVarchar(e.schema()),
                                    Value.ofVarchar(e.name()), Value.ofBoolean(d.temporary())));
                        }
                    }
                }
                return QueryResultImpl.materialized(List.of("database", "schema", "name", "temporary"),
                        List.of(v, v, v, LogicalType.BOOLEAN), rows);
            }
            case DATABASES -> {
                List<List<Value>> rows = new ArrayList<>();
                for (AttachedDatabase d : ctx.db.databases.all()) rows.add(List.of(Value.ofVarchar(d.name())));
                rows.sort(java.util.Comparator.comparing(r -> (String) r.get(0).object()));
                return QueryResultImpl.materialized(List.of("database_name"), List.of(v), rows);
            }
            case VARIABLE -> {
                String name = s.name().last().text().toLowerCase(Locale.ROOT);
                return QueryResultImpl.materialized(List.of(name), List.of(v), List.of(List.of(Value.ofVarchar(setting(name)))));
            }
        }
        throw new IllegalStateException();
    }

    String setting(String name) {
        return ctx.settings.get(name);
    }

    private QueryResult describe(Describe d, Transaction txn, List<Value> params) {
        if (d.kind() == DescribeKind.SUMMARIZE) throw new NotImplementedException("SUMMARIZE is not supported yet", d.pos());
        LogicalType v = LogicalType.VARCHAR;
        List<String> names = List.of("column_name", "column_type", "null", "key", "default", "extra");
        List<LogicalType> types = List.of(v, v, v, v, v, v);
        List<List<Value>> rows = new ArrayList<>();
        Value nul = Value.nullOf(v);
        if (d.table() != null) {
            String schema = schemaIn(d.table());
            CatalogEntry e = ctx.catalog().lookupRelation(txn, schema, d.table().last().text());
            if (e instanceof TableEntry t) {
                for (int i = 0; i < t.columns().size(); i++) {
                    ColumnDefinition c = t.columns().get(i);
                    boolean pk = SessionCatalog.isKeyColumn(t, i, true);
                    boolean unique = !pk && SessionCatalog.isKeyColumn(t, i, false);
                    rows.add(List.of(Value.ofVarchar(c.name()), Value.ofVarchar(c.type().toString()),
                            Value.ofVarchar(c.notNull() || pk ? "NO" : "YES"),
                            pk ? Value.ofVarchar("PRI") : unique ? Value.ofVarchar("UNI") : nul,
                            c.defaultSql() == null ? nul : Value.ofVarchar(c.defaultSql()), nul));
                }
                return QueryResultImpl.materialized(names, types, rows);
            }
            Setting setting = d.table().parts().size() == 1 ? Settings.find(d.table().last().text()) : null;
            if (e == null && setting != null) {
                // SHOW name: PostgreSQL's way to read a setting, when no table has that name
                String name = d.table().last().text().toLowerCase(Locale.ROOT);
                return QueryResultImpl.materialized(List.of(name), List.of(v), List.of(List.of(Value.ofVarchar(ctx.settings.get(setting)))));
            }
            // DESCRIBE "data.parquet" describes the file, as FROM "data.parquet" reads it
            boolean file = d.table().parts().size() == 1 && d.table().last().text().matches("(?i).*\\.(parquet|parq|csv|tsv|json|ndjson|jsonl)(\\.gz|\\.zst)?");
            if (e == null && !file) {
                throw new CatalogException("Table with name " + d.table().last().text() + " does not exist!", d.table().pos());
            }
        }
        QueryNode query = d.query();
        if (query == null) {
            query = new SelectNode(null, false, List.of(), List.of(new SelectItem(new Star(List.of(), List.of(), List.of(), List.of(), d.pos()), null, d.pos())),
                    new BaseTableRef(d.table(), null, d.pos()), null, null, null, List.of(), null, List.of(), null, d.pos());
        }
        BoundQuery q = ctx.binder(txn, params).bindQuery(query);
        for (int i = 0; i < q.names().size(); i++) {
            rows.add(List.of(Value.ofVarchar(q.names().get(i)), Value.ofVarchar(q.types().get(i).toString()),
                    Value.ofVarchar("YES"), nul, nul, nul));
        }
        return QueryResultImpl.materialized(names, types, rows);
    }

    // ---------------------------------------------------------------- SET / RESET / PRAGMA / USE / EXPLAIN

    QueryResult set(SetVariable s) {
        String name = s.name().last().text().toLowerCase(Locale.ROOT);
        Value value = ctx.constant(s.value());
        if (s.scope() == SettingScope.VARIABLE) {
            ctx.variables.put(name, value);
            return QueryResultImpl.empty();
        }
        Setting setting = Settings.require(s.name().last().text());
        String text = value.isNull() ? null : settingText(value);
        switch (s.scope()) {
            case GLOBAL -> ctx.settings.global().set(setting, text);
            case SESSION, LOCAL -> {
                if (text == null) ctx.settings.reset(setting);
                else ctx.settings.setSession(setting, text);
            }
            default -> {
                if (text == null) ctx.settings.reset(setting);
                else ctx.settings.set(setting, text);
            }
        }
        return QueryResultImpl.empty();
    }

    /** A SET value as text: a list (SET search_path = a, b) joins its elements with commas. */
    private static String settingText(Value value) {
        if (value.object() instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object o : list) parts.add(String.valueOf(o));
            return String.join(",", parts);
        }
        return String.valueOf(value.object());
    }

    QueryResult reset(ResetVariable r) {
        String name = r.name().last().text().toLowerCase(Locale.ROOT);
        if (r.scope() == SettingScope.VARIABLE) {
            ctx.variables.remove(name);
            return QueryResultImpl.empty();
        }
        if (name.equals("all")) {
            ctx.settings.resetAll();
            return QueryResultImpl.empty();
        }
        Setting setting = Settings.require(r.name().last().text());
        if (r.scope() == SettingScope.GLOBAL) ctx.settings.global().set(setting, null);
        else ctx.settings.reset(setting);
        return QueryResultImpl.empty();
    }

    QueryResult pragma(Pragma p, List<Value> params, ClientContextImpl.SqlSource source) {
        String name = p.name().text().toLowerCase(Locale.ROOT);
        switch (name) {
            case "show_tables" -> {
                return ctx.inTransaction(txn -> show(new Show(ShowKind.TABLES, null, p.pos()), txn));
            }
            case "table_info", "show" -> {
                if (p.args().size() != 1) throw new BinderException("PRAGMA " + name + " requires one argument", p.pos());
                Value t = ctx.constant(p.args().get(0));
                QualifiedName qn = new QualifiedName(List.of(new Identifier(String.valueOf(t.object()), true, p.pos())), p.pos());
                if (name.equals("show")) return ctx.inTransaction(txn -> describe(new Describe(DescribeKind.DESCRIBE, qn, null, p.pos()), txn, params));
                return ctx.inTransaction(txn -> tableInfo(qn, txn));
            }
            case "database_size" -> {
                return databaseSize();
            }
            case "storage_stats" -> {
                return storageStats();
            }
            case "version" -> {
                return QueryResultImpl.materialized(List.of("library_version", "source_id"), List.of(LogicalType.VARCHAR, LogicalType.VARCHAR),
                        List.of(List.of(Value.ofVarchar("v0.1.0"), Value.ofVarchar("tealdb"))));
            }
            case "enable_verification", "disable_verification", "enable_progress_bar", "disable_progress_bar",
                 "enable_profiling", "disable_profiling", "enable_object_cache", "disable_object_cache",
                 "verify_parallelism", "disable_verify_parallelism", "enable_force_parallelism", "disable_force_parallelism",
                 "force_checkpoint", "enable_checkpoint_on_shutdown", "disable_checkpoint_on_shutdown",
                 "verify_external", "disable_verify_external", "enable_optimizer", "disable_optimizer" -> {
                return QueryResultImpl.empty();
            }
            default -> {
                if (p.assignment() && p.args().size() == 1) {
                    Value v = ctx.constant(p.args().get(0));
                    ctx.settings.set(Settings.require(p.name().text()), v.isNull() ? null : settingText(v));
                    return QueryResultImpl.empty();
                }
                throw new CatalogException("Pragma Function with name " + p.name().text() + " does not exist!", p.pos());
            }
        }
    }

    /** DuckDB's PRAGMA database_size: file, blocks, log and memory of the database. */
    private QueryResult databaseSize() {
        io.tealdb.memory.MemoryManager m = ctx.db.memory;
        LogicalType v = LogicalType.VARCHAR, b = LogicalType.BIGINT;
        List<List<Value>> rows = new ArrayList<>();
        for (AttachedDatabase d : ctx.db.databases.all()) {
            long size = 0, total = 0, free = 0, wal = 0, blockSize = 0;
            if (d.storage().durability() instanceof io.tealdb.persist.PersistentDatabase p) {
                java.util.Map<String, Long> st = p.stats();
                size = st.get("file_size");
                total = st.get("total_blocks");
                free = st.get("free_blocks");
                wal = st.get("wal_size");
                blockSize = io.tealdb.storage.file.BlockFile.BLOCK_SIZE;
            }
            rows.add(List.of(Value.ofVarchar(d.name()), Value.ofVarchar(io.tealdb.memory.MemoryManager.format(size)), Value.ofBigint(blockSize),
                    Value.ofBigint(total), Value.ofBigint(total - free), Value.ofBigint(free),
                    Value.ofVarchar(io.tealdb.memory.MemoryManager.format(wal)),
                    Value.ofVarchar(io.tealdb.memory.MemoryManager.format(m.used())),
                    Value.ofVarchar(io.tealdb.memory.MemoryManager.format(m.limit()))));
        }
        return QueryResultImpl.materialized(
                List.of("database_name", "database_size", "block_size", "total_blocks", "used_blocks", "free_blocks", "wal_size", "memory_usage", "memory_limit"),
                List.of(v, v, b, b, b, b, v, v, v), rows);
    }

    /** TealDB's PRAGMA storage_stats: counters of the database file and the buffer pool, one (name, value) row each. */
    private QueryResult storageStats() {
        java.util.Map<String, Long> st = new java.util.TreeMap<>();
        if (ctx.db.storage.durability() instanceof io.tealdb.persist.PersistentDatabase p) {
            st.putAll(p.stats());
        }
        io.tealdb.memory.MemoryManager m = ctx.db.memory;
        st.put("memory_used", m.used());
        st.put("memory_limit", m.limit());
        st.put("pool_bytes", m.pool().bytes());
        st.put("pool_segments", (long) m.pool().count());
        st.put("pool_evictions", m.pool().evictions());
        st.put("pool_registered_bytes", m.pool().registeredBytes());
        List<List<Value>> rows = new ArrayList<>();
        st.forEach((k, val) -> rows.add(List.of(Value.ofVarchar(k), Value.ofBigint(val))));
        return QueryResultImpl.materialized(List.of("name", "value"), List.of(LogicalType.VARCHAR, LogicalType.BIGINT), rows);
    }

    private QueryResult tableInfo(QualifiedName name, Transaction txn) {
        TableEntry t = ctx.table(txn, schemaIn(name), name.last().text());
        List<List<Value>> rows = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            ColumnDefinition c = t.columns().get(i);
            boolean pk = SessionCatalog.isKeyColumn(t, i, true);
            rows.add(List.of(Value.ofInteger(i), Value.ofVarchar(c.name()), Value.ofVarchar(c.type().toString()),
                    Value.ofBoolean(c.notNull() || pk), c.defaultSql() == null ? Value.nullOf(LogicalType.VARCHAR) : Value.ofVarchar(c.defaultSql()),
                    Value.ofBoolean(pk)));
        }
        LogicalType v = LogicalType.VARCHAR;
        return QueryResultImpl.materialized(List.of("cid", "name", "type", "notnull", "dflt_value", "pk"),
                List.of(LogicalType.INTEGER, v, v, LogicalType.BOOLEAN, v, LogicalType.BOOLEAN), rows);
    }

    QueryResult explain(Explain e, List<Value> params) {
        if (!(e.statement() instanceof SelectStatement s)) {
            throw new NotImplementedException("EXPLAIN is only supported for queries", e.pos());
        }
        return ctx.inTransaction(txn -> {
            BoundQuery q = ctx.binder(txn, params).bindQuery(s.query());
            LogicalOperator plan = Optimizer.optimize(q.plan());
            io.tealdb.execution.PhysicalOperator root = new io.tealdb.execution.PhysicalPlanner(
                    io.tealdb.optimizer.CardinalityEstimator::estimate).plan(plan);
            String text;
            if (e.analyze()) {
                io.tealdb.execution.ExecutionContext ec = new io.tealdb.execution.ExecutionContext(txn, ctx.db.threads(), ctx.db.scheduler, List.of())
                        .withMemory(ctx.db.memory.newReservation());
                text = ctx.runRegistered(ec, () -> io.tealdb.execution.ExplainRenderer.explainAnalyze(root, ec));
            } else {
                text = io.tealdb.execution.ExplainRenderer.render(root, null);
            }
            return QueryResultImpl.materialized(List.of("explain_key", "explain_value"), List.of(LogicalType.VARCHAR, LogicalType.VARCHAR),
                    List.of(List.of(Value.ofVarchar(e.analyze() ? "analyzed_plan" : "physical_plan"), Value.ofVarchar(text))));
        });
    }
}
