package io.tealdb.session;

import io.tealdb.planner.BinderCatalog.SystemTable;
import io.tealdb.settings.SessionSettings;
import io.tealdb.settings.Setting;
import io.tealdb.settings.SettingType;
import io.tealdb.settings.Settings;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.util.ArrayList;
import java.util.List;

/** The settings registry as tables: DuckDB's {@code duckdb_settings()} and PostgreSQL's {@code pg_settings}. */
final class SettingsTables {
    private SettingsTables() {
    }

    private static Value text(String s) {
        return s == null ? Value.nullOf(LogicalType.VARCHAR) : Value.ofVarchar(s);
    }

    /** name, value, description, input_type, scope (GLOBAL or LOCAL, as DuckDB reports it), aliases, effective. */
    static SystemTable duckdbSettings(SessionSettings settings) {
        LogicalType v = LogicalType.VARCHAR;
        List<List<Value>> rows = new ArrayList<>();
        for (Setting s : Settings.all()) {
            String description = s.effective() ? s.description() : s.description() + " (accepted for compatibility; no effect)";
            rows.add(List.of(text(s.name()), text(settings.get(s)), text(description), text(s.type().inputType()),
                    text(s.scope() == Setting.Scope.GLOBAL ? "GLOBAL" : "LOCAL"),
                    new Value(LogicalType.list(v), List.copyOf(s.aliases())), Value.ofBoolean(s.effective())));
        }
        return new SystemTable(List.of("name", "value", "description", "input_type", "scope", "aliases", "effective"),
                List.of(v, v, v, v, v, LogicalType.list(v), LogicalType.BOOLEAN), rows);
    }

    /** PostgreSQL's pg_settings: the same registry, with PostgreSQL's columns. */
    static SystemTable pgSettings(SessionSettings settings) {
        LogicalType v = LogicalType.VARCHAR;
        List<String> names = List.of("name", "setting", "unit", "category", "short_desc", "extra_desc", "context", "vartype",
                "source", "min_val", "max_val", "enumvals", "boot_val", "reset_val", "sourcefile", "sourceline", "pending_restart");
        List<LogicalType> types = new ArrayList<>();
        for (String n : names) types.add(n.equals("sourceline") ? LogicalType.INTEGER : n.equals("pending_restart") ? LogicalType.BOOLEAN : v);
        List<List<Value>> rows = new ArrayList<>();
        for (Setting s : Settings.all()) {
            String min = null, max = null, enumvals = null, unit = null;
            switch (s.type()) {
                case SettingType.WholeNumber n -> {
                    min = Long.toString(n.min());
                    max = Long.toString(n.max());
                }
                case SettingType.Choice c -> enumvals = "{" + String.join(",", c.choices()) + "}";
                case SettingType.Milliseconds m -> unit = "ms";
                case SettingType.Flag f -> {
                }
                case SettingType.ByteSize b -> {
                }
                case SettingType.Zone z -> {
                }
                case SettingType.DateStyle d -> {
                }
                case SettingType.Text t -> {
                }
            }
            String context = s.readOnly() ? "internal" : s.scope() == Setting.Scope.GLOBAL ? "sighup" : "user";
            String value = settings.get(s);
            rows.add(List.of(text(s.name()), text(value), text(unit), text(s.effective() ? "TealDB" : "Compatibility"),
                    text(s.description()), text(null), text(context), text(s.type().pgVarType()),
                    text(settings.isLocal(s) ? "session" : "default"), text(min), text(max), text(enumvals),
                    text(s.defaultText()), text(value), text(null), Value.nullOf(LogicalType.INTEGER), Value.ofBoolean(false)));
        }
        return new SystemTable(names, types, rows);
    }
}
