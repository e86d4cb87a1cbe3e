package io.tealdb.server.pg;

import io.netty.buffer.ByteBuf;
import io.tealdb.types.DateTimeUtil;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.vector.Int128;
import io.tealdb.vector.Vector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/**
 * Writes values from vectors in PostgreSQL's text and binary formats (protocol notes §4.2/§4.3).
 * Integers, floats and strings go straight from the primitive arrays into the output buffer; only
 * temporal, decimal and fallback types build a String.
 */
final class PgValues {
    /** Microseconds and days between 1970-01-01 (ours) and 2000-01-01 (PostgreSQL's epoch). */
    static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    static final int PG_EPOCH_DAYS = 10_957;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private PgValues() {
    }

    /** Writes int32 length + the value of {@code row} (or -1 for NULL); TIMESTAMPTZ text in {@code zone} (the session's TimeZone). */
    static void write(Vector v, int row, boolean binary, ByteBuf out, ZoneId zone) {
        write(v, row, binary, out, zone, new byte[SCRATCH]);
    }

    /** Size of the scratch array the text forms are built in (the longest is a TIMESTAMPTZ, 35 bytes). */
    static final int SCRATCH = 64;

    /** As {@link #write(Vector, int, boolean, ByteBuf, ZoneId)}, building text in the caller's {@code scratch} ({@link #SCRATCH} bytes). */
    static void write(Vector v, int row, boolean binary, ByteBuf out, ZoneId zone, byte[] scratch) {
        if (v.isNull(row)) {
            out.writeInt(-1);
            return;
        }
        int lenAt = out.writerIndex();
        out.writeInt(0);
        if (binary) writeBinary(v, row, out);
        else writeText(v, row, out, zone, scratch);
        out.setInt(lenAt, out.writerIndex() - lenAt - 4);
    }

    static void writeText(Vector v, int row, ByteBuf out, ZoneId zone) {
        writeText(v, row, out, zone, new byte[SCRATCH]);
    }

    static void writeText(Vector v, int row, ByteBuf out, ZoneId zone, byte[] scratch) {
        LogicalType t = v.type;
        switch (t.id()) {
            case BOOLEAN -> out.writeByte(v.bytes[row] != 0 ? 't' : 'f');
            case TINYINT -> out.writeBytes(scratch, 0, putLong(scratch, 0, v.bytes[row]));
            case SMALLINT -> out.writeBytes(scratch, 0, putLong(scratch, 0, v.shorts[row]));
            case INTEGER -> out.writeBytes(scratch, 0, putLong(scratch, 0, v.ints[row]));
            case BIGINT -> out.writeBytes(scratch, 0, putLong(scratch, 0, v.longs[row]));
            case HUGEINT -> ascii(out, Int128.toBigInteger(v.highs[row], v.longs[row]).toString());
            case FLOAT -> writeFloat(out, v.floats[row], scratch);
            case DOUBLE -> writeDouble(out, v.doubles[row], scratch);
            case DECIMAL -> {
                if (v.physical == PhysicalType.INT64) out.writeBytes(scratch, 0, putDecimal(scratch, 0, v.longs[row], t.scale()));
                else ascii(out, decimal(v, row).toPlainString());
            }
            case VARCHAR, JSON -> out.writeBytes(v.heap, v.offsets[row], v.lengths[row]);
            case ENUM -> out.writeBytes(t.dictionary().labelBytes(v.ints[row]));
            case BLOB -> {
                out.writeByte('\\').writeByte('x');
                int off = v.offsets[row];
                for (int i = 0; i < v.lengths[row]; i++) {
                    int b = v.heap[off + i] & 0xff;
                    out.writeByte(HEX[b >>> 4]).writeByte(HEX[b & 15]);
                }
            }
            case DATE -> {
                int n = putDate(scratch, 0, v.ints[row]);
                if (n >= 0) out.writeBytes(scratch, 0, n);
                else ascii(out, date(v.ints[row]));
            }
            case TIME -> out.writeBytes(scratch, 0, putTimeOfDay(scratch, 0, v.longs[row]));
            case TIMESTAMP -> writeTimestamp(out, v.longs[row], scratch);
            case TIMESTAMP_TZ -> writeTimestampTz(out, v.longs[row], zone, scratch);
            case INTERVAL -> ascii(out, interval(v.ints[row], v.days[row], v.longs[row]));
            case UTINYINT -> out.writeBytes(scratch, 0, putLong(scratch, 0, v.shorts[row]));
            case USMALLINT -> out.writeBytes(scratch, 0, putLong(scratch, 0, v.ints[row]));
            case UINTEGER -> out.writeBytes(scratch, 0, putLong(scratch, 0, v.longs[row]));
            case TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> writeTimestamp(out, micros(t, v.longs[row]), scratch);
            case LIST, ARRAY -> {
                if (PgType.arrayOf(t.childType()) == 0) out.writeCharSequence(io.tealdb.function.cast.ValueFormatter.format(v, row, zone), StandardCharsets.UTF_8);
                else writeTextArray(v, row, out, zone, scratch);
            }
            default -> out.writeCharSequence(io.tealdb.function.cast.ValueFormatter.format(v, row, zone), StandardCharsets.UTF_8);
        }
    }

