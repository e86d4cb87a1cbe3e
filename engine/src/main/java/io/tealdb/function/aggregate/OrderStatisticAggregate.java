package io.tealdb.function.aggregate;

import io.tealdb.vector.Vector;

/**
 * An aggregate whose result over a multiset of values is a function of a few of its order
 * statistics (median, quantile_cont, quantile_disc over a number, date or time), computed from the
 * values' sortable {@code long} keys. Grouped aggregation keeps such values as keys in primitive
 * arrays and selects the statistics it needs; a window evaluates every frame from one ranking of
 * its partition ({@code execution.window.FrameOrderStatistics}) instead of copying each frame's
 * values.
 */
public interface OrderStatisticAggregate {
    /** Whether this aggregate's values have keys here (otherwise it keeps boxed values). */
    boolean keyed();

    /** The sortable key of non-NULL row {@code row} of {@code v} (keys order as the values do). */
    long key(Vector v, int row);

    /** The quantile the arguments ask for (0.5 for median), checked as the aggregate checks it. */
    double quantile(Vector[] args, int row);

    /** Gives the key of the {@code index}-th smallest value (0-based) of a frame or group. */
    interface KeyAtRank {
        long keyAt(int index);
    }

    /** Writes the result for {@code n > 0} values at quantile {@code q} into row {@code row} of {@code out}. */
    void writeResult(double q, int n, KeyAtRank values, Vector out, int row);
}
