package io.tealdb.parser.ast;

/**
 * Scope of SET/RESET; VARIABLE is {@code SET VARIABLE x = e}.
 */
public enum SettingScope {
    DEFAULT, SESSION, GLOBAL, LOCAL, VARIABLE
}
