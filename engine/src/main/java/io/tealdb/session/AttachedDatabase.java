package io.tealdb.session;

import io.tealdb.catalog.Catalog;
import io.tealdb.catalog.DatabaseStorage;

/**
 * One database a session can name: the one the instance was opened with (the default), one added by
 * ATTACH, or the session's own {@code temp} database ({@link #temporary()}). {@code path} is the
 * absolute file path, null in memory. {@code oid} numbers databases in attach order for
 * {@code duckdb_databases()}.
 */
record AttachedDatabase(String name, DatabaseStorage storage, String path, boolean readOnly, long oid) {
    /** The name DuckDB gives the catalog of a connection's temporary objects ({@code temp.main.t}); reserved for ATTACH. */
    static final String TEMP_NAME = ClientContext.TEMP_CATALOG;
    /** DuckDB's oid of a connection's temp database. */
    static final long TEMP_OID = 0x7fff_fff0L;

    /**
     * A new temp database for one session (DuckDB's per-connection temporary catalog): in memory,
     * with only the {@code main} schema, never written to a file or log, gone with the session.
     */
    static AttachedDatabase newTemporary() {
        return new AttachedDatabase(TEMP_NAME, new DatabaseStorage(), null, false, TEMP_OID);
    }

    /** True for a session's temp database. */
    boolean temporary() {
        return oid == TEMP_OID;
    }

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
