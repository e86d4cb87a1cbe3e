package io.tealdb.function;

/**
 * Columnar state of one aggregate for many groups (e.g. a {@code long[]} of sums indexed by group),
 * so that hash aggregation updates states with array writes, not per-group objects.
 */
public interface AggregateState {
    /** Makes room for group indexes {@code [0, groupCount)}; new groups start in the empty state. */
    void ensureCapacity(int groupCount);
}
