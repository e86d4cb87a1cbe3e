package io.tealdb.function;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * strftime against DuckDB on 5,000 generated dates and timestamps (several 2,048-row chunks, NULLs
 * and infinities included): week numbers (%U, %W, %V), the locale forms %c / %x / %X, both argument
 * orders, and the errors of a bad or non-constant format.
 */
class StrftimeOracleTest {
    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2,
                "CREATE TABLE d AS SELECT i, CASE WHEN i % 211 = 0 THEN NULL WHEN i = 7 THEN 'infinity'::DATE WHEN i = 8 THEN '-infinity'::DATE "
                        + "ELSE DATE '1890-01-01' + (i * 37)::INTEGER END AS d, TIMESTAMP '1970-01-01' + to_microseconds(i * 987654321019) AS t FROM range(5000) t(i)");

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i, strftime(d, '%U|%W|%V|%j|%a %u %w'), strftime(t, '%U|%W|%c|%x|%X') FROM d ORDER BY i",
            "SELECT i, strftime('%Y-%m-%d %y', d), strftime('%c', t) FROM d ORDER BY i",
    })
    void sameAsDuckDb(String sql) throws SQLException {
        db.assertSameRows(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT strftime(d, d::VARCHAR) FROM d", "SELECT strftime(DATE '1992-01-01', '%')",
            "SELECT strftime(DATE '1992-01-01', '%R')", "SELECT strptime('1000', '%g')"})
    void errorsLikeDuckDb(String sql) {
        assertThrows(SQLException.class, () -> DuckDbTwins.rows(db.duck(), sql));
        assertThrows(SQLException.class, () -> DuckDbTwins.rows(db.teal(), sql));
    }
}
