package io.tealdb.function.table;

import io.tealdb.error.BinderException;
import io.tealdb.function.cast.Casts;
import io.tealdb.io.FileGlobs;
import io.tealdb.io.parquet.ColumnChunkMetadata;
import io.tealdb.io.parquet.ColumnStatistics;
import io.tealdb.io.parquet.FileMetadata;
import io.tealdb.io.parquet.ParquetColumn;
import io.tealdb.io.parquet.ParquetEnums;
import io.tealdb.io.parquet.ParquetFileReader;
import io.tealdb.io.parquet.ParquetSchema;
import io.tealdb.io.parquet.RowGroupMetadata;
import io.tealdb.io.parquet.SchemaElement;
import io.tealdb.io.parquet.ThriftStruct;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * {@code parquet_metadata(files)} (one row per column chunk), {@code parquet_schema(files)} (one row
 * per schema element) and {@code parquet_file_metadata(files)} (one row per file), with DuckDB's
 * column names; the rows are built from the footers at bind time.
 */
public final class ParquetMetadataFunction {
    private static final LogicalType V = LogicalType.VARCHAR, B = LogicalType.BIGINT, BOOL = LogicalType.BOOLEAN;

    private ParquetMetadataFunction() {
    }

    /** Binds one of the three functions; null when {@code name} is none of them. */
    public static RowsTableFunction bind(String name, List<Value> args, List<String> namedNames) {
        if (!name.equals("parquet_metadata") && !name.equals("parquet_schema") && !name.equals("parquet_file_metadata")) return null;
        if (args.size() != 1 || args.get(0).isNull()) throw new BinderException(name + " requires a file name");
        if (!namedNames.isEmpty()) throw new BinderException("Invalid named parameter \"" + namedNames.get(0) + "\" for function " + name);
        List<Object[]> rows = new ArrayList<>();
        for (String p : FileGlobs.expandArgument(name, args.get(0))) {
            try (ParquetFileReader r = ParquetFileReader.open(Path.of(p))) {
                switch (name) {
                    case "parquet_metadata" -> metadataRows(p, r, rows);
                    case "parquet_schema" -> schemaRows(p, r, rows);
                    default -> fileRow(p, r, rows);
                }
            }
        }
        return switch (name) {
            case "parquet_metadata" -> new RowsTableFunction(name, List.of("file_name", "row_group_id", "row_group_num_rows",
                    "row_group_num_columns", "row_group_bytes", "column_id", "file_offset", "num_values", "path_in_schema", "type",
                    "stats_min", "stats_max", "stats_null_count", "stats_distinct_count", "stats_min_value", "stats_max_value",
                    "compression", "encodings", "index_page_offset", "dictionary_page_offset", "data_page_offset",
                    "total_compressed_size", "total_uncompressed_size", "bloom_filter_offset", "bloom_filter_length", "min_is_exact",
                    "max_is_exact", "row_group_compressed_bytes"),
                    List.of(V, B, B, B, B, B, B, B, V, V, V, V, B, B, V, V, V, V, B, B, B, B, B, B, B, BOOL, BOOL, B), rows);
            case "parquet_schema" -> new RowsTableFunction(name, List.of("file_name", "name", "type", "type_length",
                    "repetition_type", "num_children", "converted_type", "scale", "precision", "field_id", "logical_type", "duckdb_type",
                    "column_id"), List.of(V, V, V, V, V, B, V, B, B, B, V, V, B), rows);
            default -> new RowsTableFunction(name, List.of("file_name", "created_by", "num_rows", "num_row_groups", "format_version",
                    "encryption_algorithm", "footer_signing_key_metadata", "file_size_bytes", "footer_size"),
                    List.of(V, V, B, B, B, V, V, B, B), rows);
        };
    }

