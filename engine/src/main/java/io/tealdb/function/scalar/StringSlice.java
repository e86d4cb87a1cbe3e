package io.tealdb.function.scalar;

import io.tealdb.error.NotImplementedException;
import io.tealdb.function.ArgSpec;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarFunction;
import io.tealdb.function.ScalarOverload;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.List;

import static io.tealdb.types.LogicalType.BIGINT;

/**
 * {@code s[a:b]} / array_slice / list_slice on VARCHAR (by code point) and BLOB (by byte), with the
 * bounds of a list slice: 1-based and inclusive, 0 read as 1, negative counted from the end,
 * clamped to the value; a NULL bound gives NULL. DuckDB has no stepped string slice and says so.
 * A JSON argument reaches the VARCHAR overload through its implicit cast, so the result is VARCHAR.
 */
final class StringSlice {
    private StringSlice() {
    }

    static void register(FunctionRegistry r) {
        for (String name : List.of("array_slice", "list_slice")) {
            for (LogicalType t : List.of(LogicalType.VARCHAR, LogicalType.BLOB)) {
                boolean bytes = t.equals(LogicalType.BLOB);
                r.addScalar(new ScalarOverload(name, List.of(ArgSpec.of(t), ArgSpec.of(BIGINT), ArgSpec.of(BIGINT)), null,
                        (types, c) -> slice(name, t, bytes)));
                r.addScalar(new ScalarOverload(name, List.of(ArgSpec.of(t), ArgSpec.of(BIGINT), ArgSpec.of(BIGINT), ArgSpec.of(BIGINT)), null,
                        (types, c) -> {
                            throw new NotImplementedException("Slice with steps has not been implemented for string types, you can consider"
                                    + " rewriting your query as follows:\n SELECT array_to_string((str_split(string, '')[begin:end:step], '');");
                        }));
            }
        }
    }

    private static ScalarFunction slice(String name, LogicalType type, boolean bytes) {
        return new ScalarFunction(name, List.of(type, BIGINT, BIGINT), type, (args, count, res) -> {
            Vector s = args[0];
            Vector a = args[1];
            Vector b = args[2];
            for (int i = 0; i < count; i++) {
                if (s.isNull(i) || a.isNull(i) || b.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                byte[] heap = s.heap;
                int off = s.offsets[i];
                int byteLen = s.lengths[i];
                int len = bytes ? byteLen : StringFunctions.codePoints(heap, off, byteLen);
                long from = a.longs[i];
                long to = b.longs[i];
                long first = from < 0 ? len + from + 1 : from;
                long last = to < 0 ? len + to + 1 : to;
                long begin = Math.max(first - 1, 0);
                long end = Math.min(last, len);
                if (begin >= end) {
                    res.setBytes(i, heap, off, 0);
                } else if (bytes || len == byteLen) {
                    res.setBytes(i, heap, off + (int) begin, (int) (end - begin));
                } else {
                    int start = byteOffset(heap, off, byteLen, begin);
                    int stop = byteOffset(heap, off, byteLen, end);
                    res.setBytes(i, heap, start, stop - start);
                }
            }
        });
    }

    /** Byte position of code point {@code cp} of the UTF-8 bytes {@code [off, off+len)} (the end when past it). */
    private static int byteOffset(byte[] b, int off, int len, long cp) {
        long seen = -1;
        for (int i = off; i < off + len; i++) {
            if ((b[i] & 0xC0) != 0x80 && ++seen == cp) return i;
        }
        return off + len;
    }
}
