package io.tealdb.session;

import io.tealdb.catalog.Catalog;
import io.tealdb.catalog.CatalogEntry;
import io.tealdb.catalog.ColumnDefinition;
import io.tealdb.catalog.PgTypes;
import io.tealdb.catalog.SequenceEntry;
import io.tealdb.catalog.TableConstraint;
import io.tealdb.catalog.TableEntry;
import io.tealdb.catalog.ViewEntry;
import io.tealdb.planner.BinderCatalog.SystemTable;
import io.tealdb.storage.Transaction;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's {@code pg_catalog} tables with real content from our catalog, so the catalog SQL that
 * psql, pgjdbc, psycopg and SQLAlchemy send composes like any query (joins, CASE, subqueries).
 * Built-in objects keep PostgreSQL's fixed OIDs (pg_catalog 11, pg_class 1259, types as in
 * {@link PgTypes}); user objects get OIDs ≥ 16384 derived from their qualified name, so they are
 * stable across sessions and restarts without being stored.
 */
final class PgCatalogTables {
    static final int PG_CATALOG_NS = 11, PUBLIC_NS = 2200, INFORMATION_SCHEMA_NS = 13_000, OWNER = 10;
    static final int PG_CLASS = 1259, PG_NAMESPACE = 2615, PG_TYPE = 1247, PG_PROC = 1255, PG_ATTRIBUTE = 1249,
            PG_CONSTRAINT = 2606, PG_DATABASE = 1262;
    static final int DATABASE_OID = 16_384;
    static final String OWNER_NAME = "teal";

    private final Catalog catalog;
    /** The session's temp database's catalog (its temporary relations), or null when it has none. */
    private final Catalog temp;
    /** The namespace temporary relations show in: PostgreSQL's {@code pg_temp_N} of this session. */
    private final String tempSchema;
    private final Transaction txn;
    /** The relations of both catalogs (the database's, then the session's temporary ones); made on first use. */
    private List<CatalogEntry> entries;
    /** Which of {@link #entries} are temporary (by identity). */
    private final java.util.Set<CatalogEntry> temporary = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /**
     * The tables over {@code catalog} (the session's current database) and {@code temp} (the
     * session's temp database, null when it made none), whose relations are listed as PostgreSQL
     * lists a session's temporary ones: in the namespace {@code tempSchema} with relpersistence 't'.
     */
    PgCatalogTables(Catalog catalog, Catalog temp, String tempSchema, Transaction txn) {
        this.catalog = catalog;
        this.temp = temp == catalog ? null : temp;
        this.tempSchema = tempSchema;
        this.txn = txn;
    }

    /** True for the names a session's temporary namespace answers to: {@code pg_temp} and {@code pg_temp_N}. */
    boolean isTempSchema(String schema) {
        return schema.equalsIgnoreCase("pg_temp") || schema.equalsIgnoreCase(tempSchema);
    }

    private List<CatalogEntry> entries() {
        if (entries == null) {
            List<CatalogEntry> all = catalog.entries(txn, null);
            List<CatalogEntry> tmp = temp == null ? List.of() : temp.entries(txn, null);
            if (tmp.isEmpty()) {
                entries = all;
            } else {
                entries = new ArrayList<>(all.size() + tmp.size());
                entries.addAll(all);
                entries.addAll(tmp);
                temporary.addAll(tmp);
            }
        }
        return entries;
    }

    /** The namespace an entry shows in: its schema, or the session's temporary namespace. */
    private String schemaOf(CatalogEntry e) {
        entries();
        return temporary.contains(e) ? tempSchema : e.schema();
    }

    /** OID of a user relation, index or constraint: stable, ≥ 16384, from its qualified name. */
    static int objectOid(String schema, String name, String kind) {
        int h = (kind + ":" + schema + "." + name).hashCode();
        return 16_385 + Math.floorMod(h, 2_000_000_000);
    }

    static int namespaceOid(String schema) {
        return switch (schema.toLowerCase(Locale.ROOT)) {
            case "pg_catalog" -> PG_CATALOG_NS;
            case Catalog.DEFAULT_SCHEMA -> PUBLIC_NS;
            case "information_schema" -> INFORMATION_SCHEMA_NS;
            default -> objectOid("", schema, "namespace");
        };
    }

