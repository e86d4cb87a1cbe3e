package io.tealdb.settings;

import io.tealdb.error.CatalogException;
import io.tealdb.memory.MemoryManager;
import io.tealdb.types.TimeZones;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every setting TealDB knows: DuckDB's names for what the engine does, the PostgreSQL names that
 * clients set on connect or read back (TimeZone, DateStyle, application_name, search_path,
 * extra_float_digits, statement_timeout, …), and DuckDB settings that scripts commonly SET and that
 * have no effect here (kept so that those scripts run; {@code duckdb_settings()} says which).
 * Names are matched without case.
 */
public final class Settings {
    private Settings() {
    }

    private static final Map<String, Setting> BY_NAME = new LinkedHashMap<>();
    private static final List<Setting> ALL = new ArrayList<>();

    private static final Setting.Scope GLOBAL = Setting.Scope.GLOBAL, SESSION = Setting.Scope.SESSION;
    private static final SettingType BOOL = new SettingType.Flag(false), PG_BOOL = new SettingType.Flag(true),
            TEXT = new SettingType.Text(), SIZE = new SettingType.ByteSize(), MS = new SettingType.Milliseconds();

    private static Setting define(String name, List<String> aliases, Setting.Scope scope, SettingType type, Supplier<String> dflt,
                                  boolean readOnly, boolean effective, String description) {
        Setting s = new Setting(name, aliases, scope, type, dflt, readOnly, effective, description);
        ALL.add(s);
        for (String n : concat(name, aliases)) {
            if (BY_NAME.put(n.toLowerCase(Locale.ROOT), s) != null) throw new IllegalStateException("setting defined twice: " + n);
        }
        return s;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> l = new ArrayList<>(rest.size() + 1);
        l.add(first);
        l.addAll(rest);
        return l;
    }

    private static Setting engine(String name, Setting.Scope scope, SettingType type, String dflt, String description, String... aliases) {
        return define(name, List.of(aliases), scope, type, () -> dflt, false, true, description);
    }

    /** Accepted and shown for scripts written for DuckDB or PostgreSQL; changes nothing here. */
    private static Setting compat(String name, Setting.Scope scope, SettingType type, String dflt, String description, String... aliases) {
        return define(name, List.of(aliases), scope, type, () -> dflt, false, false, description);
    }

    private static Setting fixed(String name, SettingType type, String value, String description) {
        return define(name, List.of(), SESSION, type, () -> value, true, true, description);
    }

    // ---------------------------------------------------------------- what the engine does

