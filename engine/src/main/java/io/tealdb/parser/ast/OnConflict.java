package io.tealdb.parser.ast;

import java.util.List;

/**
 * ON CONFLICT [(cols)] [WHERE ..] DO NOTHING | DO UPDATE SET .. [WHERE ..].
 */
public record OnConflict(
        List<Identifier> targetColumns,
        Expr targetWhere,
        boolean doNothing,
        List<SetClause> updates,
        Expr where,
        int pos) implements Node {}
