package io.tealdb.parser.ast;

import java.util.List;

/**
 * EXECUTE name[(args)].
 */
public record Execute(
        Identifier name,
        List<Expr> args,
        int pos) implements Statement {}
