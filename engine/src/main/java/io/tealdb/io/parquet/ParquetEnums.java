package io.tealdb.io.parquet;

/**
 * The integer codes of parquet.thrift's enums (physical types, repetition, converted types,
 * encodings, codecs, page types) and their names as parquet_metadata() / parquet_schema() print them.
 */
public final class ParquetEnums {
    private ParquetEnums() {
    }

    public static final int BOOLEAN = 0, INT32 = 1, INT64 = 2, INT96 = 3, FLOAT = 4, DOUBLE = 5, BYTE_ARRAY = 6,
            FIXED_LEN_BYTE_ARRAY = 7;
    public static final int REQUIRED = 0, OPTIONAL = 1, REPEATED = 2;

    // converted types
    public static final int UTF8 = 0, MAP = 1, MAP_KEY_VALUE = 2, LIST = 3, ENUM = 4, DECIMAL = 5, DATE = 6,
            TIME_MILLIS = 7, TIME_MICROS = 8, TIMESTAMP_MILLIS = 9, TIMESTAMP_MICROS = 10, UINT_8 = 11, UINT_16 = 12,
            UINT_32 = 13, UINT_64 = 14, INT_8 = 15, INT_16 = 16, INT_32 = 17, INT_64 = 18, JSON = 19, BSON = 20,
            INTERVAL = 21;

    // encodings
    public static final int PLAIN = 0, PLAIN_DICTIONARY = 2, RLE = 3, BIT_PACKED = 4, DELTA_BINARY_PACKED = 5,
            DELTA_LENGTH_BYTE_ARRAY = 6, DELTA_BYTE_ARRAY = 7, RLE_DICTIONARY = 8, BYTE_STREAM_SPLIT = 9;

    // codecs
    public static final int UNCOMPRESSED = 0, SNAPPY = 1, GZIP = 2, LZO = 3, BROTLI = 4, LZ4 = 5, ZSTD = 6, LZ4_RAW = 7;

    // page types
    public static final int DATA_PAGE = 0, INDEX_PAGE = 1, DICTIONARY_PAGE = 2, DATA_PAGE_V2 = 3;

    private static final String[] TYPES = {"BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"};
    private static final String[] REPETITIONS = {"REQUIRED", "OPTIONAL", "REPEATED"};
    private static final String[] CONVERTED = {"UTF8", "MAP", "MAP_KEY_VALUE", "LIST", "ENUM", "DECIMAL", "DATE", "TIME_MILLIS",
            "TIME_MICROS", "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS", "UINT_8", "UINT_16", "UINT_32", "UINT_64", "INT_8", "INT_16",
            "INT_32", "INT_64", "JSON", "BSON", "INTERVAL"};
    private static final String[] ENCODINGS = {"PLAIN", "GROUP_VAR_INT", "PLAIN_DICTIONARY", "RLE", "BIT_PACKED",
            "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY", "RLE_DICTIONARY", "BYTE_STREAM_SPLIT"};
    private static final String[] CODECS = {"UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"};

    public static String typeName(int t) {
        return name(TYPES, t);
    }

    public static String repetitionName(int r) {
        return name(REPETITIONS, r);
    }

    public static String convertedName(int c) {
        return name(CONVERTED, c);
    }

    public static String encodingName(int e) {
        return name(ENCODINGS, e);
    }

    public static String codecName(int c) {
        return name(CODECS, c);
    }

    private static String name(String[] names, int i) {
        return i >= 0 && i < names.length ? names[i] : null;
    }
}
