package io.tealdb.server.clickhouse;

import io.tealdb.server.ServerConfig;
import io.tealdb.server.TealServer;
import io.tealdb.server.pg.PgServerState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Functions that carry a zone to their result, as ClickHouse types them: {@code toTimeZone(x, 'tz')} and
 * {@code toDateTime(x, 'tz')} are DateTime('tz'), {@code toDateTime64(x, p, 'tz')} DateTime64(p, 'tz'), and
 * {@code toStartOfDay}/{@code toStartOfHour}/… of a zoned value a DateTime in its zone (the instant the
 * local day or hour starts there); the result header names that type, text formats print the values in
 * that zone, and date functions applied to such a result work in its zone. 3,000 rows 17 minutes apart
 * across Berlin's spring change (three 2,048-row chunks).
 */
class ChZonedFunctionsTest {
    static TealServer server;
    static String base;
    static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    static String text(String query, String body) throws Exception {
        java.net.http.HttpResponse<String> r = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + query))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("teal:pw".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    @BeforeAll
    static void start() throws Exception {
        server = TealServer.start(ServerConfig.defaults().withPort(0).withHttpPorts(0, ServerConfig.OFF)
                .withAuth(PgServerState.Auth.PASSWORD, "teal", "pw"), new PrintStream(new ByteArrayOutputStream()));
        base = "http://127.0.0.1:" + server.httpPort() + "/";
        text("", "CREATE TABLE z (id Int32, b DateTime('Europe/Berlin'), u DateTime) ENGINE = MergeTree ORDER BY id");
        text("", "INSERT INTO z SELECT number, toDateTime('2024-03-30 12:00:00') + INTERVAL (number * 1020) SECOND,"
                + " toDateTime('2024-03-30 12:00:00') + INTERVAL (number * 1020) SECOND"
                + " FROM numbers(3000)");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final DateTimeFormatter F = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Test
    void zoneArgumentsAndStartsOfDaysCarryTheirZone() throws Exception {
        String got = text("", "SELECT id, toTimeZone(u, 'Asia/Tokyo') AS tk, toString(toTimeZone(u, 'Asia/Tokyo')) AS tks, toHour(toTimeZone(u, 'Asia/Tokyo')) AS h,"
                + " toStartOfDay(b) AS day, toString(toStartOfDay(b)) AS days, toUnixTimestamp(toStartOfDay(b)) AS dayEpoch,"
                + " toStartOfHour(u, 'America/New_York') AS nyh, toUnixTimestamp(toStartOfHour(u, 'America/New_York')) AS nyhEpoch"
                + " FROM z ORDER BY id FORMAT TSVWithNamesAndTypes");
        String[] lines = got.split("\n");
        assertEquals("id\ttk\ttks\th\tday\tdays\tdayEpoch\tnyh\tnyhEpoch", lines[0]);
        String[] types = lines[1].split("\t");
        // (TSV escapes the quotes of type names, as ClickHouse does)
        assertEquals("DateTime(\\'Asia/Tokyo\\')", types[1]);
        assertEquals("DateTime(\\'Europe/Berlin\\')", types[4]);
        assertEquals("DateTime(\\'America/New_York\\')", types[7]);
        assertEquals(3002, lines.length);
        ZoneId tokyo = ZoneId.of("Asia/Tokyo"), berlin = ZoneId.of("Europe/Berlin"), ny = ZoneId.of("America/New_York");
        Instant base = LocalDateTime.of(2024, 3, 30, 12, 0).toInstant(ZoneOffset.UTC);
        for (int k = 0; k < 3000; k++) {
            Instant x = base.plusSeconds(1020L * k);
            String local = F.format(x.atZone(tokyo));
            Instant day = x.atZone(berlin).truncatedTo(ChronoUnit.DAYS).toInstant();
            Instant hour = x.atZone(ny).truncatedTo(ChronoUnit.HOURS).toInstant();
            String want = k + "\t" + local + "\t" + local + "\t" + x.atZone(tokyo).getHour() + "\t" + F.format(day.atZone(berlin)) + "\t"
                    + F.format(day.atZone(berlin)) + "\t" + day.getEpochSecond() + "\t" + F.format(hour.atZone(ny)) + "\t" + hour.getEpochSecond();
            assertEquals(want, lines[k + 2], "row " + k);
        }
        // an unnamed item is named by its ClickHouse text and still typed with its zone
        assertEquals("toTimeZone(u, \\'Asia/Tokyo\\')\nDateTime(\\'Asia/Tokyo\\')\n2024-03-30 21:00:00\n",
                text("", "SELECT toTimeZone(u, 'Asia/Tokyo') FROM z WHERE id = 0 FORMAT TSVWithNamesAndTypes"));
    }

    @Test
    void toTypeNameNamesTheZone() throws Exception {
        assertEquals("DateTime('Europe/Berlin')\tDateTime('Asia/Tokyo')\tDateTime('Europe/Berlin')\tDateTime64(3, 'UTC')\tDateTime\n",
                text("", "SELECT toTypeName(b), toTypeName(toTimeZone(u, 'Asia/Tokyo')), toTypeName(toStartOfDay(b)),"
                        + " toTypeName(toDateTime64(u, 3, 'UTC')), toTypeName(u) FROM z WHERE id = 1 FORMAT TabSeparatedRaw"));
    }

    @Test
    void textIsLocalTimeOfTheZoneArgument() throws Exception {
        assertEquals("d\tdt64\te\te64\nDateTime(\\'Europe/Berlin\\')\tDateTime64(3, \\'Asia/Tokyo\\')\tUInt32\tInt64\n"
                        + "2024-01-01 00:00:00\t2024-07-01 09:30:00.000\t1704063600\t1719793800\n",
                text("", "SELECT toDateTime('2024-01-01 00:00:00', 'Europe/Berlin') AS d, toDateTime64('2024-07-01 09:30:00', 3, 'Asia/Tokyo') AS dt64,"
                        + " toUInt32(toUnixTimestamp(d)) AS e, toInt64(toUnixTimestamp(dt64)) AS e64 FORMAT TSVWithNamesAndTypes"));
    }
}
