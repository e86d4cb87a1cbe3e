package io.tealdb.parser.ast;

/**
 * LOAD ext / INSTALL ext (accepted, probably a no-op).
 */
public record Load(
        String extension,
        boolean install,
        int pos) implements Statement {}
