package io.tealdb.parser.ast;

/**
 * {@code x op ANY|SOME|ALL (subquery)}; right is a {@link ScalarSubquery} when a query was
 * written, otherwise a list-valued expression ({@code x = ANY([1,2])}).
 */
public record QuantifiedComparison(
        Expr left,
        BinaryOperator operator,
        Quantifier quantifier,
        Expr right,
        int pos) implements Expr {}
