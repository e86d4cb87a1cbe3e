package io.tealdb.parser.ast;

import java.util.List;

/**
 * A possibly qualified column name ({@code a}, {@code t.a}, {@code s.t.a}, or struct field
 * access {@code col.field}); the binder decides which prefix names a table.
 */
public record ColumnRef(
        List<Identifier> parts,
        int pos) implements Expr {
    public ColumnRef {
        parts = List.copyOf(parts);
    }

    public Identifier last() {
        return parts.get(parts.size() - 1);
    }
}
