package io.tealdb.parser.ast;

import java.util.List;

/**
 * {@code AS t(a, b)}; columns may be empty.
 */
public record TableAlias(
        Identifier name,
        List<Identifier> columns,
        int pos) implements Node {}
