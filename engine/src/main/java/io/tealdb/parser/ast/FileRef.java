package io.tealdb.parser.ast;

/**
 * DuckDB's {@code FROM 'file.csv'} replacement scan.
 */
public record FileRef(
        String path,
        TableAlias alias,
        int pos) implements TableRef {}
