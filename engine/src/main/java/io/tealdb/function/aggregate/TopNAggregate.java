package io.tealdb.function.aggregate;

import io.tealdb.error.InvalidInputException;
import io.tealdb.function.AggregateState;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.Arrays;
import java.util.List;

/**
 * DuckDB's aggregates with N: {@code max(x, n)} / {@code min(x, n)} (the n largest / smallest
 * values) and {@code arg_max(arg, val, n)} / {@code arg_min} / {@code max_by} / {@code min_by} (the
 * args of the n rows with the largest / smallest val), as a LIST ordered best first. Rows whose
 * value (or arg) is NULL are skipped; a group without rows is NULL. The {@code _nulls_last} forms
 * ({@code arg_max_nulls_last(arg, val [, n])}) keep every row: NULL args are values, NULL vals rank
 * after all others; without n they return the one arg, not a list. Each group keeps its best n in
 * slots {@code g * n … g * n + n - 1} of typed {@link ValueStore}s, best first; a row that beats the
 * worst slot is inserted in place, ahead of the values it ties with (DuckDB's order for ties: with
 * {@code ORDER BY} inside the call, the later rows of a tie come first).
 */
final class TopNAggregate extends BaseAggregate {
    private static final long LIMIT = 1_000_000;

    private final boolean largest;
    private final boolean withArg;
    private final String errorName;
    /** NULL args kept and NULL vals ranked last (the _nulls_last forms). */
    private final boolean nullsLast;
    /** (arg, val) without n: one best arg, not a list. */
    private final boolean scalar;

    /** @param args (x, n) or (arg, val, n) */
    TopNAggregate(String name, List<LogicalType> args, boolean largest) {
        this(name, args, largest, false);
    }

    /** @param args (x, n), (arg, val, n), or with {@code nullsLast} also (arg, val) */
    TopNAggregate(String name, List<LogicalType> args, boolean largest, boolean nullsLast) {
        super(name, args, nullsLast && args.size() == 2 ? args.get(0) : LogicalType.list(args.get(0)));
        this.largest = largest;
        this.nullsLast = nullsLast;
        this.scalar = nullsLast && args.size() == 2;
        this.withArg = args.size() == 3 || scalar;
        this.errorName = withArg ? "arg_min/arg_max" : "MIN/MAX";
    }

    final class State implements AggregateState {
        /** Slots per group, fixed by the first n seen (0 until then). */
        int n;
        int groups;
        int[] sizes = new int[0];
        final ValueStore keys = new ValueStore(argumentTypes().get(withArg ? 1 : 0));
        final ValueStore args = withArg ? new ValueStore(argumentTypes().get(0)) : null;

        @Override
        public void ensureCapacity(int count) {
            if (sizes.length < count) sizes = Arrays.copyOf(sizes, grow(sizes.length, count));
            groups = Math.max(groups, count);
            if (n > 0) reserveSlots();
        }

        void reserveSlots() {
            long slots = (long) sizes.length * n;
            if (slots > Integer.MAX_VALUE - 16) throw new InvalidInputException("Invalid input for " + errorName + ": too many values kept");
            keys.ensure((int) slots);
            if (args != null) args.ensure((int) slots);
        }

        void fixN(long requested) {
            if (n == 0) {
                n = (int) requested;
                reserveSlots();
            }
        }

        /** Whether the value in row {@code row} of {@code v} ranks ahead of slot {@code slot} (or ties, with {@code orTie}). */
        boolean ahead(Vector v, int row, int slot, boolean orTie) {
            boolean rowNull = v.isNull(row), slotNull = keys.has[slot] == 2;
            if (rowNull || slotNull) return rowNull && slotNull ? orTie : slotNull; // NULL ranks last
            int c = keys.compareRow(v, row, slot);
            return largest ? c > 0 || (orTie && c == 0) : c < 0 || (orTie && c == 0);
        }

