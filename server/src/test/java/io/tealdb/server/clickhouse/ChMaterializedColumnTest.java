package io.tealdb.server.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseFormat;
import io.tealdb.server.ServerConfig;
import io.tealdb.server.TealServer;
import io.tealdb.server.pg.PgServerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ClickHouse's MATERIALIZED columns through the Java client (client-v2 0.10.0) against a server on a
 * database file: values computed once, when the rows are inserted (a {@code generateUUIDv4()} or
 * {@code rand()} column reads the same on every query and after the server restarts), left out of
 * {@code SELECT *}, refused as insert targets (ILLEGAL_COLUMN, code 44), computed again by an
 * {@code ALTER TABLE … UPDATE} of a column they read (as ClickHouse's mutations do); ALIAS columns are
 * computed when read. 5,000 rows (three 2,048-row chunks).
 */
class ChMaterializedColumnTest {
    @TempDir
    Path dir;

    private static final String SNAPSHOT = "SELECT count() AS c, sum(twice) AS t, uniqExact(uid) AS u, sum(r) AS r, "
            + "toString(groupArray(uid)[1]) AS first, sum(length(tag)) AS tags FROM m";

    @Test
    void materializedValuesAreStoredAtInsertAndSurviveARestart() throws Exception {
        String file = dir.resolve("ch.db").toString();
        List<Object> before;
        try (Running s = new Running(file)) {
            s.client.execute("CREATE TABLE m (k UInt64, s String, twice UInt64 MATERIALIZED k * 2, uid UUID MATERIALIZED generateUUIDv4(), "
                    + "r UInt32 MATERIALIZED rand(), tag String ALIAS concat(s, '#', toString(k))) ENGINE = MergeTree ORDER BY k")
                    .get(30, TimeUnit.SECONDS);
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < 5000; i++) csv.append(i).append(",s").append(i % 7).append('\n');
            try (InsertResponse ins = s.client.insert("m", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                    ClickHouseFormat.CSV).get(60, TimeUnit.SECONDS)) {
                assertEquals(5000, ins.getWrittenRows());
            }
            assertEquals(List.of("k", "s"), new ArrayList<>(s.client.queryAll("SELECT * FROM m LIMIT 1").get(0).getSchema().getColumns()
                    .stream().map(c -> c.getColumnName()).toList()));
            before = snapshot(s.client);
            assertEquals(5000L, before.get(0));
            assertEquals(2L * 4999 * 5000 / 2, before.get(1));
            assertEquals(5000L, before.get(2)); // one UUID per row, drawn at insert
            assertEquals(before, snapshot(s.client)); // not drawn again when read
            Exception named = assertThrows(Exception.class, () -> s.client.queryAll("INSERT INTO m (k, twice) VALUES (1, 2)"));
            assertEquals(44, ClickHouseClientV2Test.serverError(named).getCode());
        }
        try (Running s = new Running(file)) {
            assertEquals(before, snapshot(s.client));
            List<GenericRecord> described = s.client.queryAll("SELECT name, default_kind FROM system.columns WHERE table = 'm' ORDER BY position");
            assertEquals(List.of("k=", "s=", "twice=MATERIALIZED", "uid=MATERIALIZED", "r=MATERIALIZED", "tag=ALIAS"),
                    described.stream().map(g -> g.getString("name") + "=" + g.getString("default_kind")).toList());
            // a mutation of k computes twice again; uid and r read no column and keep their values
            String uid3 = s.client.queryAll("SELECT toString(uid) AS u FROM m WHERE k = 3").get(0).getString("u");
            s.client.execute("ALTER TABLE m UPDATE k = k + 100000 WHERE k < 10").get(30, TimeUnit.SECONDS);
            GenericRecord moved = s.client.queryAll("SELECT twice, toString(uid) AS u, tag FROM m WHERE k = 100003").get(0);
            assertEquals(200006L, moved.getLong("twice"));
            assertEquals(uid3, moved.getString("u"));
            assertEquals("s3#100003", moved.getString("tag"));
            assertEquals(0L, s.client.queryAll("SELECT count() AS c FROM m WHERE twice != k * 2").get(0).getLong("c"));
            assertEquals(before.get(2), snapshot(s.client).get(2));
        }
    }

    @Test
    void insertAllowMaterializedColumnsKeepsTheGivenValues() throws Exception {
        try (Running s = new Running(dir.resolve("allow.db").toString())) {
            String base = "http://127.0.0.1:" + s.server.httpPort() + "/?";
            s.client.execute("CREATE TABLE a (k UInt64, twice UInt64 MATERIALIZED k * 2, tag String MATERIALIZED toString(k), "
                    + "al String ALIAS toString(k)) ENGINE = MergeTree ORDER BY k").get(30, TimeUnit.SECONDS);
            StringBuilder tsv = new StringBuilder();
            for (int i = 0; i < 5000; i++) tsv.append(i).append('\t').append(7 * i).append('\n');
            String insert = "INSERT INTO a (k, twice) FORMAT TabSeparated";
            // without the setting: ILLEGAL_COLUMN, as ClickHouse; with it: the given values are stored, tag is computed
            java.net.http.HttpResponse<String> refused = post(base + "query=" + enc(insert), tsv.toString());
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("Cannot insert column twice, because it is MATERIALIZED column. (ILLEGAL_COLUMN)"), refused.body());
            java.net.http.HttpResponse<String> ok = post(base + "insert_allow_materialized_columns=1&query=" + enc(insert), tsv.toString());
            assertEquals(200, ok.statusCode(), ok.body());
            GenericRecord g = s.client.queryAll("SELECT count() AS c, sum(twice) AS t, countIf(tag = toString(k)) AS tags FROM a").get(0);
            assertEquals(5000L, g.getLong("c"));
            assertEquals(7L * 4999 * 5000 / 2, g.getLong("t"));
            assertEquals(5000L, g.getLong("tags"));
            // an ALIAS stays refused; VALUES is TealDB SQL there, which refuses the column with a clear error
            java.net.http.HttpResponse<String> alias = post(base + "insert_allow_materialized_columns=1&query="
                    + enc("INSERT INTO a (k, al) FORMAT TabSeparated"), "1\tx\n");
            assertTrue(alias.statusCode() != 200 && alias.body().contains("al, because it is ALIAS column"), alias.body());
            java.net.http.HttpResponse<String> values = post(base + "insert_allow_materialized_columns=1", "INSERT INTO a (k, twice) VALUES (1, 2)");
            assertTrue(values.body().contains("NOT_IMPLEMENTED"), values.body());
            assertEquals(5000L, s.client.queryAll("SELECT count() AS c FROM a").get(0).getLong("c"));
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static java.net.http.HttpResponse<String> post(String url, String body) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("teal:s3cret".getBytes(StandardCharsets.UTF_8)))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static List<Object> snapshot(Client c) {
        GenericRecord g = c.queryAll(SNAPSHOT).get(0);
        return List.of(g.getLong("c"), g.getLong("t"), g.getLong("u"), g.getLong("r"), g.getString("first"), g.getLong("tags"));
    }

    /** A server on the database file, with a client; closing both checkpoints the file. */
    private static final class Running implements AutoCloseable {
        final TealServer server;
        final Client client;

        Running(String file) {
            server = TealServer.start(ServerConfig.defaults().withDatabaseFile(file).withPort(0).withHttpPorts(0, ServerConfig.OFF)
                    .withAuth(PgServerState.Auth.PASSWORD, "teal", "s3cret"), new PrintStream(new ByteArrayOutputStream()));
            client = new Client.Builder().addEndpoint("http://127.0.0.1:" + server.httpPort()).setUsername("teal").setPassword("s3cret").build();
        }

        @Override
        public void close() {
            client.close();
            server.close();
        }
    }
}
