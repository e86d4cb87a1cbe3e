package io.tealdb.parser.ast;

/**
 * DETACH [DATABASE] [IF EXISTS] name.
 */
public record Detach(
        Identifier name,
        boolean ifExists,
        int pos) implements Statement {}
