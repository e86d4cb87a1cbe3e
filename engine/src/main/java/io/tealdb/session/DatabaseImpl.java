package io.tealdb.session;

import io.tealdb.catalog.DatabaseStorage;
import io.tealdb.execution.TaskScheduler;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.planner.FunctionResolver;
import io.tealdb.planner.RegistryFunctionResolver;
import io.tealdb.settings.GlobalSettings;
import io.tealdb.settings.Setting;
import io.tealdb.settings.SettingType;
import io.tealdb.settings.Settings;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's database: one storage instance (catalog + transaction manager), one worker pool and
 * the database-wide settings, shared by all sessions. Thread-safe.
 */
final class DatabaseImpl implements Database {
    final DatabaseStorage storage;
    final TaskScheduler scheduler = TaskScheduler.shared();
    /** Statements queue here before they run, so that many connections are served in turn (max_concurrent_queries). */
    final io.tealdb.execution.StatementAdmission admission =
            new io.tealdb.execution.StatementAdmission(Integer.parseInt(Settings.MAX_CONCURRENT_QUERIES.defaultValue().get()));
    /** memory_limit accounting for every statement of every connection and the segments cached from the database file. */
    final io.tealdb.memory.MemoryManager memory;
    final FunctionResolver functions = new RegistryFunctionResolver(FunctionRegistry.getDefault());
    /** Scalar functions the application registered at run time (create_function), seen by every connection. */
    final io.tealdb.function.UserFunctions userFunctions = new io.tealdb.function.UserFunctions();
    /** Cached from the threads setting: read for every query. */
    private volatile int threads = TaskScheduler.defaultThreads();
    /** default_null_order is a global setting in DuckDB: one value for all connections. */
    volatile io.tealdb.planner.NullOrder nullOrder = io.tealdb.planner.NullOrder.NULLS_LAST;
    /** The database-wide settings; applied to the running database as they change. */
    final GlobalSettings settings = new GlobalSettings(this::apply);
    private final Set<ClientContextImpl> sessions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Connect-time options that choose how the database is opened rather than a setting. */
    static final Set<String> OPEN_OPTIONS = Set.of("access_mode", DatabaseFactory.BACKGROUND_CHECKPOINTS);

    /** The databases attached to this instance: {@link #storage} under its name, plus those added by ATTACH. */
    final DatabaseManager databases;

    /** {@code path}: the absolute path of the database file {@code storage} was opened from, null in memory. */
    DatabaseImpl(Map<String, String> config, DatabaseStorage storage, io.tealdb.memory.MemoryManager memory, String path, boolean readOnly) {
        this.storage = storage;
        this.memory = memory;
        settings.configure(config, OPEN_OPTIONS);
        this.databases = new DatabaseManager(new AttachedDatabase(AttachedDatabase.defaultName(path), storage, path, readOnly, 1),
                memory, () -> SettingType.ByteSize.bytes(settings.get(Settings.CHECKPOINT_THRESHOLD)));
    }

    private void apply(Setting s, String value) {
        if (s == Settings.THREADS) threads = Integer.parseInt(value);
        else if (s == Settings.MAX_CONCURRENT_QUERIES) admission.setLimit(Integer.parseInt(value));
        else if (s == Settings.DEFAULT_NULL_ORDER) nullOrder = io.tealdb.planner.NullOrder.parse(value);
        else if (s == Settings.MEMORY_LIMIT) memory.setLimit(SettingType.ByteSize.bytes(value));
        else if (s == Settings.CHECKPOINT_THRESHOLD) {
            long bytes = SettingType.ByteSize.bytes(value);
            if (storage.durability() instanceof io.tealdb.persist.PersistentDatabase p) p.setCheckpointThreshold(bytes);
            if (databases != null) {
                for (AttachedDatabase d : databases.all()) {
                    if (d.storage().durability() instanceof io.tealdb.persist.PersistentDatabase p) p.setCheckpointThreshold(bytes);
                }
            }
        }
    }

    int threads() {
        return threads;
    }

    @Override
    public ClientContext connect() {
        if (closed) throw new io.tealdb.error.TealException("database is closed");
        ClientContextImpl c = new ClientContextImpl(this);
        sessions.add(c);
        return c;
    }

    void closed(ClientContextImpl c) {
        sessions.remove(c);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            for (ClientContextImpl c : sessions.toArray(new ClientContextImpl[0])) c.close();
        } finally {
            try {
                databases.closeAttached();
            } finally {
                storage.close();
            }
        }
    }
}
