package io.tealdb.parser.ast;

/**
 * CALL f(args).
 */
public record Call(
        FunctionCall call,
        int pos) implements Statement {}