    /** The relation OID of a table, view or sequence by name, or of a pg_catalog table; null if unknown. */
    Integer relationOid(String schema, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if ((schema == null || schema.equalsIgnoreCase("pg_catalog")) && n.startsWith("pg_")) {
            return switch (n) {
                case "pg_class" -> PG_CLASS;
                case "pg_namespace" -> PG_NAMESPACE;
                case "pg_type" -> PG_TYPE;
                case "pg_proc" -> PG_PROC;
                case "pg_attribute" -> PG_ATTRIBUTE;
                case "pg_constraint" -> PG_CONSTRAINT;
                case "pg_database" -> PG_DATABASE;
                default -> objectOid("pg_catalog", n, "relation");
            };
        }
        // PostgreSQL's search path starts with the session's temporary namespace, as DuckDB's with temp.main
        boolean tempNamed = schema != null && isTempSchema(schema);
        if (temp != null && (schema == null || tempNamed)) {
            CatalogEntry e = temp.lookupRelation(txn, Catalog.DEFAULT_SCHEMA, name);
            if (e != null) return objectOid(tempSchema, e.name(), "relation");
        }
        if (tempNamed) return null;
        CatalogEntry e = catalog.lookupRelation(txn, schema, name);
        if (e == null) return null;
        return objectOid(e.schema(), e.name(), "relation");
    }

    // ---------------------------------------------------------------- table builder

    private static final class Builder {
        final List<String> names = new ArrayList<>();
        final List<LogicalType> types = new ArrayList<>();
        final List<List<Value>> rows = new ArrayList<>();

        Builder(String... columns) {
            for (String c : columns) {
                int colon = c.indexOf(':');
                names.add(c.substring(0, colon));
                types.add(switch (c.substring(colon + 1)) {
                    case "int" -> LogicalType.INTEGER;
                    case "oid" -> LogicalType.UINTEGER; // PostgreSQL's oid: asyncpg decodes oid/oid[] without introspection
                    case "long" -> LogicalType.BIGINT;
                    case "bool" -> LogicalType.BOOLEAN;
                    case "real" -> LogicalType.FLOAT;
                    // PostgreSQL's int2vector / int2[] (column numbers), oidvector / oid[] and text[]
                    // columns are lists, so that clients can unnest() them and index into them
                    // (indoption stays int2vector's text "0 0": SQLAlchemy splits it as a string)
                    case "short[]" -> LogicalType.list(LogicalType.SMALLINT);
                    case "int[]" -> LogicalType.list(LogicalType.INTEGER);
                    case "text[]" -> LogicalType.list(LogicalType.VARCHAR);
                    default -> LogicalType.VARCHAR;
                });
            }
        }

        void row(Object... values) {
            List<Value> r = new ArrayList<>(values.length);
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                LogicalType t = types.get(i);
                if (v == null) r.add(Value.nullOf(t));
                else if (t.equals(LogicalType.INTEGER)) r.add(Value.ofInteger(((Number) v).intValue()));
                else if (t.equals(LogicalType.UINTEGER)) r.add(new Value(LogicalType.UINTEGER, ((Number) v).longValue() & 0xffffffffL));
                else if (t.equals(LogicalType.BIGINT)) r.add(Value.ofBigint(((Number) v).longValue()));
                else if (t.equals(LogicalType.BOOLEAN)) r.add(Value.ofBoolean((Boolean) v));
                else if (t.equals(LogicalType.FLOAT)) r.add(new Value(LogicalType.FLOAT, ((Number) v).floatValue()));
                else if (t.id() == io.tealdb.types.TypeId.LIST) r.add(new Value(t, listOf(t.childType(), (List<?>) v)));
                else r.add(Value.ofVarchar(String.valueOf(v)));
            }
            rows.add(r);
        }

        private static List<Object> listOf(LogicalType element, List<?> values) {
            List<Object> out = new ArrayList<>(values.size());
            for (Object o : values) {
                if (o == null) out.add(null);
                else if (element.equals(LogicalType.SMALLINT)) out.add(((Number) o).shortValue());
                else if (element.equals(LogicalType.INTEGER)) out.add(((Number) o).intValue());
                else out.add(String.valueOf(o));
            }
            return out;
        }

