package io.tealdb.session;

import io.tealdb.catalog.CatalogEntry;
import io.tealdb.catalog.EntryKind;
import io.tealdb.catalog.TableConstraint;
import io.tealdb.catalog.TableEntry;
import io.tealdb.catalog.ViewEntry;
import io.tealdb.error.BinderException;
import io.tealdb.error.CatalogException;
import io.tealdb.error.ConstraintException;
import io.tealdb.planner.logical.LogicalGet;
import io.tealdb.storage.Transaction;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * FOREIGN KEY rules as DuckDB applies them: the referenced columns must carry a PRIMARY KEY or
 * UNIQUE constraint; an inserted (or updated) key must exist in the referenced table; a deleted
 * key must not be referenced by another row; a referenced table cannot be dropped first. Keys with
 * a NULL are never checked. Checks read the statement's snapshot (existing keys are scanned).
 */
final class ForeignKeys {
    private final ClientContextImpl ctx;
    private final Transaction txn;

    ForeignKeys(ClientContextImpl ctx, Transaction txn) {
        this.ctx = ctx;
        this.txn = txn;
    }

    /**
     * CREATE TABLE: resolves and validates {@code fk} of the new table {@code name} (columns given
     * as names and types); returns the constraint with schema and referenced columns filled in.
     */
    TableConstraint.ForeignKey resolve(String schema, String name, List<String> columnNames, List<TableConstraint> ownConstraints,
                                       TableConstraint.ForeignKey fk) {
        boolean self = fk.referencedTable().equalsIgnoreCase(name)
                && (fk.referencedSchema() == null || schema == null || fk.referencedSchema().equalsIgnoreCase(schema));
        List<String> refNames;
        List<TableConstraint> refConstraints;
        String refSchema;
        String refTable;
        if (self) {
            refNames = columnNames;
            refConstraints = ownConstraints;
            refSchema = schema;
            refTable = name;
        } else {
            CatalogEntry e = ctx.catalog().lookupRelation(txn, fk.referencedSchema(), fk.referencedTable());
            if (e instanceof ViewEntry) {
                throw new BinderException("cannot reference a VIEW with a FOREIGN KEY");
            }
            if (!(e instanceof TableEntry t)) {
                throw new CatalogException("Table with name " + fk.referencedTable() + " does not exist!");
            }
            refNames = t.columns().stream().map(c -> c.name()).toList();
            refConstraints = t.constraints();
            refSchema = t.schema();
            refTable = t.name();
        }
        List<String> refColumns = new ArrayList<>(fk.referencedColumns());
        if (refColumns.isEmpty()) {
            for (TableConstraint c : refConstraints) {
                if (c instanceof TableConstraint.PrimaryKey pk) for (int i : pk.columns()) refColumns.add(refNames.get(i));
            }
            if (refColumns.isEmpty()) {
                throw new BinderException("Failed to create foreign key: there is no primary key for referenced table \"" + refTable + "\"");
            }
        }
        if (refColumns.size() != fk.columns().size()) {
            throw new BinderException("The number of referencing and referenced columns for foreign keys must be the same");
        }
        Set<Integer> wanted = new HashSet<>();
        for (String c : refColumns) {
            int i = indexOf(refNames, c);
            if (i < 0) throw new BinderException("Failed to create foreign key: referenced table \"" + refTable
                    + "\" does not have a column named \"" + c + "\"");
            wanted.add(i);
        }
        boolean keyed = false;
        for (TableConstraint c : refConstraints) {
            List<Integer> cols = c instanceof TableConstraint.PrimaryKey pk ? pk.columns()
                    : c instanceof TableConstraint.Unique u ? u.columns() : null;
            if (cols != null && new HashSet<>(cols).equals(wanted)) keyed = true;
        }
        if (!keyed) {
            throw new BinderException("Failed to create foreign key: referenced table \"" + refTable + "\" does not have a primary key or "
                    + "unique constraint on the columns " + String.join(", ", refColumns));
        }
        return new TableConstraint.ForeignKey(fk.columns(), refSchema, refTable, refColumns);
    }

