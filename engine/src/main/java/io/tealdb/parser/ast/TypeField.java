package io.tealdb.parser.ast;

/**
 * A child of a nested type: named for STRUCT/UNION members, unnamed (null) for MAP/LIST type arguments.
 */
public record TypeField(
        Identifier name,
        TypeName type,
        int pos) implements Node {}
