package io.tealdb.settings;

import io.tealdb.error.InvalidInputException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The settings one connection sees: its own values for session settings, over the database's
 * {@link GlobalSettings}. SET on a global setting changes it for the whole database, as in DuckDB.
 * Safe to read from the worker threads of a running statement.
 */
public final class SessionSettings {
    private final GlobalSettings global;
    private final Map<Setting, String> values = new ConcurrentHashMap<>();
    /** What this session starts from and RESET returns to, where it differs from the database's value (the PostgreSQL endpoint's bytea_input). */
    private final Map<Setting, String> sessionDefaults = new ConcurrentHashMap<>();

    /**
     * A session setting whose value lives in the session itself rather than here (schema and
     * search_path are the session's catalog search path): reading asks it, SET and RESET go to it,
     * so that SET, RESET [ALL], PRAGMA and a protocol's startup parameters all take the same way.
     */
    public interface Delegate {
        /** The value in force; null while the session has none of its own (the default is shown). */
        String get();

        /** Applies {@code value} (null: back to the default) or throws, changing nothing; returns the value now in force. */
        String set(String value);
    }

    private final Map<Setting, Delegate> delegates = new ConcurrentHashMap<>();
    /** How many times this session set or reset a value (see {@link #changes()}). */
    private volatile long changes;

    /** Makes {@code d} hold the value of the session setting {@code s}. */
    public void delegate(Setting s, Delegate d) {
        if (s.scope() != Setting.Scope.SESSION) throw new IllegalArgumentException(s.name() + " is not a session setting");
        delegates.put(s, d);
    }

    public SessionSettings(GlobalSettings global) {
        this.global = global;
    }

    public GlobalSettings global() {
        return global;
    }

    /**
     * Grows with every SET / RESET this session makes and every change of the database's values: a
     * statement bound earlier (a prepared statement's metadata) binds again when it moved, since
     * settings take part in binding (search_path, TimeZone, default orders, ...).
     */
    public long changes() {
        return changes + global.changes();
    }

    /** The value in force: the session's own, else the database's, else the default. */
    public String get(Setting s) {
        if (s.scope() == Setting.Scope.SESSION) {
            Delegate d = delegates.get(s);
            if (d != null) {
                String v = d.get();
                return v != null ? v : global.get(s);
            }
            String v = values.get(s);
            if (v != null) return v;
            v = sessionDefaults.get(s);
            if (v != null) return v;
        }
        return global.get(s);
    }

    /** The value of a setting by name (any case or alias); "unrecognized configuration parameter" for unknown names. */
    public String get(String name) {
        return get(Settings.require(name));
    }

    public boolean flag(Setting s) {
        return SettingType.Flag.isTrue(get(s));
    }

    public long number(Setting s) {
        return Long.parseLong(get(s));
    }

    /** SET in the setting's own scope (global settings for the database, session settings here); null: the default. Returns the canonical text. */
    public String set(Setting s, String value) {
        if (s.scope() == Setting.Scope.GLOBAL) return global.set(s, value);
        return setLocal(s, value);
    }

    /** SET SESSION: session settings only; a global setting is an error naming it. */
    public String setSession(Setting s, String value) {
        if (s.scope() == Setting.Scope.GLOBAL) {
            throw new InvalidInputException("\"" + s.name() + "\" is a database-wide setting: use SET or SET GLOBAL, not SET SESSION");
        }
        return setLocal(s, value);
    }

    private String setLocal(Setting s, String value) {
        if (s.readOnly()) throw new InvalidInputException("parameter \"" + s.name() + "\" cannot be changed");
        changes++;
        Delegate d = delegates.get(s);
        if (d != null) {
            String v = d.set(value);
            return v != null ? v : global.get(s);
        }
        if (value == null) {
            values.remove(s);
            return get(s);
        }
        String canonical = s.type().normalize(s.name(), value, get(s));
        values.put(s, canonical);
        return canonical;
    }

    /**
     * Sets a value that clients may not change themselves (session_authorization when a PostgreSQL
     * session starts): validated like any value, but not refused as read-only.
     */
    public void setFixed(Setting s, String value) {
        changes++;
        values.put(s, s.type().normalize(s.name(), value, get(s)));
    }

    /** The value a session setting has in this session until SET, and again after RESET (a protocol's own default). */
    public void setSessionDefault(Setting s, String value) {
        if (s.scope() != Setting.Scope.SESSION) throw new IllegalArgumentException(s.name() + " is not a session setting");
        changes++;
        sessionDefaults.put(s, s.type().normalize(s.name(), value, get(s)));
    }

    /** RESET: back to the session's default or the database's value (or, for a global setting, to the default for the database). */
    public void reset(Setting s) {
        changes++;
        if (s.scope() == Setting.Scope.GLOBAL) global.set(s, null);
        else if (delegates.containsKey(s)) delegates.get(s).set(null);
        else if (!s.readOnly()) values.remove(s);
    }

    /** RESET ALL: every session setting back to the database's value. */
    public void resetAll() {
        changes++;
        values.keySet().removeIf(s -> !s.readOnly());
        for (Delegate d : delegates.values()) d.set(null);
    }

    /** Whether the session set this setting itself (duckdb_settings' scope column says LOCAL then). */
    public boolean isLocal(Setting s) {
        Delegate d = delegates.get(s);
        return d != null ? d.get() != null : values.containsKey(s);
    }
}
