package io.tealdb.function.aggregate;

import io.tealdb.error.BinderException;
import io.tealdb.function.AggregateState;
import io.tealdb.types.DateTimeUtil;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Int128;
import io.tealdb.vector.Vector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Aggregates that need every value of a group: median, quantile_cont, quantile_disc, mad, mode,
 * entropy and (exact) approx_count_distinct. Over numbers, dates and times they keep each group's
 * values as sortable keys in a primitive array, in arrival order (the quantiles select the order
 * statistics they need, see {@link OrderStatisticAggregate}; distinct keys, their counts and mode
 * come from a sorted copy); over other types they keep values in their canonical Java form (boxed).
 */
final class HolisticAggregate extends BaseAggregate implements OrderStatisticAggregate {
    enum Kind { MEDIAN, QUANTILE_CONT, QUANTILE_DISC, MODE, COUNT_DISTINCT, ENTROPY, MAD }

    private final Kind kind;
    /** What the memory reservations of the kept values are for (named in an Out of Memory Error). */
    private final String keptValues;

    HolisticAggregate(String name, List<LogicalType> args, LogicalType ret, Kind kind) {
        super(name, args, ret);
        this.kind = kind;
        this.keptValues = "the values of " + name;
        boolean orderStatistic = kind == Kind.MEDIAN || kind == Kind.QUANTILE_CONT || kind == Kind.QUANTILE_DISC;
        this.keyed = SortableKeys.supports(args.get(0));
        this.orderStatistic = orderStatistic && keyed;
    }

    /** Values kept as sortable keys in primitive arrays (order statistics, distinct counts). */
    private final boolean keyed;
    /** A keyed median or quantile: see {@link OrderStatisticAggregate}. */
    private final boolean orderStatistic;

    @Override
    public boolean keyed() {
        return orderStatistic;
    }

    static LogicalType resultType(Kind kind, LogicalType arg) {
        return switch (kind) {
            // DuckDB interpolates dates as timestamps (the median of two dates can fall between them)
            case MEDIAN, QUANTILE_CONT -> arg.id() == TypeId.DATE ? LogicalType.TIMESTAMP
                    : arg.id() == TypeId.DECIMAL || arg.id().isTemporal() || arg.id() == TypeId.INTERVAL
                    || !arg.isNumeric() ? arg : LogicalType.DOUBLE;
            case QUANTILE_DISC, MODE -> arg;
            case COUNT_DISTINCT -> LogicalType.BIGINT;
            case ENTROPY -> LogicalType.DOUBLE;
            // the median absolute deviation of dates and times is a span of time
            case MAD -> arg.id().isTemporal() ? LogicalType.INTERVAL : arg;
        };
    }

    static final class State implements AggregateState {
        @SuppressWarnings("unchecked")
        List<Object>[] values = new List[0];
        Map<Object, Long>[] counts;
        double quantile = 0.5;
        /** Keyed aggregates: each group's keys (null until its first value) and how many it holds. */
        long[][] keys = new long[0][];
        int[] sizes = new int[0];

        @Override
        public void ensureCapacity(int n) {
            if (values.length < n) {
                values = Arrays.copyOf(values, grow(values.length, n));
            }
            if (keys.length < n) {
                int cap = grow(keys.length, n);
                keys = Arrays.copyOf(keys, cap);
                sizes = Arrays.copyOf(sizes, cap);
            }
        }

        /** Appends {@code key} to group {@code g}'s keys. */
        void add(int g, long key) {
            long[] k = keys[g];
            int n = sizes[g];
            if (k == null || n == k.length) keys[g] = k = Arrays.copyOf(k == null ? new long[0] : k, Math.max(8, n * 2));
            k[n] = key;
            sizes[g] = n + 1;
        }
    }

    @Override
    public AggregateState createState() {
        return new State();
    }

