package io.tealdb.parser.ast;

/**
 * INSERT OR REPLACE / OR IGNORE shorthand.
 */
public enum ConflictAction {
    NONE, REPLACE, IGNORE
}
