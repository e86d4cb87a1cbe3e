package io.tealdb.parser.ast;

import java.util.List;

/**
 * A dotted name such as {@code catalog.schema.table}; never empty.
 */
public record QualifiedName(
        List<Identifier> parts,
        int pos) implements Node {
    public QualifiedName {
        parts = List.copyOf(parts);
    }

    /** The last part: the object's own name. */
    public Identifier last() {
        return parts.get(parts.size() - 1);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) sb.append('.');
            sb.append(parts.get(i));
        }
        return sb.toString();
    }
}
