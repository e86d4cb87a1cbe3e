package io.tealdb.io.json;

/** JSON's {@code null} in a parsed tree (a Java null there means "absent", e.g. a path that matched nothing). */
public enum JsonNull {
    INSTANCE
}
