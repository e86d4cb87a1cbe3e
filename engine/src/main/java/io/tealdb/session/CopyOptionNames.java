package io.tealdb.session;

import io.tealdb.error.BinderException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.error.TealException;

import java.util.List;
import java.util.Locale;

/**
 * The error for a COPY option a writer does not take: an option DuckDB knows but TealDB does not
 * implement yet is Not Implemented; any other name is a Binder Error that suggests the closest
 * known option ({@code partition_b} → {@code partition_by}), as DuckDB does.
 */
final class CopyOptionNames {
    private CopyOptionNames() {
    }

    /** COPY options of DuckDB's writers and readers (CSV, Parquet, JSON, generic). */
    private static final List<String> KNOWN = List.of(
            "format", "delimiter", "delim", "sep", "quote", "escape", "header", "null", "nullstr", "force_quote", "force_not_null",
            "dateformat", "timestampformat", "encoding", "compression", "codec", "compression_level", "row_group_size",
            "row_group_size_bytes", "row_groups_per_file", "per_thread_output", "file_size_bytes", "partition_by",
            "write_partition_columns", "hive_file_pattern", "filename_pattern", "file_extension", "overwrite", "overwrite_or_ignore",
            "append", "use_tmp_file", "return_files", "return_stats", "preserve_order", "kv_metadata", "field_ids",
            "parquet_version", "dictionary_size_limit", "string_dictionary_page_size_limit", "bloom_filter_false_positive_ratio",
            "array", "auto_detect", "skip", "new_line", "max_line_size", "ignore_errors", "columns", "types", "names",
            "allow_quoted_nulls", "strict_mode", "store_rejects", "rejects_table", "rejects_limit", "sample_size", "all_varchar",
            "decimal_separator", "thousands", "comment", "geoparquet_version", "shredding", "debug_use_openssl");

    static TealException unsupported(String option, String format, int pos) {
        String lower = option.toLowerCase(Locale.ROOT);
        String where = format == null ? "" : " for " + format;
        if (KNOWN.contains(lower)) return new NotImplementedException("COPY option " + option + " is not supported yet" + where, pos);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : KNOWN) {
            int d = distance(lower, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        String hint = best != null && bestDistance <= Math.max(2, lower.length() / 3) ? "\nDid you mean \"" + best + "\"?" : "";
        return new BinderException("Unrecognized option" + where + ": \"" + option + "\"" + hint, pos);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
