package io.tealdb.function.scalar;

import io.tealdb.error.ConversionException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarKernel;
import io.tealdb.vector.Vector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.List;

import static io.tealdb.function.scalar.Kernels.reg;
import static io.tealdb.function.scalar.Kernels.rows;
import static io.tealdb.types.LogicalType.*;

/**
 * Byte/text encodings and digests: base64, hex/bin, to_base, digests of BLOBs, unicode(),
 * strip_accents(), decode(). Per-row string work; none of these is on a hot path.
 */
public final class EncodingFunctions {
    private EncodingFunctions() {
    }

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    public static void register(FunctionRegistry r) {
        for (String n : List.of("base64", "to_base64")) {
            reg(r, n, List.of(BLOB), VARCHAR, rows((a, i, res) ->
                    res.setBytes(i, java.util.Base64.getEncoder().encode(a[0].getBytes(i)))));
        }
        reg(r, "from_base64", List.of(VARCHAR), BLOB, rows((a, i, res) -> res.setBytes(i, fromBase64(a[0].getBytes(i)))));

        for (String n : List.of("hex", "to_hex")) {
            reg(r, n, List.of(VARCHAR), VARCHAR, rows((a, i, res) -> res.setBytes(i, hexBytes(a[0].heap, a[0].offsets[i], a[0].lengths[i]))));
            reg(r, n, List.of(BLOB), VARCHAR, rows((a, i, res) -> res.setBytes(i, hexBytes(a[0].heap, a[0].offsets[i], a[0].lengths[i]))));
            reg(r, n, List.of(BIGINT), VARCHAR, rows((a, i, res) -> res.setString(i, Long.toHexString(a[0].longs[i]).toUpperCase(java.util.Locale.ROOT))));
            // 128-bit integers: the two's complement bits without leading zeros (UHUGEINT is stored biased by 2^127)
            reg(r, n, List.of(HUGEINT), VARCHAR, rows((a, i, res) -> res.setString(i, hex128(a[0].highs[i], a[0].longs[i]))));
            reg(r, n, List.of(UHUGEINT), VARCHAR, rows((a, i, res) -> res.setString(i, hex128(a[0].highs[i] ^ Long.MIN_VALUE, a[0].longs[i]))));
        }
        for (String n : List.of("bin", "to_binary")) {
            reg(r, n, List.of(VARCHAR), VARCHAR, rows((a, i, res) -> res.setString(i, binString(a[0].getBytes(i)))));
            reg(r, n, List.of(BLOB), VARCHAR, rows((a, i, res) -> res.setString(i, binString(a[0].getBytes(i)))));
            reg(r, n, List.of(BIGINT), VARCHAR, rows((a, i, res) -> res.setString(i, Long.toBinaryString(a[0].longs[i]))));
        }
        for (String n : List.of("unhex", "from_hex")) {
            reg(r, n, List.of(VARCHAR), BLOB, rows((a, i, res) -> res.setBytes(i, unhex(a[0].getString(i)))));
        }

        reg(r, "to_base", List.of(BIGINT, INTEGER), VARCHAR, rows((a, i, res) -> res.setString(i, toBase(a[0].longs[i], a[1].ints[i], 0))));
        reg(r, "to_base", List.of(BIGINT, INTEGER, INTEGER), VARCHAR,
                rows((a, i, res) -> res.setString(i, toBase(a[0].longs[i], a[1].ints[i], a[2].ints[i]))));

        reg(r, "sha1", List.of(VARCHAR), VARCHAR, digest("SHA-1"));
        reg(r, "sha1", List.of(BLOB), VARCHAR, digest("SHA-1"));
        reg(r, "md5", List.of(BLOB), VARCHAR, digest("MD5"));
        reg(r, "sha256", List.of(BLOB), VARCHAR, digest("SHA-256"));

        for (String n : List.of("unicode", "ord")) {
            reg(r, n, List.of(VARCHAR), INTEGER, rows((a, i, res) -> {
                Vector v = a[0];
                res.ints[i] = v.lengths[i] == 0 ? -1 : firstCodePoint(v.heap, v.offsets[i], v.lengths[i]);
            }));
        }
        reg(r, "strip_accents", List.of(VARCHAR), VARCHAR, rows((a, i, res) -> res.setString(i, stripAccents(a[0].getString(i)))));
        reg(r, "nfc_normalize", List.of(VARCHAR), VARCHAR, rows((a, i, res) -> {
            String s = a[0].getString(i);
            res.setString(i, java.text.Normalizer.isNormalized(s, java.text.Normalizer.Form.NFC) ? s
                    : java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFC));
        }));
        reg(r, "encode", List.of(VARCHAR), BLOB, (a, n, res) -> res.copyFrom(a[0], null, 0, n, 0));
        reg(r, "decode", List.of(BLOB), VARCHAR, rows((a, i, res) -> {
            byte[] b = a[0].getBytes(i);
            if (!isValidUtf8(b)) {
                throw new ConversionException("Failure in decode: could not convert blob to UTF8 string, the blob contained invalid UTF8 characters");
            }
            res.setBytes(i, b);
        }));
    }

    static byte[] fromBase64(byte[] in) {
        String s = new String(in, StandardCharsets.ISO_8859_1);
        if (in.length % 4 != 0) {
            throw new ConversionException("Could not decode string \"" + new String(in, StandardCharsets.UTF_8)
                    + "\" as base64: length must be a multiple of 4");
        }
        for (int k = 0; k < in.length; k++) {
            int c = in[k] & 0xFF;
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                    || (c == '=' && k >= in.length - 2);
            if (!ok) {
                throw new ConversionException("Could not decode string \"" + new String(in, StandardCharsets.UTF_8)
                        + "\" as base64: invalid byte value '" + c + "' at position " + k);
            }
        }
        try {
            return java.util.Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new ConversionException("Could not decode string \"" + new String(in, StandardCharsets.UTF_8) + "\" as base64: " + e.getMessage());
        }
    }

    static byte[] hexBytes(byte[] b, int off, int len) {
        byte[] out = new byte[len * 2];
        for (int k = 0; k < len; k++) {
            int x = b[off + k] & 0xFF;
            out[2 * k] = HEX[x >>> 4];
            out[2 * k + 1] = HEX[x & 15];
        }
        return out;
    }

    private static String binString(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 8);
        for (byte x : b) {
            for (int bit = 7; bit >= 0; bit--) sb.append(((x >>> bit) & 1) == 1 ? '1' : '0');
        }
        return sb.toString();
    }

    private static byte[] unhex(String s) {
        int n = s.length();
        byte[] out = new byte[(n + 1) / 2];
        int o = 0;
        int k = 0;
        if (n % 2 == 1) {
            out[o++] = (byte) hexDigit(s, 0);
            k = 1;
        }
        for (; k < n; k += 2) out[o++] = (byte) ((hexDigit(s, k) << 4) | hexDigit(s, k + 1));
        return out;
    }

    private static int hexDigit(String s, int k) {
        int d = Character.digit(s.charAt(k), 16);
        if (d < 0) throw new InvalidInputException("Invalid input for hex digit: " + s.charAt(k));
        return d;
    }

    static String toBase(long number, int radix, int minLength) {
        if (number < 0) throw new InvalidInputException("'to_base' number must be greater than or equal to 0");
        if (radix < 2 || radix > 36) throw new InvalidInputException("'to_base' radix must be between 2 and 36");
        if (minLength > 64 || minLength < 0) {
            throw new InvalidInputException("'to_base' min_length must be between 0 and 64");
        }
        String s = Long.toString(number, radix).toUpperCase(java.util.Locale.ROOT);
        return s.length() >= minLength ? s : "0".repeat(minLength - s.length()) + s;
    }

    private static ScalarKernel digest(String algorithm) {
        return rows((a, i, res) -> {
            try {
                byte[] d = MessageDigest.getInstance(algorithm).digest(a[0].getBytes(i));
                res.setString(i, java.util.HexFormat.of().formatHex(d));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static int firstCodePoint(byte[] b, int off, int len) {
        int c = b[off] & 0xFF;
        if (c < 0x80) return c;
        int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        int cp = c & (0x3F >> (n - 1));
        for (int k = 1; k < n && k < len; k++) cp = (cp << 6) | (b[off + k] & 0x3F);
        return cp;
    }

    static String stripAccents(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(d.length());
        for (int k = 0; k < d.length(); k++) {
            char c = d.charAt(k);
            if (Character.getType(c) != Character.NON_SPACING_MARK) sb.append(c);
        }
        return sb.toString();
    }

    static boolean isValidUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static String hex128(long high, long low) {
        if (high == 0) return Long.toHexString(low).toUpperCase(java.util.Locale.ROOT);
        String lowHex = Long.toHexString(low);
        return (Long.toHexString(high) + "0".repeat(16 - lowHex.length()) + lowHex).toUpperCase(java.util.Locale.ROOT);
    }
}
