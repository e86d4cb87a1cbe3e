package io.tealdb.parser.ast;

/**
 * DESCRIBE/SUMMARIZE of a table (table set) or of a query (query set).
 */
public record Describe(
        DescribeKind kind,
        QualifiedName table,
        QueryNode query,
        int pos) implements Statement {}
