package io.tealdb.planner;

import io.tealdb.catalog.TableEntry;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.util.List;

/**
 * What the binder needs from the catalog, seen from one transaction: tables and views by name.
 * The session adapts the storage catalog to this, so name resolution sees the statement's snapshot.
 */
public interface BinderCatalog {
    /** Schema used for unqualified names. */
    default String defaultSchema() {
        return "main";
    }

    /** The table, or null if absent. {@code schema} null means the search path (default schema, then temp). */
    TableEntry findTable(String schema, String name);

    /**
     * A data source the session registered under {@code name} (unqualified names only; see
     * ClientContext.registerScan), or null. Registered sources hide tables and views of that name.
     */
    default FunctionResolver.BoundTableFunction findRegisteredScan(String name) {
        return null;
    }

    /**
     * A data source for an unqualified name that no CTE, registered source, table or view has (the
     * session's replacement scan, e.g. a Python DataFrame named in SQL), or null.
     */
    default FunctionResolver.BoundTableFunction replacementScan(String name) {
        return null;
    }

    /** The view, or null if absent. */
    ViewDefinition findView(String schema, String name);

    /**
     * The table {@code database.schema.name} (a three-part name; {@code database} null for shorter
     * ones, whose first part may still name an attached database), or null if absent.
     */
    default TableEntry findTable(String database, String schema, String name) {
        return database == null ? findTable(schema, name) : null;
    }

    /** The view {@code database.schema.name}, as {@link #findTable(String, String, String)}. */
    default ViewDefinition findView(String database, String schema, String name) {
        return database == null ? findView(schema, name) : null;
    }

    /**
     * Makes unqualified names resolve where {@code view} lives (its database and schema) while its
     * query is bound, as DuckDB binds a view; returns the action that restores the previous context.
     */
    default Runnable enterView(ViewDefinition view) {
        return () -> {
        };
    }

    /** Names of the tables and views visible in {@code schema} (for "did you mean" hints). */
    List<String> relationNames(String schema);

    /** A system table that is called like a table function without arguments ({@code duckdb_settings()}), or null. */
    default SystemTable systemTableFunction(String name) {
        return null;
    }

    /** A read-only system table (information_schema.tables ...) materialized for this statement, or null. */
    default SystemTable findSystemTable(String schema, String name) {
        return null;
    }

    /**
     * PostgreSQL catalog lookups for the PostgreSQL-compatible functions: {@code kind} "regclass"
     * (a relation name, possibly qualified, to its OID) or "regnamespace"; null when unknown.
     */
    default Integer pgOid(String kind, String name) {
        return null;
    }

    /** The database (catalog) name, as current_database() reports it. */
    default String catalogName() {
        return "memory";
    }

    /** pg_get_constraintdef / pg_get_indexdef texts by OID ({@code kind} "constraint" or "index"). */
    default java.util.Map<Integer, String> pgDefinitions(String kind) {
        return java.util.Map.of();
    }

    /** A sequence for nextval/currval, or null if absent. */
    default SequenceHandle findSequence(String schema, String name) {
        return null;
    }

    /**
     * The type a user type alias (CREATE TYPE) stands for, or null if absent or its named schema does
     * not exist. {@code schema} null means the search path.
     */
    default LogicalType findType(String schema, String name) {
        return null;
    }

    /** A macro (scalar, or table macro when {@code table}), or null if absent. */
    default MacroDefinition findMacro(String schema, String name, boolean table) {
        return null;
    }

    /**
     * A macro, parsed: every parameter name in declaration order, the default expressions of those
     * that have one, and the body (an expression, or a query for a table macro).
     */
    record MacroDefinition(String name, List<String> parameters, java.util.Map<String, io.tealdb.parser.ast.Expr> defaults,
                           io.tealdb.parser.ast.Expr body, io.tealdb.parser.ast.QueryNode tableBody) {
    }

    record SystemTable(List<String> names, List<LogicalType> types, List<List<Value>> rows) {
    }

    /** Access to a sequence's counter (not transactional, like DuckDB). */
    interface SequenceHandle {
        long next();

        /** The last value handed out; throws if nextval was never called. */
        long current();
    }
}
