package io.tealdb.parser.ast;

import java.util.List;

/**
 * A WITH [RECURSIVE] clause.
 */
public record With(
        boolean recursive,
        List<CommonTableExpr> ctes,
        int pos) implements Node {}
