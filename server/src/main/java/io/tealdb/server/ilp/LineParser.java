package io.tealdb.server.ilp;

import java.nio.charset.StandardCharsets;

/**
 * Decoder of InfluxDB line protocol as QuestDB's clients send it (protocol versions 1 to 3): text
 * lines {@code table,tag=v field=value[,...] [timestamp]}, plus the binary field values of version 2+
 * ({@code name==<type byte><payload>}: little-endian doubles and double arrays). It works on bytes:
 * names and string values are slices of the input (or of a scratch buffer when escapes had to be
 * removed), numbers are parsed in place. Binary payloads may contain any byte, so the decoder is
 * length-driven and never splits the input on newlines first.
 *
 * <p>{@link #parse} decodes one line; with {@code last == false} (a TCP stream) it returns -1 when
 * the line is not complete yet, so the caller can wait for more bytes and retry it.
 */
final class LineParser {
    static final int NEED_MORE = -1;
    // binary value type bytes (QuestDB's ColumnType-like codes on the wire)
    static final int BIN_BOOLEAN = 6, BIN_FLOAT = 2, BIN_INT = 3, BIN_ARRAY = 14, BIN_LONG = 15, BIN_DOUBLE = 16, BIN_DECIMAL = 23;
    private static final int ELEM_DOUBLE = 10;
    private static final int MAX_DIMS = 32;

    // what ends a token (bit flags per context)
    private static final int CTX_TABLE = 0, CTX_TAG_KEY = 1, CTX_TAG_VALUE = 2, CTX_FIELD_KEY = 3, CTX_FIELD_VALUE = 4;

    /** Result slice of the last {@link #token} call. */
    private int tokOff, tokLen;
    private boolean tokScratch;

    /** Skips blank lines (LF and CR); returns the first position of a line or {@code end}. */
    static int skipBlank(byte[] in, int p, int end) {
        while (p < end && (in[p] == '\n' || in[p] == '\r')) p++;
        return p;
    }

    /**
     * Decodes the line starting at {@code p} (not blank) into {@code out}. Returns the position after
     * its terminator, or {@link #NEED_MORE} when {@code !last} and the line is incomplete.
     *
     * @throws IlpException for a malformed line
     */
    int parse(byte[] in, int p, int end, boolean last, ParsedLine out) {
        out.reset(in);
        // table name
        int q = token(in, p, end, last, out, CTX_TABLE);
        if (q == NEED_MORE) return NEED_MORE;
        if (tokLen == 0) throw IlpException.invalid("empty table name");
        out.tableOff = tokOff;
        out.tableLen = tokLen;
        out.tableInScratch = tokScratch;
        if (q == end || isEol(in[q])) {
            if (q == end && !last) return NEED_MORE;
            throw IlpException.invalid("table: " + out.tableName() + "; no fields were provided");
        }
        if (in[q] == '=') throw IlpException.invalid("invalid table name: " + out.tableName() + " (unescaped '=')");
        // tags
        while (in[q] == ',') {
            q = token(in, q + 1, end, last, out, CTX_TAG_KEY);
            if (q == NEED_MORE) return NEED_MORE;
            if (q == end) {
                if (!last) return NEED_MORE;
                throw IlpException.invalid("table: " + out.tableName() + "; tag without a value");
            }
            if (in[q] != '=' || tokLen == 0) throw IlpException.invalid("table: " + out.tableName() + "; invalid tag (expected name=value)");
            int e = out.add(ParsedLine.TAG, tokOff, tokLen, tokScratch);
            q = token(in, q + 1, end, last, out, CTX_TAG_VALUE);
            if (q == NEED_MORE) return NEED_MORE;
            out.valOff[e] = tokOff;
            out.valLen[e] = tokLen;
            out.valInScratch[e] = tokScratch;
            if (q == end) {
                if (!last) return NEED_MORE;
                return end; // tags only, last line without LF
            }
            if (isEol(in[q])) return q + 1;
        }
        // in[q] == ' ': fields follow (or, for symbol-only lines, a timestamp)
        q++;
        if (q == end) {
            if (!last) return NEED_MORE;
            if (out.count == 0) throw IlpException.invalid("table: " + out.tableName() + "; no fields were provided");
            return end;
        }
        boolean fields = out.count == 0 || !looksLikeTimestamp(in, q, end);
        if (fields) {
            while (true) {
                q = token(in, q, end, last, out, CTX_FIELD_KEY);
                if (q == NEED_MORE) return NEED_MORE;
                if (q == end) {
                    if (!last) return NEED_MORE;
                    throw IlpException.invalid("table: " + out.tableName() + "; field without a value");
                }
                if (in[q] != '=' || tokLen == 0) {
                    throw IlpException.invalid("table: " + out.tableName() + "; invalid field (expected name=value)");
                }
                int e = out.add(ParsedLine.NULL, tokOff, tokLen, tokScratch);
                q = value(in, q + 1, end, last, out, e);
                if (q == NEED_MORE) return NEED_MORE;
                if (q == end) {
                    if (!last) return NEED_MORE;
                    return end;
                }
                byte b = in[q];
                if (b == ',') {
                    q++;
                    continue;
                }
                if (isEol(b)) return q + 1;
                q++; // ' '
                break;
            }
        }
        // designated timestamp up to the end of the line
        int s = q;
        while (q < end && !isEol(in[q])) q++;
        if (q == end && !last) return NEED_MORE;
        int e = q;
        while (e > s && in[e - 1] == ' ') e--;
        if (e > s) timestamp(in, s, e, out);
        return q == end ? end : q + 1;
    }

