package io.tealdb.function.aggregate;

import io.tealdb.function.AggregateState;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.Arrays;
import java.util.List;

/** count(*) (no arguments: every row) and count(x) (non-NULL rows). Result BIGINT, 0 for empty groups. */
final class CountAggregate extends BaseAggregate {
    private final boolean star;

    CountAggregate(String name, List<LogicalType> args, boolean star) {
        super(name, args, LogicalType.BIGINT);
        this.star = star;
    }

    static final class State implements AggregateState {
        long[] counts = new long[0];

        @Override
        public void ensureCapacity(int groupCount) {
            if (counts.length < groupCount) {
                counts = Arrays.copyOf(counts, grow(counts.length, groupCount));
            }
        }
    }

    /** count of counts: the partial counts are summed, NULL partials (an outer row without match) as 0. */
    @Override
    public io.tealdb.function.AggregateFunction resultCombiner() {
        return new CountSumAggregate();
    }

    @Override
    public AggregateState createState() {
        return new State();
    }

    @Override
    public void update(AggregateState state, Vector[] args, int count, int[] groups) {
        long[] c = ((State) state).counts;
        if (star || args[0].validity == null) {
            for (int i = 0; i < count; i++) c[groups[i]]++;
        } else {
            Vector v = args[0];
            for (int i = 0; i < count; i++) {
                if (v.isValid(i)) c[groups[i]]++;
            }
        }
    }

    @Override
    public void updateUngrouped(AggregateState state, Vector[] args, int count) {
        if (star || args[0].validity == null) {
            ((State) state).counts[0] += count;
        } else {
            super.updateUngrouped(state, args, count);
        }
    }

    @Override
    public void combine(AggregateState target, AggregateState source, int[] sourceGroups, int[] targetGroups, int count) {
        long[] t = ((State) target).counts;
        long[] s = ((State) source).counts;
        for (int i = 0; i < count; i++) t[targetGroups[i]] += s[sourceGroups[i]];
    }

    @Override
    public void finalize(AggregateState state, int firstGroup, int count, Vector out) {
        long[] c = ((State) state).counts;
        for (int i = 0; i < count; i++) {
            int g = firstGroup + i;
            out.longs[i] = g < c.length ? c[g] : 0;
        }
    }
}
