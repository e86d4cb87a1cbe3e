package io.tealdb.parser.ast;

/**
 * A table function in FROM, e.g. {@code range(10)} or {@code read_csv('f', header = true)}.
 */
public record TableFunctionRef(
        FunctionCall call,
        boolean lateral,
        TableAlias alias,
        int pos) implements TableRef {}
