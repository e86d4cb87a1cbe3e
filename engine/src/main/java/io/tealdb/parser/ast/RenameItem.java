package io.tealdb.parser.ast;

/**
 * One {@code column AS newName} entry of {@code * RENAME (..)}.
 */
public record RenameItem(
        Identifier column,
        Identifier newName,
        int pos) implements Node {}
