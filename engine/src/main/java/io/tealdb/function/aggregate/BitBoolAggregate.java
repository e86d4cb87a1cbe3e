package io.tealdb.function.aggregate;

import io.tealdb.function.AggregateState;
import io.tealdb.function.scalar.Kernels;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.Arrays;
import java.util.List;

/** bool_and, bool_or (BOOLEAN) and bit_and, bit_or, bit_xor (integers); NULL for groups without input. */
final class BitBoolAggregate extends BaseAggregate {
    enum Kind { AND, OR, XOR }

    private final Kind kind;

    BitBoolAggregate(String name, LogicalType arg, Kind kind) {
        super(name, List.of(arg), arg);
        this.kind = kind;
    }

    static final class State implements AggregateState {
        long[] acc = new long[0];
        byte[] has = new byte[0];

        @Override
        public void ensureCapacity(int n) {
            if (acc.length < n) {
                int cap = grow(acc.length, n);
                acc = Arrays.copyOf(acc, cap);
                has = Arrays.copyOf(has, cap);
            }
        }
    }

    @Override
    public AggregateState createState() {
        return new State();
    }

    private long apply(long a, long b) {
        return switch (kind) {
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
        };
    }

    @Override
    public void update(AggregateState state, Vector[] args, int count, int[] groups) {
        State s = (State) state;
        Vector v = args[0];
        for (int i = 0; i < count; i++) {
            if (v.isNull(i)) continue;
            int g = groups[i];
            long x = Kernels.getLong(v, i);
            s.acc[g] = s.has[g] == 0 ? x : apply(s.acc[g], x);
            s.has[g] = 1;
        }
    }

    @Override
    public void combine(AggregateState target, AggregateState source, int[] sourceGroups, int[] targetGroups, int count) {
        State t = (State) target;
        State s = (State) source;
        for (int i = 0; i < count; i++) {
            int g = sourceGroups[i];
            if (s.has[g] == 0) continue;
            int tg = targetGroups[i];
            t.acc[tg] = t.has[tg] == 0 ? s.acc[g] : apply(t.acc[tg], s.acc[g]);
            t.has[tg] = 1;
        }
    }

    @Override
    public void finalize(AggregateState state, int firstGroup, int count, Vector out) {
        State s = (State) state;
        for (int i = 0; i < count; i++) {
            int g = firstGroup + i;
            if (g >= s.has.length || s.has[g] == 0) {
                out.setNull(i);
            } else {
                Kernels.setLong(out, i, s.acc[g]);
            }
        }
    }
}
