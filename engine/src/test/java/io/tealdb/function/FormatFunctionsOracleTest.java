package io.tealdb.function;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * printf and format against DuckDB on 6,000 generated rows (several 2,048-row chunks, NULLs
 * included): integers of every width (negative ones in hex/octal too), doubles in every float
 * conversion with flags, widths and precisions, thousands separators, strings and other types as
 * text, argument indexes, and format strings that come from a column.
 */
class FormatFunctionsOracleTest {
    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2,
                "CREATE TABLE t AS SELECT i, CASE WHEN i % 97 = 0 THEN NULL ELSE (i * 7919 % 200003) - 100000 END AS n, "
                        + "((i * 7919 % 200003) - 100000) / 37.0 AS d, 'str' || (i % 17) AS s, "
                        + "CASE i % 3 WHEN 0 THEN '%d|%s' WHEN 1 THEN '%5d <%-6s>' ELSE '%+08d:%.2s' END AS pf, "
                        + "CASE i % 3 WHEN 0 THEN '{}|{}' WHEN 1 THEN '{1}:{0:>8}' ELSE '{:+09d}[{:^7}]' END AS ff "
                        + "FROM range(6000) t(i)");

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i, printf('%d %i %5d %-5d| %05d %+d % d %x %X %o %#x %#o', n, n, n, n, n, n, n, n, n, n, n, n) FROM t ORDER BY i",
            "SELECT i, printf('%x %o', (n % 100)::TINYINT, (n % 30000)::SMALLINT), printf('%,d %_d %''d %.d', n, n, n, n) FROM t ORDER BY i",
            "SELECT i, printf('%f %.2f %10.3f %-10.1f| %e %.3E %g %.3g %G %#.4g', d, d, d, d, d, d, d, d, d, d) FROM t ORDER BY i",
            "SELECT i, printf('%,.2f %+.0f %08.2f', d * 1000, d, d) FROM t ORDER BY i",
            "SELECT i, printf('[%s] [%10s] [%-10s] [%.2s]', s, s, s, s), printf('%s %s', i::DATE_PLACEHOLDER, [i, 2]) FROM t ORDER BY i",
            "SELECT i, printf(pf, n, s) FROM t ORDER BY i",
            "SELECT i, format('{} {} {} {}', n, d, s, i % 2 = 0) FROM t ORDER BY i",
            "SELECT i, format('{:d} {:>8} {:<8}| {:^9}| {:*^9} {:x} {:#X} {:b} {:08d} {:+}', n, n, n, n, n, abs(n), abs(n), abs(n), n, n) FROM t ORDER BY i",
            "SELECT i, format('{:.2f} {:10.3f} {:e} {:.3} {:g} {:,} {:_}', d, d, d, d, d, n * 1000, n * 1000) FROM t ORDER BY i",
            "SELECT i, format(ff, n, s) FROM t ORDER BY i",
            "SELECT format('{1} {0} {1}', 'a', 'b'), format('{{}} {}', 42), printf('100%% %c', 65), printf('%*d|%-*d|', 6, 42, 6, 42)",
            "SELECT printf('%d %x', 18446744073709551615::UBIGINT, 18446744073709551615::UBIGINT), printf('%,d', 123456789123456789123456789::HUGEINT), "
                    + "format('{:,}', 340282366920938463463374607431768211455::UHUGEINT), printf('%.3f', 1.2345::DECIMAL(10,4))",
    })
    void sameAsDuckDb(String sql) throws SQLException {
        String q = sql.replace("i::DATE_PLACEHOLDER", "(DATE '2000-01-01' + i::INTEGER)");
        db.assertSameRows(q);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT printf('%s %s', 'a')", "SELECT printf('%d', 'hello')", "SELECT printf('%s', 42)", "SELECT printf('%:', 1)",
            "SELECT format('{}')", "SELECT format('{:d}', 'x')", "SELECT format('{:s}', 42)", "SELECT format('{1}', 1)", "SELECT format('{L}', 1)",
    })
    void errorsLikeDuckDb(String sql) {
        assertThrows(SQLException.class, () -> rows(db.duck(), sql));
        SQLException e = assertThrows(SQLException.class, () -> rows(db.teal(), sql));
        assertEquals(true, e.getMessage().startsWith("Invalid Input Error"), e.getMessage());
    }
}
