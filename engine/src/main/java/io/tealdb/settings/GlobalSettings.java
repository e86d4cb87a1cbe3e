package io.tealdb.settings;

import io.tealdb.error.InvalidInputException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The database-wide values: settings of {@link Setting.Scope#GLOBAL} scope, and the defaults that
 * {@code SET GLOBAL} gives session settings for every connection that has not set its own.
 * Thread-safe; {@code onChange} applies a new value to the running database (threads, memory_limit).
 */
public final class GlobalSettings {
    private final Map<Setting, String> values = new ConcurrentHashMap<>();
    private final BiConsumer<Setting, String> onChange;
    /** How many times a value was set or reset: a statement bound earlier knows from it whether it must bind again. */
    private volatile long changes;

    public GlobalSettings(BiConsumer<Setting, String> onChange) {
        this.onChange = onChange;
    }

    /** The value in force for the database: set globally, else the setting's default. */
    public String get(Setting s) {
        String v = values.get(s);
        return v != null ? v : s.defaultText();
    }

    /** Validates, stores and applies a value ({@code null}: back to the default); returns the canonical text. */
    public synchronized String set(Setting s, String value) {
        if (s.readOnly()) throw new InvalidInputException("parameter \"" + s.name() + "\" cannot be changed");
        String canonical = value == null ? s.defaultText() : s.type().normalize(s.name(), value, get(s));
        onChange.accept(s, canonical);
        if (value == null) values.remove(s);
        else values.put(s, canonical);
        changes++;
        return canonical;
    }

    /** Grows with every SET / RESET of a database-wide value. */
    public long changes() {
        return changes;
    }

    /** Applies every connect-time option (DuckDB's config map) that names a setting; unknown names are errors. */
    public void configure(Map<String, String> config, java.util.Set<String> openOptions) {
        if (config == null) return;
        for (Map.Entry<String, String> e : config.entrySet()) {
            if (openOptions.contains(e.getKey().toLowerCase(java.util.Locale.ROOT)) || e.getValue() == null) continue;
            set(Settings.require(e.getKey()), e.getValue());
        }
    }
}
