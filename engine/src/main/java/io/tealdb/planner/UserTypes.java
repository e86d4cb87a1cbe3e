package io.tealdb.planner;

import io.tealdb.types.LogicalType;

/**
 * The user type aliases (CREATE TYPE) visible where a type name is written: maps a name, with its
 * schema when qualified ({@code schema} null otherwise), to the aliased type, or null when there is
 * no such alias. Whoever resolves a type decides the search order (e.g. the schema of the table
 * being created first, then temp and main).
 */
@FunctionalInterface
public interface UserTypes {
    /** No aliases: only built-in type names resolve. */
    UserTypes NONE = (schema, name) -> null;

    LogicalType find(String schema, String name);
}
