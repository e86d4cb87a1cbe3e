package io.tealdb.parser.ast;

/**
 * Common shape of every AST node: the 0-based character offset of its first token in the SQL
 * text, so that later phases (binder, planner) can point an error caret at the right place.
 */
public interface Node {
    int pos();
}
