package io.tealdb.server.pg;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The PostgreSQL session settings a client may SET, SHOW or receive as ParameterStatus: a typed
 * registry (name, type, default, validation, aliases) instead of a string map with silently
 * ignored names. Settings not in the registry go to the engine's own SET (DuckDB settings such as
 * {@code threads}); unknown names there fail with 42704.
 */
final class PgSettings {
    enum Kind { STRING, INTEGER, BOOLEAN, ENUM, ZONE }

    /** One setting. {@code reported}: sent as ParameterStatus at start-up and whenever it changes. */
    record Def(String name, Kind kind, String defaultValue, boolean reported, boolean readOnly, List<String> choices) {
    }

    static final Map<String, Def> DEFS = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = Map.of("timezone", "TimeZone", "datestyle", "DateStyle",
            "intervalstyle", "IntervalStyle", "names", "client_encoding");

    private static void def(String name, Kind kind, String dflt, boolean reported, boolean readOnly, String... choices) {
        DEFS.put(name.toLowerCase(Locale.ROOT), new Def(name, kind, dflt, reported, readOnly, List.of(choices)));
    }

    static {
        def("server_version", Kind.STRING, "15.0", true, true);
        def("server_version_num", Kind.INTEGER, "150000", false, true);
        def("server_encoding", Kind.STRING, "UTF8", true, true);
        def("client_encoding", Kind.ENUM, "UTF8", true, false, "UTF8", "UTF-8", "UNICODE", "SQL_ASCII");
        def("DateStyle", Kind.STRING, "ISO, MDY", true, false);
        def("IntervalStyle", Kind.ENUM, "postgres", true, false, "postgres");
        def("TimeZone", Kind.ZONE, "Etc/UTC", true, false);
        def("integer_datetimes", Kind.BOOLEAN, "on", true, true);
        def("standard_conforming_strings", Kind.BOOLEAN, "on", true, false);
        def("application_name", Kind.STRING, "", true, false);
        def("is_superuser", Kind.BOOLEAN, "on", true, true);
        def("session_authorization", Kind.STRING, "", true, true);
        def("default_transaction_read_only", Kind.BOOLEAN, "off", true, false);
        def("in_hot_standby", Kind.BOOLEAN, "off", true, true);
        def("search_path", Kind.STRING, "\"$user\", public", false, false);
        def("extra_float_digits", Kind.INTEGER, "1", false, false);
        def("statement_timeout", Kind.INTEGER, "0", false, false);
        def("lock_timeout", Kind.INTEGER, "0", false, false);
        def("idle_in_transaction_session_timeout", Kind.INTEGER, "0", false, false);
        def("default_transaction_isolation", Kind.STRING, "read committed", false, false);
        def("transaction_isolation", Kind.STRING, "read committed", false, false);
        def("transaction_read_only", Kind.BOOLEAN, "off", false, false);
        def("max_identifier_length", Kind.INTEGER, "63", false, true);
        def("bytea_output", Kind.ENUM, "hex", false, false, "hex");
        def("client_min_messages", Kind.ENUM, "notice", false, false, "debug5", "debug4", "debug3", "debug2", "debug1",
                "log", "notice", "warning", "error");
        def("row_security", Kind.BOOLEAN, "on", false, false);
        def("max_index_keys", Kind.INTEGER, "32", false, true);
        def("jit", Kind.BOOLEAN, "off", false, false);
        def("default_table_access_method", Kind.STRING, "heap", false, false);
        def("synchronous_commit", Kind.STRING, "on", false, false);
    }

    static Def find(String name) {
        String k = name.toLowerCase(Locale.ROOT);
        String alias = ALIASES.get(k);
        return DEFS.get(alias != null ? alias.toLowerCase(Locale.ROOT) : k);
    }

    private final Map<String, String> values = new LinkedHashMap<>();
    /** Told every value this session's settings take, so that the engine session sees them too (current_setting, TimeZone). */
    private final java.util.function.BiConsumer<String, String> onChange;

    PgSettings(String user, java.util.function.BiConsumer<String, String> onChange) {
        this.onChange = onChange;
        for (Def d : DEFS.values()) put(d.name(), d.defaultValue());
        put("session_authorization", user);
    }

    private void put(String name, String value) {
        values.put(name, value);
        onChange.accept(name, value);
    }

    String get(Def d) {
        return values.get(d.name());
    }

    String get(String name) {
        Def d = find(name);
        return d == null ? null : values.get(d.name());
    }

