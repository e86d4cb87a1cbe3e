package io.tealdb.function.aggregate;

import io.tealdb.error.InvalidInputException;
import io.tealdb.function.AggregateState;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.Arrays;
import java.util.List;

/**
 * bit_and, bit_or and bit_xor over BIT values, bit by bit; all inputs of a group must have one
 * length, as in DuckDB; NULL for a group without input.
 */
final class BitStringAggregate extends BaseAggregate {
    private final BitBoolAggregate.Kind kind;
    private final String verb;

    BitStringAggregate(String name, BitBoolAggregate.Kind kind) {
        super(name, List.of(LogicalType.BIT), LogicalType.BIT);
        this.kind = kind;
        this.verb = kind.name();
    }

    static final class State implements AggregateState {
        byte[][] acc = new byte[0][];

        @Override
        public void ensureCapacity(int n) {
            if (acc.length < n) acc = Arrays.copyOf(acc, grow(acc.length, n));
        }
    }

    @Override
    public AggregateState createState() {
        return new State();
    }

    /** Folds {@code b[off, off+len)} into {@code acc} (both bit strings), or returns a copy when acc is null. */
    private byte[] fold(byte[] acc, byte[] b, int off, int len) {
        if (acc == null) return Arrays.copyOfRange(b, off, off + len);
        if (acc.length != len) throw new InvalidInputException("Cannot " + verb + " bit strings of different sizes");
        for (int k = 0; k < len; k++) {
            boolean x = acc[k] == '1';
            boolean y = b[off + k] == '1';
            boolean r = switch (kind) {
                case AND -> x & y;
                case OR -> x | y;
                case XOR -> x ^ y;
            };
            acc[k] = (byte) (r ? '1' : '0');
        }
        return acc;
    }

    @Override
    public void update(AggregateState state, Vector[] args, int count, int[] groups) {
        State s = (State) state;
        Vector v = args[0];
        for (int i = 0; i < count; i++) {
            if (v.isNull(i)) continue;
            int g = groups[i];
            s.acc[g] = fold(s.acc[g], v.heap, v.offsets[i], v.lengths[i]);
        }
    }

    @Override
    public void combine(AggregateState target, AggregateState source, int[] sourceGroups, int[] targetGroups, int count) {
        State t = (State) target;
        State s = (State) source;
        for (int i = 0; i < count; i++) {
            int g = sourceGroups[i];
            if (s.acc[g] == null) continue;
            int tg = targetGroups[i];
            t.acc[tg] = fold(t.acc[tg], s.acc[g], 0, s.acc[g].length);
        }
    }

    @Override
    public void finalize(AggregateState state, int firstGroup, int count, Vector out) {
        State s = (State) state;
        for (int i = 0; i < count; i++) {
            int g = firstGroup + i;
            if (g >= s.acc.length || s.acc[g] == null) out.setNull(i);
            else out.setBytes(i, s.acc[g]);
        }
    }
}
