package io.tealdb.types;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** TIME text as DuckDB reads it: a separator with nothing after it is allowed, garbage is not. */
class TimeTextParsingTest {
    private static final long HOUR = 3_600_000_000L;
    private static final long MINUTE = 60_000_000L;
    private static final long SECOND = 1_000_000L;

    @Test
    void trailingSeparatorsAreAccepted() {
        assertEquals(11 * HOUR, DateTimeUtil.parseTime("11:"));
        assertEquals(11 * HOUR + 11 * MINUTE, DateTimeUtil.parseTime("11:11:"));
        assertEquals(11 * HOUR + 11 * MINUTE + 11 * SECOND, DateTimeUtil.parseTime("  11:11:11.  "));
        assertEquals(24 * HOUR, DateTimeUtil.parseTime("24:"));
        assertEquals(DateTimeUtil.parseTimestamp("2020-01-01 11:00:00"), DateTimeUtil.parseTimestamp("2020-01-01 11:"));
    }

    @Test
    void malformedTimesAreRejected() {
        for (String bad : new String[] {"11", "11:x", "11::", "11:11:.", ":", "25:", "24:01"}) {
            assertEquals(DateTimeUtil.INVALID, DateTimeUtil.parseTime(bad), bad);
        }
    }
}
