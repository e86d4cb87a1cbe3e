package io.tealdb.function;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * strptime / try_strptime against DuckDB on 6,000 generated dates and timestamps (several 2,048-row
 * chunks, NULLs included): round trips through the week specifiers (%U / %W with %w, %G / %V with
 * %u), the day of the year (%j), nanoseconds (%n → TIMESTAMP_NS), UTC offsets (%z → TIMESTAMPTZ),
 * lists of formats, and the errors of contradicting specifiers.
 */
class StrptimeOracleTest {
    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2,
            "CREATE TABLE d AS SELECT i, CASE WHEN i % 197 = 0 THEN NULL ELSE DATE '1890-01-01' + (i * 23)::INTEGER END AS d, "
                    + "TIMESTAMP '1970-01-01' + to_microseconds(i * 987654321019) AS t, "
                    + "printf('%+03d%02d', (i % 27) - 13, (i % 4) * 15) AS tz FROM range(6000) t(i)");

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i, strptime(strftime(d, '%Y-%U-%w'), '%Y-%U-%w'), strptime(strftime(d, '%Y-%W-%w'), '%Y-%W-%w') FROM d ORDER BY i",
            "SELECT i, strptime(strftime(d, '%G-%V-%u'), '%G-%V-%u'), strptime(strftime(d, '%Y %j'), '%Y %j') FROM d ORDER BY i",
            "SELECT i, strptime(strftime(d, '%Y/%U'), '%Y/%U'), strptime(strftime(d, '%Y/%W'), '%Y/%W'), strptime(strftime(d, '%G/%V'), '%G/%V') FROM d ORDER BY i",
            "SELECT i, strptime(strftime(d, '%j'), '%j'), strptime(strftime(d, '%u %w %V'), '%u %w %V'), strptime(strftime(d, '%G'), '%G') FROM d ORDER BY i",
            "SELECT i, strptime(strftime(t, '%Y%m%d%H%M%S%f'), '%Y%m%d%H%M%S%f'), strptime(strftime(t, '%d %B %Y %I:%M:%S.%g %p'), '%d %B %Y %I:%M:%S.%g %p') FROM d ORDER BY i",
            "SELECT i, strptime(strftime(t, '%Y-%m-%d %H:%M:%S') || '.' || lpad((i * 7919)::VARCHAR, 9, '0'), '%Y-%m-%d %H:%M:%S.%n')::VARCHAR FROM d ORDER BY i",
            "SELECT i, strptime(strftime(t, '%Y-%m-%d %H:%M:%S') || tz, '%Y-%m-%d %H:%M:%S%z') FROM d ORDER BY i",
            "SELECT i, try_strptime(strftime(d, '%d/%m/%Y'), ['%Y-%m-%d', '%d/%m/%Y']), try_strptime(i::VARCHAR, '%Y%j') FROM d ORDER BY i",
            "SELECT i, try_strptime(i::VARCHAR, '%U %w'), try_strptime((i % 70)::VARCHAR, '%V'), try_strptime((i % 400)::VARCHAR, '%j') FROM d ORDER BY i",
    })
    void sameAsDuckDb(String sql) throws SQLException {
        db.assertSameRows(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT strptime('20 19', '%U %W')", "SELECT strptime('20 19', '%W %V')",
            "SELECT strptime('20 2021', '%W %G')", "SELECT strptime('2021 19', '%Y %V')", "SELECT strptime('20 19', '%V %j')",
            "SELECT strptime('60', '%V')", "SELECT strptime('9', '%u')",
            "SELECT strptime('x', '')", "SELECT strptime('2000/10/10', random()::VARCHAR)", "SELECT strptime('1', '%-q')",
            "SELECT strptime('2020-01-01 +0', '%Y-%m-%d %z')", "SELECT strptime('10.28.1910', ['%d-%m-%Y', '%m/%d/%Y'])"})
    void errorsLikeDuckDb(String sql) {
        assertThrows(SQLException.class, () -> DuckDbTwins.rows(db.duck(), sql));
        assertThrows(SQLException.class, () -> DuckDbTwins.rows(db.teal(), sql));
    }

    @Test
    void errorNamesThePositionAndCause() {
        SQLException e = assertThrows(SQLException.class, () -> DuckDbTwins.rows(db.teal(), "SELECT strptime('20 19', '%W %U')"));
        assertTrue(e.getMessage().contains("Could not parse string \"20 19\" according to format specifier \"%W %U\"\n20 19\n   ^\n"
                + "Error: Multiple week offsets specified"), e.getMessage());
    }

    @Test
    void resultTypesFollowTheSpecifiers() throws SQLException {
        assertEquals(DuckDbTwins.rows(db.duck(), "SELECT typeof(strptime('1', '%d')), typeof(strptime('1 1', '%d %n')), typeof(strptime('1 +01', '%d %z'))"),
                DuckDbTwins.rows(db.teal(), "SELECT typeof(strptime('1', '%d')), typeof(strptime('1 1', '%d %n')), typeof(strptime('1 +01', '%d %z'))"));
    }
}
