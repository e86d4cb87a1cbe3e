package io.tealdb.catalog;

/**
 * A sequence: its definition plus its counter ({@link SequenceState}, shared by every version of
 * the entry). Like DuckDB/PostgreSQL, nextval is not transactional: a rolled-back transaction does
 * not give numbers back.
 */
public record SequenceEntry(String schema, String name, SequenceState state) implements CatalogEntry {
    @Override
    public EntryKind kind() {
        return EntryKind.SEQUENCE;
    }
}
