package io.tealdb.parser.ast;

import java.util.List;

/**
 * INSERT; source is null for DEFAULT VALUES, returning is empty when absent.
 */
public record Insert(
        With with,
        QualifiedName table,
        Identifier alias,
        ConflictAction orAction,
        boolean byName,
        List<Identifier> columns,
        QueryNode source,
        OnConflict onConflict,
        List<SelectItem> returning,
        int pos) implements Statement {}
