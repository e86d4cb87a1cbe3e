package io.tealdb.planner;

import io.tealdb.error.BinderException;
import io.tealdb.function.TableFunction;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;

import java.util.List;

/**
 * {@code range(end)}, {@code range(start, end[, step])} (end exclusive) and
 * {@code generate_series(...)} (end inclusive) over BIGINT, as in DuckDB.
 */
final class RangeTableFunction implements TableFunction {
    private final String name;
    private final long start;
    private final long end;
    private final long step;
    private final boolean inclusive;

    private RangeTableFunction(String name, long start, long end, long step, boolean inclusive) {
        this.name = name;
        this.start = start;
        this.end = end;
        this.step = step;
        this.inclusive = inclusive;
    }

    /** Binds range/generate_series, or returns null for other names. */
    static FunctionResolver.BoundTableFunction bind(String name, List<Value> args) {
        boolean inclusive;
        switch (name) {
            case "range" -> inclusive = false;
            case "generate_series" -> inclusive = true;
            default -> {
                return null;
            }
        }
        if (args.isEmpty() || args.size() > 3) {
            throw new BinderException(name + " takes one to three arguments");
        }
        long[] v = new long[args.size()];
        for (int i = 0; i < args.size(); i++) {
            Value a = args.get(i);
            if (a.isNull()) {
                return new FunctionResolver.BoundTableFunction(new RangeTableFunction(name, 0, 0, 1, false), List.of(name), List.of(LogicalType.BIGINT));
            }
            if (!(a.object() instanceof Number n) || !(a.type().isInteger())) {
                throw new BinderException("No function matches the given name and argument types '" + name + "(" + a.type()
                        + ")'. You might need to add explicit type casts.");
            }
            v[i] = n.longValue();
        }
        long start = v.length == 1 ? 0 : v[0];
        long end = v.length == 1 ? v[0] : v[1];
        long step = v.length == 3 ? v[2] : 1;
        if (step == 0) throw new BinderException("interval cannot be 0!");
        return new FunctionResolver.BoundTableFunction(new RangeTableFunction(name, start, end, step, inclusive),
                List.of(name), List.of(LogicalType.BIGINT));
    }

    private long count() {
        // number of values start, start+step, ... before passing end (inclusive: up to end)
        java.math.BigInteger span = java.math.BigInteger.valueOf(end).subtract(java.math.BigInteger.valueOf(start));
        java.math.BigInteger st = java.math.BigInteger.valueOf(step);
        if (span.signum() != 0 && span.signum() != st.signum()) return 0;
        java.math.BigInteger[] qr = span.abs().divideAndRemainder(st.abs());
        long n = qr[0].longValue();
        if (qr[1].signum() != 0 || inclusive) n++;
        if (span.signum() == 0) n = inclusive ? 1 : 0;
        return n;
    }

    @Override
    public String describe() {
        return name + "(" + start + ", " + end + ", " + step + ")";
    }

    @Override
    public long estimatedRows() {
        return count();
    }

    @Override
    public Scan open() {
        long total = count();
        return new Scan() {
            long produced;

            @Override
            public boolean next(DataChunk out) {
                if (produced >= total) return false;
                int n = (int) Math.min(DataChunk.CAPACITY, total - produced);
                long[] values = out.column(0).longs;
                long v = start + produced * step;
                for (int i = 0; i < n; i++, v += step) values[i] = v;
                out.setSize(n);
                produced += n;
                return true;
            }
        };
    }
}
