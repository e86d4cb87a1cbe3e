package io.tealdb.parser.ast;

/**
 * A DESCRIBE / SHOW / SUMMARIZE used as a table: {@code FROM (DESCRIBE SELECT ..)},
 * {@code SELECT column_name FROM (DESCRIBE tbl)}. statement is a {@link Describe} or {@link Show};
 * alias may be null.
 */
public record ShowRef(
        Statement statement,
        TableAlias alias,
        int pos) implements TableRef {}