    public static final Setting THREADS = define("threads", List.of("worker_threads"), GLOBAL, new SettingType.WholeNumber(1, 4096),
            () -> Integer.toString(Runtime.getRuntime().availableProcessors()), false, true,
            "The number of worker threads queries use");
    public static final Setting MAX_CONCURRENT_QUERIES = define("max_concurrent_queries", List.of(), GLOBAL, new SettingType.WholeNumber(0, 1 << 20),
            () -> Integer.toString(2 * Runtime.getRuntime().availableProcessors()), false, true,
            "How many statements compute at once; more wait their turn in order of arrival (0: no limit)");
    public static final Setting MEMORY_LIMIT = define("memory_limit", List.of("max_memory"), GLOBAL, SIZE,
            () -> MemoryManager.format(MemoryManager.defaultLimit()), false, true,
            "The most memory the database uses for query state and cached data (default 80% of the JVM's maximum heap)");
    public static final Setting CHECKPOINT_THRESHOLD = engine("checkpoint_threshold", GLOBAL, SIZE, "16.0 MiB",
            "The WAL size at which a checkpoint is run automatically", "wal_autocheckpoint");
    public static final Setting DEFAULT_NULL_ORDER = engine("default_null_order", GLOBAL,
            new SettingType.Choice(List.of("nulls_last", "nulls_first", "nulls_first_on_asc_last_on_desc", "nulls_last_on_asc_first_on_desc"),
                    Map.of("nulls last", "nulls_last", "nulls first", "nulls_first", "postgres", "nulls_first_on_asc_last_on_desc"), false,
                    "Unrecognized parameter for option NULL_ORDER \"%s\", expected either NULLS FIRST, NULLS LAST, "
                            + "NULLS_FIRST_ON_ASC_LAST_ON_DESC or NULLS_LAST_ON_ASC_FIRST_ON_DESC"),
            "nulls_last", "Where NULLs sort when ORDER BY does not say", "null_order");
    public static final Setting TIME_ZONE = define("TimeZone", List.of("time zone"), SESSION, new SettingType.Zone(),
            () -> TimeZones.systemDefault().getId(), false, true,
            "The time zone in which TIMESTAMP WITH TIME ZONE values are read, shown and taken apart");
    public static final Setting FILE_SEARCH_PATH = engine("file_search_path", SESSION, TEXT, "",
            "Comma-separated directories in which relative file names are looked up");
    public static final Setting MAX_EXPRESSION_DEPTH = engine("max_expression_depth", SESSION, new SettingType.WholeNumber(1, 100_000), "1000",
            "The deepest nesting of expressions a statement may have");
    public static final Setting IEEE_FLOATING_POINT_OPS = engine("ieee_floating_point_ops", SESSION, BOOL, "true",
            "Floating-point division by zero gives Infinity/NaN (true) or NULL (false)");
    public static final Setting SCALAR_SUBQUERY_ERROR_ON_MULTIPLE_ROWS = engine("scalar_subquery_error_on_multiple_rows", SESSION, BOOL, "true",
            "A scalar subquery that returns several rows is an error (true) or gives its first row (false)");
    public static final Setting LAMBDA_SYNTAX = engine("lambda_syntax", SESSION,
            new SettingType.Choice("DEFAULT", "ENABLE_SINGLE_ARROW", "DISABLE_SINGLE_ARROW"), "DEFAULT",
            "Whether the x -> expr lambda syntax is accepted beside lambda x: expr");
    public static final Setting ORDER_BY_NON_INTEGER_LITERAL = engine("order_by_non_integer_literal", SESSION, BOOL, "false",
            "ORDER BY/GROUP BY 'literal' orders by that constant (true) or is an error (false)");
    public static final Setting PIVOT_LIMIT = engine("pivot_limit", SESSION, new SettingType.WholeNumber(1, Long.MAX_VALUE), "100000",
            "The most columns a PIVOT may produce");
    public static final Setting STATEMENT_TIMEOUT = engine("statement_timeout", SESSION, MS, "0",
            "Cancel a statement that runs longer than this many milliseconds (0: never)");
    public static final Setting SEARCH_PATH = engine("search_path", SESSION, TEXT, "\"$user\", public",
            "The schemas searched for unqualified names, comma-separated ([database.]schema or database; the first is where"
                    + " CREATE puts objects; main is always searched last)");
    public static final Setting ARROW_LOSSLESS_CONVERSION = engine("arrow_lossless_conversion", GLOBAL, BOOL, "false",
            "Arrow export of types without an Arrow equivalent keeps the whole value (TIME WITH TIME ZONE as DuckDB's"
                    + " arrow.opaque time_tz: its time and offset) instead of the nearest Arrow type (its local time)");
    public static final Setting SCHEMA = engine("schema", SESSION, TEXT, "main",
            "The default schema: where unqualified names are created and first looked up (USE; DuckDB's SET schema)");

    // ---------------------------------------------------------------- PostgreSQL session settings clients set or read

