package io.tealdb.catalog;

/**
 * One schema's namespaces: tables and views share one (as in DuckDB, a view cannot take a table's
 * name), sequences, macros and types have their own.
 */
final class Schema {
    final String name;
    final VersionedMap<CatalogEntry> relations;
    final VersionedMap<CatalogEntry> sequences;
    final VersionedMap<CatalogEntry> macros;
    /** Table macros have their own namespace: DuckDB allows a scalar and a table macro of one name. */
    final VersionedMap<CatalogEntry> tableMacros;
    /** User type aliases (CREATE TYPE). */
    final VersionedMap<CatalogEntry> types;

    /** {@code owner}: the transactions of the database the schema belongs to. */
    Schema(String name, io.tealdb.storage.TransactionManager owner) {
        this.name = name;
        relations = new VersionedMap<>(owner);
        sequences = new VersionedMap<>(owner);
        macros = new VersionedMap<>(owner);
        tableMacros = new VersionedMap<>(owner);
        types = new VersionedMap<>(owner);
    }

    VersionedMap<CatalogEntry> namespace(EntryKind kind) {
        return switch (kind) {
            case TABLE, VIEW -> relations;
            case SEQUENCE -> sequences;
            case MACRO -> macros;
            case TABLE_MACRO -> tableMacros;
            case TYPE -> types;
        };
    }
}
