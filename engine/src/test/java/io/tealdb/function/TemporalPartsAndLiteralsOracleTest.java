package io.tealdb.function;

import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.util.List;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Against DuckDB on 9,000 generated rows (several 2,048-row chunks, NULLs included): avg of TIME,
 * TIMESTAMP and TIMESTAMPTZ (grouped, ungrouped, windowed), trunc(x, n) for every numeric type,
 * date_part with a list of parts (a STRUCT) and make_date of that struct, epoch_ms/us/ns and
 * nanosecond of intervals, the time parts of TIME, make_timestamp / _ms / _ns, to_timestamp
 * (TIMESTAMPTZ), the cost of integer literals in overload resolution (DuckDB's INTEGER_LITERAL:
 * typeof(1.05 + 1) is DECIMAL(13,2), bigint * 1000 stays BIGINT), alias(), INTERVAL field
 * qualifiers, and the errors of casts and constructors DuckDB rejects.
 */
class TemporalPartsAndLiteralsOracleTest {
    static final String[] SETUP = {
            "SET TimeZone = 'UTC'",
            "CREATE TABLE t AS SELECT i, "
                    + "CASE WHEN i % 97 = 0 THEN NULL ELSE make_timestamp((i::BIGINT * 7919 % 100000 - 50000) * 93153600001) END AS ts, "
                    + "CASE WHEN i % 89 = 0 THEN NULL ELSE (i::BIGINT * 1000003 % 86400000000)::BIGINT END AS tm_us, "
                    + "CASE WHEN i % 83 = 0 THEN NULL ELSE to_months((i % 37)::INTEGER) + to_days((i * 13 % 1000 - 500)::INTEGER) "
                    + "+ to_microseconds((i::BIGINT * 7919 % 100000000000) - 50000000000) END AS iv, "
                    + "CASE WHEN i % 79 = 0 THEN NULL ELSE (i * 1.2345 - 5000)::DECIMAL(18,4) END AS d, "
                    + "i * 1.2345::DOUBLE - 5000 AS x, (i * 0.37 - 1500)::FLOAT AS f, i * 37 - 100000 AS n, "
                    + "(i % 256 - 128)::TINYINT AS ti FROM range(9000) r(i)",
            "CREATE TABLE u AS SELECT i, ts, make_time(tm_us // 3600000000, tm_us // 60000000 % 60, (tm_us % 60000000) / 1e6) AS tm, "
                    + "iv, d, x, f, n, ti FROM t",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i % 7 AS g, avg(ts), avg(tm), avg(ts::TIMESTAMPTZ)::VARCHAR, typeof(avg(tm)) FROM u GROUP BY g ORDER BY g",
            "SELECT avg(ts), avg(tm), avg(ts::TIMESTAMPTZ)::VARCHAR FROM u",
            "SELECT i, avg(ts) OVER (ORDER BY i ROWS BETWEEN 3 PRECEDING AND CURRENT ROW), "
                    + "avg(tm) OVER (PARTITION BY i % 5 ORDER BY i) FROM u ORDER BY i",
            "SELECT i, trunc(x, 2), trunc(x, -1), trunc(x, (i % 5 - 2)::INTEGER), trunc(f, 1), trunc(d, 2), trunc(d, -2), "
                    + "trunc(n, -2), trunc(ti, -1), trunc(n::HUGEINT, -3), typeof(trunc(d, 2)), typeof(trunc(f, 1)) FROM u ORDER BY i",
            "SELECT i, date_part(['year', 'month', 'day', 'epoch', 'hour'], ts)::VARCHAR, date_part(['day', 'minute', 'microsecond'], iv)::VARCHAR, "
                    + "make_date(date_part(['year', 'month', 'day'], ts::DATE)), typeof(date_part(['year', 'epoch'], ts)) FROM u ORDER BY i",
            "SELECT i, epoch_ms(iv), epoch_us(iv), epoch_ns(iv), nanosecond(iv), nanosecond(ts), nanosecond(tm), "
                    + "hour(tm), minute(tm), second(tm), millisecond(tm), microsecond(tm) FROM u ORDER BY i",
            "SELECT i, make_timestamp(epoch_us(ts)), make_timestamp_ms(epoch_ms(ts)), make_timestamp_ns(i * 1000000007 - 4000000000000)::VARCHAR, "
                    + "to_timestamp(epoch(ts))::VARCHAR, make_date(((i - 4500) * 37)::INTEGER) FROM u ORDER BY i",
            "SELECT typeof(1.05 + 1), typeof(1574802684123 * 1000), typeof(ti + 1), typeof(ti + 1000), typeof(n * 2), typeof(f * 2), "
                    + "typeof(d - 1), typeof(1 + 1), typeof(100::UTINYINT + 1), typeof(x + 1), typeof(2 * n::BIGINT) FROM u LIMIT 1",
            "SELECT i, 1.05 + i, i * 1000, ti // 2 + 1, d * 2 FROM u ORDER BY i",
            "SELECT alias(i), alias(x), alias('5 days'::INTERVAL DAY TO SECOND), '5 days 3 hours'::INTERVAL HOUR TO SECOND, "
                    + "'2 days'::INTERVAL YEAR FROM u LIMIT 1",
    })
    void sameAsDuckDb(String sql) throws Exception {
        db.assertSameRows(sql);
    }

    @Test
    void errorsMatchDuckDb() {
        for (String sql : List.of("SELECT 128::DECIMAL(3,0)::TINYINT", "SELECT (-123456.7)::DECIMAL(9,1)::SMALLINT",
                "SELECT '02-02-1992 00:00:00'::TIMESTAMP", "SELECT '1900-1-1 00;00;00'::TIMESTAMP",
                "SELECT '1900-1-1 59:59:23'::TIMESTAMP", "SELECT '1993-02-29 00:00:00'::TIMESTAMP",
                "SELECT '1992-02-02 1992-02-02'::TIMESTAMP", "SELECT i FROM UNNEST(NULL) AS tbl(i)",
                "CREATE TABLE bad (v TYPE)", "SELECT make_timestamp(9223372036854775807)",
                "SELECT make_timestamp_ns(9223372036854775807)", "SELECT make_timestamp_ms(9223372036854775807)",
                "SELECT make_timestamp(294247, 1, 10, 4, 0, 54.775807)", "SELECT to_timestamp(1e20)",
                "SELECT date_part([], DATE '2020-01-01')", "SELECT date_part(['year', 'year'], DATE '2020-01-01')")) {
            SQLException duck = assertThrows(SQLException.class, () -> rows(db.duck(), sql), sql);
            SQLException teal = assertThrows(SQLException.class, () -> rows(db.teal(), sql), sql);
            assertEquals(firstLine(duck), firstLine(teal), sql);
        }
    }

    private static String firstLine(SQLException e) {
        return e.getMessage().lines().filter(l -> !l.isBlank()).findFirst().orElseThrow();
    }
}
