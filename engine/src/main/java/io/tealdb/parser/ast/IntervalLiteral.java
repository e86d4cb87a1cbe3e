package io.tealdb.parser.ast;

/**
 * {@code INTERVAL '1 day'} (unit null), {@code INTERVAL 1 DAY}, {@code INTERVAL (expr) DAY},
 * {@code INTERVAL '1-2' YEAR TO MONTH} (toUnit set). Units are upper-cased and singular
 * (DAYS becomes DAY).
 */
public record IntervalLiteral(
        Expr value,
        String unit,
        String toUnit,
        int pos) implements Expr {}