    public static final Setting APPLICATION_NAME = engine("application_name", SESSION, TEXT, "",
            "The client application's name, shown in the server log and pg_stat_activity");
    public static final Setting DATE_STYLE = engine("DateStyle", SESSION, new SettingType.DateStyle(), "ISO, MDY",
            "PostgreSQL's date output style (ISO only) and input field order");
    public static final Setting INTERVAL_STYLE = engine("IntervalStyle", SESSION, new SettingType.Choice("postgres"), "postgres",
            "PostgreSQL's interval output style");
    public static final Setting CLIENT_ENCODING = engine("client_encoding", SESSION,
            new SettingType.Choice(List.of("UTF8", "SQL_ASCII"), Map.of("UNICODE", "UTF8"), true), "UTF8",
            "The client's character encoding (UTF8)", "names");
    public static final Setting EXTRA_FLOAT_DIGITS = compat("extra_float_digits", SESSION, new SettingType.WholeNumber(-15, 3), "1",
            "PostgreSQL's float output precision (floats are always shown round-trip exact)");
    public static final Setting STANDARD_CONFORMING_STRINGS = engine("standard_conforming_strings", SESSION,
            new SettingType.Choice(List.of("on"), Map.of("true", "on", "yes", "on", "1", "on"), false), "on",
            "Backslashes in ordinary string literals are literal characters");
    public static final Setting DEFAULT_TRANSACTION_READ_ONLY = compat("default_transaction_read_only", SESSION, PG_BOOL, "off",
            "PostgreSQL's default for new transactions' read-only flag");
    public static final Setting TRANSACTION_READ_ONLY = compat("transaction_read_only", SESSION, PG_BOOL, "off",
            "PostgreSQL's read-only flag of the current transaction");
    public static final Setting DEFAULT_TRANSACTION_ISOLATION = compat("default_transaction_isolation", SESSION, TEXT, "read committed",
            "Every isolation level is accepted: transactions are snapshot isolated");
    public static final Setting TRANSACTION_ISOLATION = compat("transaction_isolation", SESSION, TEXT, "read committed",
            "Every isolation level is accepted: transactions are snapshot isolated");
    public static final Setting LOCK_TIMEOUT = compat("lock_timeout", SESSION, MS, "0", "Accepted: statements never wait for locks");
    public static final Setting IDLE_IN_TRANSACTION_SESSION_TIMEOUT = compat("idle_in_transaction_session_timeout", SESSION, MS, "0",
            "Accepted for PostgreSQL clients");
    public static final Setting CLIENT_MIN_MESSAGES = compat("client_min_messages", SESSION,
            new SettingType.Choice("debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice", "warning", "error"), "notice",
            "The lowest level of notices sent to PostgreSQL clients");
    public static final Setting BYTEA_INPUT = engine("bytea_input", SESSION, new SettingType.Choice("duckdb", "postgres"), "duckdb",
            "How a string cast to BLOB (bytea) is read: duckdb (\\xNN escapes one byte each) or postgres (PostgreSQL's hex and escape formats); "
                    + "sessions of the PostgreSQL endpoint use postgres");
    public static final Setting BYTEA_OUTPUT = compat("bytea_output", SESSION, new SettingType.Choice("hex"), "hex",
            "PostgreSQL's bytea text format (hex)");
    public static final Setting ROW_SECURITY = compat("row_security", SESSION, PG_BOOL, "on", "Accepted for PostgreSQL clients");
    public static final Setting JIT = compat("jit", SESSION, PG_BOOL, "off", "Accepted for PostgreSQL clients");
    public static final Setting SYNCHRONOUS_COMMIT = compat("synchronous_commit", SESSION, TEXT, "on",
            "Accepted for PostgreSQL clients: every commit is durable before it returns");
    public static final Setting DEFAULT_TABLE_ACCESS_METHOD = compat("default_table_access_method", SESSION, TEXT, "heap",
            "Accepted for PostgreSQL clients");

    // read-only facts that PostgreSQL clients read
    public static final Setting SERVER_VERSION = fixed("server_version", TEXT, "15.0", "The PostgreSQL version whose protocol and catalog are served");
    public static final Setting SERVER_VERSION_NUM = fixed("server_version_num", new SettingType.WholeNumber(0, Long.MAX_VALUE), "150000",
            "server_version as a number");
    public static final Setting SERVER_ENCODING = fixed("server_encoding", TEXT, "UTF8", "The database's character encoding");
    public static final Setting INTEGER_DATETIMES = fixed("integer_datetimes", PG_BOOL, "on", "Timestamps are stored as integers");
    public static final Setting IS_SUPERUSER = fixed("is_superuser", PG_BOOL, "on", "Whether the session's user is a superuser");
    public static final Setting IN_HOT_STANDBY = fixed("in_hot_standby", PG_BOOL, "off", "Whether the server is a standby");
    public static final Setting MAX_IDENTIFIER_LENGTH = fixed("max_identifier_length", new SettingType.WholeNumber(0, Long.MAX_VALUE), "63",
            "The longest identifier PostgreSQL clients should expect");
    public static final Setting MAX_INDEX_KEYS = fixed("max_index_keys", new SettingType.WholeNumber(0, Long.MAX_VALUE), "32",
            "The most columns an index key may have");
    public static final Setting BLOCK_SIZE = fixed("block_size", new SettingType.WholeNumber(0, Long.MAX_VALUE), "8192",
            "PostgreSQL's page size, for clients that read it");
    /** The user a PostgreSQL session authenticated as; the server sets it when the session starts. */
    public static final Setting SESSION_AUTHORIZATION = define("session_authorization", List.of(), SESSION, TEXT, () -> "", true, true,
            "The user this session authenticated as");

    // ---------------------------------------------------------------- DuckDB settings accepted for scripts, without effect

