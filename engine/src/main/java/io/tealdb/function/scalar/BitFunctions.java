package io.tealdb.function.scalar;

import io.tealdb.error.InvalidInputException;
import io.tealdb.error.OutOfRangeException;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.types.BitString;
import io.tealdb.vector.Vector;

import java.util.List;

import static io.tealdb.types.LogicalType.BIGINT;
import static io.tealdb.types.LogicalType.BIT;
import static io.tealdb.types.LogicalType.INTEGER;
import static io.tealdb.types.LogicalType.VARCHAR;

/**
 * DuckDB's bit string functions and operators over BIT values ({@link BitString}'s layout):
 * bitstring, get_bit, set_bit, bit_count, bit_length, octet_length, length, bit_position, and
 * {@code &}, {@code |}, xor, {@code ~}, {@code <<}, {@code >>} (both sides the same length; shifts
 * keep it). Kernels read and write the bytes in place; bits are indexed from the left, from 0.
 */
final class BitFunctions {
    private BitFunctions() {
    }

    @FunctionalInterface
    private interface BitRow {
        void apply(Vector[] a, int row, Vector res);
    }

    private static void reg(FunctionRegistry r, String name, List<io.tealdb.types.LogicalType> params, io.tealdb.types.LogicalType ret, BitRow f) {
        Kernels.reg(r, name, params, ret, (args, count, res) -> {
            for (int i = 0; i < count; i++) {
                boolean isNull = false;
                for (Vector a : args) isNull |= a.isNull(i);
                if (isNull) res.setNull(i);
                else f.apply(args, i, res);
            }
        });
    }

    private static long bits(Vector v, int i) {
        return BitString.bitLength(v.heap, v.offsets[i], v.lengths[i]);
    }

    private static byte[] copy(Vector v, int i) {
        return v.getBytes(i);
    }

    static void register(FunctionRegistry r) {
        reg(r, "bitstring", List.of(VARCHAR, BIGINT), BIT, (a, i, res) -> {
            String s = a[0].getString(i);
            long n = a[1].longs[i];
            if (n < s.length()) throw new InvalidInputException("Length must be equal or larger than input string");
            byte[] in = BitString.parse(s);
            byte[] out = BitString.zeros(n);
            long shift = n - s.length();
            for (int k = 0; k < s.length(); k++) if (BitString.get(in, 0, k)) BitString.set(out, shift + k, true);
            res.setBytes(i, out);
        });
        reg(r, "bitstring", List.of(BIT, BIGINT), BIT, (a, i, res) -> {
            long len = bits(a[0], i);
            long n = a[1].longs[i];
            if (n < len) throw new InvalidInputException("Length must be equal or larger than input string");
            byte[] out = BitString.zeros(n);
            for (long k = 0; k < len; k++) if (BitString.get(a[0].heap, a[0].offsets[i], k)) BitString.set(out, n - len + k, true);
            res.setBytes(i, out);
        });
        reg(r, "get_bit", List.of(BIT, BIGINT), INTEGER, (a, i, res) -> {
            long k = a[1].longs[i];
            long n = bits(a[0], i);
            if (k < 0 || k >= n) throw new OutOfRangeException("bit index " + k + " out of valid range (0.." + (n - 1) + ")");
            res.ints[i] = BitString.get(a[0].heap, a[0].offsets[i], k) ? 1 : 0;
        });
        reg(r, "set_bit", List.of(BIT, BIGINT, BIGINT), BIT, (a, i, res) -> {
            long k = a[1].longs[i];
            long v = a[2].longs[i];
            long n = bits(a[0], i);
            if (v != 0 && v != 1) throw new InvalidInputException("The new bit must be 1 or 0");
            if (k < 0 || k >= n) throw new OutOfRangeException("bit index " + k + " out of valid range (0.." + (n - 1) + ")");
            byte[] out = copy(a[0], i);
            BitString.set(out, k, v == 1);
            res.setBytes(i, out);
        });
        reg(r, "bit_count", List.of(BIT), BIGINT, (a, i, res) -> {
            long n = bits(a[0], i);
            long c = 0;
            for (long k = 0; k < n; k++) if (BitString.get(a[0].heap, a[0].offsets[i], k)) c++;
            res.longs[i] = c;
        });
        for (String name : List.of("bit_length", "length")) {
            reg(r, name, List.of(BIT), BIGINT, (a, i, res) -> res.longs[i] = bits(a[0], i));
        }
        reg(r, "octet_length", List.of(BIT), BIGINT, (a, i, res) -> res.longs[i] = BitString.octetLength(a[0].lengths[i]));
        reg(r, "bit_position", List.of(BIT, BIT), INTEGER, (a, i, res) -> {
            // DuckDB's matcher, kept for its answers: on a mismatch it restarts at the next bit
            // without re-reading the current one (so '101' is not found in '1101')
            long m = bits(a[0], i);
            long n = bits(a[1], i);
            int found = 0;
            long matched = 0;
            for (long k = 0; k < n && found == 0; k++) {
                if (BitString.get(a[1].heap, a[1].offsets[i], k) == BitString.get(a[0].heap, a[0].offsets[i], matched)) {
                    if (++matched == m) found = (int) (k - m + 2);
                } else {
                    matched = 0;
                }
            }
            res.ints[i] = found;
        });
        binary(r, "&", "AND", (x, y) -> x & y);
        binary(r, "|", "OR", (x, y) -> x | y);
        binary(r, "xor", "XOR", (x, y) -> x ^ y);
        reg(r, "~", List.of(BIT), BIT, (a, i, res) -> {
            long n = bits(a[0], i);
            byte[] out = BitString.zeros(n);
            for (long k = 0; k < n; k++) if (!BitString.get(a[0].heap, a[0].offsets[i], k)) BitString.set(out, k, true);
            res.setBytes(i, out);
        });
        shift(r, "<<", true);
        shift(r, ">>", false);
    }

    @FunctionalInterface
    private interface BitOp {
        boolean apply(boolean x, boolean y);
    }

    private static void binary(FunctionRegistry r, String name, String verb, BitOp op) {
        reg(r, name, List.of(BIT, BIT), BIT, (a, i, res) -> {
            long n = bits(a[0], i);
            if (n != bits(a[1], i)) throw new InvalidInputException("Cannot " + verb + " bit strings of different sizes");
            byte[] out = BitString.zeros(n);
            for (long k = 0; k < n; k++) {
                if (op.apply(BitString.get(a[0].heap, a[0].offsets[i], k), BitString.get(a[1].heap, a[1].offsets[i], k))) {
                    BitString.set(out, k, true);
                }
            }
            res.setBytes(i, out);
        });
    }

    /** A shift keeps the length; bits shifted out are gone, zeros come in (a negative or too large shift gives all zeros). */
    private static void shift(FunctionRegistry r, String name, boolean left) {
        reg(r, name, List.of(BIT, BIGINT), BIT, (a, i, res) -> {
            long n = bits(a[0], i);
            long s = a[1].longs[i];
            byte[] out = BitString.zeros(n);
            if (s >= 0 && s < n) {
                for (long k = 0; k < n; k++) {
                    long from = left ? k + s : k - s;
                    if (from >= 0 && from < n && BitString.get(a[0].heap, a[0].offsets[i], from)) BitString.set(out, k, true);
                }
            }
            res.setBytes(i, out);
        });
    }
}
