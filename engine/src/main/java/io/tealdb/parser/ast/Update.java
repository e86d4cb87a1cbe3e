package io.tealdb.parser.ast;

import java.util.List;

/**
 * UPDATE.
 */
public record Update(
        With with,
        QualifiedName table,
        Identifier alias,
        List<SetClause> sets,
        TableRef from,
        Expr where,
        List<SelectItem> returning,
        int pos) implements Statement {}
