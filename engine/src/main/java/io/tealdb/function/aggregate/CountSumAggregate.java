package io.tealdb.function.aggregate;

import io.tealdb.function.AggregateState;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.List;

/**
 * Folds partial counts (BIGINT) into a count: the sum of the non-NULL partials, 0 for a group with
 * none. A count's {@link io.tealdb.function.AggregateFunction#resultCombiner}: eager aggregation below
 * a LEFT join sees a NULL partial for an outer row without match, which counts nothing, as the
 * count over the joined rows would (DuckDB's plan folds {@code COALESCE(partial, 0)} with a sum).
 * Never named in SQL; a sum of counts cannot overflow a BIGINT.
 */
final class CountSumAggregate extends BaseAggregate {

    CountSumAggregate() {
        super("sum_no_overflow", List.of(LogicalType.BIGINT), LogicalType.BIGINT);
    }

    @Override
    public AggregateState createState() {
        return new CountAggregate.State();
    }

    @Override
    public void update(AggregateState state, Vector[] args, int count, int[] groups) {
        long[] c = ((CountAggregate.State) state).counts;
        Vector v = args[0];
        long[] x = v.longs;
        if (v.validity == null) {
            for (int i = 0; i < count; i++) c[groups[i]] += x[i];
        } else {
            for (int i = 0; i < count; i++) {
                if (v.isValid(i)) c[groups[i]] += x[i];
            }
        }
    }

    @Override
    public void combine(AggregateState target, AggregateState source, int[] sourceGroups, int[] targetGroups, int count) {
        long[] t = ((CountAggregate.State) target).counts;
        long[] s = ((CountAggregate.State) source).counts;
        for (int i = 0; i < count; i++) t[targetGroups[i]] += s[sourceGroups[i]];
    }

    @Override
    public void finalize(AggregateState state, int firstGroup, int count, Vector out) {
        long[] c = ((CountAggregate.State) state).counts;
        for (int i = 0; i < count; i++) {
            int g = firstGroup + i;
            out.longs[i] = g < c.length ? c[g] : 0;
        }
    }
}
