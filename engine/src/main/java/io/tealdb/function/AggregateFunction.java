package io.tealdb.function;

import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.List;

/**
 * A resolved aggregate overload. Hash aggregation keeps one {@link AggregateState} per thread and
 * aggregate, assigns each input row a group index and calls {@link #update}; thread-local states are
 * merged with {@link #combine}; {@link #finalize} writes results. An ungrouped aggregate uses group 0.
 *
 * <p>Null handling is the function's: SQL aggregates skip NULL inputs; count(*) has no arguments.
 */
public interface AggregateFunction {
    String name();

    List<LogicalType> argumentTypes();

    LogicalType returnType();

    AggregateState createState();

    /**
     * Folds rows {@code [0, count)} of {@code args} into the groups {@code groups[i]}. The caller has
     * called {@code ensureCapacity} for every group index used.
     */
    void update(AggregateState state, Vector[] args, int count, int[] groups);

    /**
     * As {@link #update} with every row in group 0 (ungrouped aggregation); implementations may
     * override it with a loop that accumulates in locals.
     */
    default void updateUngrouped(AggregateState state, Vector[] args, int count) {
        update(state, args, count, count <= UngroupedGroups.ZEROS.length ? UngroupedGroups.ZEROS : new int[count]);
    }

    /** All-zero group ids for {@link #updateUngrouped}'s default. */
    final class UngroupedGroups {
        static final int[] ZEROS = new int[io.tealdb.vector.DataChunk.CAPACITY];

        private UngroupedGroups() {
        }
    }

    /**
     * Merges group {@code sourceGroups[i]} of {@code source} into group {@code targetGroups[i]} of
     * {@code target}, i in [0, count), in that order (order-sensitive aggregates append). The
     * selection lets a partitioned merge fold only the groups of one hash partition.
     */
    void combine(AggregateState target, AggregateState source, int[] sourceGroups, int[] targetGroups, int count);

    /**
     * The aggregate that folds results of this one, each computed over a part of the rows, into its
     * result over all of them (sum of sums, min of mins), with this one's return type as its
     * argument and result; null when results do not fold so (avg, count distinct, string_agg, ...).
     * Eager aggregation below joins ({@code optimizer.EagerAggregation}) needs it.
     */
    default AggregateFunction resultCombiner() {
        return null;
    }

    /**
     * For an aggregate whose result is not a fold of its own results but of other aggregates' (avg
     * over exact numbers: a sum and a count), those aggregates, each taking this one's arguments;
     * {@link #partialsCombiner} folds their results (one argument per partial, in this order) into
     * this one's result. null when there is no such split. Eager aggregation uses it.
     */
    default List<AggregateFunction> partials() {
        return null;
    }

    /** See {@link #partials}. */
    default AggregateFunction partialsCombiner() {
        return null;
    }

    /** Writes the results of groups {@code [firstGroup, firstGroup+count)} into rows {@code [0,count)} of {@code out}. */
    void finalize(AggregateState state, int firstGroup, int count, Vector out);
}
