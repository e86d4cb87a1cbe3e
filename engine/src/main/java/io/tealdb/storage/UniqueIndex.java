package io.tealdb.storage;

import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Vector;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * Hash index of a PRIMARY KEY or UNIQUE constraint: key → row id of the row that currently holds
 * it (used only for constraint checks, not for lookups by queries). A single integer-like column
 * uses a primitive {@link LongKeyMap}; other keys are encoded to bytes. Rows with a NULL in a key
 * column are not indexed (SQL: NULLs never collide). Accessed under the table's lock.
 */
final class UniqueIndex {
    final int[] columns;
    final boolean primary;
    private final Keys keys;

    /** The shared key map; ALTERs that shift column positions wrap the same map. */
    private static final class Keys {
        final LongKeyMap longs;
        final HashMap<ByteKey, Long> other;

        Keys(boolean longKeys) {
            longs = longKeys ? new LongKeyMap() : null;
            other = longKeys ? null : new HashMap<>();
        }
    }

    private record ByteKey(byte[] bytes, int hash) {
        ByteKey(byte[] bytes) {
            this(bytes, Arrays.hashCode(bytes));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ByteKey k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    UniqueIndex(int[] columns, boolean primary, List<LogicalType> types) {
        this.columns = columns;
        this.primary = primary;
        boolean longKeys = columns.length == 1 && switch (types.get(columns[0]).physical()) {
            case BOOL, INT8, INT16, INT32, INT64 -> true;
            default -> false;
        };
        this.keys = new Keys(longKeys);
    }

    private UniqueIndex(int[] columns, boolean primary, Keys keys) {
        this.columns = columns;
        this.primary = primary;
        this.keys = keys;
    }

    /** The same index after column positions moved. */
    UniqueIndex withColumns(int[] newColumns) {
        return new UniqueIndex(newColumns, primary, keys);
    }

    boolean isLongKeyed() {
        return keys.longs != null;
    }

    // ------------------------------------------------------------------ keys of rows held in vectors

    /** True when a key column of row {@code row} is NULL (the row is not indexed). */
    boolean hasNull(Vector[] cols, int row) {
        for (int c : columns) {
            if (cols[c].isNull(row)) {
                return true;
            }
        }
        return false;
    }

    static long longKey(Vector v, int row) {
        return switch (v.physical) {
            case BOOL, INT8 -> v.bytes[row];
            case INT16 -> v.shorts[row];
            case INT32 -> v.ints[row];
            case INT64 -> v.longs[row];
            default -> throw new IllegalStateException("not an integer key: " + v.physical);
        };
    }

    private ByteKey byteKey(Vector[] cols, int row) {
        int size = 0;
        for (int c : columns) {
            Vector v = cols[c];
            size += v.physical == PhysicalType.VARLEN ? 4 + v.lengths[row] : 24;
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        for (int c : columns) {
            Vector v = cols[c];
            switch (v.physical) {
                case BOOL, INT8 -> buf.putLong(v.bytes[row]);
                case INT16 -> buf.putLong(v.shorts[row]);
                case INT32 -> buf.putLong(v.ints[row]);
                case INT64 -> buf.putLong(v.longs[row]);
                case INT128 -> buf.putLong(v.longs[row]).putLong(v.highs[row]);
                case FLOAT -> buf.putLong(Double.doubleToLongBits(v.floats[row] == 0f ? 0d : v.floats[row]));
                case DOUBLE -> buf.putLong(Double.doubleToLongBits(v.doubles[row] == 0d ? 0d : v.doubles[row]));
                case VARLEN -> buf.putInt(v.lengths[row]).put(v.heap, v.offsets[row], v.lengths[row]);
                case INTERVAL -> buf.putInt(v.ints[row]).putInt(v.days[row]).putLong(v.longs[row]);
            }
        }
        return new ByteKey(Arrays.copyOf(buf.array(), buf.position()));
    }

    /** Row id holding the key of {@code cols[.][row]}, or -1. */
    long get(Vector[] cols, int row) {
        if (keys.longs != null) {
            return keys.longs.get(longKey(cols[columns[0]], row));
        }
        Long r = keys.other.get(byteKey(cols, row));
        return r == null ? -1 : r;
    }

    /** Maps the key of {@code cols[.][row]} to {@code rowId}; returns the previous row id or -1. */
    long put(Vector[] cols, int row, long rowId) {
        if (keys.longs != null) {
            return keys.longs.put(longKey(cols[columns[0]], row), rowId);
        }
        Long prev = keys.other.put(byteKey(cols, row), rowId);
        return prev == null ? -1 : prev;
    }

    /** Removes the key of {@code cols[.][row]} if it maps to {@code rowId}. */
    void remove(Vector[] cols, int row, long rowId) {
        if (keys.longs != null) {
            keys.longs.remove(longKey(cols[columns[0]], row), rowId);
            return;
        }
        keys.other.remove(byteKey(cols, row), rowId);
    }

    /** A per-chunk set of keys, to find duplicates inside one batch. */
    Object newBatchSet() {
        return keys.longs != null ? new LongKeyMap() : new HashMap<ByteKey, Long>();
    }

    /** Adds the key to the batch set; returns the batch row that already had it, or -1. */
    @SuppressWarnings("unchecked")
    long addToBatch(Object batch, Vector[] cols, int row) {
        if (batch instanceof LongKeyMap m) {
            return m.put(longKey(cols[columns[0]], row), row);
        }
        Long prev = ((HashMap<ByteKey, Long>) batch).putIfAbsent(byteKey(cols, row), (long) row);
        return prev == null ? -1 : prev;
    }

    // ------------------------------------------------------------------ messages

    /** {@code a: 1, b: x} as in DuckDB's "Duplicate key" message. */
    String describeKey(Vector[] cols, int row, List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(names.get(columns[i])).append(": ").append(format(cols[columns[i]], row));
        }
        return sb.toString();
    }

    /** {@code 1, x}: values only, for duplicates inside one statement. */
    String describeValues(Vector[] cols, int row) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(format(cols[columns[i]], row));
        }
        return sb.toString();
    }

    static String format(Vector v, int row) {
        if (v.isNull(row)) {
            return "NULL";
        }
        if (v.type.id() == TypeId.DATE) {
            return LocalDate.ofEpochDay(v.ints[row]).toString();
        }
        Object o = v.getObject(row);
        return o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.ISO_8859_1) : String.valueOf(o);
    }
}
