package io.tealdb.execution.window;

import io.tealdb.error.InvalidInputException;

/**
 * Ranking and value functions with their own ORDER BY ({@code rank(ORDER BY x) OVER w},
 * {@code lead(v ORDER BY x) OVER w}): the result describes the current row within its frame
 * (minus EXCLUDE) sorted by the argument ordering, ties broken by the window ordering.
 *
 * <p>Ranks count the frame's rows ordered before the current row, so they need no sort; value
 * functions sort the frame per row. Both cost work proportional to the frame size per row, which
 * these (rare) orderings accept in exchange for simplicity.
 */
final class ArgumentOrderedFunctions {
    private final WindowSpec spec;
    private final PartitionLayout layout;
    private final FrameBounds frames;
    private final KeyComparator keys;
    /** ntile buckets / lag-lead offset / nth_value index per input row, or null. */
    private final long[] param;
    private final boolean[] paramValid;

    ArgumentOrderedFunctions(WindowSpec spec, PartitionLayout layout, FrameBounds frames, KeyColumn[] argumentKeys,
                             io.tealdb.vector.Vector[] columns) {
        this.spec = spec;
        this.layout = layout;
        this.frames = frames;
        this.keys = new KeyComparator(argumentKeys, spec.argAscending(), spec.argNullsFirst());
        int[] args = spec.arguments();
        int paramArg = switch (spec.kind()) {
            case NTILE -> 0;
            case LAG, LEAD, NTH_VALUE -> 1;
            default -> -1;
        };
        if (paramArg >= 0 && paramArg < args.length) {
            param = Columns.toLongs(columns[args[paramArg]], layout.n);
            paramValid = Columns.validity(columns[args[paramArg]], layout.n);
        } else {
            param = null;
            paramValid = null;
        }
    }

    /** Compares sorted positions by the argument ordering, then by position (the window order). */
    private int compare(int a, int b) {
        int c = keys.compare(layout.idx[a], layout.idx[b]);
        return c != 0 ? c : Integer.compare(a, b);
    }

    /** row_number / rank / dense_rank / ntile for positions [from, to) into {@code res}; NULL flags into {@code nulls}. */
    void ranking(int from, int to, long[] res, boolean[] nulls) {
        int[] pieces = new int[6];
        int[] below = null;
        for (int p = from; p < to; p++) {
            int k = FrameBounds.ranges(p, frames.start[p], frames.end[p], spec.exclude(), layout, pieces);
            int cur = layout.idx[p];
            long before = 0;
            long tiesBefore = 0;
            long size = 0;
            int distinctBelow = 0;
            if (spec.kind() == WindowFunctionKind.DENSE_RANK) {
                int m = 0;
                for (int r = 0; r < k; r++) m += pieces[2 * r + 1] - pieces[2 * r];
                if (below == null || below.length < m) below = new int[Math.max(m, 16)];
                int count = 0;
                for (int r = 0; r < k; r++) {
                    for (int q = pieces[2 * r]; q < pieces[2 * r + 1]; q++) {
                        if (keys.compare(layout.idx[q], cur) < 0) below[count++] = q;
                    }
                }
                int[] rows = below;
                IndexSort.sort(rows, 0, count, this::compare);
                for (int i = 0; i < count; i++) {
                    if (i == 0 || keys.compare(layout.idx[rows[i - 1]], layout.idx[rows[i]]) != 0) distinctBelow++;
                }
            } else {
                for (int r = 0; r < k; r++) {
                    for (int q = pieces[2 * r]; q < pieces[2 * r + 1]; q++) {
                        int c = keys.compare(layout.idx[q], cur);
                        if (c < 0) before++;
                        else if (c == 0 && q < p) tiesBefore++;
                    }
                    size += pieces[2 * r + 1] - pieces[2 * r];
                }
            }
            switch (spec.kind()) {
                case ROW_NUMBER -> res[p] = before + tiesBefore + 1;
                case RANK -> res[p] = before + 1;
                case DENSE_RANK -> res[p] = distinctBelow + 1;
                case NTILE -> {
                    if (paramValid != null && !paramValid[cur]) {
                        nulls[p] = true;
                        continue;
                    }
                    long buckets = param[cur];
                    if (buckets <= 0) throw new InvalidInputException("Argument for ntile must be greater than zero");
                    if (size == 0) {
                        nulls[p] = true;
                        continue;
                    }
                    long row = before + tiesBefore;
                    if (buckets > size) buckets = size;
                    long small = size / buckets;
                    long large = size - buckets * small;
                    long iSmall = large * (small + 1);
                    res[p] = row < iSmall ? 1 + row / (small + 1) : 1 + large + (row - iSmall) / small;
                }
                default -> throw new IllegalStateException(spec.kind().name());
            }
        }
    }

