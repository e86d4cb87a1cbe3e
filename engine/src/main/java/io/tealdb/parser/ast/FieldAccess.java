package io.tealdb.parser.ast;

/**
 * Struct field access on a non-name expression, e.g. {@code (s).a} or {@code x[1].a};
 * {@code s.a} on a plain name stays a {@link ColumnRef}.
 */
public record FieldAccess(
        Expr base,
        Identifier field,
        int pos) implements Expr {}
