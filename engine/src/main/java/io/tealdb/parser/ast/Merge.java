package io.tealdb.parser.ast;

import java.util.List;

/**
 * {@code MERGE INTO target [AS alias] USING source ON cond | USING (cols) WHEN .. THEN ..
 * [RETURNING ..]}. on is null when joining USING the listed columns.
 */
public record Merge(
        With with,
        QualifiedName table,
        Identifier alias,
        TableRef source,
        Expr on,
        List<Identifier> using,
        List<MergeAction> actions,
        List<SelectItem> returning,
        int pos) implements Statement {}