    private static Object key(Object o) {
        return o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.ISO_8859_1) : o;
    }

    @Override
    public void update(AggregateState state, Vector[] args, int count, int[] groups) {
        State s = (State) state;
        Vector v = args[0];
        if (args.length > 1 && count > 0 && !args[1].isNull(0)) s.quantile = quantile(args, 0);
        if (keyed) {
            // a key per value, and the spare room of its group's array (which doubles)
            io.tealdb.memory.StatementGuard.reserve(16L * count, keptValues);
            for (int i = 0; i < count; i++) {
                if (!v.isNull(i)) s.add(groups[i], SortableKeys.key(v, i));
            }
            return;
        }
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            if (v.isNull(i)) continue;
            bytes += BYTES_PER_VALUE + (v.lengths != null ? v.lengths[i] : 0);
        }
        // every value is kept until the group's result is computed: counted against memory_limit first
        io.tealdb.memory.StatementGuard.reserve(bytes, keptValues);
        for (int i = 0; i < count; i++) {
            if (v.isNull(i)) continue;
            int g = groups[i];
            if (s.values[g] == null) {
                s.values[g] = new ArrayList<>();
            }
            s.values[g].add(key(v.getObject(i)));
        }
    }

    @Override
    public double quantile(Vector[] args, int row) {
        if (args.length < 2 || args[1].isNull(row)) return 0.5;
        Object q = args[1].getObject(row);
        double qd = q instanceof Number n ? n.doubleValue() : 0.5;
        if (Double.isNaN(qd)) throw new BinderException("QUANTILE parameter cannot be NaN");
        // a negative quantile counts from the largest value (DuckDB: -0.25 is 0.25 of the values sorted descending)
        if (qd < -1 || qd > 1) {
            throw new BinderException("QUANTILE can only take parameters in the range [-1, 1]");
        }
        return qd;
    }

    @Override
    public long key(Vector v, int row) {
        return SortableKeys.key(v, row);
    }

    /** A kept value: the boxed object, its slot in the group's list and the list's spare room. */
    private static final long BYTES_PER_VALUE = 48;

    @Override
    public void combine(AggregateState target, AggregateState source, int[] sourceGroups, int[] targetGroups, int count) {
        State t = (State) target;
        State s = (State) source;
        t.quantile = s.quantile;
        if (keyed) {
            for (int i = 0; i < count; i++) {
                int g = sourceGroups[i];
                int n = g < s.sizes.length ? s.sizes[g] : 0;
                if (n == 0) continue;
                io.tealdb.memory.StatementGuard.check();
                io.tealdb.memory.StatementGuard.reserve(8L * n, keptValues);
                long[] from = s.keys[g];
                int tg = targetGroups[i];
                long[] to = t.keys[tg];
                int have = t.sizes[tg];
                if (to == null || have + n > to.length) t.keys[tg] = to = Arrays.copyOf(to == null ? new long[0] : to, Math.max(have + n, have * 2));
                System.arraycopy(from, 0, to, have, n);
                t.sizes[tg] = have + n;
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            int g = sourceGroups[i];
            if (s.values[g] == null) continue;
            // groups may hold millions of values each (a window frame per row): a cancel stops here
            io.tealdb.memory.StatementGuard.check();
            int tg = targetGroups[i];
            if (t.values[tg] == null) {
                t.values[tg] = new ArrayList<>();
            }
            // the values are shared, their references copied (a running window frame copies them per row)
            io.tealdb.memory.StatementGuard.reserve(8L * s.values[g].size(), keptValues);
            t.values[tg].addAll(s.values[g]);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int cmp(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return ValueStore.compareDouble(x, y);
        }
        if (a instanceof Float x && b instanceof Float y) {
            return ValueStore.compareDouble(x, y);
        }
        return ((Comparable) a).compareTo(b);
    }

    @Override
    public void finalize(AggregateState state, int firstGroup, int count, Vector out) {
        State s = (State) state;
        LogicalType in = argumentTypes().get(0);
        if (keyed) {
            for (int i = 0; i < count; i++) {
                int g = firstGroup + i;
                int n = g < s.sizes.length ? s.sizes[g] : 0;
                if (n == 0) {
                    if (kind == Kind.COUNT_DISTINCT) out.longs[i] = 0;
                    else if (kind == Kind.ENTROPY) out.doubles[i] = 0;
                    else out.setNull(i);
                    continue;
                }
                if (n > 1024) io.tealdb.memory.StatementGuard.check();
                long[] k = s.keys[g];
                if (kind == Kind.COUNT_DISTINCT) {
                    Arrays.sort(k, 0, n);
                    long distinct = 1;
                    for (int j = 1; j < n; j++) if (k[j] != k[j - 1]) distinct++;
                    out.longs[i] = distinct;
                    continue;
                }
                if (kind == Kind.MAD) {
                    Arrays.sort(k, 0, n);
                    mad(in, k, n, out, i);
                    continue;
                }
                if (kind == Kind.MODE || kind == Kind.ENTROPY) {
                    // arrival order decides mode's ties: a sorted copy, the keys kept unsorted
                    io.tealdb.memory.StatementGuard.reserve(8L * n, keptValues);
                    long[] sorted = Arrays.copyOf(k, n);
                    Arrays.sort(sorted);
                    if (kind == Kind.ENTROPY) out.doubles[i] = entropy(sorted, n);
                    else SortableKeys.write(out, i, mode(k, sorted, n));
                    continue;
                }
                writeResult(s.quantile, n, index -> SortableKeys.select(k, n, index), out, i);
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            int g = firstGroup + i;
            List<Object> vals = g < s.values.length ? s.values[g] : null;
            if (vals != null && vals.size() > 1024) io.tealdb.memory.StatementGuard.check(); // a frame per row: quadratic work
            if (vals == null || vals.isEmpty()) {
                if (kind == Kind.COUNT_DISTINCT) {
                    out.longs[i] = 0;
                } else if (kind == Kind.ENTROPY) {
                    out.doubles[i] = 0;
                } else {
                    out.setNull(i);
                }
                continue;
            }
            switch (kind) {
                case COUNT_DISTINCT -> out.longs[i] = new HashSet<>(vals).size();
                case MAD -> {
                    // DECIMAL wider than 18 digits: the same rules as the keyed decimals, on BigDecimals
                    vals.sort(HolisticAggregate::cmp);
                    BigDecimal m = decimalMedian(vals);
                    List<Object> dev = new ArrayList<>(vals.size());
                    for (Object o : vals) dev.add(((BigDecimal) o).subtract(m).abs());
                    dev.sort(HolisticAggregate::cmp);
                    out.setObject(i, decimalMedian(dev));
                }
                case ENTROPY -> {
                    Map<Object, Long> freq = new HashMap<>();
                    for (Object o : vals) freq.merge(o, 1L, Long::sum);
                    double n = vals.size();
                    double h = 0;
                    for (long c : freq.values()) h += entropyTerm(c, n);
                    out.doubles[i] = h;
                }
                case MODE -> {
                    // the most frequent value; of equally frequent ones the first to arrive (DuckDB)
                    Map<Object, Long> freq = new java.util.LinkedHashMap<>();
                    for (Object o : vals) freq.merge(o, 1L, Long::sum);
                    Object best = null;
                    long bestCount = 0;
                    for (Map.Entry<Object, Long> e : freq.entrySet()) {
                        if (e.getValue() > bestCount) {
                            best = e.getKey();
                            bestCount = e.getValue();
                        }
                    }
                    out.setObject(i, unkey(best, in));
                }
                case QUANTILE_DISC -> {
                    vals.sort(HolisticAggregate::cmp);
                    int n = vals.size();
                    out.setObject(i, unkey(vals.get(ascending(s.quantile, n, discreteIndex(Math.abs(s.quantile), n))), in));
                }
                case MEDIAN, QUANTILE_CONT -> {
                    vals.sort(HolisticAggregate::cmp);
                    double q = kind == Kind.MEDIAN ? 0.5 : s.quantile;
                    int n = vals.size();
                    double rn = (n - 1) * Math.abs(q);
                    int lo = (int) Math.floor(rn);
                    int hi = (int) Math.ceil(rn);
                    Object a = vals.get(ascending(q, n, lo));
                    Object b = vals.get(ascending(q, n, hi));
                    LogicalType rt = returnType();
                    if (rt.id() == TypeId.DOUBLE) {
                        double x = ((Number) a).doubleValue();
                        double y = ((Number) b).doubleValue();
                        out.doubles[i] = lo == hi ? x : interpolate(x, y, rn - lo);
                    } else if (rt.id() == TypeId.DECIMAL && lo != hi) {
                        // a 128-bit decimal (narrower ones are keyed): DuckDB adds to the lower neighbour
                        // the difference times the fraction, computed as a double and truncated
                        out.setObject(i, wideDecimalInterpolate((BigDecimal) a, (BigDecimal) b, rn - lo));
                    } else {
                        out.setObject(i, unkey(a, in));
                    }
                }
            }
        }
    }

    /**
     * The result from the order statistics of {@code n} keyed values: the same rules as the boxed
     * path of {@link #finalize} (quantile_disc takes the value at floor((n-1)·q); median and
     * quantile_cont interpolate linearly between the neighbours of (n-1)·q — doubles for numbers,
     * a decimal's unscaled integers as doubles truncated toward zero, rounded for DATE, TIME and
     * TIMESTAMP, the lower one for other types).
     */
    @Override
    public void writeResult(double q, int n, KeyAtRank values, Vector out, int row) {
        LogicalType in = argumentTypes().get(0);
        if (kind == Kind.QUANTILE_DISC) {
            SortableKeys.write(out, row, values.keyAt(ascending(q, n, discreteIndex(Math.abs(q), n))));
            return;
        }
        if (kind == Kind.MEDIAN) q = 0.5;
        double rn = (n - 1) * Math.abs(q);
        int lo = (int) Math.floor(rn);
        int hi = (int) Math.ceil(rn);
        long a = values.keyAt(ascending(q, n, lo));
        long b = lo == hi ? a : values.keyAt(ascending(q, n, hi));
        LogicalType rt = returnType();
        if (in.id() == TypeId.DATE) {
            // as a timestamp, like DuckDB
            a *= DateTimeUtil.MICROS_PER_DAY;
            b *= DateTimeUtil.MICROS_PER_DAY;
        }
        if (rt.id() == TypeId.DOUBLE) {
            boolean floating = in.physical() == io.tealdb.types.PhysicalType.FLOAT || in.physical() == io.tealdb.types.PhysicalType.DOUBLE;
            double x = floating ? SortableKeys.toDouble(a) : a;
            double y = floating ? SortableKeys.toDouble(b) : b;
            out.doubles[row] = lo == hi ? x : interpolate(x, y, rn - lo);
        } else if (rt.id() == TypeId.DECIMAL && lo != hi) {
            // DuckDB interpolates a decimal's unscaled integers as doubles and truncates toward zero
            SortableKeys.write(out, row, decimalInterpolate(a, b, rn - lo));
        } else if (interpolatesTime(rt) && lo != hi) {
            out.longs[row] = roundHalfAway(interpolate(a, b, rn - lo));
        } else if (in.id() == TypeId.DATE) {
            out.longs[row] = a;
        } else {
            SortableKeys.write(out, row, a);
        }
    }

    /** One distinct value's share of the Shannon entropy in bits of the non-NULL values (DuckDB: 0 when empty). */
    private static double entropyTerm(long count, double n) {
        return (count / n) * (Math.log(n / count) / Math.log(2));
    }

    private static double entropy(long[] sorted, int n) {
        double h = 0;
        for (int j = 0; j < n; ) {
            int end = j + 1;
            while (end < n && sorted[end] == sorted[j]) end++;
            h += entropyTerm(end - j, n);
            j = end;
        }
        return h;
    }

    /**
     * The most frequent of {@code keys[0, n)}, of equally frequent ones the first in arrival order
     * (DuckDB's tie rule); {@code sorted} holds the same keys sorted and is overwritten.
     */
    private static long mode(long[] keys, long[] sorted, int n) {
        int best = 0;
        for (int j = 0; j < n; ) {
            int end = j + 1;
            while (end < n && sorted[end] == sorted[j]) end++;
            best = Math.max(best, end - j);
            j = end;
        }
        // the keys reaching the top count, compacted to the front (still sorted: a run is never shorter than 1)
        int m = 0;
        for (int j = 0; j < n; ) {
            int end = j + 1;
            while (end < n && sorted[end] == sorted[j]) end++;
            if (end - j == best) sorted[m++] = sorted[j];
            j = end;
        }
        if (m == 1) return sorted[0];
        for (int j = 0; j < n; j++) {
            if (Arrays.binarySearch(sorted, 0, m, keys[j]) >= 0) return keys[j];
        }
        throw new IllegalStateException("mode: no key reaches the top count");
    }

    /**
     * The median absolute deviation of {@code n} sorted keys: the median of |x - median|, each median
     * taken as median() takes it (interpolated for doubles, truncated for decimals, rounded to the
     * microsecond for dates and times, whose deviations are intervals of days and microseconds).
     * Deviations of times are exact: they fit an unsigned 64-bit span even between the extremes.
     */
    private void mad(LogicalType in, long[] k, int n, Vector out, int row) {
        int lo = (n - 1) / 2;
        int hi = n / 2;
        PhysicalType p = in.physical();
        if (p == PhysicalType.FLOAT || p == PhysicalType.DOUBLE) {
            double m = interpolate(SortableKeys.toDouble(k[lo]), SortableKeys.toDouble(k[hi]), lo == hi ? 0 : 0.5);
            double[] dev = new double[n];
            for (int j = 0; j < n; j++) dev[j] = Math.abs(SortableKeys.toDouble(k[j]) - m);
            Arrays.sort(dev);
            double r = interpolate(dev[lo], dev[hi], lo == hi ? 0 : 0.5);
            if (p == PhysicalType.FLOAT) out.floats[row] = (float) r;
            else out.doubles[row] = r;
            return;
        }
        if (in.id() == TypeId.DECIMAL) {
            long m = decimalInterpolate(k[lo], k[hi], lo == hi ? 0 : 0.5);
            long[] dev = new long[n];
            for (int j = 0; j < n; j++) dev[j] = Math.abs(k[j] - m);
            Arrays.sort(dev);
            SortableKeys.write(out, row, decimalInterpolate(dev[lo], dev[hi], lo == hi ? 0 : 0.5));
            return;
        }
        long scale = in.id() == TypeId.DATE ? DateTimeUtil.MICROS_PER_DAY : 1;
        long a = k[lo] * scale;
        long span = k[hi] * scale - a; // unsigned
        long m = a + Long.divideUnsigned(span, 2) + (span & 1); // rounded half up
        long[] dev = new long[n];
        for (int j = 0; j < n; j++) {
            long x = k[j] * scale;
            dev[j] = x >= m ? x - m : m - x; // unsigned
        }
        Arrays.sort(dev); // within [0, 2^63): the deviations from a median of the same values
        long d = dev[lo] + Long.divideUnsigned(dev[hi] - dev[lo], 2) + ((dev[hi] - dev[lo]) & 1);
        out.ints[row] = 0;
        out.days[row] = (int) (d / DateTimeUtil.MICROS_PER_DAY);
        out.longs[row] = d % DateTimeUtil.MICROS_PER_DAY;
    }

    /** The median of sorted 128-bit decimals, interpolated as median() does. */
    private static BigDecimal decimalMedian(List<Object> sorted) {
        int n = sorted.size();
        return wideDecimalInterpolate((BigDecimal) sorted.get((n - 1) / 2), (BigDecimal) sorted.get(n / 2), n % 2 == 1 ? 0 : 0.5);
    }

    /** DuckDB's interpolation of a 64-bit decimal's unscaled integers: as doubles, truncated toward zero. */
    private static long decimalInterpolate(long a, long b, double d) {
        return d == 0 ? a : (long) ((double) a + ((double) b - (double) a) * d);
    }

    /**
     * DuckDB's interpolation of 128-bit decimals: the lower neighbour plus the difference times the
     * fraction, computed as a double (with DuckDB's HUGEINT-to-double rounding) and truncated.
     */
    private static BigDecimal wideDecimalInterpolate(BigDecimal x, BigDecimal y, double d) {
        if (d == 0) return x;
        BigInteger delta = y.unscaledValue().subtract(x.unscaledValue());
        BigInteger step = new BigDecimal(Int128.toDoubleAsDuckDb(delta) * d).toBigInteger();
        return new BigDecimal(x.unscaledValue().add(step), x.scale());
    }

    /** The types DuckDB interpolates as microseconds (rounded) rather than returning the lower neighbour. */
    private static boolean interpolatesTime(LogicalType rt) {
        return rt.id() == TypeId.TIMESTAMP || rt.id() == TypeId.TIME || rt.id() == TypeId.TIMESTAMP_TZ;
    }

    /** DuckDB's linear interpolation between neighbours {@code lo} and {@code hi} at fraction {@code d}. */
    private static double interpolate(double lo, double hi, double d) {
        return lo * (1.0 - d) + hi * d;
    }

    /** C's llround: halves away from zero. */
    private static long roundHalfAway(double x) {
        return x >= 0 ? (long) Math.floor(x + 0.5) : -(long) Math.floor(-x + 0.5);
    }

    /**
     * The ascending position of the value at {@code rank} in the order quantile {@code q} counts in:
     * from the smallest, or for a negative quantile from the largest (-0.0 counts from the smallest).
     */
    private static int ascending(double q, int n, int rank) {
        return q < 0 ? n - 1 - rank : rank;
    }

    /**
     * The 0-based position quantile_disc takes among {@code n} sorted values: DuckDB's
     * max(1, n - floor(n - n·q)) - 1, computed exactly on the decimal the quantile was written as
     * (a literal such as 0.3 is a decimal there: with doubles 10 · 0.3 is just above 3).
     */
    static int discreteIndex(double q, int n) {
        BigDecimal dq = BigDecimal.valueOf(q);
        long floored;
        if (dq.scale() >= 0 && dq.scale() <= 9) {
            long scaling = LONG_POWERS_OF_TEN[dq.scale()];
            long integral = dq.unscaledValue().longValue();
            floored = Math.floorDiv((long) n * scaling - (long) n * integral, scaling);
        } else {
            floored = (long) Math.floor(n - n * q);
        }
        return (int) (Math.max(1, n - floored) - 1);
    }

    private static final long[] LONG_POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
            10_000_000L, 100_000_000L, 1_000_000_000L};

    private static Object unkey(Object o, LogicalType in) {
        if (in.id() == TypeId.BLOB && o instanceof String s) {
            return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        return o;
    }
}
