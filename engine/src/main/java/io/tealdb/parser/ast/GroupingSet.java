package io.tealdb.parser.ast;

import java.util.List;

/**
 * {@code GROUPING SETS ((a, b), (a), ())}, {@code ROLLUP (a, (b, c))}, {@code CUBE (a, b)}:
 * each inner list is one parenthesized group (a bare expression is a group of one).
 */
public record GroupingSet(
        GroupingKind kind,
        List<List<Expr>> sets,
        int pos) implements GroupingElement {}
