package io.tealdb.io.parquet;

import io.tealdb.types.LogicalType;

/**
 * A top-level leaf column of a Parquet file as TealDB reads it: where its chunks are
 * ({@code leafIndex} among the row groups' column chunks), its levels, its SQL type and how its
 * physical values convert.
 */
public record ParquetColumn(String name, int leafIndex, SchemaElement element, int maxDefinition, int maxRepetition,
                            LogicalType type, ValueConversion conversion) {
    public int physicalType() {
        return element.type();
    }

    /** A statistics value (plain encoding, byte arrays without length prefix) as a value of {@link #type}; null if unreadable. */
    public Object decodeStatistic(byte[] plain) {
        return ColumnChunkReader.decodeSingle(this, plain);
    }
}