    private static int indexOf(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) if (names.get(i).equalsIgnoreCase(name)) return i;
        return -1;
    }

    private static boolean hasForeignKeys(TableEntry t) {
        for (TableConstraint c : t.constraints()) if (c instanceof TableConstraint.ForeignKey) return true;
        return false;
    }

    /** Rows about to be written to {@code table} (one vector per column): every non-NULL foreign key must exist. */
    void checkInsert(TableEntry table, List<DataChunk> rows) {
        if (!hasForeignKeys(table)) return;
        for (TableConstraint c : table.constraints()) {
            if (!(c instanceof TableConstraint.ForeignKey fk)) continue;
            TableEntry ref = referenced(table, fk);
            int[] refCols = new int[fk.referencedColumns().size()];
            for (int i = 0; i < refCols.length; i++) refCols[i] = ref.columnIndex(fk.referencedColumns().get(i));
            Set<Object> existing = keys(ref, refCols);
            int[] own = fk.columns().stream().mapToInt(Integer::intValue).toArray();
            // DuckDB checks against the rows that existed before the statement, also for self-references
            for (DataChunk chunk : rows) {
                for (int r = 0; r < chunk.size(); r++) {
                    Object k = key(chunk.columns(), own, r);
                    if (k != null && !existing.contains(k)) {
                        throw new ConstraintException("Violates foreign key constraint because key \"" + describe(fk.referencedColumns(), chunk.columns(), own, r)
                                + "\" does not exist in the referenced table");
                    }
                }
            }
        }
    }

    /** Rows about to be deleted from {@code table} (all columns): none of their keys may still be referenced elsewhere. */
    void checkDelete(TableEntry table, List<DataChunk> rows) {
        for (CatalogEntry e : ctx.catalog().entries(txn, null)) {
            if (!(e instanceof TableEntry other)) continue;
            for (TableConstraint c : other.constraints()) {
                if (!(c instanceof TableConstraint.ForeignKey fk) || !references(fk, table)) continue;
                int[] refCols = new int[fk.referencedColumns().size()];
                for (int i = 0; i < refCols.length; i++) refCols[i] = table.columnIndex(fk.referencedColumns().get(i));
                Set<Object> referencing = keys(other, fk.columns().stream().mapToInt(Integer::intValue).toArray());
                for (DataChunk chunk : rows) {
                    for (int r = 0; r < chunk.size(); r++) {
                        Object k = key(chunk.columns(), refCols, r);
                        if (k != null && referencing.contains(k)) {
                            throw new ConstraintException("Violates foreign key constraint because key \"" + describe(fk.referencedColumns(), chunk.columns(), refCols, r)
                                    + "\" is still referenced by a foreign key in a different table");
                        }
                    }
                }
            }
        }
    }

    /** ALTER of column {@code column}: fails if it is a foreign key column or a key column another table references. */
    void checkAlterColumn(TableEntry table, String column) {
        int idx = table.columnIndex(column);
        if (idx < 0) return;
        boolean involved = false;
        for (TableConstraint c : table.constraints()) {
            if (c instanceof TableConstraint.ForeignKey fk && fk.columns().contains(idx)) involved = true;
        }
        for (CatalogEntry e : ctx.catalog().entries(txn, null)) {
            if (!(e instanceof TableEntry other)) continue;
            for (TableConstraint c : other.constraints()) {
                if (c instanceof TableConstraint.ForeignKey fk && references(fk, table)) {
                    for (String r : fk.referencedColumns()) if (r.equalsIgnoreCase(column)) involved = true;
                }
            }
        }
        if (involved) {
            throw new CatalogException("Cannot alter entry \"" + table.name() + "\" because there are entries that depend on it.");
        }
    }

    /** True when a foreign key (of another table or of the table itself) references {@code table}. */
    boolean isReferenced(TableEntry table) {
        for (CatalogEntry e : ctx.catalog().entries(txn, null)) {
            if (!(e instanceof TableEntry other)) continue;
            for (TableConstraint c : other.constraints()) {
                if (c instanceof TableConstraint.ForeignKey fk && references(fk, table)) return true;
            }
        }
        return false;
    }

    /** DROP TABLE: fails while another table's foreign key references it. */
    void checkDrop(String schema, String name) {
        if (schema != null && !ctx.catalog().schemaExists(txn, schema)) return; // DROP reports it
        CatalogEntry e = ctx.catalog().lookup(txn, EntryKind.TABLE, schema, name);
        if (!(e instanceof TableEntry table)) return;
        TableEntry other = referencingTable(table);
        if (other != null) {
            throw new CatalogException("Could not drop the table because this table is main key table of the table \"" + other.name() + "\"");
        }
    }

    private TableEntry referencingTable(TableEntry table) {
        for (CatalogEntry e : ctx.catalog().entries(txn, null)) {
            if (!(e instanceof TableEntry other)) continue;
            if (other.name().equalsIgnoreCase(table.name()) && other.schema().equalsIgnoreCase(table.schema())) continue;
            for (TableConstraint c : other.constraints()) {
                if (c instanceof TableConstraint.ForeignKey fk && references(fk, table)) return other;
            }
        }
        return null;
    }

    private static boolean references(TableConstraint.ForeignKey fk, TableEntry table) {
        return fk.referencedTable().equalsIgnoreCase(table.name())
                && (fk.referencedSchema() == null || fk.referencedSchema().equalsIgnoreCase(table.schema()));
    }

    private TableEntry referenced(TableEntry table, TableConstraint.ForeignKey fk) {
        CatalogEntry e = ctx.catalog().lookupRelation(txn, fk.referencedSchema(), fk.referencedTable());
        if (!(e instanceof TableEntry t)) {
            throw new CatalogException("Table with name " + fk.referencedTable() + " does not exist!");
        }
        return t;
    }

    /** The non-NULL keys over {@code columns} of the rows of {@code table} visible to this transaction. */
    private Set<Object> keys(TableEntry table, int[] columns) {
        List<Integer> ids = new ArrayList<>();
        int[] positions = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            ids.add(columns[i]);
            positions[i] = i;
        }
        Set<Object> out = new HashSet<>();
        for (DataChunk c : ctx.collect(new LogicalGet(0, table, ids, List.of()), txn)) {
            for (int r = 0; r < c.size(); r++) {
                Object k = key(c.columns(), positions, r);
                if (k != null) out.add(k);
            }
        }
        return out;
    }

    /** A hashable key of the given columns of row {@code r}, or null if one of them is NULL. */
    static Object key(Vector[] cols, int[] key, int r) {
        List<Object> parts = new ArrayList<>(key.length);
        for (int c : key) {
            Vector v = cols[c];
            if (v.isNull(r)) return null;
            Object o = v.getObject(r);
            if (o instanceof byte[] b) o = ByteBuffer.wrap(b);
            if (o instanceof Double d && d == 0d) o = 0d;
            if (o instanceof Float f && f == 0f) o = 0f;
            if (o instanceof Number n && !(o instanceof Double) && !(o instanceof Float) && !(o instanceof java.math.BigDecimal)) {
                o = new java.math.BigInteger(n.toString()); // INTEGER vs BIGINT key columns compare by value
            }
            parts.add(o);
        }
        return parts;
    }

    private static String describe(List<String> names, Vector[] cols, int[] key, int r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < key.length; i++) {
            if (i > 0) sb.append(", ");
            Object o = cols[key[i]].getObject(r);
            sb.append(names.get(i)).append(": ").append(o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : o);
        }
        return sb.toString();
    }
}
