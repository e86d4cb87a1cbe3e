package io.tealdb.planner;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * QuestDB's SAMPLE BY and LATEST ON against the same questions asked of DuckDB in its own SQL
 * (time_bucket + GROUP BY, generate_series + window functions, QUALIFY), on data that crosses
 * several 2048-row chunks, and the FILL modes on a small table with known answers.
 */
class SampleByTest {
    static Connection teal, duck;

    @BeforeAll
    static void setUp() throws SQLException {
        teal = DriverManager.getConnection("jdbc:teal:");
        duck = DriverManager.getConnection("jdbc:duckdb:");
        Random r = new Random(11);
        String[] syms = {"EURUSD", "GBPUSD", "USDJPY", null};
        LocalDateTime base = LocalDateTime.of(2024, 3, 1, 0, 0);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            String sym = syms[r.nextInt(syms.length)];
            long micros = (long) (r.nextDouble() * 3 * 86_400_000_000L);
            rows.add("(" + (sym == null ? "NULL" : "'" + sym + "'") + ", " + (r.nextInt(100_000) / 100.0) + ", " + r.nextInt(1000)
                    + ", TIMESTAMP '" + base.plusNanos(micros * 1000) + "')");
        }
        String sparse = "INSERT INTO s VALUES ('a', 1, TIMESTAMP '2024-01-01 00:10:00'), ('a', 3, TIMESTAMP '2024-01-01 00:50:00'), "
                + "('b', 10, TIMESTAMP '2024-01-01 00:20:00'), ('a', 5, TIMESTAMP '2024-01-01 03:05:00'), ('b', 20, TIMESTAMP '2024-01-01 02:20:00')";
        for (Connection c : List.of(teal, duck)) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE q (sym VARCHAR, price DOUBLE, qty INTEGER, \"timestamp\" TIMESTAMP)");
                for (int i = 0; i < rows.size(); i += 1000) {
                    st.execute("INSERT INTO q VALUES " + String.join(", ", rows.subList(i, Math.min(rows.size(), i + 1000))));
                }
                st.execute("CREATE TABLE s (sym VARCHAR, price DOUBLE, ts TIMESTAMP)");
                st.execute(sparse);
            }
        }
    }

    @AfterAll
    static void tearDown() throws SQLException {
        teal.close();
        duck.close();
    }

    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    Object o = rs.getObject(i);
                    if (o instanceof Number num && !(o instanceof Integer) && !(o instanceof Long)) o = Math.round(num.doubleValue() * 1e6) / 1e6;
                    if (o instanceof java.sql.Timestamp t) o = t.toLocalDateTime();
                    sb.append(i > 1 ? "|" : "").append(o);
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    static void same(String tealSql, String duckSql) throws SQLException {
        List<String> expected = rows(duck, duckSql);
        assertTrue(expected.size() > 1, duckSql);
        assertEquals(expected, rows(teal, tealSql), tealSql);
    }

    @Test
    void sampleByBucketsOnTheTimestampColumn() throws SQLException {
        same("SELECT timestamp, sym, avg(price), sum(qty), count(*) FROM q SAMPLE BY 1h",
                "SELECT time_bucket(INTERVAL 1 hour, timestamp) AS timestamp, sym, avg(price), sum(qty), count(*) FROM q GROUP BY ALL ORDER BY 1, 2 NULLS LAST");
        same("SELECT timestamp AS t, max(price) - min(price) AS spread FROM q WHERE sym = 'EURUSD' SAMPLE BY 15m ALIGN TO CALENDAR",
                "SELECT time_bucket(INTERVAL 15 minute, timestamp) AS t, max(price) - min(price) FROM q WHERE sym = 'EURUSD' GROUP BY ALL ORDER BY 1");
        same("SELECT timestamp, count(*) FROM q SAMPLE BY 1d", "SELECT date_trunc('day', timestamp), count(*) FROM q GROUP BY ALL ORDER BY 1");
        same("SELECT sym, sum(qty) FROM q SAMPLE BY 6h ORDER BY sym NULLS FIRST, 2",
                "SELECT sym, sum(qty) FROM q GROUP BY time_bucket(INTERVAL 6 hour, timestamp), sym ORDER BY sym NULLS FIRST, 2");
        same("SELECT timestamp, sum(qty) FROM q SAMPLE BY 1h ALIGN TO CALENDAR WITH OFFSET '00:20'",
                "SELECT time_bucket(INTERVAL 1 hour, timestamp, TIMESTAMP '1970-01-01 00:20:00'), sum(qty) FROM q GROUP BY ALL ORDER BY 1");
        same("SELECT timestamp, sum(qty) FROM q SAMPLE BY 90m ALIGN TO FIRST OBSERVATION LIMIT 5",
                "SELECT time_bucket(INTERVAL 90 minute, timestamp, (SELECT min(timestamp) FROM q)) b, sum(qty) FROM q GROUP BY ALL ORDER BY 1 LIMIT 5");
        same("SELECT timestamp, avg(price) FROM q SAMPLE BY INTERVAL '2 hours'",
                "SELECT time_bucket(INTERVAL 2 hour, timestamp), avg(price) FROM q GROUP BY ALL ORDER BY 1");
    }

    @Test
    void fillModesAgreeWithDuckDbWindowFunctions() throws SQLException {
        String grid = "WITH s AS (SELECT time_bucket(INTERVAL 1 hour, timestamp) b, sym, avg(price) a FROM q WHERE qty < 5 GROUP BY ALL), "
                + "g AS (SELECT unnest(generate_series(min(b), max(b), INTERVAL 1 hour)) b FROM s), k AS (SELECT DISTINCT sym FROM s) ";
        String join = " FROM g CROSS JOIN k LEFT JOIN s ON s.b = g.b AND s.sym IS NOT DISTINCT FROM k.sym ORDER BY 1, 2 NULLS LAST";
        same("SELECT timestamp, sym, avg(price) FROM q WHERE qty < 5 SAMPLE BY 1h FILL(NULL)", grid + "SELECT g.b, k.sym, s.a" + join);
        same("SELECT timestamp, sym, avg(price) FROM q WHERE qty < 5 SAMPLE BY 1h FILL(PREV)",
                grid + "SELECT g.b, k.sym, coalesce(s.a, last_value(s.a IGNORE NULLS) OVER (PARTITION BY k.sym ORDER BY g.b))" + join);
        same("SELECT timestamp, sym, avg(price) FROM q WHERE qty < 5 SAMPLE BY 1h FILL(-1)",
                grid + "SELECT g.b, k.sym, coalesce(s.a, -1)" + join);
    }

    @Test
    void fillModesOnKnownData() throws SQLException {
        assertEquals(List.of("2024-01-01T00:00|a|2.0", "2024-01-01T00:00|b|10.0", "2024-01-01T01:00|a|3.0", "2024-01-01T01:00|b|15.0",
                        "2024-01-01T02:00|a|4.0", "2024-01-01T02:00|b|20.0", "2024-01-01T03:00|a|5.0", "2024-01-01T03:00|b|null"),
                rows(teal, "SELECT ts, sym, avg(price) FROM s SAMPLE BY 1h FILL(LINEAR)"));
        assertEquals(List.of("2024-01-01T00:00|3|14.0", "2024-01-01T01:00|0|null", "2024-01-01T02:00|1|20.0", "2024-01-01T03:00|1|5.0"),
                rows(teal, "SELECT ts, count(*) n, sum(price) FROM s SAMPLE BY 1h FILL(0, NULL)"));
        assertEquals(List.of("2024-01-01T00:00|11.0", "2024-01-01T00:30|3.0", "2024-01-01T01:00|3.0", "2024-01-01T01:30|3.0",
                        "2024-01-01T02:00|20.0", "2024-01-01T02:30|20.0", "2024-01-01T03:00|5.0"),
                rows(teal, "SELECT ts, sum(price) FROM s SAMPLE BY 30m FILL(PREV)"));
    }

    @Test
    void latestOnKeepsTheLastRowPerPartition() throws SQLException {
        same("SELECT * FROM q LATEST ON timestamp PARTITION BY sym ORDER BY sym NULLS LAST",
                "SELECT * FROM q QUALIFY row_number() OVER (PARTITION BY sym ORDER BY timestamp DESC) = 1 ORDER BY sym NULLS LAST");
        same("SELECT sym, price FROM q WHERE qty > 500 LATEST ON timestamp PARTITION BY sym ORDER BY 1 NULLS LAST",
                "SELECT sym, price FROM q WHERE qty > 500 QUALIFY row_number() OVER (PARTITION BY sym ORDER BY timestamp DESC) = 1 ORDER BY 1 NULLS LAST");
    }

    @Test
    void sampleAndLatestStayPlainNamesElsewhere() throws SQLException {
        assertEquals(List.of("1|2"), rows(teal, "SELECT sample, latest FROM (SELECT 1 AS sample, 2 AS latest) sample"));
        SQLException e = assertThrows(SQLException.class, () -> rows(teal, "SELECT timestamp, count(*) FROM q SAMPLE BY 1M FILL(NULL)"));
        assertTrue(e.getMessage().contains("fixed interval"), e.getMessage());
        e = assertThrows(SQLException.class, () -> rows(teal, "SELECT 1 FROM (SELECT 1 AS x) t SAMPLE BY 1h"));
        assertTrue(e.getMessage().contains("timestamp column"), e.getMessage());
    }
}
