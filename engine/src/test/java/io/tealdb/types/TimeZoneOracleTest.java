package io.tealdb.types;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * TIMESTAMP WITH TIME ZONE, TIME WITH TIME ZONE and TIMESTAMP_S/_MS/_NS against DuckDB (ICU) on
 * 10,000 instants an hour and a bit apart (five chunks, crossing several years of DST changes),
 * under three session time zones: text in and out, casts to and from TIMESTAMP/DATE/TIME, calendar
 * functions in the session zone, interval arithmetic across DST, AT TIME ZONE, grouping and order.
 */
class TimeZoneOracleTest {
    static final String[] SETUP = {
            "SET TimeZone = 'UTC'",
            "CREATE TABLE z AS SELECT range AS i, TIMESTAMP '2019-01-01 00:00:00' + range * INTERVAL '1 hour 7 minutes 13 seconds' AS ts "
                    + "FROM range(10000)",
            "ALTER TABLE z ADD COLUMN tz TIMESTAMPTZ",
            "UPDATE z SET tz = CASE WHEN i % 113 = 0 THEN NULL ELSE ts::TIMESTAMPTZ END",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    static final List<String> ZONES = List.of("America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC");

    static final List<String> QUERIES = List.of(
            "SELECT i, tz::VARCHAR, tz::TIMESTAMP::VARCHAR, tz::DATE, tz::TIMESTAMP::TIME::VARCHAR, ts::TIMESTAMPTZ::VARCHAR FROM z ORDER BY i",
            "SELECT i, date_trunc('day', tz)::VARCHAR, date_trunc('month', tz)::VARCHAR, date_trunc('hour', tz)::VARCHAR, "
                    + "date_trunc('week', tz)::VARCHAR, date_trunc('year', tz)::VARCHAR FROM z ORDER BY i",
            "SELECT i, extract(hour FROM tz), extract(day FROM tz), extract(dow FROM tz), year(tz), month(tz), minute(tz), "
                    + "date_part('quarter', tz), dayofyear(tz), week(tz) FROM z ORDER BY i",
            "SELECT i, strftime(tz, '%Y-%m-%d %H:%M:%S %Z'), strftime(tz, '%d/%m/%Y %I:%M %p') FROM z ORDER BY i",
            "SELECT i, (tz + INTERVAL '1 month')::VARCHAR, (tz + INTERVAL '1 day')::VARCHAR, (tz - INTERVAL '3 hours')::VARCHAR, "
                    + "(INTERVAL '36 hours' + tz)::VARCHAR, (tz - INTERVAL '2 days 1 hour')::VARCHAR FROM z ORDER BY i",
            "SELECT i, (tz AT TIME ZONE 'Asia/Tokyo')::VARCHAR, timezone('America/Los_Angeles', ts)::VARCHAR, "
                    + "(ts AT TIME ZONE 'Europe/Berlin')::VARCHAR FROM z ORDER BY i",
            "SELECT date_trunc('day', tz)::VARCHAR AS d, count(*), min(tz)::VARCHAR, max(tz)::VARCHAR FROM z GROUP BY d ORDER BY d",
            "SELECT count(*) FROM z WHERE tz > TIMESTAMP '2019-06-01 12:00:00' AND tz < DATE '2020-01-01'",
            "SELECT i FROM z WHERE tz IS NOT NULL ORDER BY tz DESC, i LIMIT 100",
            "SELECT i, ('2020-03-08 0' || (i % 10) || ':30:00')::TIMESTAMPTZ::VARCHAR, ('2020-11-01 0' || (i % 10) || ':30:00')::TIMESTAMPTZ::VARCHAR, "
                    + "('2019-10-06 0' || (i % 10) || ':15:00')::TIMESTAMPTZ::VARCHAR FROM z WHERE i < 30 ORDER BY i",
            "SELECT i, (tz - TIMESTAMPTZ '2019-03-01 00:00:00+00')::VARCHAR, (TIMESTAMPTZ '2020-01-01 00:00:00+00' - tz)::VARCHAR, "
                    + "epoch(tz), epoch_ms(tz) FROM z ORDER BY i",
            "SELECT i, tz::TIMETZ::VARCHAR, ts::TIMESTAMP_S::VARCHAR, ts::TIMESTAMP_MS::VARCHAR, ts::TIMESTAMP_NS::VARCHAR, "
                    + "tz::TIMESTAMP_S::VARCHAR, ts::TIMESTAMP_NS::TIMESTAMPTZ::VARCHAR FROM z ORDER BY i",
            "SELECT i, date_diff('day', TIMESTAMPTZ '2019-01-01 00:00:00+00', tz), date_diff('hour', tz, TIMESTAMPTZ '2020-06-30 12:00:00+05:30'), "
                    + "date_diff('month', tz, TIMESTAMPTZ '2021-02-28 23:00:00+00') FROM z ORDER BY i");

    static Stream<Arguments> zonedQueries() {
        List<Arguments> out = new ArrayList<>();
        for (String zone : ZONES) {
            for (String q : QUERIES) {
                out.add(Arguments.of(zone, q));
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("zonedQueries")
    void sameAsDuckDb(String zone, String sql) throws Exception {
        setZone(zone);
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), zone + ": " + sql);
    }

    private static void setZone(String zone) throws SQLException {
        try (Statement t = db.teal().createStatement(); Statement d = db.duck().createStatement()) {
            t.execute("SET TimeZone = '" + zone + "'");
            d.execute("SET TimeZone = '" + zone + "'");
        }
    }

    @Test
    void literalsAndTypes() throws Exception {
        setZone("America/New_York");
        String[] same = {
                "SELECT typeof(now()), typeof(current_timestamp), typeof(TIMESTAMPTZ '2020-01-01'), typeof('10:00:00+02'::TIMETZ), "
                        + "typeof('2020-01-01'::TIMESTAMP_NS), current_setting('TimeZone')",
                "SELECT '2020-06-01 12:00:00.123+05:30'::TIMESTAMPTZ::VARCHAR, '2020-06-01 12:00:00 Europe/Paris'::TIMESTAMPTZ::VARCHAR, "
                        + "'2020-06-01T12:00:00Z'::TIMESTAMPTZ::VARCHAR, 'infinity'::TIMESTAMPTZ::VARCHAR, '-infinity'::TIMESTAMPTZ::VARCHAR",
                "SELECT '10:00:00+02'::TIMETZ::VARCHAR, '10:00:00.5-03:30'::TIMETZ::VARCHAR, '10:00:00+02'::TIMETZ::TIME::VARCHAR",
                "SELECT '2020-01-01 10:00:00.9'::TIMESTAMP_S::VARCHAR, '2020-01-01 10:00:00.123456789'::TIMESTAMP_NS::VARCHAR, "
                        + "'2020-01-01 10:00:00.123456789'::TIMESTAMP_NS::TIMESTAMP::VARCHAR, '1969-12-31 23:59:59.5'::TIMESTAMP::TIMESTAMP_S::VARCHAR",
                "SELECT x::VARCHAR FROM (VALUES ('10:00:00+02'::TIMETZ), ('08:00:00+00'::TIMETZ), ('09:00:00+00'::TIMETZ), "
                        + "('08:00:00-01'::TIMETZ), ('23:00:00-05'::TIMETZ), ('01:00:00+03'::TIMETZ)) t(x) ORDER BY x",
                "SELECT '10:00:00+02'::TIMETZ < '09:00:00+00'::TIMETZ, '10:00:00+02'::TIMETZ = '08:00:00+00'::TIMETZ",
        };
        for (String sql : same) {
            assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
        }
        for (String bad : List.of("SET TimeZone = 'Mars/Olympus'", "SELECT timezone('Foo/Bar', TIMESTAMP '2020-01-01')",
                "SELECT 'abc'::TIMESTAMPTZ")) {
            boolean query = bad.startsWith("SELECT");
            SQLException d = assertThrows(SQLException.class, () -> {
                if (query) rows(db.duck(), bad);
                else db.duck().createStatement().execute(bad);
            }, bad);
            SQLException t = assertThrows(SQLException.class, () -> {
                if (query) rows(db.teal(), bad);
                else db.teal().createStatement().execute(bad);
            }, bad);
            assertEquals(d.getMessage().lines().findFirst().orElseThrow().split("!")[0],
                    t.getMessage().lines().findFirst().orElseThrow().split("!")[0], bad);
        }
    }

    @Test
    void javaTimeInAndOut() throws Exception {
        setZone("Asia/Kolkata");
        Instant instant = Instant.parse("2021-07-04T10:15:30.123456Z");
        try (PreparedStatement p = db.teal().prepareStatement("SELECT ?::VARCHAR, ?::VARCHAR, ?::VARCHAR, typeof(?), ?, ?::VARCHAR")) {
            p.setObject(1, instant);
            p.setObject(2, OffsetDateTime.ofInstant(instant, ZoneOffset.ofHours(-3)));
            p.setObject(3, ZonedDateTime.ofInstant(instant, ZoneId.of("Europe/Paris")));
            p.setObject(4, instant);
            p.setObject(5, instant);
            p.setObject(6, OffsetTime.of(10, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                String text = "2021-07-04 15:45:30.123456+05:30";
                assertEquals(List.of(text, text, text, "TIMESTAMP WITH TIME ZONE", "10:00:00+05:30"),
                        List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(6)));
                assertEquals(OffsetDateTime.ofInstant(instant, ZoneId.of("Asia/Kolkata")), rs.getObject(5));
                assertEquals(instant, rs.getObject(5, Instant.class));
                assertEquals(java.sql.Types.TIMESTAMP_WITH_TIMEZONE, rs.getMetaData().getColumnType(5));
                assertEquals("java.time.OffsetDateTime", rs.getMetaData().getColumnClassName(5));
            }
        }
        try (ResultSet rs = db.teal().createStatement().executeQuery("SELECT '10:00:00-03:30'::TIMETZ, TIMESTAMP_NS '2020-01-01 00:00:00.000000001'")) {
            rs.next();
            assertEquals(OffsetTime.of(10, 0, 0, 0, ZoneOffset.ofHoursMinutes(-3, -30)), rs.getObject(1));
            assertEquals(java.time.LocalDateTime.of(2020, 1, 1, 0, 0, 0, 1), rs.getObject(2, java.time.LocalDateTime.class));
        }
        try (io.tealdb.Connection con = io.tealdb.Teal.connect()) {
            con.execute("SET TimeZone = 'America/New_York'");
            Object o = con.sql("SELECT TIMESTAMPTZ '2020-01-01 12:00:00+00'").fetchAll().get(0)[0];
            assertEquals(OffsetDateTime.parse("2020-01-01T07:00-05:00"), o);
        }
    }
}
