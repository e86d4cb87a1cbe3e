package io.tealdb.storage;

/**
 * A column segment's zone map, stored with a checkpointed segment so that filters can skip row
 * groups (and the optimizer can use min/max) without reading the segment's values.
 * {@code usable} is false when min/max are not tracked (INT128, INTERVAL, nested types, NaN seen).
 */
public record SegmentStats(boolean hasNull, boolean hasValue, boolean usable, long minLong, long maxLong,
                           double minDouble, double maxDouble, byte[] minBytes, byte[] maxBytes) {
}
