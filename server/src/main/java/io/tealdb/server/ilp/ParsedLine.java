package io.tealdb.server.ilp;

/**
 * One decoded line, reused for every line of a stream (nothing is allocated per line or value): the
 * table name, the tags and fields as (kind, name slice, value) entries, and the designated
 * timestamp. A slice points into the input buffer, or into {@link #scratch} when the text had
 * escapes that had to be removed.
 */
final class ParsedLine {
    // entry kinds, also the "protocol types" of QuestDB's cast errors
    static final byte TAG = 1, LONG = 2, DOUBLE = 3, STRING = 4, BOOL = 5, TIMESTAMP = 6, NULL = 7, ARRAY = 8;
    // timestamp units
    static final byte UNIT_BARE = 0, UNIT_NANOS = 1, UNIT_MICROS = 2, UNIT_MILLIS = 3;

    byte[] input;
    byte[] scratch = new byte[256];
    int scratchUsed;

    int tableOff, tableLen;
    boolean tableInScratch;

    int count;
    byte[] kind = new byte[16];
    int[] nameOff = new int[16], nameLen = new int[16];
    boolean[] nameInScratch = new boolean[16];
    /** LONG, BOOL (0/1), TIMESTAMP values; for ARRAY the offset in the input of its dimension lengths. */
    long[] longs = new long[16];
    double[] doubles = new double[16];
    /** STRING and TAG value slices; for ARRAY the number of dimensions in valLen. */
    int[] valOff = new int[16], valLen = new int[16];
    boolean[] valInScratch = new boolean[16];
    /** TIMESTAMP fields: their unit. */
    byte[] unit = new byte[16];

    boolean hasTimestamp;
    long timestamp;
    byte timestampUnit;

    void reset(byte[] in) {
        input = in;
        scratchUsed = 0;
        count = 0;
        hasTimestamp = false;
    }

    int add(byte k, int nOff, int nLen, boolean nScratch) {
        if (count == kind.length) grow();
        int i = count++;
        kind[i] = k;
        nameOff[i] = nOff;
        nameLen[i] = nLen;
        nameInScratch[i] = nScratch;
        valInScratch[i] = false;
        return i;
    }

    byte[] nameBytes(int i) {
        return nameInScratch[i] ? scratch : input;
    }

    byte[] valueBytes(int i) {
        return valInScratch[i] ? scratch : input;
    }

    byte[] tableBytes() {
        return tableInScratch ? scratch : input;
    }

    String tableName() {
        return new String(tableBytes(), tableOff, tableLen, java.nio.charset.StandardCharsets.UTF_8);
    }

    String name(int i) {
        return new String(nameBytes(i), nameOff[i], nameLen[i], java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Makes room for n more scratch bytes. */
    void ensureScratch(int n) {
        if (scratchUsed + n > scratch.length) {
            scratch = java.util.Arrays.copyOf(scratch, Math.max(scratch.length * 2, scratchUsed + n));
        }
    }

    private void grow() {
        int n = kind.length * 2;
        kind = java.util.Arrays.copyOf(kind, n);
        nameOff = java.util.Arrays.copyOf(nameOff, n);
        nameLen = java.util.Arrays.copyOf(nameLen, n);
        nameInScratch = java.util.Arrays.copyOf(nameInScratch, n);
        longs = java.util.Arrays.copyOf(longs, n);
        doubles = java.util.Arrays.copyOf(doubles, n);
        valOff = java.util.Arrays.copyOf(valOff, n);
        valLen = java.util.Arrays.copyOf(valLen, n);
        valInScratch = java.util.Arrays.copyOf(valInScratch, n);
        unit = java.util.Arrays.copyOf(unit, n);
    }

    static String protocolTypeName(byte k) {
        return switch (k) {
            case TAG -> "SYMBOL";
            case LONG -> "LONG";
            case DOUBLE -> "DOUBLE";
            case STRING -> "STRING";
            case BOOL -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMP";
            case ARRAY -> "ARRAY";
            default -> "NULL";
        };
    }
}