    /** percent_rank / cume_dist for positions [from, to). */
    void distribution(int from, int to, double[] res) {
        int[] pieces = new int[6];
        for (int p = from; p < to; p++) {
            int k = FrameBounds.ranges(p, frames.start[p], frames.end[p], spec.exclude(), layout, pieces);
            int cur = layout.idx[p];
            long before = 0;
            long notAfter = 0;
            long size = 0;
            for (int r = 0; r < k; r++) {
                for (int q = pieces[2 * r]; q < pieces[2 * r + 1]; q++) {
                    int c = keys.compare(layout.idx[q], cur);
                    if (c < 0) before++;
                    if (c <= 0) notAfter++;
                }
                size += pieces[2 * r + 1] - pieces[2 * r];
            }
            if (spec.kind() == WindowFunctionKind.PERCENT_RANK) {
                res[p] = size > 1 ? (double) before / (size - 1) : 0;
            } else {
                res[p] = size > 0 ? (double) notAfter / size : 0;
            }
        }
    }

    /**
     * lag / lead / first_value / last_value / nth_value: fills {@code src[p]} with the input row to
     * copy from, or {@link ValueFunctions#NULL_RESULT} / {@link ValueFunctions#DEFAULT_RESULT}.
     */
    void values(int from, int to, int[] src) {
        int[] pieces = new int[6];
        int[] sorted = new int[16];
        for (int p = from; p < to; p++) {
            int k = FrameBounds.ranges(p, frames.start[p], frames.end[p], spec.exclude(), layout, pieces);
            int m = 0;
            for (int r = 0; r < k; r++) m += pieces[2 * r + 1] - pieces[2 * r];
            if (sorted.length < m) sorted = new int[Math.max(m, sorted.length * 2)];
            int count = 0;
            for (int r = 0; r < k; r++) {
                for (int q = pieces[2 * r]; q < pieces[2 * r + 1]; q++) sorted[count++] = q;
            }
            IndexSort.sort(sorted, 0, count, this::compare);
            int cur = layout.idx[p];
            long target;
            switch (spec.kind()) {
                case FIRST_VALUE -> target = 0;
                case LAST_VALUE -> target = count - 1;
                case NTH_VALUE -> {
                    if (paramValid != null && !paramValid[cur]) {
                        src[p] = ValueFunctions.NULL_RESULT;
                        continue;
                    }
                    target = param[cur] - 1; // n < 1 gives NULL, as without the ORDER BY
                }
                case LAG, LEAD -> {
                    long offset = param == null ? 1 : param[cur];
                    if (paramValid != null && !paramValid[cur]) {
                        src[p] = ValueFunctions.NULL_RESULT;
                        continue;
                    }
                    int self = -1;
                    for (int i = 0; i < count && self < 0; i++) {
                        if (sorted[i] == p) self = i;
                    }
                    if (self < 0) {
                        src[p] = ValueFunctions.DEFAULT_RESULT;
                        continue;
                    }
                    target = spec.kind() == WindowFunctionKind.LEAD ? self + offset : self - offset;
                    if (target < 0 || target >= count) {
                        src[p] = ValueFunctions.DEFAULT_RESULT;
                        continue;
                    }
                }
                default -> throw new IllegalStateException(spec.kind().name());
            }
            src[p] = target >= 0 && target < count ? layout.idx[sorted[(int) target]] : ValueFunctions.NULL_RESULT;
        }
    }
}