    /** TIMESTAMP_S/_MS/_NS values in microseconds (infinities kept). */
    private static long micros(LogicalType t, long v) {
        if (v == Long.MAX_VALUE || v == -Long.MAX_VALUE || v == Long.MIN_VALUE) return v;
        return switch (t.id()) {
            case TIMESTAMP_S -> v * DateTimeUtil.MICROS_PER_SECOND;
            case TIMESTAMP_MS -> v * 1000;
            case TIMESTAMP_NS -> Math.floorDiv(v, 1000);
            default -> v;
        };
    }

    /**
     * PostgreSQL's array text: {@code {1,2,NULL}}; an element is double-quoted (with {@code \"} and
     * {@code \\} escaped) when it is empty, is NULL's spelling, or holds a brace, comma, quote,
     * backslash or blank, as array_out does.
     */
    private static void writeTextArray(Vector v, int row, ByteBuf out, ZoneId zone, byte[] textScratch) {
        Vector child = v.child();
        int from = v.offsets[row];
        int n = v.lengths[row];
        out.writeByte('{');
        ByteBuf scratch = null;
        try {
            for (int i = 0; i < n; i++) {
                if (i > 0) out.writeByte(',');
                int e = from + i;
                if (child.isNull(e)) {
                    out.writeBytes(NULL_TEXT);
                    continue;
                }
                if (scratch == null) scratch = out.alloc().heapBuffer(32);
                scratch.clear();
                writeText(child, e, scratch, zone, textScratch);
                if (needsQuotes(scratch)) {
                    out.writeByte('"');
                    for (int k = scratch.readerIndex(); k < scratch.writerIndex(); k++) {
                        byte b = scratch.getByte(k);
                        if (b == '"' || b == '\\') out.writeByte('\\');
                        out.writeByte(b);
                    }
                    out.writeByte('"');
                } else {
                    out.writeBytes(scratch);
                }
            }
        } finally {
            if (scratch != null) scratch.release();
        }
        out.writeByte('}');
    }

    private static final byte[] NULL_TEXT = "NULL".getBytes(StandardCharsets.US_ASCII);

    private static boolean needsQuotes(ByteBuf text) {
        int n = text.readableBytes();
        if (n == 0) return true;
        if (n == 4 && text.toString(StandardCharsets.US_ASCII).equalsIgnoreCase("null")) return true;
        for (int k = text.readerIndex(); k < text.writerIndex(); k++) {
            byte b = text.getByte(k);
            if (b == '{' || b == '}' || b == ',' || b == '"' || b == '\\' || b == ' ' || b == '\t' || b == '\n' || b == '\r') return true;
        }
        return false;
    }

