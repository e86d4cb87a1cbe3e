package io.tealdb.server.clickhouse;

import io.tealdb.server.ServerConfig;
import io.tealdb.server.TealServer;
import io.tealdb.server.pg.PgServerState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What curl users do: plain HTTP requests per format, against a real server on a loopback port. */
class ClickHouseHttpTest {
    static TealServer server;
    static HttpClient http = HttpClient.newHttpClient();
    static String base;
    static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("teal:pw".getBytes(StandardCharsets.UTF_8));

    @BeforeAll
    static void start() throws Exception {
        server = TealServer.start(ServerConfig.defaults().withPort(0).withHttpPorts(0, ServerConfig.OFF)
                .withAuth(PgServerState.Auth.PASSWORD, "teal", "pw"), new PrintStream(new ByteArrayOutputStream()));
        base = "http://127.0.0.1:" + server.httpPort() + "/";
        post("", "CREATE TABLE f (id Int32, s Nullable(String), d Date, a Array(Int32)) ENGINE = MergeTree ORDER BY id");
        post("", "INSERT INTO f VALUES (1, 'a\\tb', '2024-01-02', [1,2]), (2, NULL, '2024-01-03', [])");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> post(String query, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + query)).header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static String text(String query, String body) throws Exception {
        HttpResponse<byte[]> r = post(query, body);
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static String q(String sql) {
        return "?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8);
    }

    @Test
    void pingNeedsNoAuth() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base + "ping")).GET());
        assertEquals(200, r.statusCode());
        assertEquals("Ok.\n", new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void textFormats() throws Exception {
        String sql = "SELECT * FROM f ORDER BY id FORMAT ";
        assertEquals("1\ta\\tb\t2024-01-02\t[1,2]\n2\t\\N\t2024-01-03\t[]\n", text("", sql + "TabSeparated"));
        assertEquals("id\ts\td\ta\nInt32\tNullable(String)\tDate\tArray(Int32)\n1\ta\\tb\t2024-01-02\t[1,2]\n2\t\\N\t2024-01-03\t[]\n",
                text("", sql + "TSVWithNamesAndTypes"));
        assertEquals("\"id\",\"s\",\"d\",\"a\"\n1,\"a\tb\",\"2024-01-02\",\"[1,2]\"\n2,\\N,\"2024-01-03\",\"[]\"\n", text("", sql + "CSVWithNames"));
        assertEquals("{\"id\":1,\"s\":\"a\\tb\",\"d\":\"2024-01-02\",\"a\":[1,2]}\n{\"id\":2,\"s\":null,\"d\":\"2024-01-03\",\"a\":[]}\n",
                text("", sql + "JSONEachRow"));
        assertEquals("[\"id\",\"s\",\"d\",\"a\"]\n[\"Int32\",\"Nullable(String)\",\"Date\",\"Array(Int32)\"]\n[1,\"a\\tb\",\"2024-01-02\",[1,2]]\n"
                + "[2,null,\"2024-01-03\",[]]\n", text("", sql + "JSONCompactEachRowWithNamesAndTypes"));
        String json = text("", sql + "JSON");
        assertTrue(json.startsWith("{\"meta\":[{\"name\":\"id\",\"type\":\"Int32\"},{\"name\":\"s\",\"type\":\"Nullable(String)\"}"), json);
        assertTrue(json.contains("\"rows\":2"), json);
        assertEquals("{\"id\":\"1\",\"s\":\"a\\tb\",\"d\":\"2024-01-02\",\"a\":\"[1,2]\"}\n{\"id\":\"2\",\"s\":null,\"d\":\"2024-01-03\",\"a\":\"[]\"}\n",
                text("", sql + "JSONStringsEachRow"));
        assertEquals("id=1\ts=a\\tb\td=2024-01-02\ta=[1,2]\nid=2\ts=\\N\td=2024-01-03\ta=[]\n", text("", sql + "TSKV"));
        assertEquals("", text("", sql + "Null"));
        assertTrue(text("", sql + "PrettyCompact").startsWith("┌─id─┬─s────┬─d──────────┬─a─────┐\n"));
        // 64-bit integers are quoted in JSON unless asked otherwise
        assertEquals("{\"x\":\"7\"}\n", text("", "SELECT CAST(7 AS Int64) AS x FORMAT JSONEachRow"));
        assertEquals("{\"x\":7}\n", text("?output_format_json_quote_64bit_integers=0", "SELECT CAST(7 AS Int64) AS x FORMAT JSONEachRow"));
    }

    @Test
    void formatFromHeaderAndDefaultFormat() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base + q("SELECT 1 AS x"))).header("Authorization", AUTH)
                .header("X-ClickHouse-Format", "JSONCompactEachRow").GET());
        assertEquals("[1]\n", new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("JSONCompactEachRow", r.headers().firstValue("X-ClickHouse-Format").orElse(""));
        assertEquals("{\"x\":1}\n", text("?default_format=JSONEachRow", "SELECT 1 AS x"));
        // the FORMAT clause beats both
        assertEquals("1\n", text("?default_format=JSONEachRow", "SELECT 1 AS x FORMAT TSV"));
    }

    @Test
    void progressHeaderWhenAsked() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base + q("SELECT number FROM numbers(5000) FORMAT Null")
                + "&send_progress_in_http_headers=1")).header("Authorization", AUTH).GET());
        assertEquals(200, r.statusCode());
        String progress = r.headers().firstValue("X-ClickHouse-Progress").orElse("");
        assertTrue(progress.contains("\"result_rows\":\"5000\""), progress);
        assertEquals(r.headers().firstValue("X-ClickHouse-Summary").orElse(""), progress);
        r = send(HttpRequest.newBuilder(URI.create(base + q("SELECT 1"))).header("Authorization", AUTH).GET());
        assertTrue(r.headers().firstValue("X-ClickHouse-Progress").isEmpty());
    }

    @Test
    void binaryFormats() throws Exception {
        HttpResponse<byte[]> r = post("", "SELECT 1 AS check FORMAT Native");
        // TealDB types the literal 1 as Int32 (ClickHouse: UInt8); clickhouse-connect's probe reads only the bytes up to the name
        assertEquals("010105636865636b05496e74333201000000", HexFormat.of().formatHex(r.body()));
        r = post("?client_protocol_version=54405", "SELECT 1 AS check FORMAT Native");
        assertEquals("010002ffffffff00010105636865636b05496e74333201000000", HexFormat.of().formatHex(r.body()));
        r = post("", "SELECT CAST(1 AS UInt8) AS check FORMAT RowBinaryWithNamesAndTypes");
        assertEquals("0105636865636b0555496e743801", HexFormat.of().formatHex(r.body()));
        r = post("?compress=1", "SELECT 1 FORMAT TabSeparated");
        assertEquals("de79cf087fb635049db816df195b016b820c00000002000000203 10a".replace(" ", ""), HexFormat.of().formatHex(r.body()));
    }

    @Test
    void insertFormatsAndCompression() throws Exception {
        text("", "CREATE TABLE ins (k Int64, v String) ENGINE = MergeTree ORDER BY k");
        text(q("INSERT INTO ins FORMAT TabSeparated"), "1\tone\n2\ttwo\n");
        text(q("INSERT INTO ins FORMAT CSV"), "3,\"th,ree\"\n");
        text("", "INSERT INTO ins FORMAT JSONEachRow\n{\"k\": 4, \"v\": \"four\"}\n{\"v\": \"five\", \"k\": \"5\"}\n");
        text(q("INSERT INTO ins FORMAT JSONCompactEachRow"), "[6, \"six\"]\n");
        text(q("INSERT INTO ins FORMAT Values"), "(7, 'sev\\'en')");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write("INSERT INTO ins FORMAT TSV\n8\teight\n".getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base)).header("Authorization", AUTH).header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())));
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertTrue(r.headers().firstValue("X-ClickHouse-Summary").orElse("").contains("\"written_rows\":\"1\""));
        assertEquals("1\tone\n2\ttwo\n3\tth,ree\n4\tfour\n5\tfive\n6\tsix\n7\tsev\\'en\n8\teight\n", text("", "SELECT * FROM ins ORDER BY k"));
        // response compression when asked for
        r = send(HttpRequest.newBuilder(URI.create(base + q("SELECT count() FROM ins") + "&enable_http_compression=1")).header("Authorization", AUTH)
                .header("Accept-Encoding", "gzip").GET());
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""));
        assertEquals("8\n", new String(new GZIPInputStream(new java.io.ByteArrayInputStream(r.body())).readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void largeChunkedInsertStreams() throws Exception {
        // ~40 MB of TSV sent chunked: more than the body queue holds, so reading pauses and resumes
        text("", "CREATE TABLE big (k Int64, s String) ENGINE = MergeTree ORDER BY k");
        int rows = 1_000_000;
        java.io.InputStream tsv = new java.io.InputStream() {
            int row;
            byte[] cur = new byte[0];
            int pos;

            @Override
            public int read() {
                if (pos == cur.length) {
                    if (row == rows) return -1;
                    cur = (row + "\t" + "v".repeat(30) + row + "\n").getBytes(StandardCharsets.UTF_8);
                    pos = 0;
                    row++;
                }
                return cur[pos++];
            }
        };
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base + q("INSERT INTO big FORMAT TSV"))).header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.BufferedInputStream(tsv, 1 << 16))));
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(rows + "\t" + ((long) rows - 1) * rows / 2 + "\n", text("", "SELECT count(), sum(k) FROM big"));
    }

    @Test
    void errorsAndAuth() throws Exception {
        HttpResponse<byte[]> r = post("", "SELECT * FROM nope");
        assertEquals(404, r.statusCode());
        assertEquals("60", r.headers().firstValue("X-ClickHouse-Exception-Code").orElse(""));
        assertTrue(new String(r.body(), StandardCharsets.UTF_8).startsWith("Code: 60. DB::Exception: "));
        r = post("", "SELECT 1; SELECT 2");
        assertEquals(400, r.statusCode());
        r = send(HttpRequest.newBuilder(URI.create(base)).header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString("teal:bad".getBytes(StandardCharsets.UTF_8))).POST(HttpRequest.BodyPublishers.ofString("SELECT 1")));
        assertEquals(403, r.statusCode());
        assertEquals("516", r.headers().firstValue("X-ClickHouse-Exception-Code").orElse(""));
        r = send(HttpRequest.newBuilder(URI.create(base + q("SELECT 5") + "&user=teal&password=pw")).GET());
        assertEquals("5\n", new String(r.body(), StandardCharsets.UTF_8));
        r = send(HttpRequest.newBuilder(URI.create(base + q("SELECT 6"))).header("X-ClickHouse-User", "teal").header("X-ClickHouse-Key", "pw").GET());
        assertEquals("6\n", new String(r.body(), StandardCharsets.UTF_8));
        // GET is read-only
        r = send(HttpRequest.newBuilder(URI.create(base + q("CREATE TABLE ro (x Int32) ENGINE = Memory"))).header("Authorization", AUTH).GET());
        assertEquals(403, r.statusCode());
        assertEquals("164", r.headers().firstValue("X-ClickHouse-Exception-Code").orElse(""));
    }

    /** A query that fails at row 1.5M, long after the first MiB of its result went out. */
    static final String LATE_FAILURE = "SELECT repeat('a', 100) || CAST(CAST(CASE WHEN number = 1500000 THEN 'x' ELSE '1' END AS INTEGER) AS String) AS v"
            + " FROM numbers(2000000)";

    @Test
    void errorAfterTheFirstBytesIsNeverASuccess() throws Exception {
        // on the wire: a 200 with a chunked body that carries the ClickHouse error text and then ends
        // without the terminating zero-length chunk
        byte[] sql = LATE_FAILURE.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (java.net.Socket sock = new java.net.Socket("127.0.0.1", server.httpPort())) {
            sock.getOutputStream().write(("POST / HTTP/1.1\r\nHost: x\r\nAuthorization: " + AUTH + "\r\nContent-Length: " + sql.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            sock.getOutputStream().write(sql);
            sock.getInputStream().transferTo(got);
        }
        byte[] all = got.toByteArray();
        String head = new String(all, 0, 64, StandardCharsets.US_ASCII);
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        assertTrue(all.length > (1 << 20), "only " + all.length + " bytes");
        String tail = new String(all, all.length - 400, 400, StandardCharsets.UTF_8);
        assertTrue(tail.contains("Code: 6. DB::Exception: "), tail);
        assertTrue(!tail.endsWith("\r\n0\r\n\r\n"), "the chunked body was terminated like a complete reply");
        // and a client sees a failed transfer, not a short result
        assertThrows(java.io.IOException.class, () -> http.send(HttpRequest.newBuilder(URI.create(base)).header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofString(LATE_FAILURE)).build(), HttpResponse.BodyHandlers.ofByteArray()));
        assertEquals("1\n", text("", "SELECT 1"));
    }

    @Test
    void arrowAndParquetRoundTrip() throws Exception {
        text("", "CREATE TABLE arr_src (k Int64, s Nullable(String), d Date, x Float64) ENGINE = MergeTree ORDER BY k");
        text("", "INSERT INTO arr_src SELECT number, if(number % 7 = 0, NULL, toString(number)), toDate('2024-01-01') + toInt32(number % 100),"
                + " number / 4 FROM numbers(5000)");
        for (String f : new String[]{"Arrow", "ArrowStream", "Parquet"}) {
            byte[] data = post("", "SELECT * FROM arr_src FORMAT " + f).body();
            String t = "arr_" + f.toLowerCase(java.util.Locale.ROOT);
            text("", "CREATE TABLE " + t + " (k Int64, s Nullable(String), d Date, x Float64) ENGINE = MergeTree ORDER BY k");
            HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base + q("INSERT INTO " + t + " FORMAT " + f)))
                    .header("Authorization", AUTH).POST(HttpRequest.BodyPublishers.ofByteArray(data)));
            assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
            assertEquals("0\n", text("", "SELECT count() FROM (SELECT * FROM arr_src EXCEPT SELECT * FROM " + t + ")"), f);
            assertEquals("5000\n", text("", "SELECT count() FROM " + t), f);
        }
    }

    /** Enum8/Enum16 columns go out in Arrow as ClickHouse sends them: their values as int8/int16 (NULLs kept). */
    @Test
    void enumColumnsGoOutInArrowAsTheirValues() throws Exception {
        text("", "CREATE TABLE arr_enum (k Int64, e Enum8('red' = 1, 'green' = 5, 'blue' = -3), n Nullable(Enum16('a' = 1000, 'b' = -2000)))"
                + " ENGINE = MergeTree ORDER BY k");
        text("", "INSERT INTO arr_enum SELECT number, if(number % 3 = 0, 'red', if(number % 3 = 1, 'green', 'blue')),"
                + " if(number % 4 = 0, NULL, if(number % 2 = 0, 'a', 'b')) FROM numbers(5000)");
        for (String f : new String[]{"Arrow", "ArrowStream"}) {
            byte[] data = post("", "SELECT * FROM arr_enum ORDER BY k FORMAT " + f).body();
            try (var allocator = new org.apache.arrow.memory.RootAllocator();
                 org.apache.arrow.vector.ipc.ArrowReader reader = f.equals("Arrow")
                         ? new org.apache.arrow.vector.ipc.ArrowFileReader(new org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel(data), allocator)
                         : new org.apache.arrow.vector.ipc.ArrowStreamReader(new java.io.ByteArrayInputStream(data), allocator)) {
                var root = reader.getVectorSchemaRoot();
                assertEquals(new org.apache.arrow.vector.types.pojo.ArrowType.Int(8, true), root.getSchema().getFields().get(1).getType(), f);
                assertEquals(new org.apache.arrow.vector.types.pojo.ArrowType.Int(16, true), root.getSchema().getFields().get(2).getType(), f);
                long k = 0;
                while (reader.loadNextBatch()) {
                    var e = (org.apache.arrow.vector.TinyIntVector) root.getVector(1);
                    var n = (org.apache.arrow.vector.SmallIntVector) root.getVector(2);
                    for (int r = 0; r < root.getRowCount(); r++, k++) {
                        assertEquals(k % 3 == 0 ? 1 : k % 3 == 1 ? 5 : -3, e.get(r), f + " row " + k);
                        if (k % 4 == 0) assertTrue(n.isNull(r), f + " row " + k);
                        else assertEquals(k % 2 == 0 ? 1000 : -2000, n.get(r), f + " row " + k);
                    }
                }
                assertEquals(5000, k, f);
            }
        }
    }

    /**
     * A session's temporary tables are its own: another session, and requests without a session, see
     * the table of the same name (or none), and a temporary table shadows a table for its session only.
     */
    @Test
    void sessionTemporaryTablesArePrivate() throws Exception {
        text("", "CREATE TABLE sess_tmp (x Int32) ENGINE = MergeTree ORDER BY x");
        text("", "INSERT INTO sess_tmp SELECT number FROM numbers(3000)");
        text("?session_id=tmp-a", "CREATE TEMPORARY TABLE sess_tmp (x Int32)");
        text("?session_id=tmp-a", "INSERT INTO sess_tmp SELECT number * 10 FROM numbers(2500)");
        text("?session_id=tmp-b", "CREATE TEMPORARY TABLE sess_only_b (s String)");
        text("?session_id=tmp-b", "INSERT INTO sess_only_b VALUES ('b')");
        assertEquals("2500\t31237500\n", text("?session_id=tmp-a", "SELECT count(), sum(x) FROM sess_tmp"));
        assertEquals("3000\t4498500\n", text("?session_id=tmp-b", "SELECT count(), sum(x) FROM sess_tmp"));
        assertEquals("3000\t4498500\n", text("", "SELECT count(), sum(x) FROM sess_tmp"));
        assertEquals("b\n", text("?session_id=tmp-b", "SELECT s FROM sess_only_b"));
        assertEquals(404, post("?session_id=tmp-a", "SELECT * FROM sess_only_b").statusCode());
        assertEquals(404, post("", "SELECT * FROM sess_only_b").statusCode());
        assertEquals("1\n", text("?session_id=tmp-a", "SELECT count() FROM system.tables WHERE name = 'sess_tmp' AND is_temporary"));
        assertEquals("0\n", text("?session_id=tmp-b", "SELECT count() FROM system.tables WHERE name = 'sess_tmp' AND is_temporary"));
        text("?session_id=tmp-a", "DROP TABLE sess_tmp");
        assertEquals("3000\n", text("?session_id=tmp-a", "SELECT count() FROM sess_tmp"));
    }

    @Test
    void clickHouseSql() throws Exception {
        assertEquals("default\n", text("", "SHOW DATABASES"));
        assertEquals("3\t[0,1,2]\t2024-03-01\t202403\n", text("",
                "SELECT count() AS c, groupArray(number) AS g, toStartOfMonth(toDate('2024-03-17')) AS m, toYYYYMM(toDate('2024-03-17')) AS ym FROM numbers(3)"));
        assertEquals("0\n", text("", "SELECT dummy FROM system.one"));
        assertEquals("1\n", text("", "SELECT count() FROM system.settings WHERE name = 'max_threads'"));
        assertEquals("[3,4]\n", text("?param_arr=%5B3%2C4%5D", "SELECT {arr:Array(UInt8)}"));
        assertEquals("x\\ty\n", text("?param_s=x%5Cty", "SELECT {s:String}"));
    }
}
