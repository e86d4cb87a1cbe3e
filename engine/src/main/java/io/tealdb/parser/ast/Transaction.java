package io.tealdb.parser.ast;

/**
 * BEGIN / COMMIT / ROLLBACK and their synonyms.
 */
public record Transaction(
        TransactionKind kind,
        int pos) implements Statement {}
