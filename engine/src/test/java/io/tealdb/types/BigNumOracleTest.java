package io.tealdb.types;

import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * BIGNUM against DuckDB on 9,000 generated values of up to 70 digits, both signs (several 2,048-row
 * chunks, NULLs included): text, order (the byte layout sorts as the numbers), grouping, joins,
 * min/max, comparisons with integers, casts with the integer types, DOUBLE and text, literals
 * beyond UHUGEINT, common types, DuckDB's errors, and CSV type detection of integers beyond
 * BIGINT (HUGEINT, then BIGNUM; a leading zero keeps text) with files_to_sniff.
 */
class BigNumOracleTest {
    static final String[] SETUP = {
            "CREATE TABLE b AS SELECT i, CASE WHEN i % 91 = 0 THEN NULL "
                    + "ELSE ((CASE WHEN i % 2 = 0 THEN '-' ELSE '' END) || ((i * 7919) % 9 + 1)::VARCHAR || repeat(((i * 31) % 10)::VARCHAR, (i % 70)::INTEGER))::BIGNUM END AS x "
                    + "FROM range(9000) t(i)",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i, x::VARCHAR, typeof(x) FROM b ORDER BY i",
            "SELECT x::VARCHAR, i FROM b ORDER BY x NULLS FIRST, i",
            "SELECT x::VARCHAR, i FROM b ORDER BY x DESC, i",
            "SELECT x::VARCHAR, count(*) FROM b GROUP BY x ORDER BY x",
            "SELECT count(*) FROM b p JOIN b q ON p.x = q.x",
            "SELECT i % 7 AS g, min(x)::VARCHAR, max(x)::VARCHAR FROM b GROUP BY g ORDER BY g",
            "SELECT i, x < 5, x = i, x >= -100::TINYINT, coalesce(x, i)::VARCHAR, typeof(coalesce(x, i)) FROM b ORDER BY i",
            "SELECT i, x::TINYINT FROM b WHERE x BETWEEN -128 AND 127 ORDER BY i",
            "SELECT i, x::BIGINT, x::INTEGER::BIGNUM::VARCHAR FROM b WHERE x BETWEEN -2147483648 AND 2147483647 ORDER BY i",
            "SELECT i, x::UBIGINT FROM b WHERE x BETWEEN 0 AND 18446744073709551615 ORDER BY i",
            // (beyond 2^53 DuckDB's conversion to DOUBLE is not correctly rounded; ours is)
            "SELECT i, CASE WHEN x BETWEEN -9007199254740992 AND 9007199254740992 THEN x::DOUBLE END, "
                    + "(i - 4500)::BIGNUM::VARCHAR, ((i - 4500) * 1.5)::VARCHAR::BIGNUM::VARCHAR FROM b ORDER BY i",
            "SELECT 340282366920938463463374607431768211456::VARCHAR, typeof(340282366920938463463374607431768211456), "
                    + "typeof(340282366920938463463374607431768211455), typeof(-170141183460469231731687303715884105729), "
                    + "typeof(170141183460469231731687303715884105728000), '+5'::BIGNUM::VARCHAR, '007'::BIGNUM::VARCHAR, '-0'::BIGNUM::VARCHAR",
    })
    void sameAsDuckDb(String sql) throws Exception {
        db.assertSameRows(sql);
    }

    @Test
    void errorsMatchDuckDb() {
        // (a BIGNUM out of an integer type's range: DuckDB 2.0.0's JDBC and its 2.0.1 differ in the words; ours are 2.0.1's)
        for (String sql : List.of("SELECT 'abc'::BIGNUM", "SELECT ' 5'::BIGNUM", "SELECT '-'::BIGNUM", "SELECT 'nan'::DOUBLE::BIGNUM", "SELECT ('1' || repeat('0', 400))::BIGNUM::DOUBLE",
                "SELECT true::BIGNUM", "SELECT 1.5::DECIMAL(2,1)::BIGNUM")) {
            SQLException duck = assertThrows(SQLException.class, () -> rows(db.duck(), sql), sql);
            SQLException teal = assertThrows(SQLException.class, () -> rows(db.teal(), sql), sql);
            assertEquals(firstLine(duck), firstLine(teal), sql);
        }
    }

    /**
     * DOUBLE to BIGNUM and BIGNUM to integer types as DuckDB 2.0.1 has them (the DuckDB 2.0.0 JDBC
     * driver of the twins truncates doubles and words range errors differently).
     */
    @Test
    void doublesRoundHalfToEvenAndRangesAsDuckDb201() throws Exception {
        assertEquals(List.of(List.of("-499", "499", "-2", "2", "1", "-1", "100000000000000000000")), rows(db.teal(),
                "SELECT (-498.63)::DOUBLE::BIGNUM::VARCHAR, (498.63)::DOUBLE::BIGNUM::VARCHAR, (-1.5)::DOUBLE::BIGNUM::VARCHAR, "
                        + "2.5::DOUBLE::BIGNUM::VARCHAR, 0.6::DOUBLE::BIGNUM::VARCHAR, (-0.6)::DOUBLE::BIGNUM::VARCHAR, 1e20::DOUBLE::BIGNUM::VARCHAR"));
        assertEquals(List.of(List.of("-170141183460469231731687303715884105728", "340282366920938463463374607431768211455")), rows(db.teal(),
                "SELECT '-170141183460469231731687303715884105728'::BIGNUM::HUGEINT::VARCHAR, "
                        + "'340282366920938463463374607431768211455'::BIGNUM::UHUGEINT::VARCHAR"));
        SQLException e = assertThrows(SQLException.class, () -> rows(db.teal(), "SELECT 300::BIGNUM::TINYINT"));
        assertEquals("Conversion Error: BIGNUM value 300 is out of range for type INT8", firstLine(e));
        e = assertThrows(SQLException.class, () -> rows(db.teal(), "SELECT '170141183460469231731687303715884105728'::BIGNUM::HUGEINT"));
        assertEquals("Conversion Error: BIGNUM value 170141183460469231731687303715884105728 is out of range for type INT128", firstLine(e));
    }

    /** CSV sniffing over several chunks: beyond BIGINT is HUGEINT, beyond HUGEINT BIGNUM, a leading zero text. */
    @Test
    void csvDetectsIntegersBeyondBigint() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("h,n,d,z");
        BigInteger big = BigInteger.TEN.pow(45);
        for (int i = 0; i < 5000; i++) {
            lines.add((i % 3 == 0 && i > 0 ? "-" : "") + BigInteger.valueOf(i).multiply(BigInteger.TEN.pow(20)) + ","
                    + big.multiply(BigInteger.valueOf(i - 2500)) + "," + i + ".5," + "00" + i);
        }
        Path csv = dir.resolve("big.csv");
        Files.write(csv, lines);
        Path dbl = dir.resolve("double.csv");
        Files.write(dbl, List.of("h,n,d,z", "1.5,2.5,3,4"));
        String scan = "read_csv_auto('" + csv + "')";
        db.assertSameRows("SELECT typeof(h), typeof(n), typeof(d), typeof(z) FROM " + scan + " LIMIT 1");
        db.assertSameRows("SELECT h::VARCHAR, n::VARCHAR, d, z FROM " + scan);
        db.assertSameRows("SELECT typeof(h), typeof(n), typeof(z), count(*) FROM read_csv_auto(['" + csv + "', '" + dbl + "'], files_to_sniff = -1) GROUP BY ALL");
    }

    private static String firstLine(SQLException e) {
        return e.getMessage().lines().filter(l -> !l.isBlank()).findFirst().orElseThrow();
    }
}
