package io.tealdb.types;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.util.List;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The BIT type against DuckDB on 9,000 generated bit strings of lengths 1..40 (several 2,048-row
 * chunks, NULLs included): text form, DuckDB's order (the padding count first), grouping, joins,
 * casts to and from VARCHAR, BLOB and every integer type, the bit functions and operators, and the
 * bit_and / bit_or / bit_xor aggregates.
 */
class BitTypeOracleTest {
    static final String[] SETUP = {
            "CREATE TABLE b AS SELECT i, CASE WHEN i % 89 = 0 THEN NULL "
                    + "ELSE bitstring(bin(i * 7919 % 100003), (1 + (i % 40) + length(bin(i * 7919 % 100003)))::INTEGER) END AS x, "
                    + "CASE WHEN i % 83 = 0 THEN NULL ELSE (i % 256)::UTINYINT::BIT END AS y FROM range(9000) t(i)",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i, x, x::VARCHAR, typeof(x) FROM b ORDER BY i",
            "SELECT x, i FROM b ORDER BY x NULLS FIRST, i",
            "SELECT x < y, x = y, x >= y FROM b ORDER BY i",
            "SELECT y, count(*) FROM b GROUP BY y ORDER BY y",
            "SELECT count(*) FROM b p JOIN b q ON p.x = q.x",
            "SELECT i, bit_count(x), bit_length(x), octet_length(x), length(x), get_bit(x, 0), set_bit(x, 0, 1), "
                    + "bit_position('101'::BIT, x), hex(x::BLOB) FROM b ORDER BY i",
            "SELECT i, y & ~y, y | '10101010'::BIT, xor(y, '11110000'::BIT), y << (i % 9)::INTEGER, y >> (i % 9)::INTEGER, bitstring(y, 12) FROM b ORDER BY i",
            "SELECT i, y::UTINYINT, y::TINYINT, y::INTEGER, y::BIGINT, y::HUGEINT, (i - 4500)::INTEGER::BIT, (i * 1000003)::BIGINT::BIT, "
                    + "(i::HUGEINT * 10000000000000000::HUGEINT)::BIT FROM b ORDER BY i",
            "SELECT i, x::BLOB::BIT, y::BLOB FROM b ORDER BY i",
            "SELECT i % 13 AS g, bit_and(y), bit_or(y), bit_xor(y) FROM b GROUP BY g ORDER BY g",
            "SELECT '0101'::BIT < '11'::BIT, '1'::BIT < '01'::BIT, '10'::BIT = '010'::BIT, ''::BIT, '1111'::BIT::DOUBLE, 1.5::DOUBLE::BIT",
    })
    void sameAsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    @Test
    void errorsMatchDuckDb() {
        for (String sql : List.of("SELECT '012'::BIT", "SELECT '111111111'::BIT::TINYINT", "SELECT ''::BLOB::BIT",
                "SELECT get_bit('0110'::BIT, 4)", "SELECT set_bit('0110'::BIT, 1, 2)", "SELECT bitstring('1010', 2)",
                "SELECT '1010'::BIT & '10'::BIT", "SELECT bit_or(b) FROM (VALUES ('1'::BIT), ('10'::BIT)) t(b)",
                "SELECT 3.5::BIT")) {
            SQLException duck = assertThrows(SQLException.class, () -> rows(db.duck(), sql), sql);
            SQLException teal = assertThrows(SQLException.class, () -> rows(db.teal(), sql), sql);
            assertEquals(firstLine(duck), firstLine(teal), sql);
        }
    }

    private static String firstLine(SQLException e) {
        return e.getMessage().lines().filter(l -> !l.isBlank()).findFirst().orElseThrow();
    }
}