        boolean aheadStored(ValueStore from, int fromSlot, int slot, boolean orTie) {
            boolean fromNull = from.has[fromSlot] == 2, slotNull = keys.has[slot] == 2;
            if (fromNull || slotNull) return fromNull && slotNull ? orTie : slotNull;
            int c = keys.compareStore(from, fromSlot, slot);
            return largest ? c > 0 || (orTie && c == 0) : c < 0 || (orTie && c == 0);
        }

        /** Makes room at {@code pos} of group g, dropping the worst when full; returns the slot to fill. */
        int open(int g, int pos) {
            int base = g * n;
            int last = Math.min(sizes[g], n - 1);
            for (int j = last; j > pos; j--) {
                keys.setFrom(base + j, keys, base + j - 1);
                if (args != null) args.setFrom(base + j, args, base + j - 1);
            }
            sizes[g] = Math.min(sizes[g] + 1, n);
            return base + pos;
        }
    }

    @Override
    public AggregateState createState() {
        return new State();
    }

    private long n(Vector nv, int row) {
        if (nv.isNull(row)) throw new InvalidInputException("Invalid input for " + errorName + ": n value cannot be NULL");
        long n = io.tealdb.function.cast.Casts.readLong(nv, row);
        if (n <= 0) throw new InvalidInputException("Invalid input for " + errorName + ": n value must be > 0");
        if (n >= LIMIT) throw new InvalidInputException("Invalid input for " + errorName + ": n value must be < " + LIMIT);
        return n;
    }

    @Override
    public void update(AggregateState state, Vector[] in, int count, int[] groups) {
        State s = (State) state;
        Vector value = in[0];
        Vector key = withArg ? in[1] : in[0];
        Vector nv = scalar ? null : in[withArg ? 2 : 1];
        for (int i = 0; i < count; i++) {
            long n = scalar ? 1 : n(nv, i);
            if (!nullsLast && (key.isNull(i) || (withArg && value.isNull(i)))) continue;
            s.fixN(n);
            int g = groups[i];
            int size = s.sizes[g];
            int base = g * s.n;
            if (size == s.n && !s.ahead(key, i, base + size - 1, false)) continue;
            int pos = size;
            while (pos > 0 && s.ahead(key, i, base + pos - 1, true)) pos--;
            int slot = s.open(g, pos);
            s.keys.set(slot, key, i);
            if (withArg) s.args.set(slot, value, i);
        }
    }

    @Override
    public void combine(AggregateState target, AggregateState source, int[] sourceGroups, int[] targetGroups, int count) {
        State t = (State) target;
        State src = (State) source;
        if (src.n == 0) return;
        t.fixN(src.n);
        for (int i = 0; i < count; i++) {
            int sg = sourceGroups[i];
            int tg = targetGroups[i];
            for (int j = 0; j < src.sizes[sg]; j++) {
                int from = sg * src.n + j;
                int size = t.sizes[tg];
                int base = tg * t.n;
                if (size == t.n && !t.aheadStored(src.keys, from, base + size - 1, false)) break; // the rest rank lower still
                int pos = size;
                while (pos > 0 && t.aheadStored(src.keys, from, base + pos - 1, true)) pos--;
                int slot = t.open(tg, pos);
                t.keys.setFrom(slot, src.keys, from);
                if (withArg) t.args.setFrom(slot, src.args, from);
            }
        }
    }

    @Override
    public void finalize(AggregateState state, int firstGroup, int count, Vector out) {
        State s = (State) state;
        ValueStore values = withArg ? s.args : s.keys;
        for (int i = 0; i < count; i++) {
            int g = firstGroup + i;
            int size = g < s.sizes.length ? s.sizes[g] : 0;
            if (size == 0) {
                out.setNull(i);
                continue;
            }
            if (scalar) {
                values.write(g * s.n, out, i);
                continue;
            }
            int start = out.startList(i, size);
            Vector child = out.children[0];
            for (int j = 0; j < size; j++) values.write(g * s.n + j, child, start + j);
        }
    }
}
