package io.tealdb.execution.operator;

import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.List;

/**
 * The rows a filtering operator keeps, written to its output chunk: the input's vectors themselves
 * when every row survives, else a copy of the selected rows into vectors the operator owns (a
 * {@link io.tealdb.execution.StreamingOperator} must not write into vectors it aliased earlier).
 * One per operator and thread; the owned vectors are allocated on first use, as large as needed.
 */
final class SelectedRows {
    private final List<LogicalType> types;
    private final Vector[] own;
    private int[] sel = new int[DataChunk.CAPACITY];

    SelectedRows(List<LogicalType> types) {
        this.types = types;
        this.own = new Vector[types.size()];
    }

    /** A selection array for an input of {@code n} rows. */
    int[] selection(int n) {
        if (sel.length < n) sel = new int[n];
        return sel;
    }

    /** Writes rows {@code selection(n)[0..k)} of {@code input} (n rows) to {@code output}. */
    void emit(DataChunk input, DataChunk output, int k) {
        int n = input.size();
        if (k == 0) {
            output.setSize(0); // an empty chunk is never read
            return;
        }
        if (k == n) {
            for (int c = 0; c < output.columnCount(); c++) output.setColumn(c, input.column(c));
        } else {
            for (int c = 0; c < output.columnCount(); c++) {
                Vector v = own[c];
                if (v == null || v.capacity < k) v = own[c] = new Vector(types.get(c), Math.max(n, 1));
                v.reset();
                v.copyFrom(input.column(c), sel, 0, k, 0);
                output.setColumn(c, v);
            }
        }
        output.setSize(k);
    }
}
