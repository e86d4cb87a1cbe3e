package io.tealdb.session;

import io.tealdb.catalog.Catalog;
import io.tealdb.catalog.CatalogEntry;
import io.tealdb.catalog.EntryKind;
import io.tealdb.error.BinderException;
import io.tealdb.error.CatalogException;
import io.tealdb.parser.ast.Identifier;
import io.tealdb.parser.ast.QualifiedName;
import io.tealdb.storage.Transaction;

import java.util.List;

/**
 * Which database and schema a (possibly qualified) name refers to, for one statement, following
 * DuckDB: {@code db.schema.name} names both; in {@code x.name}, {@code x} is a schema of the current
 * database, else a database the session can name (its default schema), and an error when it is
 * both; a bare name is looked up in the session's current database and schema (USE).
 *
 * <p>The session's temp database comes first on DuckDB's search path ({@code temp.main}, then the
 * current database): a bare name, or one qualified by {@code main} only, finds a temporary object
 * before one of the current database ({@link #temporary}).
 *
 * @param current       the session's current database (USE)
 * @param currentSchema the session's current schema in it; null for the database's default schema
 */
record CatalogSearch(SessionDatabases databases, AttachedDatabase current, String currentSchema, Transaction txn) {

    /** A resolved qualifier: the database, and the schema (null: the database's default schema). */
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
            return d == null ? null : new Target(d, schema);
        }
        if (schema == null) return new Target(current, currentSchema);
        AttachedDatabase named = databases.get(schema);
        if (named == null) return new Target(current, schema);
        boolean isSchema = current.catalog().schemaExists(txn, schema);
        if (!isSchema) return new Target(named, null);
        if (named != current) {
            throw new BinderException("Ambiguous reference to catalog or schema \"" + schema
                    + "\" - use a fully qualified path like '" + current.name() + "." + io.tealdb.planner.ExprNames.quote(schema) + "'");
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

    /**
     * The session's temporary object {@code name} of namespace {@code kind} (TABLE covers tables and
     * views) when a name written with {@code database} and {@code schema} qualifiers finds it first on
     * the search path: no database and no schema or {@code main}. Null otherwise, and when the
     * session made no temp database.
     */
    CatalogEntry temporary(String database, String schema, EntryKind kind, String name) {
        if (database != null || schema != null && !schema.equalsIgnoreCase(Catalog.DEFAULT_SCHEMA)) return null;
        AttachedDatabase temp = databases.tempIfMade();
        if (temp == null || temp == current) return null;
        return temp.catalog().lookup(txn, kind, Catalog.DEFAULT_SCHEMA, name);
    }

    /** {@link #temporary(String, String, EntryKind, String)} for a written name. */
    CatalogEntry temporary(QualifiedName name, EntryKind kind) {
        List<Identifier> parts = name.parts();
        if (parts.size() > 2) return null;
        return temporary(null, parts.size() == 2 ? parts.get(0).text() : null, kind, name.last().text());
    }
}