    private static String alnum(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) if (Character.isLetterOrDigit(s.charAt(i))) sb.append(s.charAt(i));
        return sb.toString();
    }

    /** Validates and stores {@code value} (null = default); returns the stored text. */
    String set(Def d, String value) {
        if (d.readOnly()) throw new PgError.Failure("55P02", "parameter \"" + d.name() + "\" cannot be changed");
        String v = value == null ? d.defaultValue() : value.strip();
        switch (d.kind()) {
            case INTEGER -> {
                String digits = v;
                if (d.name().endsWith("_timeout")) digits = timeoutMillis(v);
                try {
                    v = Long.toString(Long.parseLong(digits));
                } catch (NumberFormatException e) {
                    throw new PgError.Failure("22023", "invalid value for parameter \"" + d.name() + "\": \"" + value + "\"");
                }
            }
            case BOOLEAN -> {
                String l = v.toLowerCase(Locale.ROOT);
                if (List.of("on", "true", "yes", "1", "t").contains(l)) v = "on";
                else if (List.of("off", "false", "no", "0", "f").contains(l)) v = "off";
                else throw new PgError.Failure("22023", "parameter \"" + d.name() + "\" requires a Boolean value");
            }
            case ENUM -> {
                String match = null;
                // encoding names compare as PostgreSQL's clean_encoding_name does: letters and digits only
                // (asyncpg sends client_encoding='utf-8' with the quotes)
                boolean encoding = d.name().equals("client_encoding");
                for (String c : d.choices()) {
                    if (encoding ? alnum(c).equalsIgnoreCase(alnum(v)) : c.equalsIgnoreCase(v)) match = c;
                }
                if (match == null) {
                    throw new PgError.Failure("22023", "invalid value for parameter \"" + d.name() + "\": \"" + value + "\"");
                }
                v = d.name().equals("client_encoding") && !match.equals("SQL_ASCII") ? "UTF8" : match;
            }
            case ZONE -> {
                String z = v.equalsIgnoreCase("local") || v.equalsIgnoreCase("default") ? d.defaultValue() : v;
                if (z.equalsIgnoreCase("UTC") || z.equalsIgnoreCase("GMT") || z.equalsIgnoreCase("Z")) z = "UTC";
                try {
                    ZoneId.of(z);
                } catch (DateTimeException e) {
                    throw new PgError.Failure("22023", "invalid value for parameter \"TimeZone\": \"" + value + "\"");
                }
                v = z;
            }
            case STRING -> {
                if (d.name().equals("DateStyle")) v = dateStyle(v, value);
            }
        }
        put(d.name(), v);
        return v;
    }

    /** Only ISO output is supported; the order part (MDY/DMY/YMD) is kept. */
    private String dateStyle(String v, String original) {
        String u = v.toUpperCase(Locale.ROOT);
        String current = values.get("DateStyle");
        String order = current.substring(current.indexOf(',') + 1).strip();
        for (String part : u.split("[,\\s]+")) {
            switch (part) {
                case "ISO", "" -> {
                }
                case "MDY", "DMY", "YMD", "US", "EUROPEAN", "NONEURO", "NONEUROPEAN", "GERMAN" -> {
                    if (part.equals("GERMAN")) throw new PgError.Failure("22023", "only ISO DateStyle is supported, not \"" + original + "\"");
                    order = part.equals("DMY") || part.equals("EUROPEAN") ? "DMY" : part.equals("YMD") ? "YMD" : "MDY";
                }
                default -> throw new PgError.Failure("22023", "only ISO DateStyle is supported, not \"" + original + "\"");
            }
        }
        return "ISO, " + order;
    }

    /** statement_timeout accepts {@code 5000}, {@code 5s}, {@code 100ms}, {@code 1min}. */
    private static String timeoutMillis(String v) {
        String s = v.toLowerCase(Locale.ROOT).replace(" ", "");
        long mult = 1;
        if (s.endsWith("ms")) s = s.substring(0, s.length() - 2);
        else if (s.endsWith("s")) { s = s.substring(0, s.length() - 1); mult = 1000; }
        else if (s.endsWith("min")) { s = s.substring(0, s.length() - 3); mult = 60_000; }
        else if (s.endsWith("h")) { s = s.substring(0, s.length() - 1); mult = 3_600_000; }
        try {
            return Long.toString(Long.parseLong(s) * mult);
        } catch (NumberFormatException e) {
            return v;
        }
    }

    Map<String, String> all() {
        return values;
    }
}
