package io.tealdb.io.parquet;

import java.util.Map;

/**
 * How COPY ... TO writes a Parquet file: the page codec (a ParquetEnums codec), rows per row group,
 * the zstd level, key/value metadata for the footer, and the data page version (PARQUET_VERSION V1:
 * DATA_PAGE headers with levels inside the compressed body; V2: DATA_PAGE_V2 with the levels
 * uncompressed in front of it, which lets a reader skip a page's values without decompressing), and the
 * schema's field ids (FIELD_IDS; null for none).
 */
public record ParquetWriteOptions(int codec, long rowGroupSize, int zstdLevel, Map<String, String> keyValues, int pageVersion,
                                  ParquetFieldIds fieldIds) {
    public static final long DEFAULT_ROW_GROUP_SIZE = 122_880;

    public ParquetWriteOptions {
        if (pageVersion != 1 && pageVersion != 2) throw new IllegalArgumentException("page version " + pageVersion);
    }

    public ParquetWriteOptions(int codec, long rowGroupSize, int zstdLevel, Map<String, String> keyValues) {
        this(codec, rowGroupSize, zstdLevel, keyValues, 1, null);
    }

    public static ParquetWriteOptions defaults() {
        return new ParquetWriteOptions(ParquetEnums.SNAPPY, DEFAULT_ROW_GROUP_SIZE, 3, Map.of());
    }
}
