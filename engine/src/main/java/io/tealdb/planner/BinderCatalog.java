package io.tealdb.planner;

import io.tealdb.catalog.TableEntry;

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

    /** The view, or null if absent. */
    ViewDefinition findView(String schema, String name);

    /** Names of the tables and views visible in {@code schema} (for "did you mean" hints). */
    List<String> relationNames(String schema);
}
