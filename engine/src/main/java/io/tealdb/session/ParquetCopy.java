package io.tealdb.session;

import io.tealdb.error.BinderException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.io.parquet.ParquetEnums;
import io.tealdb.io.parquet.ParquetFieldIds;
import io.tealdb.io.parquet.ParquetWriteOptions;
import io.tealdb.io.parquet.ParquetWriter;
import io.tealdb.parser.ast.Option;
import io.tealdb.planner.Binder;
import io.tealdb.planner.BoundQuery;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code COPY (query) TO 'file.parquet' (FORMAT parquet, COMPRESSION …, ROW_GROUP_SIZE …,
 * KV_METADATA {…}, FIELD_IDS {…}|'auto', PARQUET_VERSION …)}: the query's chunks into
 * {@link ParquetWriter}s, laid out in files by {@link CopyLayout} (PARTITION_BY, PER_THREAD_OUTPUT,
 * RETURN_FILES, OVERWRITE, …).
 */
final class ParquetCopy {
    private ParquetCopy() {
    }

    /** True when COPY ... TO writes Parquet: FORMAT parquet, or no FORMAT and a .parquet file name. */
    static boolean isParquet(List<Option> options, String file, Binder binder) {
        for (Option o : options) {
            if (o.name().text().equalsIgnoreCase("format") && !o.values().isEmpty()) {
                Value v = binder.copyOptionValue(o.values().get(0));
                return !v.isNull() && String.valueOf(v.object()).equalsIgnoreCase("parquet");
            }
        }
        String lower = file.toLowerCase(Locale.ROOT);
        return lower.endsWith(".parquet") || lower.endsWith(".parq");
    }

    static QueryResultImpl copy(ClientContextImpl ctx, io.tealdb.storage.Transaction txn, BoundQuery q, String file, List<Option> options,
                                Binder binder) {
        int codec = ParquetEnums.SNAPPY;
        long rowGroupSize = ParquetWriteOptions.DEFAULT_ROW_GROUP_SIZE;
        int level = 3;
        Map<String, String> kv = new LinkedHashMap<>();
        int pageVersion = 1;
        Value fieldIds = null;
        CopyLayout layout = new CopyLayout();
        for (Option o : options) {
            String name = o.name().text().toLowerCase(Locale.ROOT);
            Value v = o.values().isEmpty() ? Value.ofBoolean(true) : binder.copyOptionValue(o.values().get(0));
            if (layout.option(name, v, o, binder)) continue;
            switch (name) {
                case "parquet_version" -> pageVersion = switch (String.valueOf(v.object()).strip().toUpperCase(Locale.ROOT)) {
                    case "V1", "1" -> 1;
                    case "V2", "2" -> 2;
                    default -> throw new BinderException("PARQUET_VERSION must be V1 or V2, not \"" + v.object() + "\"");
                };
                case "format", "row_group_size_bytes", "preserve_order" -> {
                    // format already chosen; the rest only tune DuckDB's own writer
                }
                case "compression", "codec" -> codec = codec(String.valueOf(v.object()));
                case "compression_level" -> level = (int) number(v, name);
                case "row_group_size", "row_group_size_rows" -> {
                    rowGroupSize = number(v, name);
                    if (rowGroupSize <= 0) throw new BinderException("ROW_GROUP_SIZE must be greater than 0");
                }
                case "kv_metadata" -> {
                    if (!(v.object() instanceof Map<?, ?> map)) throw new BinderException("KV_METADATA requires a struct, e.g. {key: 'value'}");
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        Value val = (Value) e.getValue();
                        kv.put(String.valueOf(e.getKey()), val.isNull() ? null : String.valueOf(val.object()));
                    }
                }
                case "field_ids" -> fieldIds = v;
                default -> throw CopyOptionNames.unsupported(o.name().text(), "Parquet", o.pos());
            }
        }
        ParquetFieldIds ids = null;
        if (fieldIds != null) {
            List<String> names = new ArrayList<>();
            List<LogicalType> types = new ArrayList<>();
            for (int c : layout.writtenColumns(q)) {
                names.add(q.names().get(c));
                types.add(q.types().get(c));
            }
            ids = FieldIdsOption.parse(fieldIds, names, types);
        }
        ParquetWriteOptions opts = new ParquetWriteOptions(codec, rowGroupSize, level, java.util.Collections.unmodifiableMap(kv), pageVersion,
                ids);
        return layout.write(ctx, txn, q, Path.of(file), new CopyFileFormat() {
            @Override
            public String extension() {
                return "parquet";
            }

            @Override
            public FileWriter open(Path path, List<String> names, List<LogicalType> types) {
                ParquetWriter w = new ParquetWriter(path, names, types, opts);
                return new FileWriter() {
                    @Override
                    public void write(DataChunk chunk) {
                        w.write(chunk);
                    }

                    @Override
                    public void close() {
                        w.close();
                    }
                };
            }
        });
    }

    private static int codec(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "uncompressed", "none" -> ParquetEnums.UNCOMPRESSED;
            case "snappy" -> ParquetEnums.SNAPPY;
            case "gzip" -> ParquetEnums.GZIP;
            case "zstd" -> ParquetEnums.ZSTD;
            case "lz4", "lz4_raw" -> ParquetEnums.LZ4_RAW;
            case "brotli" -> throw new NotImplementedException("writing Brotli-compressed Parquet is not supported yet (reading is)");
            default -> throw new BinderException("Unrecognized compression \"" + name + "\" for Parquet (uncompressed, snappy, gzip, zstd, lz4)");
        };
    }

    private static long number(Value v, String option) {
        if (v.object() instanceof Number n) return n.longValue();
        try {
            return Long.parseLong(String.valueOf(v.object()).strip());
        } catch (NumberFormatException e) {
            throw new BinderException("COPY option " + option + " requires a number");
        }
    }
}
