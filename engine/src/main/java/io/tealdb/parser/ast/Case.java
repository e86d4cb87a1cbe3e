package io.tealdb.parser.ast;

import java.util.List;

/**
 * {@code CASE [operand] WHEN .. THEN .. [ELSE ..] END}; operand and elseResult may be null.
 */
public record Case(
        Expr operand,
        List<WhenClause> whens,
        Expr elseResult,
        int pos) implements Expr {}