        SystemTable build() {
            return new SystemTable(List.copyOf(names), List.copyOf(types), rows);
        }
    }

    // ---------------------------------------------------------------- the tables

    SystemTable table(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "pg_namespace" -> namespaces();
            case "pg_class" -> classes();
            case "pg_attribute" -> attributes();
            case "pg_type" -> types();
            case "pg_attrdef" -> attrdefs();
            case "pg_index" -> indexes();
            case "pg_constraint" -> constraints();
            case "pg_database" -> databases();
            case "pg_description" -> new Builder("objoid:int", "classoid:int", "objsubid:int", "description:text").build();
            case "pg_shdescription" -> new Builder("objoid:int", "classoid:int", "description:text").build();
            case "pg_am" -> {
                Builder b = new Builder("oid:int", "amname:text", "amhandler:text", "amtype:text");
                b.row(2, "heap", "heap_tableam_handler", "t");
                b.row(403, "btree", "bthandler", "i");
                yield b.build();
            }
            case "pg_roles", "pg_authid" -> {
                Builder b = new Builder("oid:int", "rolname:text", "rolsuper:bool", "rolinherit:bool", "rolcreaterole:bool",
                        "rolcreatedb:bool", "rolcanlogin:bool", "rolreplication:bool", "rolconnlimit:int", "rolpassword:text",
                        "rolvaliduntil:text", "rolbypassrls:bool", "rolconfig:text");
                b.row(OWNER, OWNER_NAME, true, true, true, true, true, false, -1, "********", null, true, null);
                yield b.build();
            }
            case "pg_user" -> {
                Builder b = new Builder("usename:text", "usesysid:int", "usecreatedb:bool", "usesuper:bool", "userepl:bool",
                        "usebypassrls:bool", "passwd:text", "valuntil:text", "useconfig:text");
                b.row(OWNER_NAME, OWNER, true, true, false, true, "********", null, null);
                yield b.build();
            }
            case "pg_proc" -> new Builder("oid:int", "proname:text", "pronamespace:int", "proowner:int", "prolang:int",
                    "prokind:text", "prorettype:int", "proargtypes:text", "proargnames:text", "prosrc:text", "proretset:bool").build();
            case "pg_enum" -> new Builder("oid:int", "enumtypid:int", "enumsortorder:real", "enumlabel:text").build();
            case "pg_inherits" -> new Builder("inhrelid:int", "inhparent:int", "inhseqno:int", "inhdetachpending:bool").build();
            case "pg_collation" -> {
                Builder b = new Builder("oid:int", "collname:text", "collnamespace:int", "collowner:int", "collprovider:text",
                        "collisdeterministic:bool", "collencoding:int", "collcollate:text", "collctype:text");
                b.row(100, "default", PG_CATALOG_NS, OWNER, "d", true, -1, null, null);
                b.row(950, "C", PG_CATALOG_NS, OWNER, "c", true, -1, "C", "C");
                yield b.build();
            }
            case "pg_tables" -> {
                Builder b = new Builder("schemaname:text", "tablename:text", "tableowner:text", "tablespace:text",
                        "hasindexes:bool", "hasrules:bool", "hastriggers:bool", "rowsecurity:bool");
                for (CatalogEntry e : entries()) {
                    if (e instanceof TableEntry t) b.row(schemaOf(t), t.name(), OWNER_NAME, null, hasIndex(t), false, false, false);
                }
                yield b.build();
            }
            case "pg_views" -> {
                Builder b = new Builder("schemaname:text", "viewname:text", "viewowner:text", "definition:text");
                for (CatalogEntry e : entries()) {
                    if (e instanceof ViewEntry v) b.row(schemaOf(v), v.name(), OWNER_NAME, v.sql());
                }
                yield b.build();
            }
            case "pg_indexes" -> {
                Builder b = new Builder("schemaname:text", "tablename:text", "indexname:text", "tablespace:text", "indexdef:text");
                for (CatalogEntry e : entries()) {
                    if (!(e instanceof TableEntry t)) continue;
                    for (TableConstraint c : t.constraints()) {
                        if (keyColumns(c) == null) continue;
                        b.row(schemaOf(t), t.name(), SessionCatalog.constraintName(t, c), null, indexDef(t, c));
                    }
                }
                yield b.build();
            }
            case "pg_matviews" -> new Builder("schemaname:text", "matviewname:text", "matviewowner:text", "definition:text").build();
            case "pg_sequence" -> new Builder("seqrelid:int", "seqtypid:int", "seqstart:long", "seqincrement:long", "seqmax:long",
                    "seqmin:long", "seqcache:long", "seqcycle:bool").build();
            case "pg_sequences" -> new Builder("schemaname:text", "sequencename:text", "sequenceowner:text").build();
            case "pg_extension" -> new Builder("oid:int", "extname:text", "extowner:int", "extnamespace:int",
                    "extrelocatable:bool", "extversion:text").build();
            case "pg_trigger" -> new Builder("oid:int", "tgrelid:int", "tgparentid:int", "tgname:text", "tgfoid:int",
                    "tgtype:int", "tgenabled:text", "tgisinternal:bool", "tgconstraint:int").build();
            case "pg_rewrite" -> new Builder("oid:int", "rulename:text", "ev_class:int", "ev_type:text", "ev_enabled:text",
                    "is_instead:bool").build();
            case "pg_depend" -> new Builder("classid:int", "objid:int", "objsubid:int", "refclassid:int", "refobjid:int",
                    "refobjsubid:int", "deptype:text").build();
            case "pg_policy" -> new Builder("oid:int", "polname:text", "polrelid:int", "polcmd:text", "polpermissive:bool",
                    "polroles:int[]", "polqual:text", "polwithcheck:text").build();
            case "pg_statistic_ext" -> new Builder("oid:int", "stxrelid:int", "stxname:text", "stxnamespace:int",
                    "stxowner:int", "stxstattarget:int", "stxkeys:short[]", "stxkind:text[]").build();
            case "pg_publication" -> new Builder("oid:int", "pubname:text", "pubowner:int", "puballtables:bool", "pubinsert:bool",
                    "pubupdate:bool", "pubdelete:bool", "pubtruncate:bool", "pubviaroot:bool").build();
            case "pg_publication_rel" -> new Builder("oid:int", "prpubid:int", "prrelid:int", "prqual:text", "prattrs:short[]").build();
            case "pg_publication_namespace" -> new Builder("oid:int", "pnpubid:int", "pnnspid:int").build();
            case "pg_tablespace" -> {
                Builder b = new Builder("oid:int", "spcname:text", "spcowner:int", "spcacl:text", "spcoptions:text");
                b.row(1663, "pg_default", OWNER, null, null);
                b.row(1664, "pg_global", OWNER, null, null);
                yield b.build();
            }
            case "pg_range" -> new Builder("rngtypid:int", "rngsubtype:int", "rngmultitypid:int").build();
            case "pg_foreign_table" -> new Builder("ftrelid:int", "ftserver:int", "ftoptions:text").build();
            case "pg_partitioned_table" -> new Builder("partrelid:int", "partstrat:text", "partnatts:int").build();
            case "pg_prepared_xacts" -> new Builder("transaction:int", "gid:text", "prepared:text", "owner:text", "database:text").build();
            case "pg_stat_activity" -> new Builder("datid:int", "datname:text", "pid:int", "usesysid:int", "usename:text",
                    "application_name:text", "client_addr:text", "backend_start:text", "state:text", "query:text").build();
            case "pg_event_trigger" -> new Builder("oid:int", "evtname:text", "evtevent:text").build();
            case "pg_opclass" -> new Builder("oid:int", "opcmethod:int", "opcname:text", "opcnamespace:int", "opcdefault:bool").build();
            default -> null;
        };
    }

    private SystemTable namespaces() {
        Builder b = new Builder("oid:int", "nspname:text", "nspowner:int", "nspacl:text");
        b.row(PG_CATALOG_NS, "pg_catalog", OWNER, null);
        b.row(INFORMATION_SCHEMA_NS, "information_schema", OWNER, null);
        for (String s : catalog.schemaNames(txn)) {
            if (s.equalsIgnoreCase("pg_catalog") || s.equalsIgnoreCase("information_schema")) continue;
            b.row(namespaceOid(s), s, OWNER, null);
        }
        // the session's temporary namespace, once it has temporary objects (PostgreSQL makes pg_temp_N on first use)
        if (temp != null) b.row(namespaceOid(tempSchema), tempSchema, OWNER, null);
        return b.build();
    }

    private static boolean hasIndex(TableEntry t) {
        for (TableConstraint c : t.constraints()) if (keyColumns(c) != null) return true;
        return false;
    }

    /** Columns of a constraint that PostgreSQL backs with an index (primary key, unique), else null. */
    private static List<Integer> keyColumns(TableConstraint c) {
        return switch (c) {
            case TableConstraint.PrimaryKey pk -> pk.columns();
            case TableConstraint.Unique u -> u.columns();
            default -> null;
        };
    }

    private SystemTable classes() {
        Builder b = new Builder("oid:int", "relname:text", "relnamespace:int", "reltype:int", "reloftype:int", "relowner:int",
                "relam:int", "relfilenode:int", "reltablespace:int", "relpages:int", "reltuples:real", "relallvisible:int",
                "reltoastrelid:int", "relhasindex:bool", "relisshared:bool", "relpersistence:text", "relkind:text",
                "relnatts:int", "relchecks:int", "relhasrules:bool", "relhastriggers:bool", "relhassubclass:bool",
                "relrowsecurity:bool", "relforcerowsecurity:bool", "relispopulated:bool", "relreplident:text",
                "relispartition:bool", "relrewrite:int", "relfrozenxid:int", "relminmxid:int", "relacl:text",
                "reloptions:text[]", "relpartbound:text");
        // PostgreSQL enforces foreign keys with triggers on both tables, and psql lists a table's
        // foreign keys ("Foreign-key constraints", "Referenced by") only when relhastriggers is set
        java.util.Set<String> inForeignKeys = new java.util.HashSet<>();
        for (CatalogEntry e : entries()) {
            if (!(e instanceof TableEntry t)) continue;
            for (TableConstraint c : t.constraints()) {
                if (c instanceof TableConstraint.ForeignKey fk) {
                    inForeignKeys.add(schemaOf(t) + "." + t.name());
                    inForeignKeys.add((fk.referencedSchema() == null ? schemaOf(t) : fk.referencedSchema()) + "." + fk.referencedTable());
                }
            }
        }
        for (CatalogEntry e : entries()) {
            int ns = namespaceOid(schemaOf(e));
            String persistence = temporary.contains(e) ? "t" : "p";
            int oid = objectOid(schemaOf(e), e.name(), "relation");
            switch (e) {
                case TableEntry t -> {
                    int checks = 0;
                    for (TableConstraint c : t.constraints()) if (c instanceof TableConstraint.Check) checks++;
                    b.row(oid, t.name(), ns, 0, 0, OWNER, 2, oid, 0, 0, -1f, 0, 0, hasIndex(t), false, persistence, "r",
                            t.columns().size(), checks, false, inForeignKeys.contains(schemaOf(t) + "." + t.name()), false, false, false,
                            true, "d", false, 0, 0, 0, null, null, null);
                    for (TableConstraint c : t.constraints()) {
                        List<Integer> cols = keyColumns(c);
                        if (cols == null) continue;
                        String iname = SessionCatalog.constraintName(t, c);
                        int ioid = objectOid(schemaOf(t), iname, "index");
                        b.row(ioid, iname, ns, 0, 0, OWNER, 403, ioid, 0, 0, -1f, 0, 0, false, false, persistence, "i",
                                cols.size(), 0, false, false, false, false, false, true, "n", false, 0, 0, 0, null, null, null);
                    }
                }
                case ViewEntry v -> b.row(oid, v.name(), ns, 0, 0, OWNER, 0, 0, 0, 0, -1f, 0, 0, false, false, persistence, "v",
                        v.columnNames().size(), 0, true, false, false, false, false, true, "n", false, 0, 0, 0, null, null, null);
                case SequenceEntry s -> b.row(oid, s.name(), ns, 0, 0, OWNER, 0, oid, 0, 1, 1f, 0, 0, false, false, persistence, "S",
                        3, 0, false, false, false, false, false, true, "n", false, 0, 0, 0, null, null, null);
                default -> {
                }
            }
        }
        return b.build();
    }

    private SystemTable attributes() {
        Builder b = new Builder("attrelid:int", "attname:text", "atttypid:oid", "attstattarget:int", "attlen:int", "attnum:int",
                "attndims:int", "attcacheoff:int", "atttypmod:int", "attbyval:bool", "attalign:text", "attstorage:text",
                "attcompression:text", "attnotnull:bool", "atthasdef:bool", "atthasmissing:bool", "attidentity:text",
                "attgenerated:text", "attisdropped:bool", "attislocal:bool", "attinhcount:int", "attcollation:int",
                "attacl:text", "attoptions:text", "attfdwoptions:text", "attmissingval:text");
        for (CatalogEntry e : entries()) {
            int rel = objectOid(schemaOf(e), e.name(), "relation");
            if (e instanceof TableEntry t) {
                for (int i = 0; i < t.columns().size(); i++) {
                    ColumnDefinition c = t.columns().get(i);
                    boolean notNull = c.notNull() || SessionCatalog.isKeyColumn(t, i, true);
                    attribute(b, rel, c.name(), c.type(), i + 1, notNull, c.defaultSql() != null, c.generatedSql() != null);
                }
                for (TableConstraint c : t.constraints()) {
                    List<Integer> cols = keyColumns(c);
                    if (cols == null) continue;
                    int ioid = objectOid(schemaOf(t), SessionCatalog.constraintName(t, c), "index");
                    for (int k = 0; k < cols.size(); k++) {
                        ColumnDefinition col = t.columns().get(cols.get(k));
                        attribute(b, ioid, col.name(), col.type(), k + 1, false, false, false);
                    }
                }
            } else if (e instanceof ViewEntry v) {
                for (int i = 0; i < v.columnNames().size(); i++) {
                    String n = i < v.aliases().size() ? v.aliases().get(i) : v.columnNames().get(i);
                    attribute(b, rel, n, v.columnTypes().get(i), i + 1, false, false, false);
                }
            }
        }
        return b.build();
    }

    private static void attribute(Builder b, int rel, String name, LogicalType type, int num, boolean notNull, boolean hasDefault,
                                  boolean generated) {
        int oid = PgTypes.oidOf(type);
        PgTypes.PgType t = PgTypes.byOid(oid);
        int collation = t != null && t.category() == 'S' ? 100 : 0;
        b.row(rel, name, oid, -1, t == null ? -1 : t.len(), num, 0, -1, PgTypes.typmodOf(type), t != null && t.len() > 0 && t.len() <= 8,
                "i", "p", "", notNull, hasDefault, false, "", generated ? "s" : "", false, true, 0, collation, null, null, null, null);
    }

    private SystemTable types() {
        Builder b = new Builder("oid:int", "typname:text", "typnamespace:int", "typowner:int", "typlen:int", "typbyval:bool",
                "typtype:text", "typcategory:text", "typispreferred:bool", "typisdefined:bool", "typdelim:text", "typrelid:int",
                "typsubscript:text", "typelem:int", "typarray:int", "typinput:text", "typoutput:text", "typreceive:text",
                "typsend:text", "typmodin:text", "typmodout:text", "typanalyze:text", "typalign:text", "typstorage:text",
                "typnotnull:bool", "typbasetype:int", "typtypmod:int", "typndims:int", "typcollation:int", "typdefaultbin:text",
                "typdefault:text", "typacl:text");
        for (PgTypes.PgType t : PgTypes.ALL) {
            String base = t.isArray() ? "array" : t.name();
            b.row(t.oid(), t.name(), PG_CATALOG_NS, OWNER, t.len(), t.len() > 0 && t.len() <= 8, t.oid() == 2249 ? "p" : "b",
                    String.valueOf(t.category()), false, true, ",", 0, t.isArray() ? "array_subscript_handler" : "-", t.elem(),
                    t.array(), base + "_in", base + "_out", base + "_recv", base + "_send", "-", "-", "-",
                    t.len() == 8 ? "d" : t.len() == 2 ? "s" : t.len() == 1 ? "c" : "i", t.len() > 0 ? "p" : "x", false, 0, -1,
                    0, t.category() == 'S' ? 100 : 0, null, null, null);
        }
        return b.build();
    }

    private SystemTable attrdefs() {
        Builder b = new Builder("oid:int", "adrelid:int", "adnum:int", "adbin:text");
        for (CatalogEntry e : entries()) {
            if (!(e instanceof TableEntry t)) continue;
            int rel = objectOid(schemaOf(t), t.name(), "relation");
            for (int i = 0; i < t.columns().size(); i++) {
                ColumnDefinition c = t.columns().get(i);
                String def = c.defaultSql() != null ? c.defaultSql() : c.generatedSql();
                if (def != null) b.row(objectOid(schemaOf(t), t.name() + "." + c.name(), "default"), rel, i + 1, def);
            }
        }
        return b.build();
    }

    private SystemTable indexes() {
        Builder b = new Builder("indexrelid:int", "indrelid:int", "indnatts:int", "indnkeyatts:int", "indisunique:bool",
                "indnullsnotdistinct:bool", "indisprimary:bool", "indisexclusion:bool", "indimmediate:bool",
                "indisclustered:bool", "indisvalid:bool", "indcheckxmin:bool", "indisready:bool", "indislive:bool",
                "indisreplident:bool", "indkey:short[]", "indcollation:int[]", "indclass:int[]", "indoption:text",
                "indexprs:text", "indpred:text");
        for (CatalogEntry e : entries()) {
            if (!(e instanceof TableEntry t)) continue;
            int rel = objectOid(schemaOf(t), t.name(), "relation");
            for (TableConstraint c : t.constraints()) {
                List<Integer> cols = keyColumns(c);
                if (cols == null) continue;
                int ioid = objectOid(schemaOf(t), SessionCatalog.constraintName(t, c), "index");
                List<Integer> zeros = java.util.Collections.nCopies(cols.size(), 0);
                b.row(ioid, rel, cols.size(), cols.size(), true, false, c instanceof TableConstraint.PrimaryKey, false, true, false,
                        true, false, true, true, false, oneBased(cols), zeros, zeros, String.join(" ", java.util.Collections.nCopies(cols.size(), "0")), null, null);
            }
        }
        return b.build();
    }

    private SystemTable constraints() {
        Builder b = new Builder("oid:int", "conname:text", "connamespace:int", "contype:text", "condeferrable:bool",
                "condeferred:bool", "convalidated:bool", "conrelid:int", "contypid:int", "conindid:int", "conparentid:int",
                "confrelid:int", "confupdtype:text", "confdeltype:text", "confmatchtype:text", "conislocal:bool",
                "coninhcount:int", "connoinherit:bool", "conkey:short[]", "confkey:short[]", "conbin:text", "consrc:text");
        for (CatalogEntry e : entries()) {
            if (!(e instanceof TableEntry t)) continue;
            int rel = objectOid(schemaOf(t), t.name(), "relation");
            for (TableConstraint c : t.constraints()) {
                String name = SessionCatalog.constraintName(t, c);
                int oid = objectOid(schemaOf(t), name, "constraint");
                int ns = namespaceOid(schemaOf(t));
                switch (c) {
                    case TableConstraint.PrimaryKey pk -> b.row(oid, name, ns, "p", false, false, true, rel, 0,
                            objectOid(schemaOf(t), name, "index"), 0, 0, " ", " ", " ", true, 0, true, oneBased(pk.columns()), null, null, null);
                    case TableConstraint.Unique u -> b.row(oid, name, ns, "u", false, false, true, rel, 0,
                            objectOid(schemaOf(t), name, "index"), 0, 0, " ", " ", " ", true, 0, true, oneBased(u.columns()), null, null, null);
                    case TableConstraint.Check ck -> b.row(oid, name, ns, "c", false, false, true, rel, 0, 0, 0, 0, " ", " ", " ",
                            true, 0, false, null, null, ck.sql(), ck.sql());
                    case TableConstraint.ForeignKey fk -> {
                        int ref = objectOid(fk.referencedSchema() == null ? schemaOf(t) : fk.referencedSchema(), fk.referencedTable(), "relation");
                        TableEntry target = referenced(t, fk);
                        List<Integer> refCols = new ArrayList<>();
                        if (target != null) for (String rc : fk.referencedColumns()) refCols.add(target.columnIndex(rc));
                        b.row(oid, name, ns, "f", false, false, true, rel, 0, 0, 0, ref, "a", "a", "s", true, 0, true,
                                oneBased(fk.columns()), target == null ? null : oneBased(refCols), null, null);
                    }
                }
            }
        }
        return b.build();
    }

    private TableEntry referenced(TableEntry t, TableConstraint.ForeignKey fk) {
        boolean inTemp = temporary.contains(t) && fk.referencedSchema() == null;
        CatalogEntry e = (inTemp ? temp : catalog).lookupRelation(txn, fk.referencedSchema() == null ? (inTemp ? Catalog.DEFAULT_SCHEMA : t.schema())
                : fk.referencedSchema(), fk.referencedTable());
        return e instanceof TableEntry te ? te : null;
    }

    /** PostgreSQL's 1-based column numbers (conkey, indkey) of 0-based column indexes. */
    private static List<Integer> oneBased(List<Integer> zeroBased) {
        List<Integer> out = new ArrayList<>(zeroBased.size());
        for (int c : zeroBased) out.add(c + 1);
        return out;
    }

    private SystemTable databases() {
        Builder b = new Builder("oid:int", "datname:text", "datdba:int", "encoding:int", "datlocprovider:text",
                "datistemplate:bool", "datallowconn:bool", "datconnlimit:int", "datfrozenxid:int", "datminmxid:int",
                "dattablespace:int", "datcollate:text", "datctype:text", "daticulocale:text", "datcollversion:text", "datacl:text");
        b.row(DATABASE_OID, SessionCatalog.CATALOG_NAME, OWNER, 6, "c", false, true, -1, 0, 1, 1663, "C.UTF-8", "C.UTF-8", null, null, null);
        return b.build();
    }


    /** {@code CREATE UNIQUE INDEX name ON schema.table USING btree (cols)} as pg_get_indexdef prints it. */
    private String indexDef(TableEntry t, TableConstraint c) {
        StringBuilder sb = new StringBuilder("CREATE UNIQUE INDEX ").append(SessionCatalog.constraintName(t, c)).append(" ON ")
                .append(schemaOf(t)).append('.').append(t.name()).append(" USING btree (");
        List<Integer> cols = keyColumns(c);
        for (int i = 0; i < cols.size(); i++) sb.append(i == 0 ? "" : ", ").append(t.columns().get(cols.get(i)).name());
        return sb.append(')').toString();
    }

    /** A possibly qualified, possibly quoted name: {@code public."My T"} → [public, My T]; unquoted parts lower-cased. */
    static List<String> splitName(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < name.length() && name.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else quoted = !quoted;
            } else if (ch == '.' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else cur.append(quoted ? ch : Character.toLowerCase(ch));
        }
        parts.add(cur.toString().strip());
        return parts;
    }

    /** pg_get_constraintdef / pg_get_indexdef texts by OID. */
    java.util.Map<Integer, String> definitions(String kind) {
        java.util.Map<Integer, String> out = new java.util.HashMap<>();
        for (CatalogEntry e : entries()) {
            if (!(e instanceof TableEntry t)) continue;
            for (TableConstraint c : t.constraints()) {
                String name = SessionCatalog.constraintName(t, c);
                if (kind.equals("index")) {
                    if (keyColumns(c) != null) out.put(objectOid(schemaOf(t), name, "index"), indexDef(t, c));
                    continue;
                }
                String def = switch (c) {
                    case TableConstraint.PrimaryKey pk -> "PRIMARY KEY (" + columnList(t, pk.columns()) + ")";
                    case TableConstraint.Unique u -> "UNIQUE (" + columnList(t, u.columns()) + ")";
                    case TableConstraint.Check ck -> "CHECK (" + ck.sql() + ")";
                    case TableConstraint.ForeignKey fk -> "FOREIGN KEY (" + columnList(t, fk.columns()) + ") REFERENCES "
                            + (fk.referencedSchema() == null || fk.referencedSchema().equals(schemaOf(t)) ? "" : fk.referencedSchema() + ".")
                            + fk.referencedTable() + "(" + String.join(", ", fk.referencedColumns()) + ")";
                };
                out.put(objectOid(schemaOf(t), name, "constraint"), def);
            }
        }
        return out;
    }

    private static String columnList(TableEntry t, List<Integer> cols) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cols.size(); i++) sb.append(i == 0 ? "" : ", ").append(t.columns().get(cols.get(i)).name());
        return sb.toString();
    }
}
