package io.tealdb.io.parquet;

import java.util.ArrayList;
import java.util.List;

/** Where one column's data of one row group lies and how it is encoded (ColumnChunk + ColumnMetaData). */
public record ColumnChunkMetadata(String filePath, long fileOffset, int type, List<Integer> encodings, List<String> path, int codec,
                                  long numValues, long totalUncompressedSize, long totalCompressedSize, long dataPageOffset,
                                  long dictionaryPageOffset, long indexPageOffset, ColumnStatistics statistics,
                                  long bloomFilterOffset, long bloomFilterLength) {
    /** First byte of the chunk: its dictionary page when there is one (an offset of 0 is treated as absent). */
    public long startOffset() {
        return dictionaryPageOffset > 0 && dictionaryPageOffset < dataPageOffset ? dictionaryPageOffset : dataPageOffset;
    }

    static ColumnChunkMetadata parse(ThriftStruct chunk) {
        ThriftStruct m = chunk.struct(3);
        if (m == null) throw new ParquetFormatException("column chunk without metadata (encrypted files are not supported)");
        List<Integer> encodings = new ArrayList<>();
        for (Object o : m.list(2)) encodings.add((int) (long) (Long) o);
        List<String> path = new ArrayList<>();
        for (Object o : m.list(3)) path.add(new String((byte[]) o, java.nio.charset.StandardCharsets.UTF_8));
        return new ColumnChunkMetadata(chunk.string(1), chunk.i64(2, 0), m.i32(1, -1), List.copyOf(encodings), List.copyOf(path),
                m.i32(4, 0), m.i64(5, 0), m.i64(6, 0), m.i64(7, 0), m.i64(9, 0), m.i64(11, -1), m.i64(10, -1),
                ColumnStatistics.parse(m.struct(12)), m.i64(14, -1), m.i32(15, -1));
    }
}
