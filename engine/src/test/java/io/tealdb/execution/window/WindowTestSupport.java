package io.tealdb.execution.window;

import io.tealdb.function.AggregateFunction;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.planner.expression.WindowFrame;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Builders for window specs over a test column list, and value normalisation for comparing with DuckDB. */
final class WindowTestSupport {
    private WindowTestSupport() {
    }

    static AggregateFunction agg(String name, LogicalType... args) {
        return FunctionRegistry.getDefault().bindAggregate(name, List.of(args));
    }

    /** Fluent builder of a {@link WindowSpec}; frame defaults follow the binder's defaults. */
    static final class W {
        final WindowFunctionKind kind;
        AggregateFunction aggregate;
        int[] args = {};
        int[] parts = {};
        final List<Integer> orders = new ArrayList<>();
        final List<Boolean> asc = new ArrayList<>();
        final List<Boolean> nullsFirst = new ArrayList<>();
        WindowFrame.Mode mode;
        WindowSpec.Bound start;
        WindowSpec.Bound end;
        WindowFrame.Exclude exclude = WindowFrame.Exclude.NO_OTHERS;
        boolean ignoreNulls;
        boolean distinct;
        int filter = -1;
        LogicalType type;

        W(WindowFunctionKind kind, LogicalType type) {
            this.kind = kind;
            this.type = type;
        }

        static W fn(WindowFunctionKind kind, LogicalType type, int... args) {
            W w = new W(kind, type);
            w.args = args;
            return w;
        }

        static W agg(AggregateFunction f, int... args) {
            W w = new W(WindowFunctionKind.AGGREGATE, f.returnType());
            w.aggregate = f;
            w.args = args;
            return w;
        }

        W partition(int... cols) {
            parts = cols;
            return this;
        }

        W order(int col, boolean ascending, boolean nf) {
            orders.add(col);
            asc.add(ascending);
            nullsFirst.add(nf);
            return this;
        }

        W asc(int col) {
            return order(col, true, false);
        }

        W desc(int col) {
            return order(col, false, false);
        }

        W frame(WindowFrame.Mode m, WindowSpec.Bound s, WindowSpec.Bound e) {
            mode = m;
            start = s;
            end = e;
            return this;
        }

        W exclude(WindowFrame.Exclude x) {
            exclude = x;
            return this;
        }

        W ignoreNulls() {
            ignoreNulls = true;
            return this;
        }

        W distinct() {
            distinct = true;
            return this;
        }

        W filter(int col) {
            filter = col;
            return this;
        }

        WindowSpec build() {
            WindowFrame.Mode m = mode;
            WindowSpec.Bound s = start;
            WindowSpec.Bound e = end;
            if (m == null) {
                if (orders.isEmpty()) {
                    m = WindowFrame.Mode.ROWS;
                    s = WindowSpec.Bound.UNBOUNDED_PRECEDING;
                    e = WindowSpec.Bound.UNBOUNDED_FOLLOWING;
                } else {
                    m = WindowFrame.Mode.RANGE;
                    s = WindowSpec.Bound.UNBOUNDED_PRECEDING;
                    e = WindowSpec.Bound.CURRENT_ROW;
                }
            }
            int[] o = orders.stream().mapToInt(Integer::intValue).toArray();
            boolean[] a = new boolean[o.length];
            boolean[] nf = new boolean[o.length];
            for (int i = 0; i < o.length; i++) {
                a[i] = asc.get(i);
                nf[i] = nullsFirst.get(i);
            }
            return new WindowSpec(kind, aggregate, args, parts, o, a, nf, m, s, e, exclude, ignoreNulls, distinct, filter, type);
        }
    }

    /** Canonical form for comparison: exact numbers as stripped BigDecimal, floating as Double. */
    static Object norm(Object o) {
        if (o == null) return null;
        if (o instanceof Double || o instanceof Float) return ((Number) o).doubleValue();
        if (o instanceof BigDecimal b) return b.stripTrailingZeros();
        if (o instanceof BigInteger || o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return new BigDecimal(o.toString()).stripTrailingZeros();
        }
        return o;
    }

    static boolean same(Object expected, Object actual) {
        Object a = norm(expected);
        Object b = norm(actual);
        if (a == null || b == null) return a == b;
        if (a instanceof Double x && b instanceof Double y) {
            return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.max(Math.abs(x), Math.abs(y)));
        }
        return a.equals(b);
    }

    static List<Object> values(Vector v, int n) {
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(v.getObject(i));
        return out;
    }
}
