package io.tealdb.server.clickhouse;

import io.tealdb.server.ServerConfig;
import io.tealdb.server.TealServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A MergeTree table's ORDER BY key: each INSERT … FORMAT block is stored sorted by it, so a range of the
 * key lies in few row groups (whose zone maps then skip the rest), where a table without a key keeps the
 * arrival order and spreads the same range over all of them.
 */
class ChSortKeyTest {
    static TealServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Four row groups of 122,880 rows and a part of a fifth. */
    static final int ROWS = 500_000;

    @BeforeAll
    static void start() throws Exception {
        server = TealServer.start(ServerConfig.defaults().withPort(0).withHttpPorts(0, ServerConfig.OFF),
                new PrintStream(new ByteArrayOutputStream()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String post(String query, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/" + query))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** The keys 0..ROWS-1 in a scrambled order (k * 7919 mod ROWS is a permutation: 7919 is prime, ROWS = 2^5 * 5^6). */
    static String scrambledTsv() {
        StringBuilder sb = new StringBuilder(ROWS * 16);
        for (long i = 0; i < ROWS; i++) {
            long k = i * 7919 % ROWS;
            sb.append(k).append('\t').append("s").append(k % 1000).append('\t').append(i).append('\n');
        }
        return sb.toString();
    }

    /** The row groups holding keys [lo, hi]. */
    static int rowGroupsOf(String table, long lo, long hi) throws Exception {
        return Integer.parseInt(post("", "SELECT count(DISTINCT intDiv(rowid, 122880)) FROM " + table + " WHERE k BETWEEN " + lo + " AND " + hi
                + " FORMAT TSV").strip());
    }

    @Test
    void insertedBlocksAreStoredInKeyOrder() throws Exception {
        post("", "CREATE TABLE sorted_t (k UInt64, s String, arrival UInt64) ENGINE = MergeTree() PARTITION BY s ORDER BY (k, s)"
                + " SETTINGS index_granularity = 8192");
        post("", "CREATE TABLE heap_t (k UInt64, s String, arrival UInt64) ENGINE = MergeTree() ORDER BY tuple()");
        String data = scrambledTsv();
        post("?query=" + java.net.URLEncoder.encode("INSERT INTO sorted_t FORMAT TSV", StandardCharsets.UTF_8), data);
        post("?query=" + java.net.URLEncoder.encode("INSERT INTO heap_t FORMAT TSV", StandardCharsets.UTF_8), data);
        // the same rows either way
        String sums = "SELECT count(), sum(k), sum(arrival), count(DISTINCT s) FROM %s FORMAT TSV";
        assertEquals(post("", sums.formatted("heap_t")), post("", sums.formatted("sorted_t")));
        assertEquals(ROWS + "\t" + (long) ROWS * (ROWS - 1) / 2 + "\t" + (long) ROWS * (ROWS - 1) / 2 + "\t1000\n", post("", sums.formatted("sorted_t")));
        // stored sorted: row groups hold consecutive key ranges; a range of 1,000 keys lies in one or two of them
        assertEquals("0\t122879\n122880\t245759\n245760\t368639\n368640\t491519\n491520\t499999\n",
                post("", "SELECT min(k), max(k) FROM sorted_t GROUP BY intDiv(rowid, 122880) ORDER BY 1 FORMAT TSV"));
        assertTrue(rowGroupsOf("sorted_t", 200_000, 200_999) <= 2);
        assertEquals(5, rowGroupsOf("heap_t", 200_000, 200_999));
        assertEquals("(k, s)", post("", "SHOW CREATE TABLE sorted_t FORMAT TSVRaw").lines()
                .filter(l -> l.startsWith("ORDER BY ")).findFirst().orElseThrow().substring("ORDER BY ".length()));
        // a second insert is its own sorted block, after the first (no merges)
        post("?query=" + java.net.URLEncoder.encode("INSERT INTO sorted_t FORMAT CSV", StandardCharsets.UTF_8), "7,b,1\n3,a,2\n5,c,3\n");
        assertEquals("3\n5\n7\n", post("", "SELECT k FROM sorted_t WHERE arrival <= 3 AND rowid >= " + ROWS + " ORDER BY rowid FORMAT TSV"));
    }

    /**
     * Chunks (2048 rows) that arrive in key order go to storage as they come; from the first chunk out
     * of order on, the rest of the block is buffered and stored sorted after them (a late small key is
     * not moved in front of rows already stored).
     */
    @Test
    void inOrderPrefixIsStoredAsItCameAndTheRestSorted() throws Exception {
        post("", "CREATE TABLE prefix_t (k Int64, s String) ENGINE = MergeTree ORDER BY k");
        StringBuilder data = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int k = 0; k < 4 * 2048; k++) {
            data.append(k).append('\t').append("a").append(k).append('\n');
            expected.append(k).append('\t').append("a").append(k).append('\n');
        }
        for (int k = 19_999; k >= 10_000; k--) data.append(k).append('\t').append("b").append(k).append('\n');
        data.append(5000).append('\t').append("late").append('\n');
        expected.append(5000).append('\t').append("late").append('\n');
        for (int k = 10_000; k < 20_000; k++) expected.append(k).append('\t').append("b").append(k).append('\n');
        post("?query=" + java.net.URLEncoder.encode("INSERT INTO prefix_t FORMAT TSV", StandardCharsets.UTF_8), data.toString());
        assertEquals(expected.toString(), post("", "SELECT k, s FROM prefix_t ORDER BY rowid FORMAT TSV"));
        // a key column with NULLs takes the encoded comparison, NULLs sorting last as in ClickHouse
        post("", "CREATE TABLE prefix_n (k Nullable(Int64), s String) ENGINE = MergeTree ORDER BY k");
        StringBuilder nd = new StringBuilder();
        for (int k = 0; k < 2 * 2048; k++) nd.append(k).append('\t').append(k).append('\n');
        nd.append("\\N\tnull\n3\tthree\n5000\tx\n");
        post("?query=" + java.net.URLEncoder.encode("INSERT INTO prefix_n FORMAT TSV", StandardCharsets.UTF_8), nd.toString());
        assertEquals("4094\t4094\n4095\t4095\n3\tthree\n5000\tx\n\\N\tnull\n",
                post("", "SELECT k, s FROM prefix_n WHERE rowid >= 4094 ORDER BY rowid FORMAT TSV"));
        assertEquals("4099\n", post("", "SELECT count() FROM prefix_n FORMAT TSV"));
    }
}
