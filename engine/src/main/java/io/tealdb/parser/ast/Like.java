package io.tealdb.parser.ast;

/**
 * {@code x [NOT] LIKE|ILIKE|GLOB|SIMILAR TO pattern [ESCAPE e]}, also {@code ~~ !~~ ~~* !~~*}.
 * escape is null when absent.
 */
public record Like(
        LikeKind kind,
        Expr value,
        Expr pattern,
        Expr escape,
        boolean negated,
        int pos) implements Expr {}
