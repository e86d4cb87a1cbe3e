package io.tealdb.server.pg;

import io.tealdb.settings.SessionSettings;
import io.tealdb.settings.Setting;
import io.tealdb.settings.Settings;

import java.util.List;

/**
 * What the PostgreSQL protocol adds to the engine's settings registry ({@link Settings}): which
 * settings are reported to the client as ParameterStatus (at start-up and whenever they change),
 * and how SHOW names them. Values live once, in the engine session's {@link SessionSettings}, so
 * {@code SET} over the wire, {@code set_config}, {@code current_setting} and the engine's own
 * TimeZone all see the same value.
 */
final class PgSettings {
    private PgSettings() {
    }

    /** PostgreSQL 15's GUC_REPORT settings, in the order a PostgreSQL server sends them. */
    static final List<Setting> REPORTED = List.of(Settings.APPLICATION_NAME, Settings.CLIENT_ENCODING, Settings.DATE_STYLE,
            Settings.DEFAULT_TRANSACTION_READ_ONLY, Settings.IN_HOT_STANDBY, Settings.INTEGER_DATETIMES, Settings.INTERVAL_STYLE,
            Settings.IS_SUPERUSER, Settings.SERVER_ENCODING, Settings.SERVER_VERSION, Settings.SESSION_AUTHORIZATION,
            Settings.STANDARD_CONFORMING_STRINGS, Settings.TIME_ZONE);

    static boolean reported(Setting s) {
        return REPORTED.contains(s);
    }

    /** A setting by the name a client gave (SET, SHOW, RESET, start-up packet); {@code TIME ZONE} and {@code transaction isolation level} included. */
    static Setting find(String name) {
        String n = name.strip().replaceAll("\\s+", " ");
        if (n.equalsIgnoreCase("transaction isolation level")) return Settings.TRANSACTION_ISOLATION;
        return Settings.find(n);
    }
}
