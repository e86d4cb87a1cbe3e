package io.tealdb.function.scalar;

import io.tealdb.error.ConversionException;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarKernel;
import io.tealdb.function.cast.RowCast;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.tealdb.function.scalar.Kernels.reg;
import static io.tealdb.types.LogicalType.BLOB;
import static io.tealdb.types.LogicalType.VARCHAR;

/**
 * PostgreSQL's bytea input, which a string cast to BLOB follows in sessions with
 * {@code bytea_input = 'postgres'} (every session of the PostgreSQL endpoint). Clients that put
 * values into the SQL text send bytes that way: psycopg2 writes {@code '\x0102ff'::bytea}, which
 * PostgreSQL reads as the three bytes 01 02 ff, where DuckDB's rule ({@code \xNN} escapes one byte
 * each) would read the byte 01 followed by the text "02ff" — silently different data.
 *
 * <p>The two formats, as PostgreSQL reads them: "hex" ({@code \x} then pairs of hex digits, with
 * whitespace allowed between pairs) and "escape" (bytes as they are, {@code \\} for a backslash and
 * {@code \ooo} for an octal byte value). A string neither format accepts but DuckDB's escapes do, such as
 * {@code '\x00\xFF'} (a hex prefix followed by more escapes) or {@code 'aaa\x80'}, is read by DuckDB's
 * rule, so most DuckDB SQL sent over the PostgreSQL protocol keeps working; {@code SET bytea_input =
 * 'duckdb'} gives DuckDB's rule everywhere (a string such as {@code '\xAA1199'} reads differently).
 */
public final class PgByteaInput {
    private PgByteaInput() {
    }

    /** The binder's cast of VARCHAR to BLOB in PostgreSQL sessions; errors on bad input. */
    public static final String CAST = "__pg_bytea_in";
    /** The same for TRY_CAST: bad input gives NULL. */
    public static final String TRY_CAST = "__pg_bytea_in_try";

    public static void register(FunctionRegistry r) {
        reg(r, CAST, List.of(VARCHAR), BLOB, kernel(false));
        reg(r, TRY_CAST, List.of(VARCHAR), BLOB, kernel(true));
    }

    /** VARCHAR to BLOB by PostgreSQL's rules; bad input is NULL with {@code tryCast}, else a ConversionException. */
    public static ScalarKernel kernel(boolean tryCast) {
        return RowCast.kernel((in, i, out) -> out.setBytes(i, decode(in.heap, in.offsets[i], in.lengths[i])), tryCast);
    }

    /** The bytes a PostgreSQL bytea literal stands for; ConversionException with PostgreSQL's message when it is malformed. */
    public static byte[] decode(byte[] b, int off, int len) {
        int end = off + len;
        if (len >= 2 && b[off] == '\\' && (b[off + 1] == 'x' || b[off + 1] == 'X')) {
            try {
                return hex(b, off + 2, end);
            } catch (ConversionException notHex) {
                // not PostgreSQL's hex format: with a second backslash it may be DuckDB's escapes ('\x00\xFF', as
                // DuckDB SQL writes bytes), read DuckDB's way; anything else (odd digits, a stray letter) is PostgreSQL's error
                byte[] duckdb = hasBackslash(b, off + 2, end) ? io.tealdb.function.cast.Casts.tryParseBlob(b, off, len) : null;
                if (duckdb != null) return duckdb;
                throw notHex;
            }
        }
        try {
            return escapeFormat(b, off, end);
        } catch (ConversionException notEscapeFormat) {
            // 'aaa\x80' is no escape format, but DuckDB's escapes: read DuckDB's way when that rule accepts it
            byte[] duckdb = io.tealdb.function.cast.Casts.tryParseBlob(b, off, len);
            if (duckdb != null) return duckdb;
            throw notEscapeFormat;
        }
    }

    private static byte[] escapeFormat(byte[] b, int off, int end) {
        byte[] out = new byte[end - off];
        int n = 0;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (c != '\\') {
                out[n++] = c;
            } else if (i + 1 < end && b[i + 1] == '\\') {
                out[n++] = '\\';
                i++;
            } else if (octal(b, i + 1, end)) {
                out[n++] = (byte) (((b[i + 1] - '0') << 6) | ((b[i + 2] - '0') << 3) | (b[i + 3] - '0'));
                i += 3;
            } else {
                throw new ConversionException("invalid input syntax for type bytea");
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static boolean hasBackslash(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) if (b[i] == '\\') return true;
        return false;
    }

    /** {@code \ooo}: three octal digits, the first 0-3 (a byte value). */
    private static boolean octal(byte[] b, int at, int end) {
        return at + 2 < end && b[at] >= '0' && b[at] <= '3' && b[at + 1] >= '0' && b[at + 1] <= '7' && b[at + 2] >= '0' && b[at + 2] <= '7';
    }

    private static byte[] hex(byte[] b, int at, int end) {
        byte[] out = new byte[(end - at) / 2];
        int n = 0;
        for (int i = at; i < end; ) {
            byte c = b[i];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
                continue;
            }
            int hi = digit(c);
            if (i + 1 >= end) throw new ConversionException("invalid hexadecimal data: odd number of digits");
            int lo = digit(b[i + 1]);
            out[n++] = (byte) ((hi << 4) | lo);
            i += 2;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int digit(byte c) {
        int d = Character.digit(c, 16);
        if (d < 0 || c < 0) {
            String shown = c < 0 ? String.format("\\x%02x", c & 0xFF) : new String(new byte[]{c}, StandardCharsets.US_ASCII);
            throw new ConversionException("invalid hexadecimal digit: \"" + shown + "\"");
        }
        return d;
    }
}
