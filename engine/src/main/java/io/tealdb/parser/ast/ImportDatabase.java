package io.tealdb.parser.ast;

/** IMPORT DATABASE 'dir': runs the directory's schema.sql, then its load.sql. */
public record ImportDatabase(Expr path, int pos) implements Statement {
}
