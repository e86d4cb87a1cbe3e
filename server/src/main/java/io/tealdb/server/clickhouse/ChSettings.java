package io.tealdb.server.clickhouse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ClickHouse settings of one request: the session's, then the URL's, then the statement's
 * {@code SETTINGS} clause. Unknown settings are kept and ignored (never rejected).
 */
final class ChSettings {
    private final Map<String, String> values = new LinkedHashMap<>();

    ChSettings() {
    }

    ChSettings(ChSettings base) {
        values.putAll(base.values);
    }

    void put(String name, String value) {
        values.put(name, value);
    }

    String get(String name) {
        return values.get(name);
    }

    boolean flag(String name, boolean dflt) {
        String v = values.get(name);
        if (v == null) return dflt;
        return !(v.equals("0") || v.equalsIgnoreCase("false") || v.isEmpty());
    }

    long number(String name, long dflt) {
        String v = values.get(name);
        if (v == null) return dflt;
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new ChException(27, "CANNOT_PARSE_INPUT_ASSERTION_FAILED", "Cannot parse setting " + name + " = '" + v + "' as a number");
        }
    }

    Map<String, String> all() {
        return values;
    }

    int protocolVersion() {
        return (int) number("client_protocol_version", 0);
    }

    /** Settings reported by system.settings: the ones the server understands or accepts harmlessly. */
    static final String[][] KNOWN = {
            {"max_threads", "0", "UInt64"},
            {"max_block_size", "65409", "UInt64"},
            {"max_execution_time", "0", "Seconds"},
            {"max_result_rows", "0", "UInt64"},
            {"max_insert_block_size", "1048449", "UInt64"},
            {"readonly", "0", "UInt64"},
            {"async_insert", "0", "Bool"},
            {"wait_for_async_insert", "1", "Bool"},
            {"join_use_nulls", "0", "Bool"},
            {"session_timezone", "", "Timezone"},
            {"date_time_input_format", "basic", "DateTimeInputFormat"},
            {"date_time_output_format", "simple", "DateTimeOutputFormat"},
            {"output_format_json_quote_64bit_integers", "1", "Bool"},
            {"output_format_json_quote_denormals", "0", "Bool"},
            {"output_format_arrow_string_as_string", "1", "Bool"},
            {"input_format_null_as_default", "1", "Bool"},
            {"input_format_skip_unknown_fields", "1", "Bool"},
            {"enable_http_compression", "0", "Bool"},
            {"http_zlib_compression_level", "3", "Int64"},
            {"send_progress_in_http_headers", "0", "Bool"},
            {"http_headers_progress_interval_ms", "100", "UInt64"},
            {"wait_end_of_query", "0", "Bool"},
            {"insert_deduplicate", "1", "Bool"},
            {"mutations_sync", "0", "UInt64"},
            {"allow_experimental_object_type", "0", "Bool"},
            {"allow_experimental_json_type", "0", "Bool"},
            {"cancel_http_readonly_queries_on_client_close", "0", "Bool"},
            {"cast_string_to_dynamic_use_inference", "0", "Bool"},
            {"insert_quorum", "0", "UInt64Auto"},
            {"use_query_cache", "0", "Bool"},
            {"log_comment", "", "String"},
    };
}
