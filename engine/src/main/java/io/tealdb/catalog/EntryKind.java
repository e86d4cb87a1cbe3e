package io.tealdb.catalog;

/** Kinds of catalog entries, with the names DuckDB uses in messages ("Table with name ..."). */
public enum EntryKind {
    TABLE("Table"), VIEW("View"), SEQUENCE("Sequence"), MACRO("Macro Function"), TABLE_MACRO("Table Macro Function"), TYPE("Type");

    private final String displayName;

    EntryKind(String displayName) {
        this.displayName = displayName;
    }

    /** As in DuckDB's messages: "Table", "View", "Sequence", "Macro Function", "Table Macro Function", "Type". */
    public String displayName() {
        return displayName;
    }
}
