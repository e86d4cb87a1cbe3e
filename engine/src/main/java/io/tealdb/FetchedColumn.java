package io.tealdb;

import io.tealdb.error.InvalidInputException;
import io.tealdb.types.LogicalType;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * One result column as one array (the Java counterpart of DuckDB's {@code fetchnumpy}): a primitive
 * array where the type has one, plus a null mask ({@code nulls[i]} true when row i is NULL; the
 * value slot of a NULL row is 0/false/null).
 *
 * <p>Array per type: BOOLEAN boolean[], TINYINT byte[], SMALLINT short[], INTEGER int[],
 * BIGINT long[], FLOAT float[], DOUBLE double[], DATE int[] (days since 1970-01-01), TIME long[]
 * (µs of day), TIMESTAMP long[] (µs since 1970-01-01, like numpy's datetime64[us]), HUGEINT
 * BigInteger[], DECIMAL BigDecimal[], VARCHAR String[], BLOB byte[][], INTERVAL
 * {@link io.tealdb.types.Interval}[], NULL-typed columns Object[]; unsigned integers use the next wider
 * type: UTINYINT short[], USMALLINT int[], UINTEGER long[], UBIGINT and UHUGEINT BigInteger[]; UUID java.util.UUID[];
 * TIMESTAMP WITH TIME ZONE long[] (µs UTC), TIMESTAMP_S/_MS/_NS long[] in their unit, TIME WITH TIME
 * ZONE long[] in {@link io.tealdb.types.TimeZones}' encoding.
 */
public record FetchedColumn(String name, LogicalType type, Object values, boolean[] nulls) {
    public int size() {
        return nulls.length;
    }

    public boolean isNull(int row) {
        return nulls[row];
    }

    public boolean[] booleans() {
        return as(boolean[].class);
    }

    public byte[] bytes() {
        return as(byte[].class);
    }

    public short[] shorts() {
        return as(short[].class);
    }

    public int[] ints() {
        return as(int[].class);
    }

    public long[] longs() {
        return as(long[].class);
    }

    public float[] floats() {
        return as(float[].class);
    }

    public double[] doubles() {
        return as(double[].class);
    }

    public String[] strings() {
        return as(String[].class);
    }

    public BigDecimal[] decimals() {
        return as(BigDecimal[].class);
    }

    public BigInteger[] bigIntegers() {
        return as(BigInteger[].class);
    }

    public byte[][] blobs() {
        return as(byte[][].class);
    }

    private <T> T as(Class<T> arrayClass) {
        if (!arrayClass.isInstance(values)) {
            throw new InvalidInputException("column \"" + name + "\" of type " + type + " is fetched as "
                    + values.getClass().getSimpleName() + ", not " + arrayClass.getSimpleName());
        }
        return arrayClass.cast(values);
    }
}
