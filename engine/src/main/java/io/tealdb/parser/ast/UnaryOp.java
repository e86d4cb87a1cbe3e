package io.tealdb.parser.ast;

/**
 * A unary operator application.
 */
public record UnaryOp(
        UnaryOperator operator,
        Expr operand,
        int pos) implements Expr {}
