package io.tealdb.parser.ast;

/**
 * RESET [scope] name | RESET VARIABLE name.
 */
public record ResetVariable(
        SettingScope scope,
        QualifiedName name,
        int pos) implements Statement {}
