package io.tealdb.function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The time-bucketed aggregate of line-protocol data (nanosecond timestamps, symbol strings) against DuckDB
 * on 20,000 rows (ten 2048-row chunks): the chunk-at-a-time TIMESTAMP_NS to TIMESTAMP cast (rounding, negative
 * values, NULLs), the inline time_bucket kernel (constant and per-row widths, widths it hands to the general
 * path), and grouping on strings whose rows share heap slots (values of a constant list) or do not.
 */
class TimeBucketGroupingDuckDbTest {
    static Connection teal, duck;

    @BeforeAll
    static void setUp() throws SQLException {
        teal = DriverManager.getConnection("jdbc:teal:");
        duck = DriverManager.getConnection("jdbc:duckdb:");
        for (Connection c : List.of(teal, duck)) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t AS SELECT i, "
                        + "CASE WHEN i % 97 = 0 THEN NULL ELSE (['EURUSD', 'GBPUSD', 'USDJPY', 'AUDUSD', 'USDCHF'])[(i % 5) + 1] END AS sym, "
                        + "'v' || (i % 37)::VARCHAR AS tag, "
                        // nanosecond text, before and after 1970 (m: µs since the epoch, then i % 1000 ns)
                        + "CASE WHEN i % 89 = 0 THEN NULL ELSE CAST(strftime(make_timestamp(sec * 1000000), '%Y-%m-%d %H:%M:%S') || '.' "
                        + "|| lpad(((m - sec * 1000000) * 1000 + i % 1000)::VARCHAR, 9, '0') AS TIMESTAMP_NS) END AS ts, "
                        + "(i % 100)::DOUBLE AS v, "
                        + "CASE i % 3 WHEN 0 THEN INTERVAL '1 minute' WHEN 1 THEN INTERVAL '15 seconds' ELSE INTERVAL '1 day 2 hours' END AS w "
                        + "FROM (SELECT i, m, floor(m / 1000000.0)::BIGINT AS sec FROM "
                        + "(SELECT i, -3600000000 + (i - 500) * 1234567 AS m FROM range(20000) r(i)))");
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
                for (int k = 1; k <= n; k++) sb.append(k > 1 ? "|" : "").append(rs.getString(k));
                out.add(sb.toString());
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i, CAST(ts AS TIMESTAMP)::VARCHAR FROM t ORDER BY i",
            "SELECT time_bucket(INTERVAL '1 minute', ts)::VARCHAR AS b, sym, count(*), sum(v), max(v) FROM t GROUP BY ALL ORDER BY ALL",
            "SELECT time_bucket(w, ts::TIMESTAMP)::VARCHAR AS b, count(*) FROM t GROUP BY ALL ORDER BY ALL",
            "SELECT time_bucket(INTERVAL '2 months', ts::TIMESTAMP)::VARCHAR AS b, count(*) FROM t GROUP BY ALL ORDER BY ALL",
            "SELECT time_bucket(INTERVAL '90 seconds', ts::TIMESTAMP)::VARCHAR AS b, tag, sym, count(*) FROM t GROUP BY ALL ORDER BY ALL",
            "SELECT sym, tag, count(*), sum(i) FROM t GROUP BY ALL ORDER BY ALL",
    })
    void sameAsDuckDb(String sql) throws SQLException {
        List<String> want = rows(duck, sql);
        assertEquals(want, rows(teal, sql), sql);
    }
}
