package io.tealdb.session;

import io.tealdb.catalog.Catalog;
import io.tealdb.catalog.DatabaseStorage;

/**
 * One database attached to a database instance under a name: the one it was opened with (the
 * default) or one added by ATTACH. {@code path} is the absolute file path, null in memory.
 * {@code oid} numbers databases in attach order for {@code duckdb_databases()}.
 */
record AttachedDatabase(String name, DatabaseStorage storage, String path, boolean readOnly, long oid) {
    Catalog catalog() {
        return storage.catalog();
    }

    /** DuckDB's default alias of a database path: the file name up to its first dot (leading dots skipped); "memory" in memory. */
    static String defaultName(String path) {
        if (path == null || path.isEmpty() || path.equals(":memory:")) return "memory";
        java.nio.file.Path name = java.nio.file.Path.of(path).getFileName();
        String file = name == null ? path : name.toString();
        while (file.startsWith(".")) file = file.substring(1);
        int dot = file.indexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
