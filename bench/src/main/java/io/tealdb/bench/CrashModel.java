package io.tealdb.bench;

import java.util.TreeMap;

/** What the database of {@link CrashWorker} holds after its first n operations. */
public final class CrashModel {
    static final int APPEND_ROWS = 700;
    /** Rows of a bulk insert into {@code big}: more than a row group, which the transaction writes to the file before its commit. */
    static final int BULK_ROWS = 130_000;

    enum Kind { INSERT, UPDATE, DELETE, APPEND, CREATE, DROP }

    final TreeMap<Long, Long> rows = new TreeMap<>();
    final TreeMap<Long, Long> tables = new TreeMap<>();
    long bigCount;
    long bigSumV;
    long applied;

    /** Whether operation i (an UPDATE) also bulk-inserts {@link #BULK_ROWS} rows into {@code big}, in the same transaction. */
    static boolean bulk(long i) {
        return i % 36 == 4;
    }

    static Kind kind(long i) {
        return switch ((int) (i % 12)) {
            case 0, 1, 2, 3 -> Kind.INSERT;
            case 4, 8, 11 -> Kind.UPDATE;
            case 5, 9 -> Kind.DELETE;
            case 6 -> Kind.APPEND;
            case 7 -> Kind.CREATE;
            default -> Kind.DROP;
        };
    }

    static long insertCount(long i) {
        return 1 + i % 40;
    }

    static long dropTarget(long i) {
        return i - 27; // i ≡ 10 (mod 12): the table created two cycles and three operations earlier
    }

    void advanceTo(long n) {
        while (applied < n) {
            apply(++applied);
        }
    }

    private void apply(long i) {
        switch (kind(i)) {
            case INSERT -> {
                for (long r = 0; r < insertCount(i); r++) rows.put(i * 1000 + r, i);
            }
            case UPDATE -> {
                rows.replaceAll((k, v) -> k % 97 == i % 97 ? v + 1 : v);
                if (bulk(i)) {
                    bigCount += BULK_ROWS;
                    bigSumV += i * BULK_ROWS;
                }
            }
            case DELETE -> rows.entrySet().removeIf(e -> e.getKey() % 89 == i % 89 && e.getValue() < i - 50);
            case APPEND -> {
                for (long r = 0; r < APPEND_ROWS; r++) rows.put(i * 1000 + r, -i);
            }
            case CREATE -> tables.put(i, i % 300);
            case DROP -> tables.remove(dropTarget(i));
        }
    }

    long count() {
        return rows.size();
    }

    long sumK() {
        long s = 0;
        for (long k : rows.keySet()) s += k;
        return s;
    }

    long sumV() {
        long s = 0;
        for (long v : rows.values()) s += v;
        return s;
    }
}
