package io.tealdb.parser.ast;

import java.util.List;

/**
 * CREATE MACRO/FUNCTION: a scalar macro has body set, a table macro ({@code AS TABLE query}) tableBody.
 */
public record CreateMacro(
        QualifiedName name,
        boolean orReplace,
        boolean temporary,
        boolean ifNotExists,
        List<MacroParam> params,
        Expr body,
        QueryNode tableBody,
        int pos) implements Statement {}
