package io.tealdb.execution.operator;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.execution.SortKey;
import io.tealdb.execution.expression.ExpressionExecutor;
import io.tealdb.execution.expression.PhysicalExpr;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;

/**
 * Thread-local accumulation of rows to sort: copies input rows (payload columns, plus computed key
 * columns for keys that are not plain column references) into full chunks, and turns them into a
 * {@link SortedRun}.
 */
final class SortBuffer {
    /** Shared, immutable description of the sort layout. */
    static final class Layout {
        final List<LogicalType> payloadTypes;
        final List<LogicalType> storedTypes;
        final List<PhysicalExpr> computedKeys;
        final int[] keyColumns;
        final boolean[] ascending;
        final boolean[] nullsFirst;
        final SortKeyEncoder encoder;

        Layout(List<LogicalType> payloadTypes, List<SortKey> keys) {
            this.payloadTypes = payloadTypes;
            List<LogicalType> stored = new ArrayList<>(payloadTypes);
            List<PhysicalExpr> computed = new ArrayList<>();
            keyColumns = new int[keys.size()];
            ascending = new boolean[keys.size()];
            nullsFirst = new boolean[keys.size()];
            List<PhysicalType> keyTypes = new ArrayList<>();
            for (int k = 0; k < keys.size(); k++) {
                SortKey key = keys.get(k);
                if (key.expr() instanceof PhysicalExpr.ColumnRef c) {
                    keyColumns[k] = c.index();
                } else {
                    keyColumns[k] = stored.size();
                    stored.add(key.expr().type());
                    computed.add(key.expr());
                }
                ascending[k] = key.ascending();
                nullsFirst[k] = key.nullsFirst();
                keyTypes.add(key.expr().type().physical());
            }
            storedTypes = stored;
            computedKeys = computed;
            encoder = new SortKeyEncoder(keyTypes, ascending, nullsFirst);
        }
    }

    private final Layout layout;
    private final ExpressionExecutor keyExecutor;
    private final List<DataChunk> chunks = new ArrayList<>();
    private DataChunk current;
    private int rows;

    SortBuffer(Layout layout, ExecutionContext ctx) {
        this.layout = layout;
        this.keyExecutor = layout.computedKeys.isEmpty() ? null : new ExpressionExecutor(ctx, layout.computedKeys);
    }

    int rows() {
        return rows;
    }

    void append(DataChunk input) {
        int n = input.size();
        int payload = layout.payloadTypes.size();
        Vector[] computed = null;
        if (keyExecutor != null) {
            computed = new Vector[keyExecutor.size()];
            for (int i = 0; i < computed.length; i++) computed[i] = keyExecutor.execute(i, input);
        }
        int at = 0;
        while (at < n) {
            if (current == null || current.size() == DataChunk.CAPACITY) {
                current = new DataChunk(layout.storedTypes);
                chunks.add(current);
            }
            int take = Math.min(DataChunk.CAPACITY - current.size(), n - at);
            int dst = current.size();
            for (int c = 0; c < payload; c++) current.column(c).copyFrom(input.column(c), null, at, take, dst);
            if (computed != null) {
                for (int i = 0; i < computed.length; i++) current.column(payload + i).copyFrom(computed[i], null, at, take, dst);
            }
            current.setSize(dst + take);
            at += take;
            rows += take;
        }
    }

    /** Adds already stored rows (same layout) — used by top-n to keep its best rows. */
    void appendStored(DataChunk stored) {
        int n = stored.size();
        int at = 0;
        while (at < n) {
            if (current == null || current.size() == DataChunk.CAPACITY) {
                current = new DataChunk(layout.storedTypes);
                chunks.add(current);
            }
            int take = Math.min(DataChunk.CAPACITY - current.size(), n - at);
            int dst = current.size();
            for (int c = 0; c < layout.storedTypes.size(); c++) current.column(c).copyFrom(stored.column(c), null, at, take, dst);
            current.setSize(dst + take);
            at += take;
            rows += take;
        }
    }

    /** Encodes keys and sorts; the buffer is empty afterwards. */
    SortedRun toSortedRun() {
        SortKeyEncoder enc = layout.encoder;
        int words = enc.words();
        long[] keys = new long[Math.max(1, rows) * words];
        byte[] scratch = new byte[DataChunk.CAPACITY * words * 8];
        Vector[] keyVectors = new Vector[layout.keyColumns.length];
        int row = 0;
        for (DataChunk c : chunks) {
            // tens of millions of rows take a second to encode: a cancel must reach it
            if ((row & 0x3FFFF) < DataChunk.CAPACITY) io.tealdb.execution.Cancellation.check();
            for (int k = 0; k < keyVectors.length; k++) keyVectors[k] = c.column(layout.keyColumns[k]);
            enc.encode(keyVectors, c.size(), keys, row, scratch);
            row += c.size();
        }
        SortedRun run = new SortedRun(new ArrayList<>(chunks), rows, keys, words, layout.keyColumns, layout.ascending,
                layout.nullsFirst, enc.needsTiebreak());
        run.sort();
        chunks.clear();
        current = null;
        rows = 0;
        return run;
    }
}
