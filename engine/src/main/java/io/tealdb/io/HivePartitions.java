package io.tealdb.io;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hive-style partitions in file paths ({@code year=2024/month=1/data.parquet}): the directory
 * components of the form {@code key=value}, URL-decoded, in path order. The last component (the
 * file's own name) never counts; a key that repeats keeps its first value ({@code x=1/x=2/f}
 * has x = 1), as DuckDB reads it.
 */
public final class HivePartitions {
    private HivePartitions() {
    }

    public static Map<String, String> of(String path) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] parts = path.replace('\\', '/').split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            String p = parts[i];
            int eq = p.indexOf('=');
            if (eq <= 0) continue;
            String key = URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(key, value);
        }
        return out;
    }
}
