package io.tealdb.io.parquet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Parquet file's footer (parquet.thrift FileMetaData), and its length in bytes. */
public record FileMetadata(int version, List<SchemaElement> schema, long numRows, List<RowGroupMetadata> rowGroups,
                           Map<String, String> keyValues, String createdBy, long footerLength) {
    static FileMetadata parse(ThriftStruct s, long footerLength) {
        List<SchemaElement> schema = new ArrayList<>();
        for (Object o : s.list(2)) schema.add(SchemaElement.parse((ThriftStruct) o));
        if (schema.isEmpty()) throw new ParquetFormatException("the footer has no schema");
        List<RowGroupMetadata> groups = new ArrayList<>();
        for (Object o : s.list(4)) groups.add(RowGroupMetadata.parse((ThriftStruct) o));
        Map<String, String> kv = new LinkedHashMap<>();
        for (Object o : s.list(5)) {
            ThriftStruct e = (ThriftStruct) o;
            if (e.string(1) != null) kv.put(e.string(1), e.string(2));
        }
        return new FileMetadata(s.i32(1, 1), List.copyOf(schema), s.i64(3, 0), List.copyOf(groups), kv, s.string(6), footerLength);
    }
}
