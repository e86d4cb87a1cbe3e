package io.tealdb.parser.ast;

/**
 * ANY (= SOME) or ALL of a {@link QuantifiedComparison}.
 */
public enum Quantifier {
    ANY, ALL
}
