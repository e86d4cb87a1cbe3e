package io.tealdb.parser.ast;

/**
 * A named argument {@code name := value}, {@code name => value}, or {@code name = value}
 * inside a table function call; only valid as a function/table-function argument.
 */
public record NamedArgument(
        Identifier name,
        Expr value,
        int pos) implements Expr {}
