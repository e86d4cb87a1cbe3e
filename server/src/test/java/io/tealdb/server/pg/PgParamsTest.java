package io.tealdb.server.pg;

import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Text parameters of integer types (what psycopg's executemany and pgjdbc batches send for every row): plain
 * digits are read directly, anything else goes through the cast and reads, or fails, exactly as before.
 */
class PgParamsTest {
    private static Value text(String s, int oid, LogicalType inferred) {
        return PgParams.decode(s.getBytes(StandardCharsets.UTF_8), false, oid, inferred);
    }

    @Test
    void integerTextAsTheCastReadsIt() {
        assertEquals(Value.ofBigint(-9_007_199_254_740_993L), text("-9007199254740993", PgType.INT8, null));
        assertEquals(Value.ofBigint(123_456_789_012_345_678L), text("123456789012345678", PgType.INT8, null));
        // 19 digits and more, a sign, blanks: the cast reads them
        assertEquals(Value.ofBigint(Long.MAX_VALUE), text(Long.toString(Long.MAX_VALUE), PgType.INT8, null));
        assertEquals(Value.ofBigint(Long.MIN_VALUE), text(Long.toString(Long.MIN_VALUE), PgType.INT8, null));
        assertEquals(Value.ofBigint(5), text("+5", PgType.INT8, null));
        assertEquals(Value.ofBigint(0), text("-0", PgType.INT8, null));
        assertEquals(Value.ofBigint(1000), text("1e3", PgType.INT8, null)); // DuckDB's cast reads exponents
        assertEquals(Value.ofInteger(-2_147_483_648), text("-2147483648", PgType.INT4, null));
        assertEquals(new Value(LogicalType.SMALLINT, (short) 32767), text("32767", PgType.INT2, null));
        // OID 0: the type the binder inferred
        assertEquals(Value.ofInteger(42), text("42", 0, LogicalType.INTEGER));
        assertEquals(Value.ofVarchar("42"), text("42", 0, LogicalType.VARCHAR));
        // out of range or not a number: 22P02 as before
        for (String[] bad : new String[][]{{"2147483648", "int4"}, {"40000", "int2"}, {"99999999999999999999", "int8"},
                {"-", "int8"}, {"", "int8"}, {"12a", "int4"}}) {
            int oid = bad[1].equals("int2") ? PgType.INT2 : bad[1].equals("int4") ? PgType.INT4 : PgType.INT8;
            PgError.Failure f = assertThrows(PgError.Failure.class, () -> text(bad[0], oid, null), bad[0]);
            assertEquals("22P02", f.error.sqlState(), bad[0]);
        }
    }
}
