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
 * Hash index of a PRIMARY KEY or UNIQUE constraint: key → the row ids of the rows that hold it
 * (used only for constraint checks, not for lookups by queries). A single integer-like column
 * uses a primitive {@link LongKeyMap}; other keys are encoded to bytes. Rows with a NULL in a key
 * column are not indexed (SQL: NULLs never collide). Accessed under the table's lock.
 *
 * <p>Usually one row holds a key. More do while they cannot all be alive: a row deleted by a
 * transaction that may still roll back and the row that replaced it, the old and the new key of a
 * row whose key an uncommitted UPDATE changed, and rows that concurrent transactions inserted
 * with the same key before either committed (DuckDB's optimistic check: each keeps its row in its
 * own snapshot, and the first to commit wins; see {@code ColumnDataTable#verifyKeys}). The first
 * holder sits in the primitive map; further ones in {@link Keys#more}, a small map that is empty
 * when no key has a second holder, so the common path never looks there.
 */
final class UniqueIndex {
    final int[] columns;
    final boolean primary;
    private final Keys keys;

    /** The shared key map; ALTERs that shift column positions wrap the same map. */
    private static final class Keys {
        final LongKeyMap longs;
        final HashMap<ByteKey, Long> other;
        /** Holders after the first, per key (a {@code Long} or a {@link ByteKey}); multiset (a row may appear twice). */
        final HashMap<Object, long[]> more = new HashMap<>();

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

    /** The first row id holding the key of {@code cols[.][row]}, or -1. */
    long get(Vector[] cols, int row) {
        if (keys.longs != null) {
            return keys.longs.get(longKey(cols[columns[0]], row));
        }
        Long r = keys.other.get(byteKey(cols, row));
        return r == null ? -1 : r;
    }

    /** The holders of the key after the first ({@link #get}), or null when there are none. */
    long[] others(Vector[] cols, int row) {
        return keys.more.isEmpty() ? null : keys.more.get(keyObject(cols, row));
    }

    private Object keyObject(Vector[] cols, int row) {
        return keys.longs != null ? (Object) longKey(cols[columns[0]], row) : byteKey(cols, row);
    }

    /**
     * Makes {@code rowId} the only holder of the key of {@code cols[.][row]} (loading a database
     * file, replaying its log: one committed row per key); returns the previous first holder or -1.
     */
    long put(Vector[] cols, int row, long rowId) {
        if (keys.longs != null) {
            return keys.longs.put(longKey(cols[columns[0]], row), rowId);
        }
        Long prev = keys.other.put(byteKey(cols, row), rowId);
        return prev == null ? -1 : prev;
    }

    /** Adds {@code rowId} to the holders of the key of {@code cols[.][row]}. */
    void add(Vector[] cols, int row, long rowId) {
        if (keys.longs != null) {
            long k = longKey(cols[columns[0]], row);
            if (keys.longs.putIfAbsent(k, rowId) >= 0) {
                addMore(k, rowId);
            }
            return;
        }
        ByteKey k = byteKey(cols, row);
        if (keys.other.putIfAbsent(k, rowId) != null) {
            addMore(k, rowId);
        }
    }

    private void addMore(Object key, long rowId) {
        long[] m = keys.more.get(key);
        if (m == null) {
            m = new long[] {rowId};
        } else {
            m = Arrays.copyOf(m, m.length + 1);
            m[m.length - 1] = rowId;
        }
        keys.more.put(key, m);
    }

    /** Removes one occurrence of {@code rowId} from the holders of the key of {@code cols[.][row]}. */
    void remove(Vector[] cols, int row, long rowId) {
        Object key = keyObject(cols, row);
        long[] m = keys.more.isEmpty() ? null : keys.more.get(key);
        long first = keys.longs != null ? keys.longs.get((Long) key) : keys.other.getOrDefault((ByteKey) key, -1L);
        if (first == rowId) {
            if (m == null) {
                if (keys.longs != null) keys.longs.remove((Long) key, rowId);
                else keys.other.remove((ByteKey) key);
                return;
            }
            // the next holder becomes the first
            if (keys.longs != null) keys.longs.put((Long) key, m[0]);
            else keys.other.put((ByteKey) key, m[0]);
            setMore(key, m, 0);
            return;
        }
        if (m != null) {
            for (int i = 0; i < m.length; i++) {
                if (m[i] == rowId) {
                    setMore(key, m, i);
                    return;
                }
            }
        }
    }

    private void setMore(Object key, long[] m, int without) {
        if (m.length == 1) {
            keys.more.remove(key);
            return;
        }
        long[] n = new long[m.length - 1];
        System.arraycopy(m, 0, n, 0, without);
        System.arraycopy(m, without + 1, n, without, m.length - without - 1);
        keys.more.put(key, n);
    }

    /** A key with more than one holder: the key (as {@link #hasKey} takes it) and its holders, first holder first. */
    record Contested(Object key, long[] holders) {
    }

    /** Every key with more than one holder; empty (and free) when there is none. */
    List<Contested> contested() {
        if (keys.more.isEmpty()) {
            return List.of();
        }
        List<Contested> out = new java.util.ArrayList<>(keys.more.size());
        for (var e : keys.more.entrySet()) {
            Object key = e.getKey();
            long first = keys.longs != null ? keys.longs.get((Long) key) : keys.other.getOrDefault((ByteKey) key, -1L);
            long[] m = e.getValue();
            long[] all = new long[m.length + 1];
            all[0] = first;
            System.arraycopy(m, 0, all, 1, m.length);
            out.add(new Contested(key, all));
        }
        return out;
    }

    /** True when row {@code ra} of {@code a} has the key {@code key} (from {@link #contested}). */
    boolean hasKey(Vector[] a, int ra, Object key) {
        return keyObject(a, ra).equals(key);
    }

    /** True when row {@code ra} of {@code a} and row {@code rb} of {@code b} have the same key. */
    boolean sameKey(Vector[] a, int ra, Vector[] b, int rb) {
        if (keys.longs != null) {
            return longKey(a[columns[0]], ra) == longKey(b[columns[0]], rb);
        }
        return byteKey(a, ra).equals(byteKey(b, rb));
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