    /** For a line with tags only: is what follows the space a timestamp rather than a field? */
    private static boolean looksLikeTimestamp(byte[] in, int p, int end) {
        for (int i = p; i < end; i++) {
            byte b = in[i];
            if (b == '=' || b == ',' || b == '\\' || b == '"') return false;
            if (b == ' ' || isEol(b)) return true;
        }
        return true;
    }

    private static boolean isEol(byte b) {
        return b == '\n' || b == '\r';
    }

    /**
     * Reads an unquoted, backslash-escaped token from {@code p} up to its delimiter; returns the
     * delimiter's position ({@code end} when the input ended first) or NEED_MORE.
     */
    private int token(byte[] in, int p, int end, boolean last, ParsedLine out, int ctx) {
        int start = p;
        while (p < end) {
            byte b = in[p];
            if (b == '\\') {
                return escapedToken(in, start, end, last, out, ctx);
            }
            if (isDelimiter(b, ctx)) break;
            if (b == 0) throw IlpException.invalid("NUL byte in line");
            p++;
        }
        tokOff = start;
        tokLen = p - start;
        tokScratch = false;
        return p;
    }

    private static boolean isDelimiter(byte b, int ctx) {
        return switch (b) {
            case ' ', ',', '\n', '\r' -> true;
            case '=' -> ctx != CTX_TAG_VALUE;
            default -> false;
        };
    }

    /** Slow path of {@link #token}: copies the token without its escape backslashes into scratch. */
    private int escapedToken(byte[] in, int start, int end, boolean last, ParsedLine out, int ctx) {
        out.ensureScratch(end - start);
        int dst = out.scratchUsed;
        int p = start;
        while (p < end) {
            byte b = in[p];
            if (b == '\\') {
                if (p + 1 == end) {
                    if (!last) return NEED_MORE;
                    throw IlpException.invalid("line ends with an escape character");
                }
                out.scratch[dst++] = in[p + 1];
                p += 2;
                continue;
            }
            if (isDelimiter(b, ctx)) break;
            if (b == 0) throw IlpException.invalid("NUL byte in line");
            out.scratch[dst++] = b;
            p++;
        }
        tokOff = out.scratchUsed;
        tokLen = dst - out.scratchUsed;
        tokScratch = true;
        out.scratchUsed = dst;
        return p;
    }

    /** Decodes a field value into entry {@code e}; returns the position after it or NEED_MORE. */
    private int value(byte[] in, int p, int end, boolean last, ParsedLine out, int e) {
        if (p == end) return last ? nullValue(out, e, p) : NEED_MORE;
        byte b = in[p];
        if (b == '=') return binary(in, p + 1, end, last, out, e);
        if (b == '"') return quoted(in, p + 1, end, last, out, e);
        int s = p;
        while (p < end) {
            byte c = in[p];
            if (c == ',' || c == ' ' || c == '\n' || c == '\r') break;
            if (c == 0) throw IlpException.invalid("NUL byte in line");
            p++;
        }
        if (p == end && !last) return NEED_MORE;
        classify(in, s, p, out, e);
        return p;
    }

    private static int nullValue(ParsedLine out, int e, int p) {
        out.kind[e] = ParsedLine.NULL;
        return p;
    }