    /**
     * PostgreSQL's binary array: dimensions (0 for an empty array, else 1), a has-NULLs flag, the
     * element type, then size and lower bound 1, then each element as length + binary value.
     */
    private static void writeBinaryArray(Vector v, int row, ByteBuf out) {
        Vector child = v.child();
        int from = v.offsets[row];
        int n = v.lengths[row];
        boolean hasNull = false;
        for (int i = 0; i < n; i++) hasNull |= child.isNull(from + i);
        out.writeInt(n == 0 ? 0 : 1);
        out.writeInt(hasNull ? 1 : 0);
        out.writeInt(PgType.of(v.type.childType()).oid());
        if (n == 0) return;
        out.writeInt(n);
        out.writeInt(1);
        for (int i = 0; i < n; i++) write(child, from + i, true, out, java.time.ZoneOffset.UTC);
    }

    static void writeBinary(Vector v, int row, ByteBuf out) {
        LogicalType t = v.type;
        switch (t.id()) {
            case BOOLEAN -> out.writeByte(v.bytes[row] != 0 ? 1 : 0);
            case TINYINT -> out.writeShort(v.bytes[row]);
            case SMALLINT -> out.writeShort(v.shorts[row]);
            case INTEGER -> out.writeInt(v.ints[row]);
            case BIGINT -> out.writeLong(v.longs[row]);
            case HUGEINT -> writeNumeric(out, new BigDecimal(Int128.toBigInteger(v.highs[row], v.longs[row])));
            case FLOAT -> out.writeFloat(v.floats[row]);
            case DOUBLE -> out.writeDouble(v.doubles[row]);
            case DECIMAL -> {
                if (v.physical == PhysicalType.INT64 && t.scale() <= MAX_FAST_SCALE) writeNumeric(out, v.longs[row], t.scale());
                else writeNumeric(out, decimal(v, row));
            }
            case VARCHAR, JSON, BLOB -> out.writeBytes(v.heap, v.offsets[row], v.lengths[row]);
            // an enum is text to PostgreSQL clients (OID 25), so both formats send its label
            case ENUM -> out.writeBytes(t.dictionary().labelBytes(v.ints[row]));
            case DATE -> {
                int d = v.ints[row];
                out.writeInt(d == DateTimeUtil.DATE_POS_INF ? Integer.MAX_VALUE
                        : d == DateTimeUtil.DATE_NEG_INF ? Integer.MIN_VALUE : d - PG_EPOCH_DAYS);
            }
            case TIME -> out.writeLong(v.longs[row]);
            case TIMESTAMP -> {
                long m = v.longs[row];
                out.writeLong(m == DateTimeUtil.TS_POS_INF ? Long.MAX_VALUE
                        : m == DateTimeUtil.TS_NEG_INF ? Long.MIN_VALUE : m - PG_EPOCH_MICROS);
            }
            case INTERVAL -> {
                out.writeLong(v.longs[row]);
                out.writeInt(v.days[row]);
                out.writeInt(v.ints[row]);
            }
            case UTINYINT -> out.writeShort(v.shorts[row]);
            case USMALLINT -> out.writeInt(v.ints[row]);
            case UINTEGER -> out.writeInt((int) v.longs[row]); // oid: four bytes, unsigned
            case UBIGINT -> writeNumeric(out, new BigDecimal(Int128.toBigInteger(v.highs[row], v.longs[row])));
            case UHUGEINT -> writeNumeric(out, new BigDecimal(Int128.uhugeToBigInteger(v.highs[row], v.longs[row])));
            case UUID -> {
                out.writeLong(v.highs[row] ^ Long.MIN_VALUE); // stored with the top bit flipped (UuidText)
                out.writeLong(v.longs[row]);
            }
            case TIMESTAMP_TZ, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> {
                long m = micros(t, v.longs[row]);
                out.writeLong(m == DateTimeUtil.TS_POS_INF ? Long.MAX_VALUE
                        : m == DateTimeUtil.TS_NEG_INF ? Long.MIN_VALUE : m - PG_EPOCH_MICROS);
            }
            case TIME_TZ -> {
                // local time in microseconds, then the zone's offset in seconds WEST of UTC (PostgreSQL's sign)
                out.writeLong(io.tealdb.types.TimeZones.timeTzLocalMicros(v.longs[row]));
                out.writeInt(-io.tealdb.types.TimeZones.timeTzOffset(v.longs[row]));
            }
            case LIST, ARRAY -> {
                if (PgType.arrayOf(t.childType()) == 0) writeText(v, row, out, java.time.ZoneOffset.UTC);
                else writeBinaryArray(v, row, out);
            }
            default -> writeText(v, row, out, java.time.ZoneOffset.UTC);
        }
    }

