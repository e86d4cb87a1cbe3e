package io.tealdb.storage;

import io.tealdb.types.Value;

/**
 * Statistics of one column for the optimizer: min/max over all stored (not necessarily visible)
 * values — null when unknown or no non-null value exists (e.g. for VARCHAR, min/max are not kept
 * beyond zone maps) —, number of NULLs, and an estimate of distinct non-null values (HyperLogLog).
 * Conservative: deletes do not shrink them.
 */
public record ColumnStatistics(Value min, Value max, long nullCount, long distinctEstimate, long rowCount) {
}
