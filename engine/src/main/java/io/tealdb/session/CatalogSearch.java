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
 * <p>SET search_path = 'a,b' makes {@code a} current and searches {@code b} after it ({@code rest});
 * the current database's main schema is always searched last, as in DuckDB ({@link #path}).
 *
 * @param current       the session's current database (USE)
 * @param currentSchema the session's current schema in it; null for the database's default schema
 * @param rest          the search path after the current schema (SET search_path), in order
 */
record CatalogSearch(SessionDatabases databases, AttachedDatabase current, String currentSchema, List<Target> rest, Transaction txn) {

    /** The search of a view's or a statement's own database and schema, nothing else on its path. */
    CatalogSearch(SessionDatabases databases, AttachedDatabase current, String currentSchema, Transaction txn) {
        this(databases, current, currentSchema, List.of(), txn);
    }

    /**
     * Where an unqualified name is looked up, in order: the current schema, the rest of the search
     * path, then the current database's main schema (each Target's schema null for main).
     */
    List<Target> path() {
        if (currentSchema == null && rest.isEmpty()) return List.of(new Target(current, null));
        List<Target> out = new java.util.ArrayList<>(rest.size() + 2);
        out.add(new Target(current, currentSchema));
        out.addAll(rest);
        if (currentSchema != null) out.add(new Target(current, null));
        return out;
    }

    /**
     * The entries of a search path setting ({@code a, "My Schema", db.s}): comma-separated, each a
     * dotted name of one or two parts whose parts may be double-quoted; blanks around parts are
     * dropped. {@code single}: exactly one entry (SET schema), a ParserException otherwise.
     */
    static List<List<String>> parsePath(String text, boolean single) {
        List<List<String>> entries = new java.util.ArrayList<>();
        List<String> entry = new java.util.ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false, wasQuoted = false;
        for (int i = 0; i <= text.length(); i++) {
            char ch = i < text.length() ? text.charAt(i) : ',';
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    part.append(ch);
                }
            } else if (ch == '"') {
                quoted = wasQuoted = true;
            } else if (ch == '.' || ch == ',') {
                String p = wasQuoted ? part.toString() : part.toString().strip();
                if (!p.isEmpty() || wasQuoted) entry.add(p);
                part.setLength(0);
                wasQuoted = false;
                if (ch == ',') {
                    if (entry.size() > 2) throw new io.tealdb.parser.ParserException("Failed to convert entry \"" + text.strip()
                            + "\" to CatalogSearchEntry - too many dots", -1);
                    if (!entry.isEmpty()) entries.add(List.copyOf(entry));
                    entry.clear();
                }
            } else if (!Character.isWhitespace(ch) || !wasQuoted && !part.isEmpty()) {
                part.append(ch);
            }
        }
        if (quoted) throw new io.tealdb.parser.ParserException("Unterminated quote in search path \"" + text + "\"", -1);
        if (single && entries.size() != 1) {
            throw new io.tealdb.parser.ParserException("Failed to convert entry \"" + text + "\" to CatalogSearchEntry - expected a single entry", -1);
        }
        return entries;
    }

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
        if (named == null) return new Target(databaseOf(schema), schema);
        boolean isSchema = current.catalog().schemaExists(txn, schema);
        if (!isSchema) return new Target(named, null);
        if (named != current) {
            throw new BinderException("Ambiguous reference to catalog or schema \"" + schema
                    + "\" - use a fully qualified path like '" + current.name() + "." + io.tealdb.planner.ExprNames.quote(schema) + "'");
        }
        return new Target(current, schema);
    }

    /**
     * The database a schema qualifier without a database refers to (DuckDB's default catalog for a
     * schema): that of the first search path entry naming the schema ({@code main} for an entry
     * without one), else the current database. With {@code SET search_path = 'db2.s, memory.main'},
     * {@code main.t} is memory's and {@code s.t} is db2's.
     */
    private AttachedDatabase databaseOf(String schema) {
        if (rest.isEmpty()) return current;
        for (Target t : path()) {
            if (schemaName(t).equalsIgnoreCase(schema)) return t.database();
        }
        return current;
    }

    private static String schemaName(Target t) {
        return t.schema() == null ? Catalog.DEFAULT_SCHEMA : t.schema();
    }

    /**
     * Resolves the qualifiers of an existing object's name as {@link #resolve}, except that a schema
     * qualifier without a database that several search path entries name is looked up in each of
     * their databases in path order, and the first that {@code has} the object wins (DuckDB searches
     * every catalog on the path holding the schema; a CREATE takes the first, {@link #resolve}).
     * Returns null when {@code database} is not attached.
     */
    Target resolveExisting(String database, String schema, java.util.function.Predicate<Target> has) {
        Target first = resolve(database, schema);
        if (database != null || schema == null || rest.isEmpty() || first == null || first.schema() == null) return first;
        for (Target t : path()) {
            if (!schemaName(t).equalsIgnoreCase(schema)) continue;
            Target candidate = new Target(t.database(), schema);
            if (candidate.catalog().schemaExists(txn, schema) && has.test(candidate)) return candidate;
        }
        return first;
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
