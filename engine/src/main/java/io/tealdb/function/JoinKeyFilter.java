package io.tealdb.function;

/**
 * What a hash join learned about its build keys, handed to the scan that feeds its probe side when
 * that scan starts: output column {@code column} (an INTEGER or BIGINT) can only find a partner for
 * values in {@code [min, max]} (none when min &gt; max) and, when {@code bits} is not null, only for
 * values {@code v} whose bit {@code v - min} is set. Like {@link ScanFilter}s these are hints: the
 * join still checks every row, so a scan may drop rows they exclude but need not.
 */
public record JoinKeyFilter(int column, long min, long max, long[] bits) {

    /** Whether {@code v} can find a partner. */
    public boolean mayMatch(long v) {
        if (v < min || v > max) return false;
        if (bits == null) return true;
        long off = v - min;
        return (bits[(int) (off >>> 6)] >>> off & 1L) != 0;
    }
}
