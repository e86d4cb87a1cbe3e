package io.tealdb.server.ilp;

import io.questdb.client.Sender;
import io.questdb.client.cutlass.line.LineSenderException;
import io.tealdb.server.ServerConfig;
import io.tealdb.server.TealServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * QuestDB's Java client ({@code io.questdb.client.Sender}, org.questdb:questdb-client) and raw HTTP/TCP
 * against a real server on loopback ports; rows are read back with pgjdbc.
 */
class IlpServerTest {
    @TempDir
    static Path dir;
    static TealServer server;
    static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    static String http, tcp;

    @BeforeAll
    static void start() {
        ServerConfig d = ServerConfig.defaults();
        ServerConfig c = new ServerConfig(dir.resolve("ilp.teal").toString(), "127.0.0.1", 0, d.auth(), d.adminUser(), null, null,
                null, false, d.maxConnections(), d.maxMessageBytes(), d.shutdownGrace(), 2, -1, -1, new IlpConfig(0, 0, true, true));
        server = TealServer.start(c, new PrintStream(LOG, true, StandardCharsets.UTF_8));
        http = "127.0.0.1:" + server.ilp().httpPort();
        tcp = "127.0.0.1:" + server.ilp().tcpPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Connection pg() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/teal?user=teal");
    }

    static String one(String sql) throws SQLException {
        try (Connection c = pg(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            StringBuilder sb = new StringBuilder();
            while (rs.next()) {
                if (!sb.isEmpty()) sb.append('\n');
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    if (i > 1) sb.append('|');
                    sb.append(rs.getString(i));
                }
            }
            return sb.toString();
        }
    }