    private int quoted(byte[] in, int p, int end, boolean last, ParsedLine out, int e) {
        int s = p;
        boolean escaped = false;
        while (p < end) {
            byte c = in[p];
            if (c == '"') break;
            if (c == '\\') {
                escaped = true;
                p += 2;
                continue;
            }
            if (c == '\n' || c == '\r') throw IlpException.invalid("unescaped line break in a string value of column " + out.name(e));
            if (c == 0) throw IlpException.invalid("NUL byte in line");
            p++;
        }
        if (p >= end) {
            if (!last) return NEED_MORE;
            throw IlpException.invalid("unterminated string value of column " + out.name(e));
        }
        out.kind[e] = ParsedLine.STRING;
        if (!escaped) {
            out.valOff[e] = s;
            out.valLen[e] = p - s;
        } else {
            out.ensureScratch(p - s);
            int dst = out.scratchUsed;
            for (int i = s; i < p; i++) {
                byte c = in[i];
                if (c == '\\') c = in[++i];
                out.scratch[dst++] = c;
            }
            out.valOff[e] = out.scratchUsed;
            out.valLen[e] = dst - out.scratchUsed;
            out.valInScratch[e] = true;
            out.scratchUsed = dst;
        }
        p++; // closing quote
        if (p < end && !isFieldEnd(in[p])) throw IlpException.invalid("unexpected character after the string value of column " + out.name(e));
        return p;
    }

    private static boolean isFieldEnd(byte b) {
        return b == ',' || b == ' ' || b == '\n' || b == '\r';
    }

    /** Protocol version 2+ binary value: type byte, then a fixed or length-prefixed payload. */
    private int binary(byte[] in, int p, int end, boolean last, ParsedLine out, int e) {
        if (p >= end) return last ? fail(out, e, "missing binary type") : NEED_MORE;
        int type = in[p++] & 0xff;
        int need;
        switch (type) {
            case BIN_DOUBLE -> {
                if (end - p < 8) return last ? fail(out, e, "truncated binary double") : NEED_MORE;
                out.kind[e] = ParsedLine.DOUBLE;
                out.doubles[e] = Double.longBitsToDouble(le64(in, p));
                p += 8;
            }
            case BIN_LONG -> {
                if (end - p < 8) return last ? fail(out, e, "truncated binary long") : NEED_MORE;
                out.kind[e] = ParsedLine.LONG;
                out.longs[e] = le64(in, p);
                p += 8;
            }
            case BIN_INT -> {
                if (end - p < 4) return last ? fail(out, e, "truncated binary int") : NEED_MORE;
                out.kind[e] = ParsedLine.LONG;
                out.longs[e] = le32(in, p);
                p += 4;
            }
            case BIN_FLOAT -> {
                if (end - p < 4) return last ? fail(out, e, "truncated binary float") : NEED_MORE;
                out.kind[e] = ParsedLine.DOUBLE;
                out.doubles[e] = Float.intBitsToFloat(le32(in, p));
                p += 4;
            }
            case BIN_BOOLEAN -> {
                if (end - p < 1) return last ? fail(out, e, "truncated binary boolean") : NEED_MORE;
                out.kind[e] = ParsedLine.BOOL;
                out.longs[e] = in[p++] != 0 ? 1 : 0;
            }
            case BIN_ARRAY -> {
                if (end - p < 2) return last ? fail(out, e, "truncated array") : NEED_MORE;
                int elem = in[p] & 0xff;
                int dims = in[p + 1] & 0xff;
                if (elem != ELEM_DOUBLE) return fail(out, e, "unsupported array element type " + elem + " (only DOUBLE arrays)");
                if (dims > MAX_DIMS) return fail(out, e, "array has too many dimensions: " + dims);
                p += 2;
                if (dims == 0) { // a null array
                    out.kind[e] = ParsedLine.NULL;
                    break;
                }
                if (end - p < 4L * dims) return last ? fail(out, e, "truncated array") : NEED_MORE;
                long elements = 1;
                for (int d = 0; d < dims; d++) {
                    long len = le32(in, p + 4 * d) & 0xffffffffL;
                    elements *= len;
                    if (elements > Integer.MAX_VALUE / 8) return fail(out, e, "array too large");
                }
                out.kind[e] = ParsedLine.ARRAY;
                out.longs[e] = p;
                out.valLen[e] = dims;
                p += 4 * dims;
                need = (int) (elements * 8);
                if (end - p < need) return last ? fail(out, e, "truncated array") : NEED_MORE;
                out.valOff[e] = p;
                p += need;
            }
            case BIN_DECIMAL -> {
                return fail(out, e, "decimal values are not supported (column type DECIMAL must be created manually)");
            }
            default -> {
                return fail(out, e, "unknown binary type " + type);
            }
        }
        if (p < end && !isFieldEnd(in[p])) return fail(out, e, "unexpected byte after a binary value");
        if (p == end && !last) return NEED_MORE;
        return p;
    }

