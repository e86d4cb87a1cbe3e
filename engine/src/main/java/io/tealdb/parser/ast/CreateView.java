package io.tealdb.parser.ast;

import java.util.List;

/**
 * CREATE VIEW.
 */
public record CreateView(
        QualifiedName name,
        boolean orReplace,
        boolean temporary,
        boolean ifNotExists,
        List<Identifier> columns,
        QueryNode query,
        int pos) implements Statement {}
