package io.tealdb.parser.ast;

/**
 * [FORCE] CHECKPOINT [database].
 */
public record Checkpoint(
        boolean force,
        Identifier database,
        int pos) implements Statement {}
