package io.tealdb.function.scalar;

import io.tealdb.error.InvalidInputException;
import io.tealdb.error.OutOfRangeException;
import io.tealdb.function.ArgSpec;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarFunction;
import io.tealdb.function.ScalarKernel;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static io.tealdb.function.scalar.Kernels.propagateNulls;
import static io.tealdb.function.scalar.Kernels.reg;
import static io.tealdb.function.scalar.Kernels.rows;
import static io.tealdb.types.LogicalType.*;

/**
 * String functions on UTF-8 bytes: concatenation, substring family, LIKE/ILIKE/GLOB, case,
 * trimming, padding, search, regular expressions. Positions and lengths count code points.
 */
public final class StringFunctions {
    private StringFunctions() {
    }

    public static void register(FunctionRegistry r) {
        // concatenation
        reg(r, "||", List.of(VARCHAR, VARCHAR), VARCHAR, StringFunctions::concatOp);
        reg(r, "||", List.of(BLOB, BLOB), BLOB, StringFunctions::concatOp);
        // on two lists || is list_concat; anything else is concatenated as text
        Kernels.regGeneric(r, "||", List.of(ArgSpec.ANY, ArgSpec.ANY), t -> ListFunctions.isListOrNull(t.get(0)) && ListFunctions.isListOrNull(t.get(1))
                && (t.get(0).id() != io.tealdb.types.TypeId.SQLNULL || t.get(1).id() != io.tealdb.types.TypeId.SQLNULL)
                ? ListFunctions.concat("||", t, true)
                : new ScalarFunction("||", List.of(VARCHAR, VARCHAR), VARCHAR, StringFunctions::concatOp));
        Kernels.regVarargs(r, "concat", List.of(ArgSpec.ANY), ArgSpec.ANY, t -> new ScalarFunction("concat",
                Collections.nCopies(t.size(), VARCHAR), VARCHAR, StringFunctions::concatSkipNulls));
        Kernels.regVarargs(r, "concat_ws", List.of(ArgSpec.of(VARCHAR), ArgSpec.ANY), ArgSpec.ANY, t -> new ScalarFunction("concat_ws",
                Collections.nCopies(t.size(), VARCHAR), VARCHAR, StringFunctions::concatWs));

        // lengths
        for (String n : List.of("length", "char_length", "character_length", "len")) {
            reg(r, n, List.of(VARCHAR), BIGINT, (args, count, res) -> {
                Vector v = args[0];
                for (int i = 0; i < count; i++) res.longs[i] = codePoints(v.heap, v.offsets[i], v.lengths[i]);
                propagateNulls(args, count, res);
            });
        }
        reg(r, "strlen", List.of(VARCHAR), BIGINT, StringFunctions::byteLength);
        reg(r, "octet_length", List.of(BLOB), BIGINT, StringFunctions::byteLength);
        reg(r, "octet_length", List.of(VARCHAR), BIGINT, StringFunctions::byteLength);
        reg(r, "bit_length", List.of(VARCHAR), BIGINT, (args, count, res) -> {
            for (int i = 0; i < count; i++) res.longs[i] = 8L * args[0].lengths[i];
            propagateNulls(args, count, res);
        });

        // substring family
        for (String n : List.of("substring", "substr")) {
            reg(r, n, List.of(VARCHAR, BIGINT, BIGINT), VARCHAR, rows((a, i, res) ->
                    substring(a[0], i, checkSubstringOffset(a[1].longs[i]), checkSubstringLength(a[2].longs[i]), res)));
            reg(r, n, List.of(VARCHAR, BIGINT), VARCHAR, rows((a, i, res) ->
                    substring(a[0], i, checkSubstringOffset(a[1].longs[i]), Long.MAX_VALUE / 4, res)));
        }
        reg(r, "substring_grapheme", List.of(VARCHAR, BIGINT, BIGINT), VARCHAR, rows((a, i, res) ->
                substringGrapheme(a[0], i, checkSubstringOffset(a[1].longs[i]), checkSubstringLength(a[2].longs[i]), res)));
        reg(r, "substring_grapheme", List.of(VARCHAR, BIGINT), VARCHAR, rows((a, i, res) ->
                substringGrapheme(a[0], i, checkSubstringOffset(a[1].longs[i]), Long.MAX_VALUE / 4, res)));
        // the grapheme forms count user-perceived characters (extended grapheme clusters)
        reg(r, "length_grapheme", List.of(VARCHAR), BIGINT, rows((a, i, res) -> res.longs[i] = graphemeBounds(a[0], i).length - 1));
        reg(r, "left_grapheme", List.of(VARCHAR, BIGINT), VARCHAR, rows((a, i, res) -> {
            int[] b = graphemeBounds(a[0], i);
            long n = a[1].longs[i], count = b.length - 1;
            long take = n >= 0 ? Math.min(n, count) : Math.max(0, count + n);
            res.setString(i, a[0].getString(i).substring(0, b[(int) take]));
        }));
        reg(r, "right_grapheme", List.of(VARCHAR, BIGINT), VARCHAR, rows((a, i, res) -> {
            int[] b = graphemeBounds(a[0], i);
            long n = a[1].longs[i], count = b.length - 1;
            long take = n >= 0 ? Math.min(n, count) : Math.max(0, count + n);
            res.setString(i, a[0].getString(i).substring(b[(int) (count - take)]));
        }));
        reg(r, "left", List.of(VARCHAR, BIGINT), VARCHAR, rows((a, i, res) -> {
            long n = a[1].longs[i];
            long cp = codePoints(a[0].heap, a[0].offsets[i], a[0].lengths[i]);
            long take = n >= 0 ? Math.min(n, cp) : Math.max(0, cp + n);
            slice(a[0], i, 0, take, res);
        }));
        reg(r, "right", List.of(VARCHAR, BIGINT), VARCHAR, rows((a, i, res) -> {
            long n = a[1].longs[i];
            long cp = codePoints(a[0].heap, a[0].offsets[i], a[0].lengths[i]);
            long take = n >= 0 ? Math.min(n, cp) : Math.max(0, cp + n);
            slice(a[0], i, cp - take, take, res);
        }));

        // OVERLAY(s PLACING r FROM a [FOR n]): the code points of s before position a, then r, then s
        // from position a + n on; n defaults to r's length (also when negative, as DuckDB does)
        reg(r, "overlay", List.of(VARCHAR, VARCHAR, BIGINT), VARCHAR, StringFunctions::overlay);
        reg(r, "overlay", List.of(VARCHAR, VARCHAR, BIGINT, BIGINT), VARCHAR, StringFunctions::overlay);

        // case
        for (String n : List.of("upper", "ucase")) {
            reg(r, n, List.of(VARCHAR), VARCHAR, caseKernel(true));
        }
        for (String n : List.of("lower", "lcase")) {
            reg(r, n, List.of(VARCHAR), VARCHAR, caseKernel(false));
        }

        // trimming
        reg(r, "trim", List.of(VARCHAR), VARCHAR, rows((a, i, res) -> trim(a[0], i, null, true, true, res)));
        reg(r, "ltrim", List.of(VARCHAR), VARCHAR, rows((a, i, res) -> trim(a[0], i, null, true, false, res)));
        reg(r, "rtrim", List.of(VARCHAR), VARCHAR, rows((a, i, res) -> trim(a[0], i, null, false, true, res)));
        reg(r, "trim", List.of(VARCHAR, VARCHAR), VARCHAR, rows((a, i, res) -> trim(a[0], i, a[1].getString(i), true, true, res)));
        reg(r, "ltrim", List.of(VARCHAR, VARCHAR), VARCHAR, rows((a, i, res) -> trim(a[0], i, a[1].getString(i), true, false, res)));
        reg(r, "rtrim", List.of(VARCHAR, VARCHAR), VARCHAR, rows((a, i, res) -> trim(a[0], i, a[1].getString(i), false, true, res)));

        // LIKE family
        reg(r, "~~", List.of(VARCHAR, VARCHAR), BOOLEAN, likeKernel(false, false, false));
        reg(r, "!~~", List.of(VARCHAR, VARCHAR), BOOLEAN, likeKernel(true, false, false));
        reg(r, "~~*", List.of(VARCHAR, VARCHAR), BOOLEAN, likeKernel(false, true, false));
        reg(r, "!~~*", List.of(VARCHAR, VARCHAR), BOOLEAN, likeKernel(true, true, false));
        reg(r, "like", List.of(VARCHAR, VARCHAR), BOOLEAN, likeKernel(false, false, false));
        reg(r, "not_like", List.of(VARCHAR, VARCHAR), BOOLEAN, likeKernel(true, false, false));
        reg(r, "ilike", List.of(VARCHAR, VARCHAR), BOOLEAN, likeKernel(false, true, false));
        reg(r, "not_ilike", List.of(VARCHAR, VARCHAR), BOOLEAN, likeKernel(true, true, false));
        reg(r, "like_escape", List.of(VARCHAR, VARCHAR, VARCHAR), BOOLEAN, likeKernel(false, false, true));
        reg(r, "not_like_escape", List.of(VARCHAR, VARCHAR, VARCHAR), BOOLEAN, likeKernel(true, false, true));
        reg(r, "ilike_escape", List.of(VARCHAR, VARCHAR, VARCHAR), BOOLEAN, likeKernel(false, true, true));
        reg(r, "not_ilike_escape", List.of(VARCHAR, VARCHAR, VARCHAR), BOOLEAN, likeKernel(true, true, true));
        reg(r, "~~~", List.of(VARCHAR, VARCHAR), BOOLEAN, rows((a, i, res) -> res.bytes[i] = (byte) (glob(a[0].getString(i), a[1].getString(i)) ? 1 : 0)));
        reg(r, "glob", List.of(VARCHAR, VARCHAR), BOOLEAN, rows((a, i, res) -> res.bytes[i] = (byte) (glob(a[0].getString(i), a[1].getString(i)) ? 1 : 0)));

        // search
        for (String n : List.of("position", "strpos", "instr")) {
            reg(r, n, List.of(VARCHAR, VARCHAR), BIGINT, rows((a, i, res) -> {
                int at = LikeMatcher.indexOf(a[0].heap, a[0].offsets[i], a[0].offsets[i] + a[0].lengths[i], a[1].getBytes(i));
                res.longs[i] = at < 0 ? 0 : codePoints(a[0].heap, a[0].offsets[i], at - a[0].offsets[i]) + 1;
            }));
        }
        for (String n : List.of("starts_with", "prefix")) {
            reg(r, n, List.of(VARCHAR, VARCHAR), BOOLEAN, rows((a, i, res) -> {
                int l = a[1].lengths[i];
                res.bytes[i] = (byte) (a[0].lengths[i] >= l && java.util.Arrays.equals(a[0].heap, a[0].offsets[i], a[0].offsets[i] + l,
                        a[1].heap, a[1].offsets[i], a[1].offsets[i] + l) ? 1 : 0);
            }));
        }
        for (String n : List.of("ends_with", "suffix")) {
            reg(r, n, List.of(VARCHAR, VARCHAR), BOOLEAN, rows((a, i, res) -> {
                int l = a[1].lengths[i];
                int e = a[0].offsets[i] + a[0].lengths[i];
                res.bytes[i] = (byte) (a[0].lengths[i] >= l && java.util.Arrays.equals(a[0].heap, e - l, e,
                        a[1].heap, a[1].offsets[i], a[1].offsets[i] + l) ? 1 : 0);
            }));
        }
        reg(r, "contains", List.of(VARCHAR, VARCHAR), BOOLEAN, rows((a, i, res) -> res.bytes[i] = (byte) (LikeMatcher.indexOf(
                a[0].heap, a[0].offsets[i], a[0].offsets[i] + a[0].lengths[i], a[1].getBytes(i)) >= 0 ? 1 : 0)));

        // rewriting
        reg(r, "replace", List.of(VARCHAR, VARCHAR, VARCHAR), VARCHAR, rows((a, i, res) -> {
            String from = a[1].getString(i);
            res.setString(i, from.isEmpty() ? a[0].getString(i) : a[0].getString(i).replace(from, a[2].getString(i)));
        }));
        reg(r, "repeat", List.of(BLOB, BIGINT), BLOB, rows(StringFunctions::repeatRow));
        reg(r, "repeat", List.of(VARCHAR, BIGINT), VARCHAR, rows(StringFunctions::repeatRow));
        // reverses grapheme clusters (an accent stays on its letter, an emoji sequence stays whole), as DuckDB
        reg(r, "reverse", List.of(VARCHAR), VARCHAR, rows((a, i, res) -> {
            Vector v = a[0];
            boolean ascii = true;
            for (int k = v.offsets[i], e = k + v.lengths[i]; k < e && ascii; k++) ascii = v.heap[k] >= 0;
            if (ascii) {
                byte[] out = new byte[v.lengths[i]];
                for (int k = 0; k < out.length; k++) out[k] = v.heap[v.offsets[i] + out.length - 1 - k];
                res.setBytes(i, out);
                return;
            }
            String s = v.getString(i);
            int[] b = graphemeBounds(v, i);
            StringBuilder sb = new StringBuilder(s.length());
            for (int k = b.length - 1; k > 0; k--) sb.append(s, b[k - 1], b[k]);
            res.setString(i, sb.toString());
        }));
        reg(r, "lpad", List.of(VARCHAR, INTEGER, VARCHAR), VARCHAR, rows((a, i, res) -> res.setString(i, pad(a[0].getString(i), a[1].ints[i], a[2].getString(i), true))));
        reg(r, "rpad", List.of(VARCHAR, INTEGER, VARCHAR), VARCHAR, rows((a, i, res) -> res.setString(i, pad(a[0].getString(i), a[1].ints[i], a[2].getString(i), false))));
        reg(r, "split_part", List.of(VARCHAR, VARCHAR, BIGINT), VARCHAR, rows((a, i, res) -> res.setString(i, splitPart(a[0].getString(i), a[1].getString(i), a[2].longs[i]))));
        reg(r, "ascii", List.of(VARCHAR), INTEGER, rows((a, i, res) -> {
            String s = a[0].getString(i);
            res.ints[i] = s.isEmpty() ? 0 : s.codePointAt(0);
        }));
        reg(r, "chr", List.of(INTEGER), VARCHAR, rows((a, i, res) -> {
            int c = a[0].ints[i];
            if (c < 0 || c > Character.MAX_CODE_POINT || (c >= 0xD800 && c <= 0xDFFF)) {
                throw new InvalidInputException("Invalid UTF8 Codepoint " + c);
            }
            res.setString(i, new String(Character.toChars(c)));
        }));
        reg(r, "md5", List.of(VARCHAR), VARCHAR, rows((a, i, res) -> {
            try {
                byte[] d = java.security.MessageDigest.getInstance("MD5").digest(a[0].getBytes(i));
                res.setString(i, java.util.HexFormat.of().formatHex(d));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }));
        // the digest as numbers (DuckDB): its first and second eight bytes, each read little-endian;
        // md5_number is the UHUGEINT with the second half high
        for (LogicalType in : List.of(VARCHAR, BLOB)) {
            reg(r, "md5_number", List.of(in), UHUGEINT, rows((a, i, res) -> {
                byte[] d = md5(a[0].getBytes(i));
                res.highs[i] = littleEndian(d, 8) ^ Long.MIN_VALUE; // UHUGEINT is stored biased by 2^127
                res.longs[i] = littleEndian(d, 0);
            }));
            reg(r, "md5_number_upper", List.of(in), UBIGINT, rows((a, i, res) -> {
                res.highs[i] = 0;
                res.longs[i] = littleEndian(md5(a[0].getBytes(i)), 0);
            }));
            reg(r, "md5_number_lower", List.of(in), UBIGINT, rows((a, i, res) -> {
                res.highs[i] = 0;
                res.longs[i] = littleEndian(md5(a[0].getBytes(i)), 8);
            }));
        }
        reg(r, "sha256", List.of(VARCHAR), VARCHAR, rows((a, i, res) -> {
            try {
                byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(a[0].getBytes(i));
                res.setString(i, java.util.HexFormat.of().formatHex(d));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }));

        // regular expressions (RE2 syntax and linear-time matching: Re2Patterns)
        RegexBody find = (m, a, i, res) -> res.bytes[i] = (byte) (m.find() ? 1 : 0);
        RegexBody fullMatch = (m, a, i, res) -> res.bytes[i] = (byte) (m.matches() ? 1 : 0);
        reg(r, "regexp_matches", List.of(VARCHAR, VARCHAR), BOOLEAN, regexKernel(find));
        reg(r, "regexp_matches", List.of(VARCHAR, VARCHAR, VARCHAR), BOOLEAN, regexKernel(2, false, find));
        reg(r, "regexp_full_match", List.of(VARCHAR, VARCHAR), BOOLEAN, regexKernel(fullMatch));
        reg(r, "regexp_full_match", List.of(VARCHAR, VARCHAR, VARCHAR), BOOLEAN, regexKernel(2, false, fullMatch));
        reg(r, "regexp_replace", List.of(VARCHAR, VARCHAR, VARCHAR), VARCHAR, regexKernel((m, a, i, res) ->
                res.setString(i, Re2Patterns.replace(m, a[0].getString(i), a[2].getString(i), false))));
        reg(r, "regexp_replace", List.of(VARCHAR, VARCHAR, VARCHAR, VARCHAR), VARCHAR, regexKernel(3, true, (m, a, i, res) ->
                res.setString(i, Re2Patterns.replace(m, a[0].getString(i), a[2].getString(i),
                        RegexOptions.parse(a[3].getString(i), true).global()))));
        RegexBody extractGroup = (m, a, i, res) -> {
            int g = a[2].ints[i];
            if (g < 0 || g > m.groupCount()) {
                throw new InvalidInputException("Pattern has " + m.groupCount() + " groups. Cannot access group " + g);
            }
            res.setString(i, m.find() && m.group(g) != null ? m.group(g) : "");
        };
        reg(r, "regexp_extract", List.of(VARCHAR, VARCHAR), VARCHAR, regexKernel((m, a, i, res) -> res.setString(i, m.find() ? m.group() : "")));
        reg(r, "regexp_extract", List.of(VARCHAR, VARCHAR, INTEGER), VARCHAR, regexKernel(extractGroup));
        reg(r, "regexp_extract", List.of(VARCHAR, VARCHAR, INTEGER, VARCHAR), VARCHAR, regexKernel(3, false, extractGroup));
    }

    // ------------------------------------------------------------------ helpers

    static int codePoints(byte[] b, int off, int len) {
        int n = 0;
        for (int i = off; i < off + len; i++) {
            if ((b[i] & 0xC0) != 0x80) n++;
        }
        return n;
    }

    private static void byteLength(Vector[] args, int count, Vector res) {
        int[] l = args[0].lengths;
        for (int i = 0; i < count; i++) res.longs[i] = l[i];
        propagateNulls(args, count, res);
    }

    /** Byte offset of code point index cp (clamped to the end) within [off, off+len). */
    private static int byteOffsetOf(byte[] b, int off, int len, long cp) {
        int i = off;
        int end = off + len;
        long seen = 0;
        while (i < end) {
            if ((b[i] & 0xC0) != 0x80) {
                if (seen == cp) return i;
                seen++;
            }
            i++;
        }
        return end;
    }

    /** Copies code points [start, start+count) of row i of v into res. */
    private static void slice(Vector v, int i, long start, long count, Vector res) {
        int off = v.offsets[i];
        int len = v.lengths[i];
        if (count <= 0 || start < 0) {
            if (count <= 0) {
                res.setBytes(i, v.heap, 0, 0);
                return;
            }
        }
        int from = byteOffsetOf(v.heap, off, len, start);
        int to = byteOffsetOf(v.heap, from, off + len - from, count);
        res.setBytes(i, v.heap, from, to - from);
    }

    /** Offsets and lengths are BIGINT but DuckDB limits them to ±2^32 so its end arithmetic cannot overflow. */
    static long checkSubstringOffset(long offset) {
        if (offset > 4294967295L) throw new OutOfRangeException("Substring offset outside of supported range (> 4294967295)");
        if (offset < -4294967296L) throw new OutOfRangeException("Substring offset outside of supported range (< -4294967296)");
        return offset;
    }

    static long checkSubstringLength(long length) {
        if (length > 4294967295L) throw new OutOfRangeException("Substring length outside of supported range (> 4294967295)");
        if (length < -4294967296L) throw new OutOfRangeException("Substring length outside of supported range (< -4294967296)");
        return length;
    }

    /** DuckDB substring: 1-based start, negative start counts from the end, start 0 eats one of the length. */
    static void substring(Vector v, int i, long start, long length, Vector res) {
        long n = codePoints(v.heap, v.offsets[i], v.lengths[i]);
        long begin = substringBegin(n, start, length);
        slice(v, i, begin, substringEnd(n, start, length) - begin, res);
    }

    /** Like {@link #substring} but counting grapheme clusters (an emoji with modifiers is one unit). */
    /** The char offsets of the grapheme cluster boundaries of row i's string (first 0, last its length). */
    static int[] graphemeBounds(Vector v, int i) {
        String str = v.getString(i);
        java.text.BreakIterator it = java.text.BreakIterator.getCharacterInstance(Locale.ROOT);
        it.setText(str);
        int[] out = new int[str.length() + 1];
        int n = 0;
        for (int b = it.first(); b != java.text.BreakIterator.DONE; b = it.next()) out[n++] = b;
        return java.util.Arrays.copyOf(out, n);
    }

    static void substringGrapheme(Vector v, int i, long start, long length, Vector res) {
        int off = v.offsets[i];
        int len = v.lengths[i];
        boolean ascii = true;
        for (int k = off; k < off + len; k++) {
            if (v.heap[k] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) { // every byte is its own grapheme
            substring(v, i, start, length, res);
            return;
        }
        String str = new String(v.heap, off, len, StandardCharsets.UTF_8);
        java.text.BreakIterator it = java.text.BreakIterator.getCharacterInstance(Locale.ROOT);
        it.setText(str);
        List<Integer> bounds = new ArrayList<>();
        for (int b = it.first(); b != java.text.BreakIterator.DONE; b = it.next()) bounds.add(b);
        long n = bounds.size() - 1;
        res.setString(i, str.substring(bounds.get((int) substringBegin(n, start, length)),
                bounds.get((int) substringEnd(n, start, length))));
    }

    /** Unclamped first unit of the substring (1-based start; 0 eats one unit of the length). */
    private static long rawBegin(long n, long start) {
        return start > 0 ? start - 1 : start < 0 ? n + start : -1;
    }

    /** First unit of the substring of a string {@code n} units long, clamped to the string. */
    private static long substringBegin(long n, long start, long length) {
        long b = rawBegin(n, start);
        if (length < 0) b += length;
        return Math.max(0, Math.min(b, n));
    }

    /** End (exclusive) of the substring, clamped to the string. */
    private static long substringEnd(long n, long start, long length) {
        long b = rawBegin(n, start);
        long e = length < 0 ? b : b + length;
        return Math.max(0, Math.min(e, n));
    }

    private static void concatOp(Vector[] args, int count, Vector res) {
        Vector a = args[0];
        Vector b = args[1];
        byte[] tmp = new byte[64];
        boolean nulls = propagateNulls(args, count, res);
        for (int i = 0; i < count; i++) {
            if (nulls && res.isNull(i)) continue;
            int la = a.lengths[i];
            int lb = b.lengths[i];
            if (tmp.length < la + lb) tmp = new byte[Math.max(la + lb, tmp.length * 2)];
            System.arraycopy(a.heap, a.offsets[i], tmp, 0, la);
            System.arraycopy(b.heap, b.offsets[i], tmp, la, lb);
            res.setBytes(i, tmp, 0, la + lb);
        }
    }

    private static void concatSkipNulls(Vector[] args, int count, Vector res) {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            buf.reset();
            for (Vector a : args) {
                if (a.isValid(i)) buf.write(a.heap, a.offsets[i], a.lengths[i]);
            }
            res.setBytes(i, buf.toByteArray());
        }
    }

    private static void overlay(Vector[] args, int count, Vector res) {
        Vector s = args[0];
        Vector r = args[1];
        Vector from = args[2];
        Vector n = args.length > 3 ? args[3] : null;
        boolean nulls = propagateNulls(args, count, res);
        byte[] buf = new byte[64];
        for (int i = 0; i < count; i++) {
            if (nulls && res.isNull(i)) continue;
            int off = s.offsets[i];
            int len = s.lengths[i];
            int rlen = r.lengths[i];
            long start = from.longs[i];
            long take = n == null || n.longs[i] < 0 ? codePoints(r.heap, r.offsets[i], rlen) : n.longs[i];
            // code points 1 .. start-1 stay, so do those from start + take on
            int prefixEnd = start <= 1 ? off : byteOffsetOf(s.heap, off, len, start - 1);
            long resume = start + take - 1;
            int suffixStart = resume <= 0 ? off : byteOffsetOf(s.heap, off, len, resume);
            int prefix = prefixEnd - off;
            int suffix = off + len - suffixStart;
            int total = prefix + rlen + suffix;
            if (buf.length < total) buf = new byte[Math.max(total, buf.length * 2)];
            System.arraycopy(s.heap, off, buf, 0, prefix);
            System.arraycopy(r.heap, r.offsets[i], buf, prefix, rlen);
            System.arraycopy(s.heap, suffixStart, buf, prefix + rlen, suffix);
            res.setBytes(i, buf, 0, total);
        }
    }

    private static void concatWs(Vector[] args, int count, Vector res) {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        Vector sep = args[0];
        for (int i = 0; i < count; i++) {
            if (sep.isNull(i)) {
                res.setNull(i);
                continue;
            }
            buf.reset();
            boolean first = true;
            for (int k = 1; k < args.length; k++) {
                Vector a = args[k];
                if (a.isNull(i)) continue;
                if (!first) buf.write(sep.heap, sep.offsets[i], sep.lengths[i]);
                buf.write(a.heap, a.offsets[i], a.lengths[i]);
                first = false;
            }
            res.setBytes(i, buf.toByteArray());
        }
    }

    private static ScalarKernel caseKernel(boolean upper) {
        return (args, count, res) -> {
            Vector v = args[0];
            byte[] tmp = new byte[64];
            boolean nulls = propagateNulls(args, count, res);
            for (int i = 0; i < count; i++) {
                if (nulls && res.isNull(i)) continue;
                int off = v.offsets[i];
                int len = v.lengths[i];
                boolean ascii = true;
                if (tmp.length < len) tmp = new byte[Math.max(len, tmp.length * 2)];
                for (int k = 0; k < len; k++) {
                    byte c = v.heap[off + k];
                    if (c < 0) {
                        ascii = false;
                        break;
                    }
                    if (upper) {
                        tmp[k] = (c >= 'a' && c <= 'z') ? (byte) (c - 32) : c;
                    } else {
                        tmp[k] = (c >= 'A' && c <= 'Z') ? (byte) (c + 32) : c;
                    }
                }
                if (ascii) {
                    res.setBytes(i, tmp, 0, len);
                } else {
                    String s = v.getString(i);
                    res.setString(i, upper ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT));
                }
            }
        };
    }

    private static void trim(Vector v, int i, String chars, boolean left, boolean right, Vector res) {
        if (chars == null) {
            int off = v.offsets[i];
            int end = off + v.lengths[i];
            int s = off;
            if (left) while (s < end && v.heap[s] == ' ') s++;
            int e = end;
            if (right) while (e > s && v.heap[e - 1] == ' ') e--;
            res.setBytes(i, v.heap, s, e - s);
            return;
        }
        String str = v.getString(i);
        int s = 0;
        int e = str.length();
        if (left) while (s < e && chars.indexOf(str.codePointAt(s)) >= 0) s += Character.charCount(str.codePointAt(s));
        if (right) while (e > s && chars.indexOf(str.codePointBefore(e)) >= 0) e -= Character.charCount(str.codePointBefore(e));
        res.setString(i, str.substring(s, e));
    }

    static String pad(String s, int len, String fill, boolean left) {
        int n = s.codePointCount(0, s.length());
        if (len < 0) len = 0;
        if (n >= len) {
            return s.substring(0, s.offsetByCodePoints(0, len));
        }
        if (fill.isEmpty()) {
            throw new InvalidInputException("Insufficient padding in " + (left ? "LPAD" : "RPAD") + ".");
        }
        StringBuilder p = new StringBuilder();
        int need = len - n;
        int fi = 0;
        int[] fcp = fill.codePoints().toArray();
        for (int k = 0; k < need; k++) {
            p.appendCodePoint(fcp[fi]);
            fi = (fi + 1) % fcp.length;
        }
        return left ? p + s : s + p;
    }

    static String splitPart(String s, String delim, long index) {
        List<String> parts = new ArrayList<>();
        if (delim.isEmpty()) {
            s.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
            if (parts.isEmpty()) parts.add("");
        } else {
            int from = 0;
            while (true) {
                int at = s.indexOf(delim, from);
                if (at < 0) {
                    parts.add(s.substring(from));
                    break;
                }
                parts.add(s.substring(from, at));
                from = at + delim.length();
            }
        }
        if (index == 0) {
            index = 1;
        }
        long idx = index > 0 ? index - 1 : parts.size() + index;
        return idx >= 0 && idx < parts.size() ? parts.get((int) idx) : "";
    }

    // ------------------------------------------------------------------ LIKE

    private static ScalarKernel likeKernel(boolean negate, boolean caseInsensitive, boolean withEscape) {
        return (args, count, res) -> {
            Vector s = args[0];
            Vector p = args[1];
            boolean nulls = propagateNulls(args, count, res);
            LikeMatcher m = null;
            String lastEscape = null;
            // a constant pattern is one value every row points at: compiled once, compared by position
            byte[] lastHeap = null;
            int lastOffset = -1;
            int lastLength = -1;
            for (int i = 0; i < count; i++) {
                if (nulls && res.isNull(i)) continue;
                String esc = withEscape ? args[2].getString(i) : null;
                if (esc != null && esc.codePointCount(0, esc.length()) > 1) {
                    throw new InvalidInputException("Like escape must be a single character");
                }
                byte[] pb = p.heap;
                int po = p.offsets[i];
                int pl = p.lengths[i];
                if (caseInsensitive) {
                    byte[] lower = p.getString(i).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
                    pb = lower;
                    po = 0;
                    pl = lower.length;
                }
                if (m == null || pb != lastHeap || po != lastOffset || pl != lastLength || withEscape) {
                    if (m == null || !m.sameSource(pb, po, pl) || !java.util.Objects.equals(esc, lastEscape)) {
                        m = new LikeMatcher(pb, po, pl, esc == null || esc.isEmpty() ? -1 : esc.charAt(0));
                        lastEscape = esc;
                    }
                    lastHeap = pb;
                    lastOffset = po;
                    lastLength = pl;
                }
                boolean match;
                if (caseInsensitive) {
                    byte[] lower = s.getString(i).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
                    match = m.matches(lower, 0, lower.length);
                } else {
                    match = m.matches(s.heap, s.offsets[i], s.lengths[i]);
                }
                res.bytes[i] = (byte) (match != negate ? 1 : 0);
            }
        };
    }

    /**
     * Unix-style GLOB: '*', '?', '[abc]', '[a-z]', '[!x]', '\\x'. Every token but '*' consumes one
     * character, so the classic matcher that remembers only the last '*' (and retries it one
     * character further on a mismatch) is exact and takes O(|s|·|p|) steps, never exponential.
     */
    static boolean glob(String s, String p) {
        int si = 0, pi = 0;
        int starP = -1, starS = -1;
        while (si < s.length()) {
            if (pi < p.length() && p.charAt(pi) == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') pi++;
                if (pi == p.length()) return true;
                starP = pi;
                starS = si;
                continue;
            }
            int next = pi < p.length() ? globStep(s.charAt(si), p, pi) : -1;
            if (next >= 0) {
                si++;
                pi = next;
            } else if (starP >= 0) {
                pi = starP;
                si = ++starS;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') pi++;
        return pi == p.length();
    }

    /** Matches one character {@code ch} against the token at {@code pi}: the next token's index, or -1. */
    private static int globStep(char ch, String p, int pi) {
        char c = p.charAt(pi);
        if (c == '?') return pi + 1;
        if (c == '[') {
            int close = pi + 2 <= p.length() ? p.indexOf(']', pi + 2) : -1;
            if (close < 0) return ch == '[' ? pi + 1 : -1;
            boolean neg = p.charAt(pi + 1) == '!' || p.charAt(pi + 1) == '^';
            int k = pi + (neg ? 2 : 1);
            boolean hit = false;
            while (k < close) {
                if (k + 2 < close && p.charAt(k + 1) == '-') {
                    if (ch >= p.charAt(k) && ch <= p.charAt(k + 2)) hit = true;
                    k += 3;
                } else {
                    if (ch == p.charAt(k)) hit = true;
                    k++;
                }
            }
            return hit == neg ? -1 : close + 1;
        }
        if (c == '\\' && pi + 1 < p.length()) return ch == p.charAt(pi + 1) ? pi + 2 : -1;
        return ch == c ? pi + 1 : -1;
    }

    // ------------------------------------------------------------------ regex

    @FunctionalInterface
    interface RegexBody {
        void apply(com.google.re2j.Matcher m, Vector[] args, int row, Vector res);
    }

    static ScalarKernel regexKernel(RegexBody body) {
        return regexKernel(-1, false, body);
    }

    /**
     * A kernel compiling the pattern (argument 1) once per distinct value; {@code optionsArg} is the
     * index of DuckDB's options string (-1: none), constant per query (the binder checks).
     */
    static ScalarKernel regexKernel(int optionsArg, boolean replace, RegexBody body) {
        return (args, count, res) -> {
            int flags = 0;
            boolean literal = false;
            if (optionsArg >= 0 && count > 0) {
                if (args[optionsArg].isNull(0)) throw new InvalidInputException("Regex options field must not be NULL");
                RegexOptions options = RegexOptions.parse(args[optionsArg].getString(0), replace);
                flags = options.re2Flags();
                literal = options.literal();
            }
            boolean nulls = propagateNulls(args, count, res);
            String lastPattern = null;
            com.google.re2j.Pattern compiled = null;
            for (int i = 0; i < count; i++) {
                if (nulls && res.isNull(i)) continue;
                String p = args[1].getString(i);
                if (!p.equals(lastPattern)) {
                    compiled = Re2Patterns.compile(p, flags, literal);
                    lastPattern = p;
                }
                body.apply(Re2Patterns.matcher(compiled, args[0].getString(i)), args, i, res);
            }
        };
    }

    /** repeat(text or blob, n): the bytes n times (no copies for n <= 0). */
    private static void repeatRow(io.tealdb.vector.Vector[] a, int i, io.tealdb.vector.Vector res) {
        long n = Math.max(0, a[1].longs[i]);
        int len = a[0].lengths[i];
        if (n * len > Integer.MAX_VALUE / 2) {
            throw new InvalidInputException("repeat: result too large");
        }
        byte[] out = new byte[(int) (n * len)];
        for (int k = 0; k < n; k++) System.arraycopy(a[0].heap, a[0].offsets[i], out, k * len, len);
        res.setBytes(i, out);
    }

    private static byte[] md5(byte[] in) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(in);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long littleEndian(byte[] b, int from) {
        long v = 0;
        for (int k = 7; k >= 0; k--) v = (v << 8) | (b[from + k] & 0xFF);
        return v;
    }
}
