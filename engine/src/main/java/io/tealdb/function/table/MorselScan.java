package io.tealdb.function.table;

import io.tealdb.function.TableFunction;
import io.tealdb.vector.DataChunk;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A {@link TableFunction.ParallelScan} over a fixed number of morsels (a file's row groups, whole
 * files): each worker thread claims the next morsel index and reads it through its own
 * {@link Cursor}, chunk by chunk; the serial path shares one cursor under a lock. Morsels are
 * claimed in index order, which is the source's order, and a chunk is tagged with its morsel.
 */
final class MorselScan implements TableFunction.ParallelScan {
    /** One thread's reader: positioned on one morsel at a time. */
    interface Cursor {
        void start(int morsel);

        /** Fills {@code out} with the next rows of the current morsel; false when it has none left. */
        boolean next(DataChunk out);

        /** Releases what the current morsel holds (when it is read to the end, and on close). */
        void finish();
    }

    private static final class Local {
        final Cursor cursor;
        int morsel = -1;

        Local(Cursor cursor) {
            this.cursor = cursor;
        }
    }

    private final int morsels;
    private final Supplier<? extends Cursor> cursors;
    private final AtomicInteger next = new AtomicInteger();
    private final Local serial;

    MorselScan(int morsels, Supplier<? extends Cursor> cursors) {
        this.morsels = morsels;
        this.cursors = cursors;
        this.serial = new Local(cursors.get());
    }

    @Override
    public int maxThreads() {
        return Math.max(1, morsels);
    }

    @Override
    public Object newLocalState() {
        return new Local(cursors.get());
    }

    @Override
    public long nextMorsel(DataChunk out) {
        synchronized (serial) {
            return nextMorsel(out, serial);
        }
    }

    @Override
    public long nextMorsel(DataChunk out, Object localState) {
        Local l = (Local) localState;
        while (true) {
            if (l.morsel < 0) {
                int m = next.getAndIncrement();
                if (m >= morsels) return -1;
                l.cursor.start(m);
                l.morsel = m;
            }
            if (l.cursor.next(out)) return l.morsel;
            l.cursor.finish();
            l.morsel = -1;
            out.reset();
        }
    }

    @Override
    public void close() {
        serial.cursor.finish();
    }
}
