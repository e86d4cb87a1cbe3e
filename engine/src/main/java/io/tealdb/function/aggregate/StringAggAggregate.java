package io.tealdb.function.aggregate;

import io.tealdb.function.AggregateState;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.Arrays;
import java.util.List;

/**
 * string_agg(x [, sep]) / group_concat / listagg: concatenates non-NULL values in arrival order
 * with the separator (default ','). Each group keeps a growable byte buffer.
 */
final class StringAggAggregate extends BaseAggregate {
    StringAggAggregate(String name, List<LogicalType> args) {
        super(name, args, LogicalType.VARCHAR);
    }

    static final class State implements AggregateState {
        byte[][] buf = new byte[0][];
        int[] len = new int[0];
        /** Separator of this call (constant in practice), remembered for combine(). */
        byte[] sep;

        @Override
        public void ensureCapacity(int n) {
            if (buf.length < n) {
                int cap = grow(buf.length, n);
                buf = Arrays.copyOf(buf, cap);
                len = Arrays.copyOf(len, cap);
            }
        }

        void append(int g, byte[] sep, int sepOff, int sepLen, byte[] src, int off, int n) {
            byte[] b = buf[g];
            int need = (b == null ? 0 : len[g] + sepLen) + n;
            if (need < 0) throw new io.tealdb.error.OutOfMemoryException("could not allocate a string_agg result of more than 2 GiB");
            if (b == null || b.length < need) {
                int old = b == null ? 0 : b.length;
                int cap = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, b == null ? 16 : b.length * 2L));
                // the state's growth is held against memory_limit until the statement ends (a window's
                // running string_agg builds n²/2 bytes), and a long copy looks for a cancel first
                if (cap - old >= GROWTH_CHECK) {
                    io.tealdb.memory.StatementGuard.reserve(cap - old, "string_agg");
                    io.tealdb.memory.StatementGuard.check();
                }
                b = Arrays.copyOf(b == null ? new byte[0] : b, cap);
            }
            int pos;
            if (buf[g] == null) {
                pos = 0;
            } else {
                System.arraycopy(sep, sepOff, b, len[g], sepLen);
                pos = len[g] + sepLen;
            }
            System.arraycopy(src, off, b, pos, n);
            buf[g] = b;
            len[g] = pos + n;
        }
    }

    private static final byte[] COMMA = {','};
    /** State growth of at least this many bytes is reserved against memory_limit. */
    static final int GROWTH_CHECK = 1 << 12;

    @Override
    public AggregateState createState() {
        return new State();
    }

    @Override
    public void update(AggregateState state, Vector[] args, int count, int[] groups) {
        State s = (State) state;
        Vector v = args[0];
        Vector sep = args.length > 1 ? args[1] : null;
        for (int i = 0; i < count; i++) {
            if (v.isNull(i)) continue;
            if (sep != null && sep.isNull(i)) {
                continue; // the separator is a constant: NULL makes the result NULL, as in DuckDB
            } else if (sep != null) {
                if (s.sep == null) {
                    s.sep = sep.getBytes(i);
                }
                s.append(groups[i], sep.heap, sep.offsets[i], sep.lengths[i], v.heap, v.offsets[i], v.lengths[i]);
            } else {
                s.append(groups[i], COMMA, 0, 1, v.heap, v.offsets[i], v.lengths[i]);
            }
        }
    }

    @Override
    public void combine(AggregateState target, AggregateState source, int[] sourceGroups, int[] targetGroups, int count) {
        State t = (State) target;
        State s = (State) source;
        for (int i = 0; i < count; i++) {
            int g = sourceGroups[i];
            if (s.buf[g] == null) continue;
            int tg = targetGroups[i];
            byte[] sep = argumentTypes().size() == 1 ? COMMA : s.sep != null ? s.sep : t.sep != null ? t.sep : new byte[0];
            if (t.sep == null) {
                t.sep = s.sep;
            }
            t.append(tg, sep, 0, sep.length, s.buf[g], 0, s.len[g]);
        }
    }

    @Override
    public void finalize(AggregateState state, int firstGroup, int count, Vector out) {
        State s = (State) state;
        for (int i = 0; i < count; i++) {
            int g = firstGroup + i;
            if (g >= s.buf.length || s.buf[g] == null) {
                out.setNull(i);
            } else {
                out.setBytes(i, s.buf[g], 0, s.len[g]);
            }
        }
    }
}
