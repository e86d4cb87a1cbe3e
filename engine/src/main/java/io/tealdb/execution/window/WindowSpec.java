package io.tealdb.execution.window;

import io.tealdb.function.AggregateFunction;
import io.tealdb.planner.expression.WindowFrame;
import io.tealdb.types.LogicalType;

import java.util.Arrays;

/**
 * One window function compiled against a materialised input: every expression it needs
 * (arguments, PARTITION BY and ORDER BY keys, FILTER, frame offsets) is a column index into the
 * input columns handed to {@link WindowEvaluator}. Arrays are owned by the spec; do not mutate.
 *
 * @param arguments  argument columns (lag/lead: value, offset, default; nth_value: value, n; ntile: n)
 * @param filter     FILTER column (BOOLEAN) or -1
 * @param argOrders  columns of the function's own ORDER BY (empty when absent), with their directions
 */
public record WindowSpec(WindowFunctionKind kind, AggregateFunction aggregate, int[] arguments,
                         int[] partitions, int[] orders, boolean[] ascending, boolean[] nullsFirst,
                         WindowFrame.Mode mode, Bound start, Bound end, WindowFrame.Exclude exclude,
                         boolean ignoreNulls, boolean distinct, int filter, LogicalType type,
                         int[] argOrders, boolean[] argAscending, boolean[] argNullsFirst) {

    public WindowSpec(WindowFunctionKind kind, AggregateFunction aggregate, int[] arguments, int[] partitions, int[] orders,
                      boolean[] ascending, boolean[] nullsFirst, WindowFrame.Mode mode, Bound start, Bound end,
                      WindowFrame.Exclude exclude, boolean ignoreNulls, boolean distinct, int filter, LogicalType type) {
        this(kind, aggregate, arguments, partitions, orders, ascending, nullsFirst, mode, start, end, exclude, ignoreNulls,
                distinct, filter, type, new int[0], new boolean[0], new boolean[0]);
    }

    /** Whether the function has its own ORDER BY ({@code rank(ORDER BY x) OVER w}). */
    boolean hasArgumentOrder() {
        return argOrders.length > 0;
    }

    /**
     * A frame boundary. {@code offset} is the column holding the per-row offset, or -1 for offset 0
     * (CURRENT ROW).
     */
    public record Bound(boolean unbounded, boolean preceding, int offset) {
        public static final Bound UNBOUNDED_PRECEDING = new Bound(true, true, -1);
        public static final Bound UNBOUNDED_FOLLOWING = new Bound(true, false, -1);
        public static final Bound CURRENT_ROW = new Bound(false, true, -1);

        public static Bound preceding(int offsetColumn) {
            return new Bound(false, true, offsetColumn);
        }

        public static Bound following(int offsetColumn) {
            return new Bound(false, false, offsetColumn);
        }
    }

    /** Identifies the sort this window needs; windows with equal keys share one sorted layout. */
    String layoutKey() {
        return Arrays.toString(partitions) + Arrays.toString(orders) + Arrays.toString(ascending) + Arrays.toString(nullsFirst);
    }

    /** The same for the partitions sorted by the function's own ORDER BY (shared with a window ordered alike). */
    String argumentLayoutKey() {
        return Arrays.toString(partitions) + Arrays.toString(argOrders) + Arrays.toString(argAscending)
                + Arrays.toString(argNullsFirst);
    }
}
