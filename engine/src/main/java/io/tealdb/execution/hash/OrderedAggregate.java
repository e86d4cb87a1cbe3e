package io.tealdb.execution.hash;

import io.tealdb.function.AggregateFunction;
import io.tealdb.function.AggregateState;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An aggregate with ORDER BY in its arguments ({@code string_agg(x, ',' ORDER BY y)},
 * {@code first(x ORDER BY y DESC)}): buffers each group's argument and sort-key values, and at
 * finalize sorts them and feeds them to the wrapped aggregate in that order. Input columns are the
 * wrapped aggregate's arguments followed by the sort keys. Rows are buffered boxed: ordered
 * aggregates are rare and their cost is dominated by the per-group sort anyway.
 */
final class OrderedAggregate implements AggregateFunction {
    private final AggregateFunction inner;
    private final List<LogicalType> argumentTypes;
    private final int innerArgs;
    private final boolean[] ascending;
    private final boolean[] nullsFirst;

    OrderedAggregate(AggregateFunction inner, List<LogicalType> keyTypes, boolean[] ascending, boolean[] nullsFirst) {
        this.inner = inner;
        this.innerArgs = inner.argumentTypes().size();
        List<LogicalType> types = new ArrayList<>(inner.argumentTypes());
        types.addAll(keyTypes);
        this.argumentTypes = List.copyOf(types);
        this.ascending = ascending;
        this.nullsFirst = nullsFirst;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public List<LogicalType> argumentTypes() {
        return argumentTypes;
    }

    @Override
    public LogicalType returnType() {
        return inner.returnType();
    }

    private static final class State implements AggregateState {
        List<Object[]>[] rows = newRows(16);

        @SuppressWarnings("unchecked")
        private static List<Object[]>[] newRows(int n) {
            return (List<Object[]>[]) new List<?>[n];
        }

        @Override
        public void ensureCapacity(int groupCount) {
            if (groupCount > rows.length) rows = Arrays.copyOf(rows, Math.max(groupCount, rows.length * 2));
        }

        List<Object[]> group(int g) {
            List<Object[]> r = rows[g];
            if (r == null) rows[g] = r = new ArrayList<>();
            return r;
        }
    }

    @Override
    public AggregateState createState() {
        return new State();
    }

    @Override
    public void update(AggregateState state, Vector[] args, int count, int[] groups) {
        State s = (State) state;
        // every row is kept (boxed) until the group is sorted: counted against memory_limit first
        long bytes = (long) count * (24 + 32L * args.length);
        for (Vector a : args) {
            if (a.lengths != null && a.heap != null) {
                for (int i = 0; i < count; i++) bytes += a.lengths[i];
            }
        }
        io.tealdb.execution.Cancellation.reserveMemory(bytes, "the rows of an ordered aggregate");
        for (int i = 0; i < count; i++) {
            Object[] row = new Object[args.length];
            for (int c = 0; c < args.length; c++) row[c] = args[c].getObject(i);
            s.group(groups[i]).add(row);
        }
    }

    @Override
    public void combine(AggregateState target, AggregateState source, int[] sourceGroups, int[] targetGroups, int count) {
        State t = (State) target;
        State s = (State) source;
        for (int i = 0; i < count; i++) {
            int g = sourceGroups[i];
            if (g < s.rows.length && s.rows[g] != null) t.group(targetGroups[i]).addAll(s.rows[g]);
        }
    }

    @Override
    public void finalize(AggregateState state, int firstGroup, int count, Vector out) {
        State s = (State) state;
        Comparator<Object[]> order = comparator();
        Vector one = new Vector(inner.returnType(), 1);
        for (int k = 0; k < count; k++) {
            int g = firstGroup + k;
            List<Object[]> rows = g < s.rows.length && s.rows[g] != null ? s.rows[g] : List.of();
            List<Object[]> sorted = new ArrayList<>(rows);
            sorted.sort(order); // stable: ties keep input order
            AggregateState innerState = inner.createState();
            innerState.ensureCapacity(1);
            for (int from = 0; from < sorted.size(); from += DataChunk.CAPACITY) {
                int n = Math.min(DataChunk.CAPACITY, sorted.size() - from);
                Vector[] vs = new Vector[innerArgs];
                for (int c = 0; c < innerArgs; c++) {
                    vs[c] = new Vector(inner.argumentTypes().get(c), n);
                    for (int r = 0; r < n; r++) vs[c].setObject(r, sorted.get(from + r)[c]);
                }
                inner.update(innerState, vs, n, new int[n]);
            }
            one.reset();
            inner.finalize(innerState, 0, 1, one);
            out.copyRow(one, 0, k);
        }
    }

    private Comparator<Object[]> comparator() {
        return (a, b) -> {
            for (int i = 0; i < ascending.length; i++) {
                Object x = a[innerArgs + i];
                Object y = b[innerArgs + i];
                if (x == null || y == null) {
                    if (x == y) continue;
                    return (x == null) == nullsFirst[i] ? -1 : 1;
                }
                int c = compareValues(x, y);
                if (c != 0) return ascending[i] ? c : -c;
            }
            return 0;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object x, Object y) {
        if (x instanceof byte[] p && y instanceof byte[] q) return Arrays.compareUnsigned(p, q);
        if (x instanceof String p && y instanceof String q) {
            return Arrays.compareUnsigned(p.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    q.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (x instanceof Double p && y instanceof Double q) return Double.compare(p, q);
        if (x instanceof Float p && y instanceof Float q) return Float.compare(p, q);
        if (x instanceof Comparable p) return p.compareTo(y);
        return x.toString().compareTo(y.toString());
    }
}
