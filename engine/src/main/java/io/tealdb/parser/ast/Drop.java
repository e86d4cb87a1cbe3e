package io.tealdb.parser.ast;

import java.util.List;

/**
 * DROP kind [IF EXISTS] names [CASCADE|RESTRICT].
 */
public record Drop(
        ObjectKind kind,
        List<QualifiedName> names,
        boolean ifExists,
        boolean cascade,
        int pos) implements Statement {}
