package io.tealdb.session;

import io.tealdb.catalog.DatabaseStorage;
import io.tealdb.error.InvalidInputException;


import io.tealdb.error.TealException;

import java.util.Map;

/** Creates the database implementation: in memory, or over a database file (see {@link io.tealdb.persist.PersistentDatabase}). */
final class DatabaseFactory {
    private DatabaseFactory() {
    }

    /**
     * Open option (not a setting): "true" runs the automatic checkpoints of the database file on a
     * background thread, so the commit that crosses checkpoint_threshold does not wait for one (the server
     * sets it: an ingest request is answered once its log record is durable, not after a checkpoint).
     */
    static final String BACKGROUND_CHECKPOINTS = "background_checkpoints";

    static Database open(String path, Map<String, String> config) {
        io.tealdb.memory.MemoryManager memory = new io.tealdb.memory.MemoryManager(
                config != null && config.get("memory_limit") != null
                        ? io.tealdb.memory.MemoryManager.parseSize(config.get("memory_limit"))
                        : io.tealdb.memory.MemoryManager.defaultLimit());
        if (path == null || path.isEmpty() || path.equals(":memory:")) {
            return new DatabaseImpl(config, new DatabaseStorage(), memory, null, false);
        }
        boolean readOnly = readOnly(config);
        long threshold = config != null && config.get("checkpoint_threshold") != null
                ? io.tealdb.settings.SettingType.ByteSize.bytes(config.get("checkpoint_threshold"))
                : io.tealdb.persist.PersistentDatabase.DEFAULT_CHECKPOINT_THRESHOLD;
        java.nio.file.Path file = java.nio.file.Path.of(path).toAbsolutePath().normalize();
        DatabaseStorage storage = io.tealdb.persist.PersistentDatabase.open(file, readOnly, threshold, memory);
        if (config != null && Boolean.parseBoolean(config.get(BACKGROUND_CHECKPOINTS))
                && storage.durability() instanceof io.tealdb.persist.PersistentDatabase p) {
            p.setBackgroundCheckpoints(true);
        }
        try {
            return new DatabaseImpl(config, storage, memory, file.toString(), readOnly);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    /** access_mode: read_only, read_write or automatic (= read_write), as in DuckDB. */
    static boolean readOnly(Map<String, String> config) {
        String mode = config == null ? null : config.get("access_mode");
        if (mode == null) {
            return false;
        }
        return switch (mode.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "read_only" -> true;
            case "read_write", "automatic" -> false;
            default -> throw new InvalidInputException("Unrecognized access mode \"" + mode + "\": use read_only, read_write or automatic");
        };
    }

}
