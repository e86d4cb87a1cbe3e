package io.tealdb.catalog;

/** Something a schema holds under a (case-insensitive) name. */
public sealed interface CatalogEntry permits TableEntry, ViewEntry, SequenceEntry, MacroEntry, TypeEntry {
    String schema();

    String name();

    EntryKind kind();
}
