package io.tealdb.parser.ast;

/**
 * SET [scope] name = value | TO value. Bare-word values become StringLiterals.
 */
public record SetVariable(
        SettingScope scope,
        QualifiedName name,
        Expr value,
        int pos) implements Statement {}
