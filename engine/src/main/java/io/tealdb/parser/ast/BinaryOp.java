package io.tealdb.parser.ast;

/**
 * An infix operator application.
 */
public record BinaryOp(
        BinaryOperator operator,
        Expr left,
        Expr right,
        int pos) implements Expr {}
