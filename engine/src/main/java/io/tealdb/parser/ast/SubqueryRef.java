package io.tealdb.parser.ast;

/**
 * A derived table {@code (SELECT ..) AS t}, also a VALUES list.
 */
public record SubqueryRef(
        QueryNode query,
        boolean lateral,
        TableAlias alias,
        int pos) implements TableRef {}
