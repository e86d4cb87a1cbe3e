package io.tealdb.parser.ast;

import java.util.List;

/**
 * DELETE FROM.
 */
public record Delete(
        With with,
        QualifiedName table,
        Identifier alias,
        TableRef using,
        Expr where,
        List<SelectItem> returning,
        int pos) implements Statement {}