    static BigDecimal decimal(Vector v, int row) {
        int scale = v.type.scale();
        return v.physical == PhysicalType.INT64 ? BigDecimal.valueOf(v.longs[row], scale)
                : new BigDecimal(Int128.toBigInteger(v.highs[row], v.longs[row]), scale);
    }

    private static void ascii(ByteBuf out, String s) {
        out.writeCharSequence(s, StandardCharsets.US_ASCII);
    }

    private static final byte[] MIN_LONG = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);

    // ---------------------------------------------------------------- text written straight into the buffer
    // (a result of a million rows formats a million values per column: no String or StringBuilder each)

    // Each put* writes into a byte array at {@code p} and returns the position after it; the bytes
    // then go to the buffer in one writeBytes (ByteBuf.setByte checks bounds and the reference count
    // on every call).

    /** {@code n} decimal digits of {@code v} (0 <= v < 10^n), zero-padded. */
    private static int putDigits(byte[] a, int p, long v, int n) {
        for (int i = p + n - 1; i >= p; i--) {
            a[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return p + n;
    }

    /** Decimal digits of {@code x}, with a minus sign when negative. */
    static int putLong(byte[] a, int p, long x) {
        if (x == Long.MIN_VALUE) {
            System.arraycopy(MIN_LONG, 0, a, p, MIN_LONG.length);
            return p + MIN_LONG.length;
        }
        if (x < 0) {
            a[p++] = '-';
            x = -x;
        }
        int digits = 1;
        for (long q = 10; digits < 19 && x >= q; q *= 10) digits++;
        return putDigits(a, p, x, digits);
    }

    /** {@code yyyy-mm-dd} of a day number for years 1 to 9999; -1 (nothing written) otherwise. */
    static int putDate(byte[] a, int p, long days) {
        if (days == DateTimeUtil.DATE_POS_INF || days == DateTimeUtil.DATE_NEG_INF) return -1;
        long c = DateTimeUtil.civil(days);
        long y = c >> 9;
        if (y < 1 || y > 9999) return -1;
        p = putDigits(a, p, y, 4);
        a[p++] = '-';
        p = putDigits(a, p, (c >> 5) & 15, 2);
        a[p++] = '-';
        return putDigits(a, p, c & 31, 2);
    }

    /** {@code hh:mm:ss[.ffffff]} with trailing fraction zeros trimmed, as PostgreSQL prints times. */
    static int putTimeOfDay(byte[] a, int p, long micros) {
        long secs = micros / DateTimeUtil.MICROS_PER_SECOND;
        p = putDigits(a, p, secs / 3600, secs >= 360_000 ? 3 : 2);
        a[p++] = ':';
        p = putDigits(a, p, secs / 60 % 60, 2);
        a[p++] = ':';
        p = putDigits(a, p, secs % 60, 2);
        long frac = micros % DateTimeUtil.MICROS_PER_SECOND;
        if (frac != 0) {
            a[p++] = '.';
            int n = 6;
            while (frac % 10 == 0) {
                frac /= 10;
                n--;
            }
            p = putDigits(a, p, frac, n);
        }
        return p;
    }

    static void writeTimestamp(ByteBuf out, long micros, byte[] a) {
        int p = micros == DateTimeUtil.TS_POS_INF || micros == DateTimeUtil.TS_NEG_INF ? -1 : putDate(a, 0, DateTimeUtil.timestampDays(micros));
        if (p < 0) {
            ascii(out, timestamp(micros));
            return;
        }
        a[p++] = ' ';
        out.writeBytes(a, 0, putTimeOfDay(a, p, DateTimeUtil.timestampTimeOfDay(micros)));
    }

    /** Local time in {@code zone}, then the offset: {@code +00}, {@code -04}, {@code +05:30}. */
    static void writeTimestampTz(ByteBuf out, long utcMicros, ZoneId zone, byte[] a) {
        if (utcMicros == DateTimeUtil.TS_POS_INF || utcMicros == DateTimeUtil.TS_NEG_INF) {
            ascii(out, timestamp(utcMicros));
            return;
        }
        int offset = zone instanceof java.time.ZoneOffset o ? o.getTotalSeconds() : io.tealdb.types.TimeZones.offsetSeconds(zone, utcMicros);
        long local = utcMicros + offset * DateTimeUtil.MICROS_PER_SECOND;
        int p = putDate(a, 0, DateTimeUtil.timestampDays(local));
        if (p < 0) {
            ascii(out, io.tealdb.types.TimeZones.formatTimestampTz(utcMicros, zone));
            return;
        }
        a[p++] = ' ';
        p = putTimeOfDay(a, p, DateTimeUtil.timestampTimeOfDay(local));
        int abs = Math.abs(offset);
        a[p++] = (byte) (offset < 0 ? '-' : '+');
        p = putDigits(a, p, abs / 3600, 2);
        if (abs % 3600 != 0) {
            a[p++] = ':';
            p = putDigits(a, p, abs / 60 % 60, 2);
            if (abs % 60 != 0) {
                a[p++] = ':';
                p = putDigits(a, p, abs % 60, 2);
            }
        }
        out.writeBytes(a, 0, p);
    }

    /** A DECIMAL stored as a long: the unscaled digits with the point {@code scale} places from the right. */
    static int putDecimal(byte[] a, int p, long unscaled, int scale) {
        if (scale == 0) return putLong(a, p, unscaled);
        if (unscaled == Long.MIN_VALUE) {
            byte[] s = BigDecimal.valueOf(unscaled, scale).toPlainString().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(s, 0, a, p, s.length);
            return p + s.length;
        }
        if (unscaled < 0) {
            a[p++] = '-';
            unscaled = -unscaled;
        }
        long pow = POW10[scale];
        p = putLong(a, p, unscaled / pow);
        a[p++] = '.';
        return putDigits(a, p, unscaled % pow, scale);
    }

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    /**
     * A double as PostgreSQL prints it. Java's shortest round-trip text is positional for
     * 1e-3 <= |d| < 1e7 ({@code 123.25}, {@code 100.0}): PostgreSQL's text is the same without a
     * trailing {@code .0}; other magnitudes go through {@link #formatDouble}.
     */
    static void writeDouble(ByteBuf out, double d, byte[] a) {
        double abs = Math.abs(d);
        if (abs >= 1e-3 && abs < 1e7) writeJavaPlain(out, Double.toString(d), a);
        else ascii(out, formatDouble(d));
    }

    static void writeFloat(ByteBuf out, float f, byte[] a) {
        float abs = Math.abs(f);
        if (abs >= 1e-3f && abs < 1e7f) writeJavaPlain(out, Float.toString(f), a);
        else ascii(out, formatFloat(f));
    }

    private static void writeJavaPlain(ByteBuf out, String s, byte[] a) {
        int n = s.length();
        if (n > 2 && s.charAt(n - 1) == '0' && s.charAt(n - 2) == '.') n -= 2;
        s.getBytes(0, n, a, 0); // ASCII digits, sign and point
        out.writeBytes(a, 0, n);
    }

    // ---------------------------------------------------------------- text forms that differ from DuckDB's

    /** PostgreSQL float8 output (extra_float_digits >= 1): shortest round-trip digits, exponent outside [1e-4, 1e15). */
    static String formatDouble(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        if (d == 0) return 1 / d < 0 ? "-0" : "0";
        return shortest(Double.toString(d));
    }

    static String formatFloat(float f) {
        if (Float.isNaN(f)) return "NaN";
        if (Float.isInfinite(f)) return f > 0 ? "Infinity" : "-Infinity";
        if (f == 0) return 1 / f < 0 ? "-0" : "0";
        return shortest(Float.toString(f));
    }

    /**
     * Rewrites Java's shortest round-trip text ({@code 1.25}, {@code 1.0E-5}, {@code 0.001}) in
     * PostgreSQL's layout: significant digits and a decimal exponent, then positional or
     * {@code d.ddde+XX} notation.
     */
    private static String shortest(String java) {
        boolean neg = java.charAt(0) == '-';
        int e = java.indexOf('E');
        int exp10 = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
        String mant = java.substring(neg ? 1 : 0, e < 0 ? java.length() : e);
        int dot = mant.indexOf('.');
        String digits = dot < 0 ? mant : mant.substring(0, dot) + mant.substring(dot + 1);
        int pointPos = dot < 0 ? mant.length() : dot; // digits before the point
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') lead++;
        int trail = digits.length();
        while (trail > lead + 1 && digits.charAt(trail - 1) == '0') trail--;
        int exp = pointPos - 1 - lead + exp10; // decimal exponent of the first significant digit
        digits = digits.substring(lead, trail);
        StringBuilder sb = new StringBuilder(24);
        if (neg) sb.append('-');
        if (exp >= -4 && exp < 15) {
            if (exp < 0) {
                sb.append("0.");
                for (int i = -1; i > exp; i--) sb.append('0');
                sb.append(digits);
            } else if (digits.length() <= exp + 1) {
                sb.append(digits);
                for (int i = digits.length(); i <= exp; i++) sb.append('0');
            } else {
                sb.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
            }
        } else {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
            sb.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) sb.append('0');
            sb.append(a);
        }
        return sb.toString();
    }

    static String date(int days) {
        String s = DateTimeUtil.formatDate(days);
        return s.endsWith(" (BC)") ? s.substring(0, s.length() - 5) + " BC" : s;
    }

    static String timestamp(long micros) {
        String s = DateTimeUtil.formatTimestamp(micros);
        int bc = s.indexOf(" (BC)");
        return bc < 0 ? s : s.substring(0, bc) + s.substring(bc + 5) + " BC";
    }

    /** PostgreSQL's {@code IntervalStyle=postgres}: {@code 1 year 2 mons 3 days 04:05:06.5}, {@code -1 days -00:00:01}. */
    static String interval(int months, int days, long micros) {
        StringBuilder sb = new StringBuilder(32);
        int years = months / 12;
        int mons = months % 12;
        if (years != 0) sb.append(years).append(years == 1 ? " year" : " years");
        if (mons != 0) sb.append(sb.isEmpty() ? "" : " ").append(mons).append(mons == 1 ? " mon" : " mons");
        if (days != 0) sb.append(sb.isEmpty() ? "" : " ").append(days).append(days == 1 ? " day" : " days");
        if (micros != 0 || sb.isEmpty()) {
            if (!sb.isEmpty()) sb.append(' ');
            if (micros < 0) {
                sb.append('-');
                micros = -micros;
            }
            DateTimeUtil.appendTime(sb, micros);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- numeric binary

    /** Scales up to which {@link #writeNumeric(ByteBuf, long, int)} pads the fraction within a long. */
    static final int MAX_FAST_SCALE = 15;

    /**
     * PostgreSQL's binary numeric of {@code unscaled / 10^scale} (scale <= {@link #MAX_FAST_SCALE})
     * with base-10000 digits taken from the long, without a BigDecimal or String per value.
     */
    static void writeNumeric(ByteBuf out, long unscaled, int scale) {
        if (unscaled == Long.MIN_VALUE) {
            writeNumeric(out, BigDecimal.valueOf(unscaled, scale));
            return;
        }
        long abs = Math.abs(unscaled);
        long pow = POW10[scale];
        long intPart = abs / pow;
        int fracGroups = (scale + 3) / 4;
        long frac = (abs % pow) * POW10[fracGroups * 4 - scale]; // < 10^16 for scale <= 15
        int intGroups = 0;
        for (long x = intPart; x != 0; x /= 10_000) intGroups++;
        short[] groups = new short[intGroups + fracGroups]; // at most 5 + 4: integer groups, then fraction groups
        long x = intPart;
        for (int i = intGroups - 1; i >= 0; i--, x /= 10_000) groups[i] = (short) (x % 10_000);
        for (int i = groups.length - 1; i >= intGroups; i--, frac /= 10_000) groups[i] = (short) (frac % 10_000);
        int first = 0;
        while (first < groups.length && groups[first] == 0) first++;
        int last = groups.length - 1;
        while (last >= first && groups[last] == 0) last--;
        int ndigits = last - first + 1;
        out.writeShort(ndigits);
        out.writeShort(ndigits == 0 ? 0 : intGroups - 1 - first);
        out.writeShort(unscaled < 0 ? 0x4000 : 0);
        out.writeShort(scale);
        for (int i = first; i <= last; i++) out.writeShort(groups[i]);
    }

    /** PostgreSQL's binary numeric: ndigits, weight, sign, dscale, base-10000 digits. */
    static void writeNumeric(ByteBuf out, BigDecimal value) {
        int dscale = Math.max(value.scale(), 0);
        String plain = value.abs().setScale(dscale).toPlainString();
        int dot = plain.indexOf('.');
        String intPart = dot < 0 ? plain : plain.substring(0, dot);
        String frac = dot < 0 ? "" : plain.substring(dot + 1);
        if (intPart.equals("0")) intPart = "";
        int intPad = (4 - intPart.length() % 4) % 4;
        int fracPad = (4 - frac.length() % 4) % 4;
        String all = "0".repeat(intPad) + intPart + frac + "0".repeat(fracPad);
        int intGroups = (intPad + intPart.length()) / 4;
        int n = all.length() / 4;
        short[] groups = new short[n];
        for (int i = 0; i < n; i++) groups[i] = Short.parseShort(all.substring(i * 4, i * 4 + 4));
        int first = 0;
        while (first < n && groups[first] == 0) first++;
        int last = n - 1;
        while (last >= first && groups[last] == 0) last--;
        int ndigits = last - first + 1;
        int weight = ndigits == 0 ? 0 : intGroups - 1 - first;
        out.writeShort(ndigits);
        out.writeShort(weight);
        out.writeShort(value.signum() < 0 ? 0x4000 : 0);
        out.writeShort(dscale);
        for (int i = first; i <= last; i++) out.writeShort(groups[i]);
    }

    static BigDecimal readNumeric(MessageReader r) {
        int ndigits = r.int16();
        int weight = r.int16();
        int sign = r.int16() & 0xffff;
        int dscale = r.int16();
        if (sign == 0xC000) throw new PgError.Failure("22P03", "NaN is not supported for DECIMAL parameters");
        if (sign == 0xD000 || sign == 0xF000) throw new PgError.Failure("22P03", "infinity is not supported for DECIMAL parameters");
        BigInteger unscaled = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(10_000);
        for (int i = 0; i < ndigits; i++) unscaled = unscaled.multiply(base).add(BigInteger.valueOf(r.int16()));
        // value = unscaled * 10000^(weight - ndigits + 1)
        BigDecimal v = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - ndigits + 1));
        if (sign == 0x4000) v = v.negate();
        return v.setScale(dscale, java.math.RoundingMode.UNNECESSARY);
    }
}
