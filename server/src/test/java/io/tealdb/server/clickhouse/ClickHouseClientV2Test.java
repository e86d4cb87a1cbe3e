package io.tealdb.server.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseFormat;
import io.tealdb.server.ServerConfig;
import io.tealdb.server.TealServer;
import io.tealdb.server.pg.PgServerState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ClickHouse Java client (client-v2 0.10.0, the real library) against a real server on a
 * loopback port: it asks for compress=1 (LZ4 blocks with CityHash checksums) and reads
 * RowBinaryWithNamesAndTypes by default.
 */
class ClickHouseClientV2Test {
    static TealServer server;
    static Client client;

    @BeforeAll
    static void start() {
        server = TealServer.start(ServerConfig.defaults().withPort(0).withHttpPorts(0, ServerConfig.OFF)
                .withAuth(PgServerState.Auth.PASSWORD, "teal", "s3cret"), new PrintStream(new ByteArrayOutputStream()));
        client = new Client.Builder().addEndpoint("http://127.0.0.1:" + server.httpPort()).setUsername("teal").setPassword("s3cret").build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void pingAndServerInfo() {
        assertTrue(client.ping());
        List<GenericRecord> r = client.queryAll("SELECT currentUser() AS user, timezone() AS timezone, version() AS version LIMIT 1");
        assertEquals("teal", r.get(0).getString("user"));
        assertEquals("UTC", r.get(0).getString("timezone"));
        assertEquals("24.10.1.1", r.get(0).getString("version"));
    }

    @Test
    void queryManyRowsWithParameters() {
        List<GenericRecord> rows = client.queryAll("SELECT number, toString(number) AS s FROM numbers(5000) WHERE number >= {lo:UInt32}",
                Map.of("lo", 1000));
        assertEquals(4000, rows.size());
        assertEquals(1000L, rows.get(0).getLong("number"));
        assertEquals("4999", rows.get(3999).getString("s"));
    }

    @Test
    void ddlInsertCsvAndSchema() throws Exception {
        client.execute("DROP TABLE IF EXISTS v2_t").get(30, TimeUnit.SECONDS);
        client.execute("CREATE TABLE v2_t (id UInt32, name String, score Nullable(Float64), d Date) ENGINE = MergeTree ORDER BY id")
                .get(30, TimeUnit.SECONDS);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 3000; i++) csv.append(i).append(",\"n").append(i).append("\",").append(i % 10 == 0 ? "\\N" : i * 0.5).append(",2024-01-01\n");
        try (InsertResponse ins = client.insert("v2_t", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                ClickHouseFormat.CSV).get(60, TimeUnit.SECONDS)) {
            assertEquals(3000, ins.getWrittenRows());
        }
        TableSchema schema = client.getTableSchema("v2_t");
        assertEquals(4, schema.getColumns().size());
        assertEquals("score", schema.getColumns().get(2).getColumnName());
        assertTrue(schema.getColumns().get(2).isNullable());
        List<GenericRecord> r = client.queryAll("SELECT count() AS c, sum(id) AS s, countIf(score IS NULL) AS nulls FROM v2_t");
        assertEquals(3000L, r.get(0).getLong("c"));
        assertEquals(2999L * 3000 / 2, r.get(0).getLong("s"));
        assertEquals(300L, r.get(0).getLong("nulls"));
        List<GenericRecord> one = client.queryAll("SELECT * FROM v2_t WHERE id = 7");
        assertEquals("n7", one.get(0).getString("name"));
        assertEquals(3.5, one.get(0).getDouble("score"));
        assertEquals(java.time.LocalDate.of(2024, 1, 1), one.get(0).getLocalDate("d"));
    }

    static ServerException serverError(Throwable t) {
        while (t != null && !(t instanceof ServerException)) t = t.getCause();
        assertTrue(t instanceof ServerException, "no ServerException in the cause chain");
        return (ServerException) t;
    }

    @Test
    void errorsCarryTheClickHouseCode() {
        // queryAll wraps the server's error in a ClientException; the ServerException with the code is its cause
        Exception e = assertThrows(Exception.class, () -> client.queryAll("SELECT * FROM no_such_table_v2"));
        assertEquals(60, serverError(e).getCode());
        Exception s = assertThrows(Exception.class, () -> client.queryAll("SELEKT 1"));
        assertEquals(62, serverError(s).getCode());
        assertTrue(client.ping());
    }
}
