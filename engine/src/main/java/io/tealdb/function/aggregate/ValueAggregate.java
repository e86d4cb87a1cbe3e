package io.tealdb.function.aggregate;

import io.tealdb.function.AggregateState;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.List;

/**
 * Aggregates that keep one input value per group: min, max, first/any_value/arbitrary (first
 * non-NULL value seen), last, and arg_min/arg_max (value of the first argument at the row with
 * the minimal/maximal second argument).
 */
final class ValueAggregate extends BaseAggregate {
    enum Kind { MIN, MAX, FIRST, LAST, ARG_MIN, ARG_MAX }

    private final Kind kind;
    /** first/last/arbitrary return the first/last row's value even when NULL; any_value skips NULLs. */
    private final boolean keepNulls;

    ValueAggregate(String name, List<LogicalType> args, Kind kind) {
        super(name, args, args.get(0));
        this.kind = kind;
        this.keepNulls = (kind == Kind.FIRST || kind == Kind.LAST) && !name.equals("any_value");
    }

    /** min of mins, max of maxes. */
    @Override
    public io.tealdb.function.AggregateFunction resultCombiner() {
        return kind == Kind.MIN || kind == Kind.MAX ? this : null;
    }

    final class State implements AggregateState {
        final ValueStore value = new ValueStore(argumentTypes().get(0));
        final ValueStore key = argumentTypes().size() > 1 ? new ValueStore(argumentTypes().get(1)) : null;

        @Override
        public void ensureCapacity(int n) {
            value.ensure(n);
            if (key != null) {
                key.ensure(n);
            }
        }
    }

    @Override
    public AggregateState createState() {
        return new State();
    }

    @Override
    public void update(AggregateState state, Vector[] args, int count, int[] groups) {
        State s = (State) state;
        ValueStore st = s.value;
        Vector v = args[0];
        boolean nulls = v.validity != null;
        switch (kind) {
            case MIN, MAX -> {
                int sign = kind == Kind.MIN ? -1 : 1;
                if (!nulls && v.physical == io.tealdb.types.PhysicalType.INT64) {
                    long[] x = v.longs;
                    long[] sv = st.longs;
                    byte[] has = st.has;
                    for (int i = 0; i < count; i++) {
                        int g = groups[i];
                        long a = x[i];
                        if (has[g] == 0 || (sign < 0 ? a < sv[g] : a > sv[g])) {
                            sv[g] = a;
                            has[g] = 1;
                        }
                    }
                    return;
                }
                if (!nulls && v.physical == io.tealdb.types.PhysicalType.INT32) {
                    int[] x = v.ints;
                    long[] sv = st.longs;
                    byte[] has = st.has;
                    for (int i = 0; i < count; i++) {
                        int g = groups[i];
                        long a = x[i];
                        if (has[g] == 0 || (sign < 0 ? a < sv[g] : a > sv[g])) {
                            sv[g] = a;
                            has[g] = 1;
                        }
                    }
                    return;
                }
                if (v.physical == io.tealdb.types.PhysicalType.DOUBLE && st.p == io.tealdb.types.PhysicalType.DOUBLE) {
                    // min/max of DOUBLE (sensor values, prices): one loop on the arrays, NaN above everything
                    double[] x = v.doubles;
                    double[] sv = st.doubles;
                    byte[] has = st.has;
                    for (int i = 0; i < count; i++) {
                        if (nulls && v.isNull(i)) continue;
                        int g = groups[i];
                        double a = x[i];
                        if (has[g] == 0 || Integer.signum(ValueStore.compareDouble(a, sv[g])) == sign) {
                            sv[g] = a;
                            has[g] = 1;
                        }
                    }
                    return;
                }
                for (int i = 0; i < count; i++) {
                    if (nulls && v.isNull(i)) continue;
                    int g = groups[i];
                    if (st.has[g] == 0 || Integer.signum(st.compareRow(v, i, g)) == sign) {
                        st.set(g, v, i);
                    }
                }
            }
            case FIRST -> {
                for (int i = 0; i < count; i++) {
                    int g = groups[i];
                    if (st.has[g] == 0 && !(nulls && !keepNulls && v.isNull(i))) {
                        st.set(g, v, i);
                    }
                }
            }
            case LAST -> {
                for (int i = 0; i < count; i++) {
                    if (nulls && !keepNulls && v.isNull(i)) continue;
                    st.set(groups[i], v, i);
                }
            }
            case ARG_MIN, ARG_MAX -> {
                int sign = kind == Kind.ARG_MIN ? -1 : 1;
                Vector k = args[1];
                for (int i = 0; i < count; i++) {
                    // DuckDB skips rows where either the value or the key is NULL
                    if (k.isNull(i) || v.isNull(i)) continue;
                    int g = groups[i];
                    if (s.key.has[g] == 0 || Integer.signum(s.key.compareRow(k, i, g)) == sign) {
                        s.key.set(g, k, i);
                        st.set(g, v, i);
                    }
                }
            }
        }
    }

    @Override
    public void combine(AggregateState target, AggregateState source, int[] sourceGroups, int[] targetGroups, int count) {
        State t = (State) target;
        State s = (State) source;
        for (int i = 0; i < count; i++) {
            int g = sourceGroups[i];
            int tg = targetGroups[i];
            switch (kind) {
                case MIN, MAX -> {
                    if (s.value.has[g] == 0) continue;
                    int sign = kind == Kind.MIN ? -1 : 1;
                    if (t.value.has[tg] == 0 || Integer.signum(t.value.compareStore(s.value, g, tg)) == sign) {
                        t.value.setFrom(tg, s.value, g);
                    }
                }
                case FIRST -> {
                    if (t.value.has[tg] == 0 && s.value.has[g] != 0) {
                        t.value.setFrom(tg, s.value, g);
                    }
                }
                case LAST -> {
                    if (s.value.has[g] != 0) {
                        t.value.setFrom(tg, s.value, g);
                    }
                }
                case ARG_MIN, ARG_MAX -> {
                    if (s.key.has[g] == 0) continue;
                    int sign = kind == Kind.ARG_MIN ? -1 : 1;
                    if (t.key.has[tg] == 0 || Integer.signum(t.key.compareStore(s.key, g, tg)) == sign) {
                        t.key.setFrom(tg, s.key, g);
                        t.value.setFrom(tg, s.value, g);
                    }
                }
            }
        }
    }

    @Override
    public void finalize(AggregateState state, int firstGroup, int count, Vector out) {
        State s = (State) state;
        for (int i = 0; i < count; i++) {
            s.value.write(firstGroup + i, out, i);
        }
    }
}
