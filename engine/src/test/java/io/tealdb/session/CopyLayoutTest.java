package io.tealdb.session;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The file layouts of COPY … TO are the same for every format: CSV and JSON partitioned by hive
 * folders and written per thread hold the query's rows as DuckDB reads them, RETURN_FILES lists the
 * files, and a non-empty target directory needs OVERWRITE (20,000 rows: several chunks per file).
 */
class CopyLayoutTest {
    @TempDir
    static Path dir;
    static Connection duck;
    static Connection teal;
    static final String QUERY = "SELECT i, i % 3 AS p, 'v' || (i % 101) AS s, CASE WHEN i % 7 = 0 THEN NULL ELSE i / 4.0 END AS d FROM range(20000) t(i)";

    @BeforeAll
    static void open() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        teal = DriverManager.getConnection("jdbc:teal:");
        try (Statement s = teal.createStatement()) {
            s.execute("SET threads = 2");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        duck.close();
        teal.close();
    }

    @Test
    void csvAndJsonPartitionsReadBackInDuckDb() throws Exception {
        for (String format : List.of("csv", "json")) {
            Path out = dir.resolve("parts_" + format);
            List<List<String>> r = rows(teal, "COPY (" + QUERY + ") TO '" + out + "' (FORMAT " + format + ", PARTITION_BY (p), RETURN_FILES)");
            assertEquals("20000", r.get(0).get(0));
            assertEquals("[" + out.resolve("p=0").resolve("data_0." + format) + ", " + out.resolve("p=1").resolve("data_0." + format) + ", "
                    + out.resolve("p=2").resolve("data_0." + format) + "]", r.get(0).get(1).replace("'", ""));
            for (int p = 0; p < 3; p++) assertTrue(Files.exists(out.resolve("p=" + p).resolve("data_0." + format)), format + " partition " + p);
            String read = format.equals("csv") ? "read_csv('" + out + "/*/*.csv', hive_partitioning = true)"
                    : "read_json('" + out + "/*/*.json', hive_partitioning = true)";
            assertEquals(rows(duck, "SELECT i, p, s, d FROM (" + QUERY + ") ORDER BY i"),
                    rows(duck, "SELECT i, p::BIGINT AS p, s, d FROM " + read + " ORDER BY i"), format);
            SQLException again = assertThrows(SQLException.class, () -> rows(teal, "COPY (" + QUERY + ") TO '" + out + "' (FORMAT " + format + ", PARTITION_BY (p))"));
            assertTrue(again.getMessage().contains("Enable OVERWRITE option"), again.getMessage());
        }
    }

    /** DATEFORMAT / TIMESTAMPFORMAT (and ISO) when writing CSV, as DuckDB writes them. */
    @Test
    void csvDateAndTimestampFormats() throws Exception {
        String q = "SELECT ('2020-01-01'::DATE + i::INTEGER) AS d, ('2020-01-01 00:00:00'::TIMESTAMP + to_seconds(i * 3607)) AS t, i FROM range(3000) r(i)";
        for (String options : List.of("DATEFORMAT '%d/%m/%Y', TIMESTAMPFORMAT '%a %d, %B %Y, %I:%M:%S %p'", "TIMESTAMPFORMAT ISO")) {
            Path t = dir.resolve("fmt_teal.csv"), d = dir.resolve("fmt_duck.csv");
            try (Statement st = teal.createStatement(); Statement sd = duck.createStatement()) {
                st.execute("COPY (" + q + ") TO '" + t + "' (HEADER, " + options + ")");
                sd.execute("COPY (" + q + ") TO '" + d + "' (HEADER, " + options + ")");
            }
            assertEquals(Files.readString(d), Files.readString(t), options);
        }
    }

    @Test
    void csvAndJsonPerThreadOutputReadBackInDuckDb() throws Exception {
        for (String format : List.of("csv", "json")) {
            Path out = dir.resolve("threads_" + format);
            try (Statement st = teal.createStatement()) {
                assertEquals(20000, st.executeUpdate("COPY (" + QUERY + ") TO '" + out + "' (FORMAT " + format + ", PER_THREAD_OUTPUT)"));
            }
            try (var files = Files.list(out)) {
                List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
                assertTrue(!names.isEmpty() && names.size() <= 2 && names.get(0).equals("data_0." + format), names.toString());
            }
            String read = format.equals("csv") ? "read_csv('" + out + "/*.csv')" : "read_json('" + out + "/*.json')";
            assertEquals(rows(duck, "SELECT i, p, s, d FROM (" + QUERY + ") ORDER BY i"), rows(duck, "SELECT i, p, s, d FROM " + read + " ORDER BY i"), format);
        }
    }
}
