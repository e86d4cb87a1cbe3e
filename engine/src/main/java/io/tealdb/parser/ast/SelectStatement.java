package io.tealdb.parser.ast;

/**
 * A query statement (SELECT, VALUES, set operations, FROM-first).
 */
public record SelectStatement(
        QueryNode query,
        int pos) implements Statement {}
