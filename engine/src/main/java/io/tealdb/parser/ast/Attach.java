package io.tealdb.parser.ast;

import java.util.List;

/**
 * ATTACH [DATABASE] [IF NOT EXISTS] path [AS alias] [(options)].
 */
public record Attach(
        Expr path,
        Identifier alias,
        boolean ifNotExists,
        List<Option> options,
        int pos) implements Statement {}
