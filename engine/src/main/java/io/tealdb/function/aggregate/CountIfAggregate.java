package io.tealdb.function.aggregate;

import io.tealdb.function.AggregateState;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.Arrays;
import java.util.List;

/** count_if(BOOLEAN): the number of rows whose argument is TRUE (never NULL; 0 for no rows). */
final class CountIfAggregate extends BaseAggregate {
    CountIfAggregate(String name) {
        super(name, List.of(LogicalType.BOOLEAN), LogicalType.BIGINT);
    }

    static final class State implements AggregateState {
        long[] counts = new long[0];

        @Override
        public void ensureCapacity(int n) {
            if (counts.length < n) counts = Arrays.copyOf(counts, grow(counts.length, n));
        }
    }

    @Override
    public AggregateState createState() {
        return new State();
    }

    @Override
    public void update(AggregateState state, Vector[] args, int count, int[] groups) {
        long[] c = ((State) state).counts;
        Vector v = args[0];
        byte[] b = v.bytes;
        boolean nulls = v.validity != null;
        for (int i = 0; i < count; i++) {
            if (nulls && v.isNull(i)) continue;
            c[groups[i]] += b[i] != 0 ? 1 : 0;
        }
    }

    @Override
    public void combine(AggregateState target, AggregateState source, int[] sourceGroups, int[] targetGroups, int count) {
        long[] t = ((State) target).counts;
        long[] s = ((State) source).counts;
        for (int i = 0; i < count; i++) t[targetGroups[i]] += s[sourceGroups[i]];
    }

    @Override
    public void finalize(AggregateState state, int firstGroup, int n, Vector out) {
        long[] c = ((State) state).counts;
        for (int i = 0; i < n; i++) {
            int g = firstGroup + i;
            out.longs[i] = g < c.length ? c[g] : 0;
        }
    }
}
