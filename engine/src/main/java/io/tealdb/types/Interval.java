package io.tealdb.types;

/**
 * An INTERVAL value as DuckDB stores it: months, days and microseconds are independent parts
 * (an interval of one month is not a fixed number of days).
 */
public record Interval(int months, int days, long micros) implements Comparable<Interval> {
    public static final long MICROS_PER_DAY = 86_400_000_000L;
    /** DuckDB normalises a month to 30 days when ordering intervals. */
    public static final long DAYS_PER_MONTH = 30;

    /** Total ordering key used for comparison and hashing (DuckDB semantics: 1 month = 30 days). */
    public java.math.BigInteger normalizedMicros() {
        return java.math.BigInteger.valueOf(months).multiply(java.math.BigInteger.valueOf(DAYS_PER_MONTH * MICROS_PER_DAY))
                .add(java.math.BigInteger.valueOf(days).multiply(java.math.BigInteger.valueOf(MICROS_PER_DAY)))
                .add(java.math.BigInteger.valueOf(micros));
    }

    @Override
    public int compareTo(Interval o) {
        return normalizedMicros().compareTo(o.normalizedMicros());
    }
}
