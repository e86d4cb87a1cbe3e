package io.tealdb.catalog;

/**
 * One schema's namespaces: tables and views share one (as in DuckDB, a view cannot take a table's
 * name), sequences, macros and types have their own.
 */
final class Schema {
    final String name;
    final VersionedMap<CatalogEntry> relations = new VersionedMap<>();
    final VersionedMap<CatalogEntry> sequences = new VersionedMap<>();
    final VersionedMap<CatalogEntry> macros = new VersionedMap<>();
    /** Table macros have their own namespace: DuckDB allows a scalar and a table macro of one name. */
    final VersionedMap<CatalogEntry> tableMacros = new VersionedMap<>();
    /** User type aliases (CREATE TYPE). */
    final VersionedMap<CatalogEntry> types = new VersionedMap<>();

    Schema(String name) {
        this.name = name;
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
