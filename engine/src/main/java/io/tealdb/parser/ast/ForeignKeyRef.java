package io.tealdb.parser.ast;

import java.util.List;

/**
 * {@code REFERENCES t (c, ..)}; columns may be empty.
 */
public record ForeignKeyRef(
        QualifiedName table,
        List<Identifier> columns,
        int pos) implements Node {}
