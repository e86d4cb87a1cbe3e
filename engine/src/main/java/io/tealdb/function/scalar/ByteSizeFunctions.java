package io.tealdb.function.scalar;

import io.tealdb.function.FunctionRegistry;

import java.util.List;

import static io.tealdb.function.scalar.Kernels.reg;
import static io.tealdb.function.scalar.Kernels.rows;
import static io.tealdb.types.LogicalType.*;

/**
 * Human-readable byte counts: format_bytes / formatReadableSize / pg_size_pretty (powers of 1024,
 * KiB..PiB) and formatReadableDecimalSize (powers of 1000, kB..PB), one decimal, truncated; and
 * parse_formatted_bytes, which reads such a size back (DuckDB's memory_limit syntax).
 */
public final class ByteSizeFunctions {
    private ByteSizeFunctions() {
    }

    private static final String[] BINARY_UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    private static final String[] DECIMAL_UNITS = {"kB", "MB", "GB", "TB", "PB"};

    public static void register(FunctionRegistry r) {
        for (String n : List.of("format_bytes", "formatreadablesize", "pg_size_pretty")) {
            reg(r, n, List.of(BIGINT), VARCHAR, rows((a, i, res) -> res.setString(i, formatBytes(a[0].longs[i], 1024, BINARY_UNITS))));
        }
        reg(r, "formatreadabledecimalsize", List.of(BIGINT), VARCHAR,
                rows((a, i, res) -> res.setString(i, formatBytes(a[0].longs[i], 1000, DECIMAL_UNITS))));
        // the reverse: '1.5 KiB' -> 1536, as DuckDB reads memory_limit
        reg(r, "parse_formatted_bytes", List.of(VARCHAR), UBIGINT, rows((a, i, res) -> {
            res.longs[i] = io.tealdb.memory.MemoryManager.parseBytes(a[0].getString(i)).longValue();
            res.highs[i] = 0;
        }));
    }

    static String formatBytes(long bytes, long base, String[] units) {
        String sign = bytes < 0 ? "-" : "";
        // magnitude as unsigned so that Long.MIN_VALUE works
        long abs = bytes < 0 ? -bytes : bytes;
        if (Long.compareUnsigned(abs, base) < 0) {
            return sign + Long.toUnsignedString(abs) + (abs == 1 ? " byte" : " bytes");
        }
        int unit = 0;
        long divisor = base;
        while (unit < units.length - 1 && Long.compareUnsigned(Long.divideUnsigned(abs, divisor), base) >= 0) {
            divisor *= base;
            unit++;
        }
        long whole = Long.divideUnsigned(abs, divisor);
        long rest = Long.remainderUnsigned(abs, divisor);
        long tenth = (long) ((double) rest * 10 / (double) divisor);
        if (tenth > 9) tenth = 9;
        return sign + whole + "." + tenth + " " + units[unit];
    }
}
