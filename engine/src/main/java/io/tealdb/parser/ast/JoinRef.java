package io.tealdb.parser.ast;

import java.util.List;

/**
 * A join. At most one of on / using (non-empty) is set; natural joins have neither.
 * lateral marks that the right side was written LATERAL (or is a comma-joined table function
 * that may reference the left side).
 */
public record JoinRef(
        JoinKind kind,
        boolean natural,
        boolean asof,
        TableRef left,
        TableRef right,
        Expr on,
        List<Identifier> using,
        boolean lateral,
        int pos) implements TableRef {}
