package io.tealdb.types;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The ordered labels of an ENUM type. A value of the type is its label's position (its code), so
 * integer order is enum order. Also holds what kernels need per row without a String per value: each
 * label's UTF-8 bytes, and an open-addressing table from label bytes to code.
 */
public final class EnumDictionary {
    /** Beyond this DuckDB's codes stop being UINTEGER; TealDB keeps codes in an int. */
    public static final int MAX_SIZE = Integer.MAX_VALUE / 4;

    private final List<String> labels;
    private final byte[][] utf8;
    /** code + 1 per slot, 0 = empty; size a power of two at least twice the label count. */
    private final int[] slots;
    private final int hash;
    /** All labels' bytes back to back, so ENUM → VARCHAR points a vector into it (Vector.borrowHeap). */
    private final byte[] heap;
    private final int[] heapOffsets;

    public EnumDictionary(List<String> labels) {
        this.labels = List.copyOf(labels);
        if (this.labels.size() > MAX_SIZE) throw new IllegalArgumentException("ENUM with too many values: " + labels.size());
        utf8 = new byte[this.labels.size()][];
        int cap = Integer.highestOneBit(Math.max(4, this.labels.size() * 2 + 1)) << 1;
        slots = new int[cap];
        for (int i = 0; i < utf8.length; i++) {
            utf8[i] = this.labels.get(i).getBytes(StandardCharsets.UTF_8);
            int s = hashBytes(utf8[i], 0, utf8[i].length) & (cap - 1);
            while (slots[s] != 0) {
                if (Arrays.equals(utf8[slots[s] - 1], utf8[i])) {
                    throw new IllegalArgumentException("Attempted to create ENUM type with duplicate value " + this.labels.get(i));
                }
                s = (s + 1) & (cap - 1);
            }
            slots[s] = i + 1;
        }
        hash = this.labels.hashCode();
        heapOffsets = new int[utf8.length];
        int total = 0;
        for (int i = 0; i < utf8.length; i++) {
            heapOffsets[i] = total;
            total += utf8[i].length;
        }
        heap = new byte[total];
        for (int i = 0; i < utf8.length; i++) System.arraycopy(utf8[i], 0, heap, heapOffsets[i], utf8[i].length);
    }

    /** The labels' bytes back to back (shared: read only); label {@code code} starts at {@link #heapOffset}. */
    public byte[] heap() {
        return heap;
    }

    public int heapOffset(int code) {
        return heapOffsets[code];
    }

    public List<String> labels() {
        return labels;
    }

    public int size() {
        return labels.size();
    }

    public String label(int code) {
        return labels.get(code);
    }

    /** The UTF-8 bytes of a label (shared: do not modify). */
    public byte[] labelBytes(int code) {
        return utf8[code];
    }

    /** The code of the label spelled by {@code b[off, off+len)}, or -1 when the enum has no such label. */
    public int code(byte[] b, int off, int len) {
        int mask = slots.length - 1;
        int s = hashBytes(b, off, len) & mask;
        while (slots[s] != 0) {
            byte[] l = utf8[slots[s] - 1];
            if (Arrays.equals(l, 0, l.length, b, off, off + len)) return slots[s] - 1;
            s = (s + 1) & mask;
        }
        return -1;
    }

    public int code(String label) {
        byte[] b = label.getBytes(StandardCharsets.UTF_8);
        return code(b, 0, b.length);
    }

    private static int hashBytes(byte[] b, int off, int len) {
        int h = 0x9E3779B9;
        for (int i = off; i < off + len; i++) h = (h ^ b[i]) * 0x01000193;
        return h ^ (h >>> 15);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnumDictionary d && d.hash == hash && d.labels.equals(labels);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /**
     * Reads {@link #toString()}'s spelling back ({@code ENUM('a', 'it''s')}), for interchange formats
     * that carry the type as text; null when {@code text} is not that spelling.
     */
    public static EnumDictionary parse(String text) {
        if (text == null || !text.startsWith("ENUM(") || !text.endsWith(")")) return null;
        List<String> labels = new java.util.ArrayList<>();
        int i = 5;
        int end = text.length() - 1;
        while (i < end) {
            if (text.charAt(i) != '\'') return null;
            StringBuilder sb = new StringBuilder();
            i++;
            while (true) {
                if (i >= end) return null;
                char c = text.charAt(i++);
                if (c == '\'') {
                    if (i < end && text.charAt(i) == '\'') {
                        sb.append('\'');
                        i++;
                        continue;
                    }
                    break;
                }
                sb.append(c);
            }
            labels.add(sb.toString());
            if (i < end) {
                if (!text.startsWith(", ", i)) return null;
                i += 2;
            }
        }
        try {
            return new EnumDictionary(labels);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** DuckDB's spelling: {@code ENUM('sad', 'ok')}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ENUM(");
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append('\'').append(labels.get(i).replace("'", "''")).append('\'');
        }
        return sb.append(')').toString();
    }
}