    static {
        compat("enable_verification", SESSION, BOOL, "false", "DuckDB's test-only plan verification");
        compat("verify_parallelism", SESSION, BOOL, "false", "DuckDB's test-only parallelism verification");
        compat("verify_external", SESSION, BOOL, "false", "DuckDB's test-only external operator verification");
        compat("verify_serializer", SESSION, BOOL, "false", "DuckDB's test-only serializer verification");
        compat("force_parallelism", SESSION, BOOL, "false", "DuckDB's test-only forced parallelism");
        compat("debug_force_external", SESSION, BOOL, "false", "DuckDB's test-only forced spilling");
        compat("debug_window_mode", SESSION, TEXT, "", "DuckDB's test-only window implementation choice");
        compat("enable_progress_bar", SESSION, BOOL, "false", "The shell shows no progress bar");
        compat("enable_progress_bar_print", SESSION, BOOL, "true", "The shell shows no progress bar");
        compat("progress_bar_time", SESSION, new SettingType.WholeNumber(0, Long.MAX_VALUE), "2000", "The shell shows no progress bar");
        compat("enable_profiling", SESSION, TEXT, "", "Use EXPLAIN ANALYZE for profiles");
        compat("profiling_mode", SESSION, TEXT, "standard", "Use EXPLAIN ANALYZE for profiles");
        compat("profile_output", SESSION, TEXT, "", "Use EXPLAIN ANALYZE for profiles");
        compat("explain_output", SESSION, TEXT, "physical_only", "EXPLAIN shows the physical plan");
        compat("preserve_insertion_order", GLOBAL, BOOL, "true", "Result order follows insertion order where the plan allows");
        compat("temp_directory", GLOBAL, TEXT, "", "Operators do not spill to disk yet");
        compat("enable_object_cache", GLOBAL, BOOL, "false", "DuckDB's Parquet metadata cache");
        compat("enable_http_metadata_cache", GLOBAL, BOOL, "false", "DuckDB's HTTP metadata cache");
        compat("enable_external_file_cache", GLOBAL, BOOL, "true", "DuckDB's external file cache");
        compat("default_order", GLOBAL, new SettingType.Choice(List.of("asc", "desc"), Map.of("ascending", "asc", "descending", "desc"), false),
                "asc", "ORDER BY without ASC/DESC sorts ascending");
        compat("enable_external_access", GLOBAL, BOOL, "true", "Files are always accessible");
        compat("errors_as_json", SESSION, BOOL, "false", "Errors are plain text");
        compat("ordered_aggregate_threshold", SESSION, new SettingType.WholeNumber(1, Long.MAX_VALUE), "262144", "DuckDB's sort threshold");
        compat("disable_optimizer", SESSION, BOOL, "false", "The optimizer always runs");
        compat("immediate_transaction_mode", SESSION, BOOL, "false", "Transactions take their snapshot at BEGIN");
        compat("home_directory", SESSION, TEXT, "", "~ in file names is the user's home directory");
        compat("perfect_ht_threshold", SESSION, new SettingType.WholeNumber(0, 32), "12", "DuckDB's perfect hash table threshold");
        compat("calendar", SESSION, new SettingType.Choice("gregorian"), "gregorian", "The calendar is Gregorian");
        compat("default_collation", SESSION, TEXT, "", "Strings compare by code point");
        compat("integer_division", SESSION, BOOL, "false", "/ between integers gives a DOUBLE (DuckDB's default)");
        compat("enable_fsst_vectors", SESSION, BOOL, "false", "DuckDB's FSST vectors");
        compat("force_compression", GLOBAL, TEXT, "auto", "Compression is chosen per segment");
        compat("pivot_filter_threshold", SESSION, new SettingType.WholeNumber(0, Long.MAX_VALUE), "20", "DuckDB's PIVOT filter threshold");
        compat("threads_per_query", SESSION, new SettingType.WholeNumber(0, 4096), "0", "Queries use the threads setting");
        compat("arrow_large_buffer_size", SESSION, BOOL, "false", "Arrow export uses 32-bit offsets");
        compat("late_materialization_max_rows", SESSION, new SettingType.WholeNumber(0, Long.MAX_VALUE), "50", "DuckDB's late materialization");
    }

    /** The setting with this name or alias (any case), or null. */
    public static Setting find(String name) {
        return name == null ? null : BY_NAME.get(name.strip().toLowerCase(Locale.ROOT));
    }

    /** The setting with this name, or PostgreSQL's "unrecognized configuration parameter" error. */
    public static Setting require(String name) {
        Setting s = find(name);
        if (s == null) throw new CatalogException("unrecognized configuration parameter \"" + name + "\"");
        return s;
    }

    /** Every setting, in definition order. */
    public static List<Setting> all() {
        return Collections.unmodifiableList(ALL);
    }
}
