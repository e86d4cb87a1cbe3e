package io.tealdb.function.aggregate;

import io.tealdb.function.AggregateState;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.Arrays;
import java.util.List;

/** sum(INTERVAL): part-wise sums of months, days and microseconds. */
class IntervalSumAggregate extends BaseAggregate {
    IntervalSumAggregate() {
        this("sum");
    }

    IntervalSumAggregate(String name) {
        super(name, List.of(LogicalType.INTERVAL), LogicalType.INTERVAL);
    }

    static final class State implements AggregateState {
        long[] months = new long[0];
        long[] days = new long[0];
        long[] micros = new long[0];
        long[] count = new long[0];

        @Override
        public void ensureCapacity(int n) {
            if (count.length < n) {
                int cap = grow(count.length, n);
                months = Arrays.copyOf(months, cap);
                days = Arrays.copyOf(days, cap);
                micros = Arrays.copyOf(micros, cap);
                count = Arrays.copyOf(count, cap);
            }
        }
    }

    @Override
    public AggregateState createState() {
        return new State();
    }

    @Override
    public void update(AggregateState state, Vector[] args, int n, int[] groups) {
        State s = (State) state;
        Vector v = args[0];
        for (int i = 0; i < n; i++) {
            if (v.isNull(i)) continue;
            int g = groups[i];
            s.months[g] += v.ints[i];
            s.days[g] += v.days[i];
            s.micros[g] += v.longs[i];
            s.count[g]++;
        }
    }

    @Override
    public void combine(AggregateState target, AggregateState source, int[] sourceGroups, int[] targetGroups, int count) {
        State t = (State) target;
        State s = (State) source;
        for (int i = 0; i < count; i++) {
            int g = sourceGroups[i];
            int tg = targetGroups[i];
            t.months[tg] += s.months[g];
            t.days[tg] += s.days[g];
            t.micros[tg] += s.micros[g];
            t.count[tg] += s.count[g];
        }
    }

    @Override
    public void finalize(AggregateState state, int firstGroup, int n, Vector out) {
        State s = (State) state;
        for (int i = 0; i < n; i++) {
            int g = firstGroup + i;
            if (g >= s.count.length || s.count[g] == 0) {
                out.setNull(i);
                continue;
            }
            write(s, g, out, i);
        }
    }

    void write(State s, int g, Vector out, int i) {
        out.ints[i] = (int) s.months[g];
        out.days[i] = (int) s.days[g];
        out.longs[i] = s.micros[g];
    }
}
