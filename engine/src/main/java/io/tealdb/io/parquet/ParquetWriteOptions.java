package io.tealdb.io.parquet;

import java.util.Map;

/**
 * How COPY ... TO writes a Parquet file: the page codec (a ParquetEnums codec), rows per row group,
 * the zstd level, and key/value metadata for the footer.
 */
public record ParquetWriteOptions(int codec, long rowGroupSize, int zstdLevel, Map<String, String> keyValues) {
    public static final long DEFAULT_ROW_GROUP_SIZE = 122_880;

    public static ParquetWriteOptions defaults() {
        return new ParquetWriteOptions(ParquetEnums.SNAPPY, DEFAULT_ROW_GROUP_SIZE, 3, Map.of());
    }
}
