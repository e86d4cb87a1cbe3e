package io.tealdb.parser.ast;

import java.util.List;

/**
 * CREATE [UNIQUE] INDEX name ON table (keys).
 */
public record CreateIndex(
        Identifier name,
        QualifiedName table,
        List<Expr> keys,
        boolean unique,
        boolean ifNotExists,
        boolean orReplace,
        int pos) implements Statement {}
