package io.tealdb.parser.ast;

import java.util.List;

/**
 * An OVER clause or WINDOW definition. {@code OVER w} has only baseWindow set;
 * {@code OVER (w ORDER BY x)} refines w. frame is null when not written.
 */
public record WindowSpec(
        Identifier baseWindow,
        List<Expr> partitionBy,
        List<OrderItem> orderBy,
        WindowFrame frame,
        int pos) implements Node {}
