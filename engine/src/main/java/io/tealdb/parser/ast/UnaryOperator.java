package io.tealdb.parser.ast;

/**
 * Prefix (and postfix factorial {@code !}) operators.
 */
public enum UnaryOperator {
    NEGATE, PLUS, BIT_NOT, NOT, FACTORIAL
}
