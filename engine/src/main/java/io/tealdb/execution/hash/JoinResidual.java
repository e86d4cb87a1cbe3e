package io.tealdb.execution.hash;

import io.tealdb.execution.expression.PhysicalExpr;

/**
 * A hash join's non-key predicate, evaluated on key-equal candidate pairs. It reads a "pair chunk"
 * holding only the columns it uses: {@code probeColumns} (columns of the probe input) first, then
 * {@code payloadColumns} (payload columns of the build rows, see {@link JoinHashTable#payload}), so
 * the join never gathers columns the predicate does not read.
 *
 * @param predicate      BOOLEAN expression over the pair chunk's columns
 * @param probeColumns   probe input column of each of the first pair-chunk columns
 * @param payloadColumns build payload column of each of the remaining pair-chunk columns
 */
public record JoinResidual(PhysicalExpr predicate, int[] probeColumns, int[] payloadColumns) {
    public JoinResidual {
        probeColumns = probeColumns.clone();
        payloadColumns = payloadColumns.clone();
    }

    /** A predicate over all probe columns followed by all build payload columns. */
    static JoinResidual overAllColumns(PhysicalExpr predicate, int probeColumnCount, int payloadColumnCount) {
        return new JoinResidual(predicate, identity(probeColumnCount), identity(payloadColumnCount));
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    @Override
    public String toString() {
        return predicate.toString();
    }
}
