package io.tealdb.function.aggregate;

import io.tealdb.function.AggregateState;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeField;
import io.tealdb.vector.Vector;

import java.util.Arrays;
import java.util.List;

/**
 * list(x) / array_agg(x): every input value of a group, NULLs included, in arrival order; and
 * histogram(x): a MAP from each distinct non-NULL value to its count, keys in ascending order.
 * Values of all groups are appended to one growing element vector (the vector primitives copy
 * nested values too); each group chains its entries through {@code next}.
 */
final class ListAggregate extends BaseAggregate {
    private final boolean histogram;

    ListAggregate(String name, List<LogicalType> args, boolean histogram) {
        super(name, args, histogram ? LogicalType.map(args.get(0), LogicalType.BIGINT) : LogicalType.list(args.get(0)));
        this.histogram = histogram;
    }

    final class State implements AggregateState {
        final Vector values = new Vector(argumentTypes().get(0), 64);
        int used;
        int[] next = new int[64];
        int[] head = new int[0];
        int[] tail = new int[0];
        int[] size = new int[0];

        @Override
        public void ensureCapacity(int n) {
            if (head.length < n) {
                int old = head.length;
                int cap = grow(old, n);
                head = Arrays.copyOf(head, cap);
                tail = Arrays.copyOf(tail, cap);
                size = Arrays.copyOf(size, cap);
                Arrays.fill(head, old, cap, -1);
            }
        }

        void add(int g, Vector src, int row) {
            values.reserve(used + 1);
            if (next.length <= used) {
                int cap = Math.max(used + 1, next.length * 2);
                // the state's growth is held against memory_limit until the statement ends (a window's
                // running list() builds n²/2 elements): about 16 bytes per element besides next[]
                if (cap - next.length >= 1024) {
                    io.tealdb.memory.StatementGuard.reserve((cap - next.length) * 20L, "list aggregate");
                    io.tealdb.memory.StatementGuard.check();
                }
                next = Arrays.copyOf(next, cap);
            }
            values.copyRow(src, row, used);
            next[used] = -1;
            if (head[g] < 0) head[g] = used;
            else next[tail[g]] = used;
            tail[g] = used;
            size[g]++;
            used++;
        }
    }

    @Override
    public AggregateState createState() {
        return new State();
    }

    @Override
    public void update(AggregateState state, Vector[] args, int count, int[] groups) {
        State s = (State) state;
        Vector v = args[0];
        for (int i = 0; i < count; i++) {
            if (histogram && v.isNull(i)) continue;
            s.add(groups[i], v, i);
        }
    }

    @Override
    public void combine(AggregateState target, AggregateState source, int[] sourceGroups, int[] targetGroups, int count) {
        State t = (State) target;
        State s = (State) source;
        for (int i = 0; i < count; i++) {
            int g = sourceGroups[i];
            if (g >= s.head.length) continue;
            for (int e = s.head[g]; e >= 0; e = s.next[e]) t.add(targetGroups[i], s.values, e);
        }
    }

    @Override
    public void finalize(AggregateState state, int firstGroup, int count, Vector out) {
        State s = (State) state;
        Vector child = out.child();
        for (int i = 0; i < count; i++) {
            int g = firstGroup + i;
            if (g >= s.head.length || s.head[g] < 0) {
                out.setNull(i);
                continue;
            }
            if (histogram) {
                finalizeHistogram(s, g, out, i);
                continue;
            }
            int at = out.startList(i, s.size[g]);
            for (int e = s.head[g]; e >= 0; e = s.next[e]) child.copyRow(s.values, e, at++);
        }
    }

    /** Sorts the group's entries, then counts runs of equal values into (key, count) entries. */
    private static void finalizeHistogram(State s, int g, Vector out, int row) {
        Integer[] entries = new Integer[s.size[g]];
        int n = 0;
        for (int e = s.head[g]; e >= 0; e = s.next[e]) entries[n++] = e;
        Arrays.sort(entries, (a, b) -> io.tealdb.vector.RowCompare.compare(s.values, a, s.values, b));
        int distinct = 0;
        for (int k = 0; k < n; k++) {
            if (k == 0 || !io.tealdb.vector.RowCompare.equals(s.values, entries[k - 1], s.values, entries[k])) distinct++;
        }
        int at = out.startList(row, distinct);
        Vector keys = out.child().children[0];
        Vector counts = out.child().children[1];
        int k = 0;
        while (k < n) {
            int end = k + 1;
            while (end < n && io.tealdb.vector.RowCompare.equals(s.values, entries[k], s.values, entries[end])) end++;
            out.child().setValid(at);
            keys.copyRow(s.values, entries[k], at);
            counts.setValid(at);
            counts.longs[at] = end - k;
            at++;
            k = end;
        }
    }
}
