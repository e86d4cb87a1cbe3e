package io.tealdb.parser.ast;

import java.util.List;

/**
 * A table-level constraint; name is the optional CONSTRAINT name, check/references set per kind.
 */
public record TableConstraint(
        Identifier name,
        TableConstraintKind kind,
        List<Identifier> columns,
        Expr check,
        ForeignKeyRef references,
        int pos) implements Node {}