    private static void metadataRows(String file, ParquetFileReader r, List<Object[]> rows) {
        FileMetadata m = r.metadata();
        ParquetColumn[] byLeaf = new ParquetColumn[r.schema().leafCount()];
        for (ParquetSchema.Field f : r.schema().fields()) {
            if (f.column() != null) byLeaf[f.column().leafIndex()] = f.column();
            if (f.node() != null) for (ParquetColumn leaf : f.node().leaves()) byLeaf[leaf.leafIndex()] = leaf;
        }
        for (int g = 0; g < m.rowGroups().size(); g++) {
            RowGroupMetadata rg = m.rowGroups().get(g);
            for (int c = 0; c < rg.columns().size(); c++) {
                ColumnChunkMetadata cc = rg.columns().get(c);
                ColumnStatistics s = cc.statistics();
                ParquetColumn col = c < byLeaf.length ? byLeaf[c] : null;
                StringJoiner enc = new StringJoiner(", ");
                for (int e : cc.encodings()) enc.add(String.valueOf(ParquetEnums.encodingName(e)));
                rows.add(new Object[]{file, (long) g, rg.numRows(), (long) rg.columns().size(), rg.totalByteSize(), (long) c,
                        cc.fileOffset() == 0 ? null : cc.fileOffset(), cc.numValues(), String.join(", ", cc.path()),
                        ParquetEnums.typeName(cc.type()),
                        s == null ? null : render(col, s.legacyMin()), s == null ? null : render(col, s.legacyMax()),
                        s == null || s.nullCount() < 0 ? null : s.nullCount(), s == null || s.distinctCount() < 0 ? null : s.distinctCount(),
                        s == null ? null : render(col, s.min()), s == null ? null : render(col, s.max()),
                        ParquetEnums.codecName(cc.codec()), enc.toString(), cc.indexPageOffset() < 0 ? null : cc.indexPageOffset(),
                        cc.dictionaryPageOffset() < 0 ? null : cc.dictionaryPageOffset(), cc.dataPageOffset(), cc.totalCompressedSize(),
                        cc.totalUncompressedSize(), cc.bloomFilterOffset() < 0 ? null : cc.bloomFilterOffset(),
                        cc.bloomFilterLength() < 0 ? null : cc.bloomFilterLength(),
                        s == null || !s.raw().has(8) ? null : s.minExact(), s == null || !s.raw().has(7) ? null : s.maxExact(),
                        rg.totalCompressedSize() < 0 ? null : rg.totalCompressedSize()});
            }
        }
    }

    /** A statistics value as text: decoded to the column's SQL type and cast to VARCHAR as DuckDB prints it. */
    private static String render(ParquetColumn col, byte[] plain) {
        if (plain == null || col == null) return null;
        Object o = col.decodeStatistic(plain);
        if (o == null) return null;
        try {
            Value v = Casts.castValue(new Value(col.type(), o), LogicalType.VARCHAR, false);
            return v.isNull() ? null : String.valueOf(v.object());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void schemaRows(String file, ParquetFileReader r, List<Object[]> rows) {
        List<SchemaElement> schema = r.metadata().schema();
        java.util.Map<String, ParquetColumn> flat = new java.util.HashMap<>();
        for (ParquetSchema.Field f : r.schema().fields()) if (f.column() != null) flat.put(f.name(), f.column());
        int depthOneEnd = 0;
        for (int i = 0; i < schema.size(); i++) {
            SchemaElement e = schema.get(i);
            ThriftStruct raw = e.raw();
            ParquetColumn col = i > 0 ? flat.get(e.name()) : null;
            rows.add(new Object[]{file, e.name(), raw.has(1) ? ParquetEnums.typeName(e.type()) : null,
                    raw.has(2) ? String.valueOf(e.typeLength()) : null, raw.has(3) ? ParquetEnums.repetitionName(e.repetition()) : null,
                    raw.has(5) ? (long) e.numChildren() : null, raw.has(6) ? ParquetEnums.convertedName(e.convertedType()) : null,
                    raw.has(7) ? (long) e.scale() : null, raw.has(8) ? (long) e.precision() : null, raw.has(9) ? (long) e.fieldId() : null,
                    logicalType(e.logicalType()), col != null && col.element() == e ? col.type().toString() : null, (long) i});
        }
    }

    private static String logicalType(ThriftStruct lt) {
        if (lt == null) return null;
        return switch (lt.unionMember()) {
            case 1 -> "StringType()";
            case 2 -> "MapType()";
            case 3 -> "ListType()";
            case 4 -> "EnumType()";
            case 5 -> "DecimalType(scale=" + lt.struct(5).i32(1, 0) + ", precision=" + lt.struct(5).i32(2, 0) + ")";
            case 6 -> "DateType()";
            case 7 -> "TimeType(isAdjustedToUTC=" + lt.struct(7).bool(1, false) + ")";
            case 8 -> "TimestampType(isAdjustedToUTC=" + lt.struct(8).bool(1, false) + ")";
            case 10 -> "IntType(bitWidth=" + lt.struct(10).i32(1, 0) + ", isSigned=" + lt.struct(10).bool(2, true) + ")";
            case 11 -> "NullType()";
            case 12 -> "JsonType()";
            case 13 -> "BsonType()";
            case 14 -> "UUIDType()";
            case 15 -> "Float16Type()";
            default -> null;
        };
    }

    private static void fileRow(String file, ParquetFileReader r, List<Object[]> rows) {
        FileMetadata m = r.metadata();
        rows.add(new Object[]{file, m.createdBy(), m.numRows(), (long) m.rowGroups().size(), (long) m.version(), null, null, r.fileSize(),
                m.footerLength()});
    }
}
