package io.tealdb.parser.ast;

/**
 * Transaction control statements (END = COMMIT, ABORT = ROLLBACK).
 */
public enum TransactionKind {
    BEGIN, COMMIT, ROLLBACK
}
