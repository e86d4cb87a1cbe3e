package io.tealdb.execution.hash;

/**
 * A residual join predicate evaluated on candidate pairs whose keys are equal. Supplied by the
 * join operator (which evaluates the bound expression over the gathered probe and build columns),
 * so the hash table does not depend on the expression executor.
 */
@FunctionalInterface
public interface PairFilter {
    /**
     * Evaluates the predicate for pairs {@code (probeRows[i], buildRows[i])}, {@code i < count}
     * (probe rows index the current probe chunk, build rows the table's row ids), compacts both
     * arrays in place to the pairs where it is TRUE (NULL counts as false) and returns their number.
     */
    int filter(int[] probeRows, int[] buildRows, int count);
}
