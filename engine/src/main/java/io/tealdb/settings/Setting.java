package io.tealdb.settings;

import java.util.List;
import java.util.function.Supplier;

/**
 * One setting: its canonical name (as SHOW and PostgreSQL's ParameterStatus spell it), other names
 * it answers to, its type, whether it is one value for the whole database or one per connection,
 * its default, whether clients may change it, and what it does.
 *
 * @param defaultValue computed when read, because some defaults depend on the machine (threads, memory_limit)
 * @param effective    false for settings that are accepted and shown for compatibility with DuckDB or
 *                     PostgreSQL clients but change nothing in TealDB (said so in duckdb_settings())
 */
public record Setting(String name, List<String> aliases, Scope scope, SettingType type, Supplier<String> defaultValue,
                      boolean readOnly, boolean effective, String description) {
    /** GLOBAL: one value per database, SET changes it for every connection (DuckDB's global settings). SESSION: per connection. */
    public enum Scope { GLOBAL, SESSION }

    public String defaultText() {
        return defaultValue.get();
    }
}