    /** TCP has no acknowledgement: polls (bounded) until the server committed what was sent. */
    static String awaitRows(String sql, String expected) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String got = null;
        while (System.nanoTime() < deadline) {
            try {
                got = one(sql);
            } catch (SQLException e) {
                got = e.getMessage();
            }
            if (expected.equals(got)) break;
            Thread.sleep(50);
        }
        return got;
    }

    @Test
    void javaSenderOverHttpWithAllColumnTypes() throws SQLException {
        Instant base = Instant.parse("2024-03-01T00:00:00Z");
        int n = 7000;
        try (Sender s = Sender.fromConfig("http::addr=" + http + ";")) {
            for (int i = 0; i < n; i++) {
                s.table("jtrades").symbol("sym", i % 2 == 0 ? "EURUSD" : "GBPUSD").symbol("venue", "v" + (i % 3))
                        .doubleColumn("bid", i * 0.5).doubleColumn("ask", i * 0.5 + 0.25).longColumn("qty", i)
                        .stringColumn("note", "n\"" + i).boolColumn("hot", i % 5 == 0)
                        .timestampColumn("seen", base.plusSeconds(i))
                        .at(base.plus(i, ChronoUnit.MILLIS));
            }
        }
        assertEquals(n + "|" + (n * (n - 1) / 2) + "|" + (n / 2) + "|1400|2024-03-01 00:00:06.999",
                one("SELECT count(*), sum(qty), count(*) FILTER (WHERE sym = 'EURUSD'), count(*) FILTER (WHERE hot), max(timestamp) FROM jtrades"));
        assertEquals("EURUSD|v0|0|0.25|n\"0|t|2024-03-01 00:00:00",
                one("SELECT sym, venue, bid, ask, note, hot, seen FROM jtrades WHERE qty = 0"));
        // the Java client sends Instants as nanoseconds (`n`): QuestDB >= 9.1 creates TIMESTAMP_NS columns for them
        assertEquals("sym VARCHAR,venue VARCHAR,bid DOUBLE,ask DOUBLE,qty BIGINT,note VARCHAR,hot BOOLEAN,seen TIMESTAMP_NS,timestamp TIMESTAMP_NS",
                one("SELECT string_agg(column_name || ' ' || data_type, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'jtrades'"));
    }

    /** A table with hidden generated columns (ClickHouse's ALIAS/MATERIALIZED) takes rows: they are computed, not sent. */
    @Test
    void tablesWithHiddenGeneratedColumnsTakeRows() throws Exception {
        exec("CREATE TABLE jhidden (sym VARCHAR, px DOUBLE, twice DOUBLE GENERATED ALWAYS AS (px * 2) HIDDEN, \"timestamp\" TIMESTAMP)");
        try (Sender s = Sender.fromConfig("http::addr=" + http + ";")) {
            for (int i = 0; i < 5000; i++) s.table("jhidden").symbol("sym", "s" + (i % 3)).doubleColumn("px", i).at(i + 1, ChronoUnit.MICROS);
        }
        assertEquals("5000|24995000|1667", one("SELECT count(*), sum(twice)::BIGINT, count(*) FILTER (WHERE sym = 's0') FROM jhidden"));
        assertEquals("sym|px|timestamp", one("SELECT string_agg(column_name, '|') FROM (DESCRIBE SELECT * FROM jhidden)"));
    }

    @Test
    void javaSenderDoubleArrays() throws SQLException {
        try (Sender s = Sender.fromConfig("http::addr=" + http + ";")) {
            s.table("jarr").doubleArray("a", new double[]{1.5, 2.5}).doubleArray("m", new double[][]{{1, 2}, {3, 4}, {5, 6}})
                    .at(1, ChronoUnit.SECONDS);
        }
        assertEquals("2|2.5|3|6|DOUBLE[][]", one("SELECT len(a), a[2], len(m), m[3][2], typeof(m) FROM jarr"));
    }

    /**
     * DEDUP UPSERT KEYS (a PRIMARY KEY) on a table with a visible and a hidden generated column: rows
     * with a stored key are replaced, the generated columns are computed for them; a line that names a
     * generated column fails its request (nothing of it commits).
     */
    @Test
    void upsertKeysWithGeneratedColumns() throws Exception {
        exec("CREATE TABLE jdedupgen (sym VARCHAR, px DOUBLE, twice DOUBLE GENERATED ALWAYS AS (px * 2), "
                + "tag VARCHAR GENERATED ALWAYS AS (sym || '@' || px) HIDDEN, \"timestamp\" TIMESTAMP, PRIMARY KEY (\"timestamp\", sym))");
        int n = 6000;
        for (double add : new double[]{0, 0.5}) {
            try (Sender s = Sender.fromConfig("http::addr=" + http + ";")) {
                for (int i = 0; i < n; i++) s.table("jdedupgen").symbol("sym", "s" + (i % 3)).doubleColumn("px", i + add).at(1 + i / 3, ChronoUnit.SECONDS);
            }
        }
        // the second pass replaced every row: n rows, px = i + 0.5
        assertEquals(n + "|" + (n * (n - 1) + n) + "|" + (n / 3), one("SELECT count(*), sum(twice)::BIGINT, count(*) FILTER (WHERE tag LIKE 's0@%') FROM jdedupgen"));
        assertEquals("s1|1.5|3|s1@1.5", one("SELECT sym, px, twice, tag FROM jdedupgen WHERE px = 1.5"));
        for (String col : new String[]{"twice", "tag"}) {
            Sender s = Sender.fromConfig("http::addr=" + http + ";");
            s.table("jdedupgen").symbol("sym", "new").doubleColumn("px", 1).at(99_999, ChronoUnit.SECONDS);
            s.table("jdedupgen").symbol("sym", "new").doubleColumn(col, 1).at(99_998, ChronoUnit.SECONDS);
            LineSenderException e = assertThrows(LineSenderException.class, s::flush);
            assertTrue(e.getMessage().contains("column: " + col + "; cannot write a generated column"), e.getMessage());
            assertTrue(e.getMessage().contains("error in line 2"), e.getMessage());
        }
        assertEquals(String.valueOf(n), one("SELECT count(*) FROM jdedupgen"));
    }

    @Test
    void javaSenderSeesCastErrorsAndNothingCommits() throws SQLException {
        try (Sender s = Sender.fromConfig("http::addr=" + http + ";")) {
            s.table("jerr").longColumn("x", 1).atNow();
        }
        Sender s = Sender.fromConfig("http::addr=" + http + ";");
        s.table("jerr").longColumn("x", 2).atNow();
        s.table("jerr").stringColumn("x", "two").atNow();
        LineSenderException e = assertThrows(LineSenderException.class, s::flush);
        assertTrue(e.getMessage().contains("cast error from protocol type: STRING to column type: BIGINT"), e.getMessage());
        assertTrue(e.getMessage().contains("error in line 2"), e.getMessage());
        assertEquals("1", one("SELECT string_agg(x::VARCHAR, ',') FROM jerr"));
    }

    @Test
    void javaSenderOverTcp() throws Exception {
        try (Sender s = Sender.fromConfig("tcp::addr=" + tcp + ";")) {
            for (int i = 0; i < 3000; i++) s.table("jtcp").symbol("k", "a").longColumn("i", i).at(i + 1, ChronoUnit.MICROS);
        }
        assertEquals("3000|4498500", awaitRows("SELECT count(*), sum(i) FROM jtcp", "3000|4498500"));
    }

    private static HttpResponse<String> post(HttpClient client, byte[] body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://" + http + "/write")).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Mutated requests only ever fail their own request (400, JSON body); the server keeps serving. */
    @Test
    void fuzzedHttpBodiesFailOnlyTheirRequest() throws Exception {
        byte[] seed = "fz,sym=a,side=b price=1.5,qty=3i,s=\"x y\",ok=t 1700000000000000000\nfz price=2.5 1700000000000000001\n"
                .getBytes(StandardCharsets.UTF_8);
        Random r = new Random(99);
        HttpClient client = HttpClient.newHttpClient();
        int ok = 0, rejected = 0;
        for (int i = 0; i < 400; i++) {
            byte[] in = seed.clone();
            for (int m = 0; m < 1 + r.nextInt(3); m++) in[r.nextInt(in.length)] = (byte) (r.nextBoolean() ? r.nextInt(256) : " ,=\"\\\nti".charAt(r.nextInt(8)));
            HttpResponse<String> resp = post(client, in);
            if (resp.statusCode() == 204) {
                ok++;
            } else {
                assertEquals(400, resp.statusCode(), resp.body());
                assertTrue(resp.body().startsWith("{\"code\":\"invalid\",\"message\":"), resp.body());
                rejected++;
            }
        }
        assertTrue(ok > 0 && rejected > 0, ok + " accepted, " + rejected + " rejected");
        assertEquals(204, post(client, "fz_after v=1i 1\n".getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals("1", one("SELECT count(*) FROM fz_after"));
    }

    /** Garbage over TCP closes only that connection; rows sent before it on the connection are kept. */
    @Test
    void badTcpLinesCloseTheConnectionAndAreLogged() throws Exception {
        Random r = new Random(5);
        for (int i = 0; i < 30; i++) {
            byte[] junk = new byte[1 + r.nextInt(200)];
            r.nextBytes(junk);
            try (Socket sock = new Socket("127.0.0.1", server.ilp().tcpPort())) {
                OutputStream out = sock.getOutputStream();
                out.write(("tcp_ok,c=" + i + " v=" + i + "i 1\n").getBytes(StandardCharsets.UTF_8));
                out.write(junk);
                out.write("\n\"unterminated x=\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                sock.setSoTimeout(30_000);
                InputStream in = sock.getInputStream();
                assertEquals(-1, in.read(), "the server closes the connection without replying");
            }
        }
        assertEquals("30|435", awaitRows("SELECT count(*), sum(v) FROM tcp_ok", "30|435"));
        assertTrue(LOG.toString(StandardCharsets.UTF_8).contains("closing the connection"));
    }

    @Test
    void gzipBodies() throws Exception {
        java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(z)) {
            for (int i = 0; i < 5000; i++) g.write(("gz,s=k" + (i % 3) + " v=" + i + "i " + (i + 1) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + http + "/write"))
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(z.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode(), r.body());
        assertEquals("5000|12497500", one("SELECT count(*), sum(v) FROM gz"));
    }

    /**
     * A body of {@code n} lines for table {@code table}: a symbol, the line's number {@code i} (a
     * string, i.e. a cast error, on the 1-based lines in {@code bad}) and a binary double (protocol 2)
     * whose low bytes are line feeds when {@code feedsInDoubles}; the last line adds the column
     * {@code extra} when {@code extra} is not null.
     */
    private static byte[] splitBody(String table, int n, boolean feedsInDoubles, java.util.Set<Integer> bad, String extra) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            String value = bad.contains(i + 1) ? "\"oops\"" : i + "i";
            out.writeBytes((table + ",s=k" + (i % 3) + " i=" + value + ",d==").getBytes(StandardCharsets.UTF_8));
            out.write(16); // binary double, little-endian
            long bits = Double.doubleToLongBits(splitValue(i, feedsInDoubles));
            for (int b = 0; b < 8; b++) out.write((int) (bits >>> (8 * b)));
            if (extra != null && i == n - 1) out.writeBytes((",extra=\"" + extra + "\"").getBytes(StandardCharsets.UTF_8));
            out.writeBytes((" " + (1_000_000L + i) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static double splitValue(int i, boolean feedsInDoubles) {
        return feedsInDoubles ? Double.longBitsToDouble(0x400A0A0A0A0A0A0AL + ((long) (i % 7) << 52)) : i * 0.5;
    }

    /** Every row of a split-decoded request, in line order (rowid), with its exact double. */
    private static void assertSplitRows(String table, int n, boolean feedsInDoubles) throws SQLException {
        try (Connection c = pg(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT i, d, s FROM " + table + " ORDER BY rowid")) {
            int i = 0;
            while (rs.next()) {
                assertEquals(i, rs.getLong(1), "row " + i);
                assertEquals(splitValue(i, feedsInDoubles), rs.getDouble(2), "row " + i);
                assertEquals("k" + (i % 3), rs.getString(3), "row " + i);
                i++;
            }
            assertEquals(n, i);
        }
    }

    private static void exec(String sql) throws SQLException {
        try (Connection c = pg(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /**
     * Bodies over 256 KiB are decoded by two threads, cut at a line feed near the middle; the tail's
     * work is used only when the head's own parse ends exactly at the cut and the tail changed no
     * table. Whatever the path, the rows, their order and the errors are those of a serial decode.
     */
    @Test
    void largeBodiesDecodeInTwoHalvesWithSerialResults() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        java.util.Set<Integer> none = java.util.Set.of();
        int n = 40_000;
        // a cut at a line's end; the table exists, so the tail's lines need no schema change
        assertEquals(204, post(client, splitBody("split_clean", 1, false, none, null)).statusCode());
        exec("DELETE FROM split_clean");
        byte[] clean = splitBody("split_clean", n, false, none, null);
        assertTrue(clean.length > 256 * 1024, "body of " + clean.length + " bytes");
        HttpResponse<String> r = post(client, clean);
        assertEquals(204, r.statusCode(), r.body());
        assertSplitRows("split_clean", n, false);

        // line feeds inside binary doubles: the first one after the middle is inside a value, not a line's end
        assertEquals(204, post(client, splitBody("split_feeds", 1, true, none, null)).statusCode());
        exec("DELETE FROM split_feeds");
        int m = n;
        byte[] feeds;
        while (true) {
            feeds = splitBody("split_feeds", m, true, none, null);
            int f = feeds.length / 2;
            while (feeds[f] != '\n') f++;
            if (!new String(feeds, f + 1, 11, StandardCharsets.ISO_8859_1).equals("split_feeds")) break;
            m++;
        }
        r = post(client, feeds);
        assertEquals(204, r.statusCode(), r.body());
        assertSplitRows("split_feeds", m, true);

        // a new column on the last line: the tail may not add it, so the head decodes those lines itself
        exec("DELETE FROM split_clean");
        r = post(client, splitBody("split_clean", n, false, none, "late"));
        assertEquals(204, r.statusCode(), r.body());
        assertSplitRows("split_clean", n, false);
        assertEquals((n - 1) + "|late|1", one("SELECT max(i), max(extra), count(extra) FROM split_clean"));

        // a bad line in the tail, then bad lines in both halves: the first is reported and nothing commits
        exec("DELETE FROM split_clean");
        r = post(client, splitBody("split_clean", n, false, java.util.Set.of(30_001), null));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("error in line 30001: table: split_clean, column: i; cast error from protocol type: STRING"), r.body());
        r = post(client, splitBody("split_clean", n, false, java.util.Set.of(7, 30_001), null));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("error in line 7: "), r.body());
        assertEquals("0", one("SELECT count(*) FROM split_clean"));
    }
}
