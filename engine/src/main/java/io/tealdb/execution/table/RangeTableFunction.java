package io.tealdb.execution.table;

import io.tealdb.error.InvalidInputException;
import io.tealdb.function.TableFunction;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.List;

/**
 * {@code range(start, stop, step)} (stop exclusive; column {@code range}) and
 * {@code generate_series(start, stop, step)} (stop inclusive; column {@code generate_series}) over
 * BIGINT, as in DuckDB. One-argument form: start 0, stop = argument; step defaults to 1.
 */
public final class RangeTableFunction implements TableFunction {
    private final long start;
    private final long stop;
    private final long step;
    private final boolean inclusive;

    public RangeTableFunction(long start, long stop, long step, boolean inclusive) {
        if (step == 0) throw new InvalidInputException("interval cannot be 0!");
        this.start = start;
        this.stop = stop;
        this.step = step;
        this.inclusive = inclusive;
    }

    public static RangeTableFunction range(long... args) {
        return of(false, args);
    }

    public static RangeTableFunction generateSeries(long... args) {
        return of(true, args);
    }

    private static RangeTableFunction of(boolean inclusive, long[] args) {
        return switch (args.length) {
            case 1 -> new RangeTableFunction(0, args[0], 1, inclusive);
            case 2 -> new RangeTableFunction(args[0], args[1], 1, inclusive);
            case 3 -> new RangeTableFunction(args[0], args[1], args[2], inclusive);
            default -> throw new InvalidInputException("range/generate_series take 1 to 3 arguments");
        };
    }

    public String columnName() {
        return inclusive ? "generate_series" : "range";
    }

    public List<LogicalType> types() {
        return List.of(LogicalType.BIGINT);
    }

    @Override
    public String describe() {
        return (inclusive ? "generate_series(" : "range(") + start + ", " + stop + ", " + step + ")";
    }

    @Override
    public long estimatedRows() {
        return count();
    }

    /** Number of values produced (saturating). */
    public long count() {
        java.math.BigInteger span = java.math.BigInteger.valueOf(stop).subtract(java.math.BigInteger.valueOf(start));
        java.math.BigInteger st = java.math.BigInteger.valueOf(step);
        if (span.signum() != 0 && span.signum() != st.signum()) return 0;
        java.math.BigInteger[] qr = span.abs().divideAndRemainder(st.abs());
        java.math.BigInteger n = qr[0];
        if (inclusive || qr[1].signum() != 0) n = n.add(java.math.BigInteger.ONE);
        if (span.signum() == 0) n = inclusive ? java.math.BigInteger.ONE : java.math.BigInteger.ZERO;
        return n.min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue();
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
                Vector v = out.column(0);
                long[] a = v.longs;
                long base = start + produced * step;
                for (int i = 0; i < n; i++) a[i] = base + i * step;
                produced += n;
                out.setSize(n);
                return true;
            }
        };
    }
}
