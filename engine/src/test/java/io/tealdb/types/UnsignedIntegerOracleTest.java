package io.tealdb.types;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.sql.Statement;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * UTINYINT ... UHUGEINT against DuckDB on 10,000 generated rows (five 2,048-row chunks, with NULLs):
 * storage, ordering beyond the signed range, grouping, aggregates, joins, casts, arithmetic and the
 * result types of mixed expressions must all be DuckDB's.
 */
class UnsignedIntegerOracleTest {
    static final String[] SETUP = {
            "CREATE TABLE u (i INTEGER, a UTINYINT, b USMALLINT, c UINTEGER, e UBIGINT, h UHUGEINT)",
            "INSERT INTO u SELECT i, "
                    + "CASE WHEN i % 97 = 0 THEN NULL ELSE (i % 256)::UTINYINT END, "
                    + "(i * 7919 % 65536)::USMALLINT, "
                    + "(i * 2654435761 % 4294967296)::UINTEGER, "
                    + "CASE WHEN i % 89 = 0 THEN NULL ELSE i::UBIGINT * 1844674407370955::UBIGINT END, "
                    + "(i % 5000)::UHUGEINT * 68056473384187692692674921486353642::UHUGEINT "
                    + "FROM range(10000) t(i)",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM u ORDER BY i",
            // order and comparisons above the signed ranges
            "SELECT i, e, h FROM u ORDER BY e DESC NULLS LAST, i LIMIT 300",
            "SELECT i, h FROM u ORDER BY h, i LIMIT 300",
            "SELECT count(*) FROM u WHERE e > 9223372036854775807::UBIGINT",
            "SELECT count(*) FROM u WHERE h >= 170141183460469231731687303715884105728::UHUGEINT",
            "SELECT count(*) FROM u WHERE c BETWEEN 2147483648 AND 4000000000",
            "SELECT count(*), count(DISTINCT e), count(DISTINCT h), count(DISTINCT a) FROM u",
            "SELECT i FROM u WHERE e IN (1844674407370955, 18444899399302179045, 7) ORDER BY i",
            // aggregates: sum is HUGEINT for U8..U64, avg DOUBLE, min/max keep the type (avg(UBIGINT) and
            // sum(UHUGEINT) are DOUBLE sums in DuckDB, whose last digits depend on the order of addition)
            "SELECT a, count(*), sum(b), sum(c), sum(e), avg(c), min(e), max(e), min(h), max(h), min(c), max(b) FROM u GROUP BY a ORDER BY a",
            "SELECT sum(a), sum(b), sum(c), sum(e), avg(a), avg(c), min(h), max(h), typeof(sum(e)), typeof(avg(e)), typeof(sum(h)) FROM u",
            "SELECT e, count(*) FROM u GROUP BY e ORDER BY count(*) DESC, e LIMIT 20",
            // joins on unsigned keys
            "SELECT count(*), sum(x.c) FROM u x JOIN u y ON x.e = y.e",
            "SELECT count(*) FROM u x JOIN u y ON x.h = y.h AND x.i < y.i",
            // casts
            "SELECT i, e::VARCHAR, h::VARCHAR, c::VARCHAR, a::VARCHAR, e::DOUBLE, e::HUGEINT, c::BIGINT, b::INTEGER FROM u ORDER BY i",
            "SELECT i, TRY_CAST(a AS TINYINT), TRY_CAST(e AS BIGINT), TRY_CAST(h AS UBIGINT), TRY_CAST(h AS HUGEINT), TRY_CAST(c AS USMALLINT) FROM u ORDER BY i",
            "SELECT count(*) FROM u WHERE e::VARCHAR::UBIGINT = e AND h::VARCHAR::UHUGEINT = h AND c::VARCHAR::UINTEGER = c",
            "SELECT i, b::DECIMAL(10,2), e::DECIMAL(38,0), (c::DOUBLE)::UINTEGER FROM u ORDER BY i",
            // arithmetic that stays in range
            "SELECT i, e // (c + 1), e % 1000, h // 7, h - h // 3, c * 3::UBIGINT, b // 3, a % 7, a * 1 FROM u ORDER BY i",
            "SELECT i, a + 1::TINYINT, c + 1, e + 1, typeof(a + 1::TINYINT), typeof(e + 1::TINYINT), typeof(c + 1) FROM u WHERE a < 255 ORDER BY i",
            "SELECT i, ~a, a & 15, a | 1, xor(b, 255::USMALLINT), e >> 3, ~e FROM u ORDER BY i",
    })
    void sameAsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT a + a FROM u",
            "SELECT b * b FROM u",
            "SELECT c - (c + 1) FROM u",
            "SELECT e * 3::UBIGINT FROM u",
            "SELECT h + h FROM u",
            "SELECT (i - 5000)::UINTEGER FROM u",
            "SELECT e::UINTEGER FROM u",
            "SELECT -a FROM u WHERE a > 0",
    })
    void overflowsFailLikeDuckDb(String sql) throws Exception {
        SQLException duck = assertThrows(SQLException.class, () -> rows(db.duck(), sql), sql);
        SQLException teal = assertThrows(SQLException.class, () -> rows(db.teal(), sql), sql);
        assertEquals(errorKind(duck.getMessage()), errorKind(teal.getMessage()), sql + ": " + teal.getMessage());
    }

    /** "Out of Range Error: Overflow in ..." → "Out of Range Error" (the driver's prefixes differ in detail). */
    private static String errorKind(String message) {
        int colon = message.indexOf(':');
        return colon < 0 ? message : message.substring(0, colon).trim();
    }

    @Test
    void literalsAndErrorMessages() throws Exception {
        String[] same = {
                "SELECT 255::UTINYINT, 65535::USMALLINT, 4294967295::UINTEGER, 18446744073709551615::UBIGINT, "
                        + "340282366920938463463374607431768211455::UHUGEINT, 0::UHUGEINT",
                "SELECT typeof(340282366920938463463374607431768211455), typeof(1::UBIGINT + 1), typeof(1::UBIGINT + 1::TINYINT), "
                        + "typeof(1::UTINYINT + 1::TINYINT), typeof(1::UINTEGER + 1::SMALLINT), typeof(1::UHUGEINT + 1::TINYINT)",
                "SELECT typeof(coalesce(1::UTINYINT, 1::TINYINT)), typeof(coalesce(1::UINTEGER, 1::SMALLINT)), "
                        + "typeof(coalesce(1::UBIGINT, 1::INTEGER)), typeof(coalesce(1::UTINYINT, 1::UINTEGER))",
                "SELECT 2.5::UTINYINT, 3.5::UTINYINT, (-0.4)::UTINYINT, '0x10'::UBIGINT, ' 42 '::UINTEGER",
                "SELECT 1::UTINYINT = 1::TINYINT, 200::UTINYINT > (-1)::TINYINT, 18446744073709551615::UBIGINT > 1::BIGINT",
        };
        for (String sql : same) {
            assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
        }
        String[] errors = {
                "SELECT 'abc'::UTINYINT", "SELECT (-1)::UTINYINT", "SELECT 300::UTINYINT", "SELECT '-1'::UBIGINT",
                "SELECT 200::UTINYINT + 100::UTINYINT", "SELECT 1::UTINYINT - 2::UTINYINT",
                "SELECT 18446744073709551615::UBIGINT * 2::UBIGINT", "SELECT 3::UTINYINT // 0::UTINYINT",
                "SELECT 340282366920938463463374607431768211455::UHUGEINT + 1::UHUGEINT", "SELECT 1::UINTEGER << 32",
        };
        for (String sql : errors) {
            SQLException duck = assertThrows(SQLException.class, () -> rows(db.duck(), sql), sql);
            SQLException teal = assertThrows(SQLException.class, () -> rows(db.teal(), sql), sql);
            assertEquals(firstLine(duck.getMessage()), firstLine(teal.getMessage()), sql);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    @Test
    void insertAndUpdateKeepValues() throws Exception {
        String[] stmts = {
                "CREATE TABLE w (k UBIGINT PRIMARY KEY, v UHUGEINT, s UTINYINT DEFAULT 7)",
                "INSERT INTO w VALUES (18446744073709551615, 340282366920938463463374607431768211455, 255), (0, 0, 0), (9223372036854775808, 1, NULL)",
                "INSERT INTO w (k, v) VALUES (5, 5)",
                "UPDATE w SET v = v + 1 WHERE k = 0",
                "DELETE FROM w WHERE s = 0",
        };
        try (Statement t = db.teal().createStatement(); Statement d = db.duck().createStatement()) {
            for (String s : stmts) {
                t.execute(s);
                d.execute(s);
            }
        }
        String q = "SELECT k, v, s FROM w ORDER BY k";
        assertEquals(rows(db.duck(), q), rows(db.teal(), q));
        String dup = "INSERT INTO w VALUES (18446744073709551615, 1, 1)";
        assertThrows(SQLException.class, () -> rows(db.teal(), dup));
    }
}
