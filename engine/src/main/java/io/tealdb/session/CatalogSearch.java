package io.tealdb.session;

import io.tealdb.catalog.Catalog;
import io.tealdb.error.BinderException;
import io.tealdb.error.CatalogException;
import io.tealdb.parser.ast.Identifier;
import io.tealdb.parser.ast.QualifiedName;
import io.tealdb.storage.Transaction;

import java.util.List;

/**
 * Which attached database and schema a (possibly qualified) name refers to, for one statement,
 * following DuckDB: {@code db.schema.name} names both; in {@code x.name}, {@code x} is a schema of
 * the current database, else an attached database (its default schema), and an error when it is
 * both; a bare name is looked up in the session's current database and schema (USE).
 *
 * @param current       the session's current database (USE)
 * @param currentSchema the session's current schema in it; null for the database's search path (temp, main)
 */
record CatalogSearch(DatabaseManager databases, AttachedDatabase current, String currentSchema, Transaction txn) {

    /** The name DuckDB gives the catalog of temporary objects ({@code temp.main.t}); a reserved database name. */
    static final String TEMP_CATALOG = "temp";

    /** A resolved qualifier: the database, and the schema (null: the database's search path). */
    record Target(AttachedDatabase database, String schema) {
        Catalog catalog() {
            return database.catalog();
        }
    }

    /**
     * Resolves the qualifiers of a name: {@code database} (null when the name has fewer than three
     * parts) and {@code schema} (null for a bare name). Returns null when {@code database} is not attached.
     */
    Target resolve(String database, String schema) {
        if (database != null) {
            AttachedDatabase d = databases.get(database);
            if (d == null && database.equalsIgnoreCase(TEMP_CATALOG) && (schema == null || schema.equalsIgnoreCase(Catalog.DEFAULT_SCHEMA))) {
                // DuckDB's temp catalog: temporary objects live in the temp schema of the session's database
                return new Target(current, Catalog.TEMP_SCHEMA);
            }
            return d == null ? null : new Target(d, schema);
        }
        if (schema == null) return new Target(current, currentSchema);
        AttachedDatabase named = databases.get(schema);
        if (named == null) return new Target(current, schema);
        boolean isSchema = current.catalog().schemaExists(txn, schema);
        if (!isSchema) return new Target(named, null);
        if (named != current) {
            throw new BinderException("Ambiguous reference to catalog or schema \"" + schema
                    + "\" - use a fully qualified path like '" + current.name() + "." + schema + "'");
        }
        return new Target(current, schema);
    }

    /** The target of an object name in DDL/DML ({@code [db.][schema.]name}); a CatalogException when the database is not attached. */
    Target target(QualifiedName name) {
        List<Identifier> parts = name.parts();
        String database = parts.size() >= 3 ? parts.get(parts.size() - 3).text() : null;
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2).text() : null;
        Target t = resolve(database, schema);
        if (t == null) throw new CatalogException("Catalog with name " + database + " does not exist!", name.pos());
        return t;
    }
}
