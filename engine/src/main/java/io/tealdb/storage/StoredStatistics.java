package io.tealdb.storage;

/**
 * Table-wide statistics that a checkpoint stores so that a reopened table has them without reading
 * its values: per column the number of NULLs and the registers of its distinct-count sketch.
 */
public record StoredStatistics(long[] nullCounts, byte[][] distinctRegisters) {
}
