package io.tealdb.execution.window;

import io.tealdb.error.InternalException;
import io.tealdb.vector.Vector;

/**
 * lag/lead (over the partition) and first_value/last_value/nth_value (over the frame minus
 * EXCLUDE). Each row's result is computed as the input row to copy the value from (or NULL /
 * the default), then all values are gathered in one vectorised copy. IGNORE NULLS uses a prefix
 * count of non-null values over sorted positions, so the k-th non-null value in any range is a
 * binary search away.
 */
final class ValueFunctions {
    static final int NULL_RESULT = -1;
    static final int DEFAULT_RESULT = -2;

    private final WindowSpec spec;
    private final PartitionLayout layout;
    private final FrameBounds frames;
    private final Vector value;
    private final Vector defaults;
    /** Per input row: lag/lead offset or nth_value index; null when absent. */
    private final long[] param;
    private final boolean[] paramValid;
    /** nn[p] = number of non-null values at sorted positions [0, p) (IGNORE NULLS only). */
    private final int[] nn;

    ValueFunctions(WindowSpec spec, PartitionLayout layout, FrameBounds frames, Vector[] columns) {
        this.spec = spec;
        this.layout = layout;
        this.frames = frames;
        int n = layout.n;
        int[] args = spec.arguments();
        value = columns[args[0]];
        if (args.length > 1) {
            param = Columns.toLongs(columns[args[1]], n);
            paramValid = Columns.validity(columns[args[1]], n);
        } else {
            param = null;
            paramValid = null;
        }
        defaults = args.length > 2 ? columns[args[2]] : null;
        if (spec.ignoreNulls() && value.validity != null) {
            nn = new int[n + 1];
            for (int p = 0; p < n; p++) nn[p + 1] = nn[p] + (value.isValid(layout.idx[p]) ? 1 : 0);
        } else {
            nn = null; // no nulls: IGNORE NULLS changes nothing
        }
    }

    /** Fills {@code src[p]} for positions [from, to): an input row, NULL_RESULT or DEFAULT_RESULT. */
    void compute(int from, int to, int[] src) {
        switch (spec.kind()) {
            case LAG, LEAD -> shift(from, to, src, spec.kind() == WindowFunctionKind.LEAD);
            case FIRST_VALUE, LAST_VALUE, NTH_VALUE -> framed(from, to, src);
            default -> throw new IllegalStateException(spec.kind().name());
        }
    }

    private void shift(int from, int to, int[] src, boolean lead) {
        int[] idx = layout.idx;
        for (int p = from; p < to; p++) {
            int row = idx[p];
            if (paramValid != null && !paramValid[row]) {
                src[p] = NULL_RESULT;
                continue;
            }
            long off = param == null ? 1 : param[row];
            long delta = lead ? off : -off;
            int part = layout.partOf[p];
            int ps = layout.partStart[part];
            int pe = layout.partStart[part + 1];
            if (nn == null || delta == 0) {
                long q = p + delta;
                src[p] = q >= ps && q < pe ? idx[(int) q] : DEFAULT_RESULT;
            } else if (delta > 0) {
                long c = nn[p + 1] + delta - 1; // global ordinal of the wanted non-null value
                src[p] = c < nn[pe] ? idx[selectNonNull((int) c)] : DEFAULT_RESULT;
            } else {
                long c = nn[p] + delta;
                src[p] = c >= nn[ps] ? idx[selectNonNull((int) c)] : DEFAULT_RESULT;
            }
        }
    }

    private void framed(int from, int to, int[] src) {
        int[] idx = layout.idx;
        int[] r = new int[6];
        WindowFunctionKind kind = spec.kind();
        for (int p = from; p < to; p++) {
            int k = FrameBounds.ranges(p, frames.start[p], frames.end[p], spec.exclude(), layout, r);
            int found = -1;
            switch (kind) {
                case FIRST_VALUE -> {
                    for (int i = 0; i < k && found < 0; i++) found = nth(r[2 * i], r[2 * i + 1], 1);
                }
                case LAST_VALUE -> {
                    for (int i = k - 1; i >= 0 && found < 0; i--) found = nthFromEnd(r[2 * i], r[2 * i + 1]);
                }
                case NTH_VALUE -> {
                    int row = idx[p];
                    if (paramValid != null && !paramValid[row]) break;
                    long m = param[row];
                    if (m <= 0) break; // DuckDB: NULL for a non-positive n
                    for (int i = 0; i < k; i++) {
                        int b = r[2 * i];
                        int e = r[2 * i + 1];
                        int cnt = nn == null ? e - b : nn[e] - nn[b];
                        if (m <= cnt) {
                            found = nth(b, e, (int) m);
                            break;
                        }
                        m -= cnt;
                    }
                }
                default -> throw new IllegalStateException(kind.name());
            }
            src[p] = found < 0 ? NULL_RESULT : idx[found];
        }
    }

    /** Position of the m-th (1-based) counted value in [b, e), or -1. */
    private int nth(int b, int e, int m) {
        if (nn == null) return b + m - 1 < e ? b + m - 1 : -1;
        if (nn[e] - nn[b] < m) return -1;
        return selectNonNull(nn[b] + m - 1);
    }

    private int nthFromEnd(int b, int e) {
        if (nn == null) return e - 1;
        if (nn[e] == nn[b]) return -1;
        return selectNonNull(nn[e] - 1);
    }

    /** Sorted position of the non-null value with global ordinal c (0-based): first q with nn[q+1] > c. */
    private int selectNonNull(int c) {
        int lo = 0;
        int hi = layout.n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (nn[mid + 1] > c) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /** Builds the result column in input order from the per-position source rows. */
    Vector assemble(int[] src) {
        int n = layout.n;
        Vector out = new Vector(spec.type(), Math.max(1, n));
        if (out.physical != value.physical) {
            throw new InternalException("window value type " + value.type + " does not match result type " + spec.type());
        }
        int[] idx = layout.idx;
        int[] sel = new int[n];
        boolean special = false;
        for (int p = 0; p < n; p++) {
            int s = src[p];
            sel[idx[p]] = s < 0 ? 0 : s;
            special |= s < 0;
        }
        out.copyFrom(value, sel, 0, n, 0);
        if (special) {
            for (int p = 0; p < n; p++) {
                int s = src[p];
                if (s >= 0) continue;
                int row = idx[p];
                if (s == DEFAULT_RESULT && defaults != null) out.copyRow(defaults, row, row);
                else out.setNull(row);
            }
        }
        return out;
    }
}
