package io.tealdb.parser.ast;

/**
 * BEGIN / COMMIT / ROLLBACK and their synonyms; {@code readOnly} for BEGIN TRANSACTION READ ONLY.
 */
public record Transaction(
        TransactionKind kind,
        boolean readOnly,
        int pos) implements Statement {
    public Transaction(TransactionKind kind, int pos) {
        this(kind, false, pos);
    }
}
