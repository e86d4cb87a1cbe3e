package io.tealdb.parser.ast;

/**
 * VACUUM [ANALYZE] [table]; also ANALYZE [table].
 */
public record Vacuum(
        boolean analyze,
        QualifiedName table,
        int pos) implements Statement {}
