package io.tealdb.server.clickhouse;

import io.tealdb.server.ServerConfig;
import io.tealdb.server.TealServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Declared ClickHouse types are as durable as their tables, and follow RENAME / DROP / ALTER. */
class ChColumnTypesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String post(TealServer s, String sql) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.httpPort() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static TealServer start(Path file) throws Exception {
        ServerConfig c = ServerConfig.defaults().withPort(0).withHttpPorts(0, ServerConfig.OFF);
        c = new ServerConfig(file.toString(), c.bind(), c.pgPort(), c.auth(), c.adminUser(), c.adminPassword(), c.tlsCert(), c.tlsKey(),
                c.tlsRequired(), c.maxConnections(), c.maxMessageBytes(), c.shutdownGrace(), c.threads(), c.httpPort(), c.httpsPort(), c.ilp());
        return TealServer.start(c, new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void declarationsSurviveARestartAndFollowDdl(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ch.teal");
        String describe = "SELECT name, type FROM system.columns WHERE database = 'default' AND table = 'ev' ORDER BY position FORMAT TSVRaw";
        try (TealServer s = start(file)) {
            post(s, "CREATE TABLE events (k UInt32, e Enum8('b' = 2, 'a' = 1), ip IPv4, f FixedString(2)) ENGINE = MergeTree ORDER BY k");
            post(s, "INSERT INTO events VALUES (1, 'a', '10.0.0.1', 'xy'), (2, 'b', '10.0.0.2', 'zz')");
            post(s, "RENAME TABLE events TO ev");
            post(s, "ALTER TABLE ev ADD COLUMN t DateTime64(3, 'Europe/Paris')");
            post(s, "ALTER TABLE ev DROP COLUMN f");
        }
        try (TealServer s = start(file)) {
            assertEquals("k\tUInt32\ne\tEnum8('a' = 1, 'b' = 2)\nip\tIPv4\nt\tDateTime64(3, 'Europe/Paris')\n", post(s, describe));
            assertEquals("a\t10.0.0.1\nb\t10.0.0.2\n", post(s, "SELECT e, ip FROM ev ORDER BY e FORMAT TSV"));
            String meta = post(s, "SELECT e, ip FROM ev FORMAT JSONCompact");
            assertTrue(meta.contains("\"type\":\"Enum8('a' = 1, 'b' = 2)\"") && meta.contains("\"type\":\"IPv4\""), meta);
            // a table of the same name made again starts from its own declarations
            post(s, "DROP TABLE ev");
            post(s, "CREATE TABLE ev (e String, ip String) ENGINE = MergeTree ORDER BY e");
            assertEquals("e\tString\nip\tString\n", post(s, describe));
            // the bookkeeping table is not one of the ClickHouse databases
            assertEquals("default\n", post(s, "SHOW DATABASES FORMAT TSV"));
        }
    }
}