    private static int fail(ParsedLine out, int e, String why) {
        throw IlpException.invalid("table: " + out.tableName() + ", column: " + out.name(e) + "; " + why);
    }

    static long le64(byte[] b, int p) {
        return (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16 | (b[p + 3] & 0xffL) << 24
                | (b[p + 4] & 0xffL) << 32 | (b[p + 5] & 0xffL) << 40 | (b[p + 6] & 0xffL) << 48 | (b[p + 7] & 0xffL) << 56;
    }

    static int le32(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
    }

    /** Types an unquoted text value (spec table: last character first). */
    private void classify(byte[] in, int s, int e, ParsedLine out, int i) {
        int len = e - s;
        if (len == 0) {
            out.kind[i] = ParsedLine.NULL;
            return;
        }
        byte lastc = in[e - 1];
        if (len == 1 && (lastc == 't' || lastc == 'T' || lastc == 'f' || lastc == 'F')) {
            out.kind[i] = ParsedLine.BOOL;
            out.longs[i] = lastc == 't' || lastc == 'T' ? 1 : 0;
            return;
        }
        if (len == 4 && equalsIgnoreCase(in, s, "true")) {
            out.kind[i] = ParsedLine.BOOL;
            out.longs[i] = 1;
            return;
        }
        if (len == 5 && equalsIgnoreCase(in, s, "false")) {
            out.kind[i] = ParsedLine.BOOL;
            out.longs[i] = 0;
            return;
        }
        switch (lastc) {
            case 'i' -> {
                if (len > 2 && in[s] == '0' && (in[s + 1] == 'x' || in[s + 1] == 'X')) {
                    fail(out, i, "LONG256 values are not supported");
                }
                out.kind[i] = ParsedLine.LONG;
                out.longs[i] = parseLong(in, s, e - 1, out, i);
                return;
            }
            case 't', 'n', 'm' -> {
                out.kind[i] = ParsedLine.TIMESTAMP;
                out.longs[i] = parseLong(in, s, e - 1, out, i);
                out.unit[i] = lastc == 'n' ? ParsedLine.UNIT_NANOS : lastc == 't' ? ParsedLine.UNIT_MICROS : ParsedLine.UNIT_MILLIS;
                return;
            }
            case 'd' -> fail(out, i, "decimal values are not supported (column type DECIMAL must be created manually)");
            default -> {
            }
        }
        out.kind[i] = ParsedLine.DOUBLE;
        out.doubles[i] = parseDouble(in, s, e, out, i);
    }

    private static boolean equalsIgnoreCase(byte[] in, int s, String word) {
        for (int k = 0; k < word.length(); k++) {
            if ((in[s + k] | 0x20) != word.charAt(k)) return false;
        }
        return true;
    }

    /** A decimal integer with optional '-', overflow-checked. */
    private static long parseLong(byte[] in, int s, int e, ParsedLine out, int i) {
        long v = parseLongOrMin(in, s, e);
        if (v == Long.MIN_VALUE && !(e - s == 20 && in[s] == '-' && matches(in, s + 1, "9223372036854775808"))) {
            fail(out, i, "field value is invalid: " + new String(in, s, e - s + 1, StandardCharsets.UTF_8));
        }
        return v;
    }

    private static boolean matches(byte[] in, int s, String digits) {
        for (int k = 0; k < digits.length(); k++) if (in[s + k] != digits.charAt(k)) return false;
        return true;
    }

    /** Parses [-]digits; Long.MIN_VALUE for anything else (and for Long.MIN_VALUE itself, checked by callers). */
    static long parseLongOrMin(byte[] in, int s, int e) {
        boolean neg = false;
        if (s < e && (in[s] == '-' || in[s] == '+')) {
            neg = in[s] == '-';
            s++;
        }
        if (s == e) return Long.MIN_VALUE;
        long v = 0;
        for (int p = s; p < e; p++) {
            int d = in[p] - '0';
            if (d < 0 || d > 9) return Long.MIN_VALUE;
            if (v < -922337203685477580L || (v == -922337203685477580L && d > 8)) return Long.MIN_VALUE; // accumulate negatively
            v = v * 10 - d;
        }
        if (!neg) {
            if (v == Long.MIN_VALUE) return Long.MIN_VALUE;
            return -v;
        }
        return v;
    }

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
            1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * A text double. Fast exact path (Clinger): at most 15 significant digits and a power of ten up
     * to 22 are exact in a double, so one multiply or divide rounds correctly; everything else
     * (long mantissas, big exponents, NaN, Infinity) goes through Double.parseDouble after checking
     * that the text only uses the characters of the protocol's number syntax.
     */
    private static double parseDouble(byte[] in, int s, int e, ParsedLine out, int i) {
        int p = s;
        boolean neg = false;
        if (in[p] == '-' || in[p] == '+') {
            neg = in[p] == '-';
            p++;
        }
        long mant = 0;
        int digits = 0, exp10 = 0;
        boolean any = false;
        while (p < e && in[p] >= '0' && in[p] <= '9') {
            if (digits < 18) {
                mant = mant * 10 + (in[p] - '0');
                if (mant != 0) digits++;
            } else {
                exp10++;
                digits++;
            }
            any = true;
            p++;
        }
        if (p < e && in[p] == '.') {
            p++;
            while (p < e && in[p] >= '0' && in[p] <= '9') {
                if (digits < 18) {
                    mant = mant * 10 + (in[p] - '0');
                    if (mant != 0) digits++;
                    exp10--;
                } else {
                    digits++;
                }
                any = true;
                p++;
            }
        }
        if (any && p < e && (in[p] == 'e' || in[p] == 'E')) {
            int q = p + 1;
            boolean eneg = false;
            if (q < e && (in[q] == '-' || in[q] == '+')) {
                eneg = in[q] == '-';
                q++;
            }
            int ex = 0;
            boolean edig = false;
            while (q < e && in[q] >= '0' && in[q] <= '9') {
                if (ex < 100000) ex = ex * 10 + (in[q] - '0');
                edig = true;
                q++;
            }
            if (!edig) return slowDouble(in, s, e, out, i);
            exp10 += eneg ? -ex : ex;
            p = q;
        }
        if (!any || p != e) return slowDouble(in, s, e, out, i);
        if (digits <= 15 && exp10 >= -22 && exp10 <= 22) {
            double d = mant;
            d = exp10 >= 0 ? d * POW10[exp10] : d / POW10[-exp10];
            return neg ? -d : d;
        }
        return slowDouble(in, s, e, out, i);
    }

    private static double slowDouble(byte[] in, int s, int e, ParsedLine out, int i) {
        for (int p = s; p < e; p++) {
            byte b = in[p];
            boolean ok = (b >= '0' && b <= '9') || b == '.' || b == '-' || b == '+' || b == 'e' || b == 'E';
            if (!ok) {
                String t = new String(in, s, e - s, StandardCharsets.UTF_8);
                String u = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
                if (u.equals("NaN") || u.equals("Infinity")) return Double.parseDouble(t);
                fail(out, i, "field value is invalid: " + t);
            }
        }
        try {
            return Double.parseDouble(new String(in, s, e - s, StandardCharsets.ISO_8859_1));
        } catch (NumberFormatException ex) {
            fail(out, i, "field value is invalid: " + new String(in, s, e - s, StandardCharsets.UTF_8));
            return 0;
        }
    }

    /** The designated timestamp token: digits with an optional unit suffix. */
    private static void timestamp(byte[] in, int s, int e, ParsedLine out) {
        byte u = ParsedLine.UNIT_BARE;
        byte lastc = in[e - 1];
        int de = e;
        if (lastc == 'n') u = ParsedLine.UNIT_NANOS;
        else if (lastc == 't') u = ParsedLine.UNIT_MICROS;
        else if (lastc == 'm') u = ParsedLine.UNIT_MILLIS;
        if (u != ParsedLine.UNIT_BARE) de--;
        long v = parseLongOrMin(in, s, de);
        if (v == Long.MIN_VALUE) {
            throw IlpException.invalid("table: " + out.tableName() + "; Could not parse timestamp: "
                    + new String(in, s, e - s, StandardCharsets.UTF_8));
        }
        if (v < 0) throw IlpException.invalid("table: " + out.tableName() + "; designated timestamp before 1970-01-01 is not allowed");
        out.hasTimestamp = true;
        out.timestamp = v;
        out.timestampUnit = u;
    }
}
