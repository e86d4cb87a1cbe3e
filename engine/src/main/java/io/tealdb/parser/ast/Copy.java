package io.tealdb.parser.ast;

import java.util.List;

/**
 * COPY table [(cols)] FROM|TO file, or COPY (query) TO file; from tells the direction.
 * file is normally a StringLiteral.
 */
public record Copy(
        QualifiedName table,
        List<Identifier> columns,
        QueryNode query,
        boolean from,
        Expr file,
        List<Option> options,
        int pos) implements Statement {}
