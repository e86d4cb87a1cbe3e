package io.tealdb.io.parquet;

/**
 * A page's header. For data pages v1 {@code numNulls}/{@code numRows} are -1 and the level encodings
 * are set; for v2 pages the level byte lengths are set and {@code compressed} tells whether the
 * values section is compressed (levels never are).
 */
public record PageHeader(int type, int uncompressedSize, int compressedSize, boolean hasCrc, int crc, int numValues, int encoding,
                         int defEncoding, int repEncoding, int numNulls, int numRows, int defLength, int repLength,
                         boolean compressed, ColumnStatistics statistics) {
    static PageHeader parse(ThriftStruct s) {
        int type = s.i32(1, -1);
        int uncompressed = s.i32(2, -1), compressed = s.i32(3, -1);
        if (uncompressed < 0 || compressed < 0) throw new ParquetFormatException("page header with a negative size");
        boolean hasCrc = s.has(4);
        int crc = s.i32(4, 0);
        ThriftStruct v1 = s.struct(5), dict = s.struct(7), v2 = s.struct(8);
        if (type == ParquetEnums.DATA_PAGE) {
            if (v1 == null) throw new ParquetFormatException("data page without its header");
            return new PageHeader(type, uncompressed, compressed, hasCrc, crc, v1.i32(1, -1), v1.i32(2, 0), v1.i32(3, ParquetEnums.RLE),
                    v1.i32(4, ParquetEnums.RLE), -1, -1, 0, 0, true, ColumnStatistics.parse(v1.struct(5)));
        }
        if (type == ParquetEnums.DICTIONARY_PAGE) {
            if (dict == null) throw new ParquetFormatException("dictionary page without its header");
            return new PageHeader(type, uncompressed, compressed, hasCrc, crc, dict.i32(1, -1), dict.i32(2, 0), 0, 0, -1, -1, 0, 0, true, null);
        }
        if (type == ParquetEnums.DATA_PAGE_V2) {
            if (v2 == null) throw new ParquetFormatException("data page v2 without its header");
            return new PageHeader(type, uncompressed, compressed, hasCrc, crc, v2.i32(1, -1), v2.i32(4, 0), ParquetEnums.RLE,
                    ParquetEnums.RLE, v2.i32(2, 0), v2.i32(3, -1), v2.i32(5, 0), v2.i32(6, 0), v2.bool(7, true),
                    ColumnStatistics.parse(v2.struct(8)));
        }
        return new PageHeader(type, uncompressed, compressed, hasCrc, crc, 0, 0, 0, 0, -1, -1, 0, 0, true, null);
    }
}
