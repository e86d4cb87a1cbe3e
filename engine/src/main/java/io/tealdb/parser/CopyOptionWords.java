package io.tealdb.parser;

import java.util.List;

/**
 * The COPY option names DuckDB's writers and readers know (CSV, Parquet, JSON, generic): the parser
 * accepts them after a comma in the unparenthesized option list, and the COPY executors name the
 * closest one when an option is misspelt.
 */
public final class CopyOptionWords {
    private CopyOptionWords() {
    }

    public static final List<String> KNOWN = List.of(
            "format", "delimiter", "delim", "sep", "quote", "escape", "header", "null", "nullstr", "force_quote", "force_not_null",
            "dateformat", "timestampformat", "encoding", "compression", "codec", "compression_level", "row_group_size",
            "row_group_size_bytes", "row_groups_per_file", "per_thread_output", "file_size_bytes", "partition_by",
            "write_partition_columns", "hive_file_pattern", "filename_pattern", "file_extension", "overwrite", "overwrite_or_ignore",
            "append", "use_tmp_file", "return_files", "return_stats", "preserve_order", "kv_metadata", "field_ids",
            "parquet_version", "dictionary_size_limit", "string_dictionary_page_size_limit", "bloom_filter_false_positive_ratio",
            "array", "auto_detect", "skip", "new_line", "max_line_size", "ignore_errors", "columns", "types", "names",
            "allow_quoted_nulls", "strict_mode", "store_rejects", "rejects_table", "rejects_limit", "sample_size", "all_varchar",
            "decimal_separator", "thousands", "comment", "geoparquet_version", "shredding", "debug_use_openssl", "partitioned_by", "order_by");
}
