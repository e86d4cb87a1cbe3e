package io.tealdb.execution.hash;

import io.tealdb.function.AggregateFunction;
import io.tealdb.function.AggregateState;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.Arrays;
import java.util.List;

/** Minimal columnar aggregates for tests (the real ones belong to the function package). */
final class TestAggregates {
    private TestAggregates() {
    }

    static final class LongState implements AggregateState {
        long[] values = new long[0];
        long[] counts = new long[0];

        @Override
        public void ensureCapacity(int groupCount) {
            if (values.length < groupCount) {
                int n = Math.max(groupCount, values.length * 2);
                values = Arrays.copyOf(values, n);
                counts = Arrays.copyOf(counts, n);
            }
        }
    }

    /** sum(BIGINT) -> BIGINT; NULL for no non-null input. */
    static final AggregateFunction SUM = new Base("sum", List.of(LogicalType.BIGINT)) {
        @Override
        public void update(AggregateState state, Vector[] args, int count, int[] groups) {
            LongState s = (LongState) state;
            Vector v = args[0];
            for (int i = 0; i < count; i++) {
                if (v.isValid(i)) {
                    s.values[groups[i]] += v.longs[i];
                    s.counts[groups[i]]++;
                }
            }
        }

        @Override
        public void finalize(AggregateState state, int firstGroup, int count, Vector out) {
            LongState s = (LongState) state;
            for (int i = 0; i < count; i++) {
                if (s.counts[firstGroup + i] == 0) out.setNull(i);
                else out.longs[i] = s.values[firstGroup + i];
            }
        }
    };

    /** count(x) (args = 1) or count(*) (args = 0) -> BIGINT. */
    static AggregateFunction count(boolean star) {
        return new Base("count", star ? List.of() : List.of(LogicalType.BIGINT)) {
            @Override
            public void update(AggregateState state, Vector[] args, int count, int[] groups) {
                LongState s = (LongState) state;
                for (int i = 0; i < count; i++) {
                    if (star || args[0].isValid(i)) s.counts[groups[i]]++;
                }
            }

            @Override
            public void finalize(AggregateState state, int firstGroup, int count, Vector out) {
                LongState s = (LongState) state;
                for (int i = 0; i < count; i++) out.longs[i] = s.counts[firstGroup + i];
            }
        };
    }

    private abstract static class Base implements AggregateFunction {
        private final String name;
        private final List<LogicalType> args;

        Base(String name, List<LogicalType> args) {
            this.name = name;
            this.args = args;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<LogicalType> argumentTypes() {
            return args;
        }

        @Override
        public LogicalType returnType() {
            return LogicalType.BIGINT;
        }

        @Override
        public AggregateState createState() {
            return new LongState();
        }

        @Override
        public void combine(AggregateState target, AggregateState source, int[] sourceGroups, int[] targetGroups, int count) {
            LongState t = (LongState) target;
            LongState s = (LongState) source;
            for (int i = 0; i < count; i++) {
                int g = sourceGroups[i];
                t.values[targetGroups[i]] += s.values[g];
                t.counts[targetGroups[i]] += s.counts[g];
            }
        }
    }
}
