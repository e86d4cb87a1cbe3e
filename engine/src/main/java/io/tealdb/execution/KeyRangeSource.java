package io.tealdb.execution;

/**
 * An operator that learns, while the query runs, the range of values one of its keys can match:
 * a hash join knows the smallest and largest build key once its build pipeline has finished, and a
 * probe row whose key lies outside that range cannot find a partner. A table scan feeding the probe
 * (in the same pipeline, so started after the build) turns the range into filters: zone maps skip
 * whole row groups (TPC-DS inventory is stored in date order, and Q21/Q22/Q37/Q82 join it with a
 * few weeks of date_dim) and the remaining rows are compared before they reach the hash probe.
 */
public interface KeyRangeSource {

    /**
     * The smallest and largest non-NULL value of key {@code key} (as long; min &gt; max when no
     * value can match), or null if unknown or if the range must not be used.
     */
    long[] keyRange(ExecutionContext ctx, int key);

    /**
     * The set of non-NULL values key {@code key} takes, as a bitmap over its {@link #keyRange}:
     * bit {@code v - min} of the words is set for every value {@code v} built, or null when there is
     * no such set (a span too wide, or almost every value of the span present, so it would not
     * filter). A probe row whose key bit is clear cannot find a partner.
     */
    default long[] keyBits(ExecutionContext ctx, int key) {
        return null;
    }
}
