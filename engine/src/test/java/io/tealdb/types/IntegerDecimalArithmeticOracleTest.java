package io.tealdb.types;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Integer columns in DECIMAL arithmetic against DuckDB on 10,000 rows (five 2,048-row chunks, with
 * NULLs): an integer operand is the DECIMAL DuckDB sizes it as (BIGINT is DECIMAL(19,0), so BIGINT ×
 * DECIMAL(2,1) is DECIMAL(21,1), not a DECIMAL(18,1) that overflows near BIGINT's limits).
 */
class IntegerDecimalArithmeticOracleTest {
    static final String[] SETUP = {
            "CREATE TABLE n (i INTEGER, big BIGINT, small SMALLINT, ubig UBIGINT, d DECIMAL(10,2), w DECIMAL(20,3))",
            "INSERT INTO n SELECT i, "
                    + "CASE WHEN i % 97 = 0 THEN NULL ELSE (i - 5000)::BIGINT * 922337203685477::BIGINT END, "
                    + "(i % 30000)::SMALLINT, i::UBIGINT * 1844674407370955::UBIGINT, "
                    + "CASE WHEN i % 89 = 0 THEN NULL ELSE (i * 1.25)::DECIMAL(10,2) END, (i * 12345.678)::DECIMAL(20,3) "
                    + "FROM range(10000) t(i)",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT typeof(big * 0.5), typeof(big + 0.5), typeof(big * d), typeof(big - w), typeof(ubig * 0.5), "
                    + "typeof(small * d), typeof(i * d), typeof(big // 2 * 1.5) FROM n LIMIT 1",
            "SELECT i, big * 0.5, big + 0.5, big * 1.5, big - d, big * d FROM n ORDER BY i",
            "SELECT i, ubig * 0.5, small * d, i * d, big + w FROM n ORDER BY i",
            "SELECT sum(big * 0.5), avg(big * 1.5), min(big * d), max(big + 0.25), typeof(sum(big * 0.5)) FROM n",
            // 128-bit products of operands inside and beyond a long's range (the long fast path and the BigInteger one)
            "SELECT i, w * d, big::DECIMAL(20,0) * 3 * d, big::DECIMAL(38,2), big::HUGEINT * 7, d::DECIMAL(30,5) * w FROM n ORDER BY i",
            "SELECT 9223372036854775807::BIGINT * 1.5, (-9223372036854775807)::BIGINT * 1.5, 9223372036854775807::BIGINT + 0.5",
    })
    void sameAsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }
}
