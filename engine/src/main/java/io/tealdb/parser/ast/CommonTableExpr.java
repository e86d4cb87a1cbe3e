package io.tealdb.parser.ast;

import java.util.List;

/**
 * One WITH entry; materialized is null unless [NOT] MATERIALIZED was written.
 */
public record CommonTableExpr(
        Identifier name,
        List<Identifier> columns,
        QueryNode query,
        Boolean materialized,
        int pos) implements Node {}
