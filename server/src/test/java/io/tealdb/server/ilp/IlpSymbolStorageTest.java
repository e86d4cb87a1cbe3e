package io.tealdb.server.ilp;

import io.questdb.client.Sender;
import io.tealdb.server.ServerConfig;
import io.tealdb.server.TealServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Symbol values a request stages once per chunk (rows of one value share its bytes) must read back
 * as the values sent, row by row: through the segments they are appended to, the write-ahead log
 * replayed on reopen, and the checkpointed file.
 */
class IlpSymbolStorageTest {
    @TempDir
    Path dir;

    private static final String[] SYMS = {"EURUSD", "GBPUSD", "USDJPY", "AUDUSD", "USDCHF", "NZDUSD", "USDCAD", "EURGBP", "x",
            "a-much-longer-symbol-value-of-more-than-sixty-four-bytes-which-is-copied-per-row-0123456789", "ÜBERSEE", "EURUSE"};
    private static final String[] NOTES = {"alpha", "beta", "gamma"};
    private static final int ROWS = 30_011;

    /** Row i's symbols and string: a pattern that cycles with periods unrelated to the chunk size. */
    private static String expectedRow(int i) {
        return i + "|" + SYMS[(i * 7 + i / 5000) % SYMS.length] + "|" + (i % 13 == 0 ? "null" : "v" + (i % 4)) + "|" + NOTES[i % 3];
    }

    @Test
    void repeatedSymbolsSurviveSegmentsLogReplayAndCheckpoint() throws Exception {
        Path db = dir.resolve("sym.teal");
        ServerConfig d = ServerConfig.defaults();
        ServerConfig c = new ServerConfig(db.toString(), "127.0.0.1", 0, d.auth(), d.adminUser(), null, null,
                null, false, d.maxConnections(), d.maxMessageBytes(), d.shutdownGrace(), 2, -1, -1, new IlpConfig(0, 0, true, true));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) expected.add(expectedRow(i));
        String query = "SELECT i, sym, venue, note FROM syms ORDER BY i";
        TealServer server = TealServer.start(c, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            // requests of 7,001 rows: chunks of 2,048 rows end inside requests and requests inside chunks
            try (Sender s = Sender.fromConfig("http::addr=127.0.0.1:" + server.ilp().httpPort() + ";auto_flush_rows=7001;")) {
                for (int i = 0; i < ROWS; i++) {
                    s.table("syms").symbol("sym", SYMS[(i * 7 + i / 5000) % SYMS.length]);
                    if (i % 13 != 0) s.symbol("venue", "v" + (i % 4));
                    s.longColumn("i", i).stringColumn("note", NOTES[i % 3]).at(1_700_000_000_000_000L + i, ChronoUnit.MICROS);
                }
            }
            String pgUrl = "jdbc:postgresql://127.0.0.1:" + server.port() + "/teal?user=teal";
            assertEquals(expected, rows(pgUrl, query), "read from the segments");
            // a copy taken while the server runs holds the rows in its write-ahead log only
            Files.copy(db, dir.resolve("copy.teal"));
            Files.copy(Path.of(db + ".wal"), dir.resolve("copy.teal.wal"));
            try (Connection pg = DriverManager.getConnection(pgUrl); Statement st = pg.createStatement()) {
                st.execute("CHECKPOINT");
            }
        } finally {
            server.close();
        }
        assertEquals(expected, rows("jdbc:teal:" + dir.resolve("copy.teal"), query), "replayed from the log");
        assertEquals(expected, rows("jdbc:teal:" + db, query), "read from the checkpointed file");
    }

    private static List<String> rows(String url, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
        }
        return out;
    }
}
