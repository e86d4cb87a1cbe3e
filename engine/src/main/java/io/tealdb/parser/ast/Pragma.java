package io.tealdb.parser.ast;

import java.util.List;

/**
 * PRAGMA name, PRAGMA name(args), PRAGMA name = value (assignment true, one arg).
 */
public record Pragma(
        Identifier name,
        List<Expr> args,
        boolean assignment,
        int pos) implements Statement {}
