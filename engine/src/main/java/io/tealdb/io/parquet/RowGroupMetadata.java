package io.tealdb.io.parquet;

import java.util.ArrayList;
import java.util.List;

/** One row group of a file: its row count and the chunk of every leaf column. */
public record RowGroupMetadata(List<ColumnChunkMetadata> columns, long numRows, long totalByteSize, long totalCompressedSize,
                               long fileOffset) {
    static RowGroupMetadata parse(ThriftStruct s) {
        List<ColumnChunkMetadata> cols = new ArrayList<>();
        for (Object o : s.list(1)) cols.add(ColumnChunkMetadata.parse((ThriftStruct) o));
        long rows = s.i64(3, -1);
        if (rows < 0) throw new ParquetFormatException("row group with a negative row count");
        return new RowGroupMetadata(List.copyOf(cols), rows, s.i64(2, 0), s.i64(6, -1), s.i64(5, -1));
    }
}
