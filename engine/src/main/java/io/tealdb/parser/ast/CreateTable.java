package io.tealdb.parser.ast;

import java.util.List;

/**
 * CREATE TABLE with a column list, or {@code CREATE TABLE .. AS query} (asQuery set, columns optional).
 */
public record CreateTable(
        QualifiedName name,
        boolean orReplace,
        boolean temporary,
        boolean ifNotExists,
        List<ColumnDef> columns,
        List<TableConstraint> constraints,
        QueryNode asQuery,
        int pos) implements Statement {}
