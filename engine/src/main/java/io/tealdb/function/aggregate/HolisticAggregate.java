package io.tealdb.function.aggregate;

import io.tealdb.error.BinderException;
import io.tealdb.function.AggregateState;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Vector;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Aggregates that need every value of a group: median, quantile_cont, quantile_disc, mode and
 * (exact) approx_count_distinct. Values are kept per group in their canonical Java form (boxed;
 * these aggregates are not on TPC-H's hot paths).
 */
final class HolisticAggregate extends BaseAggregate {
    enum Kind { MEDIAN, QUANTILE_CONT, QUANTILE_DISC, MODE, COUNT_DISTINCT, ENTROPY }

    private final Kind kind;
    /** What the memory reservations of the kept values are for (named in an Out of Memory Error). */
    private final String keptValues;

    HolisticAggregate(String name, List<LogicalType> args, LogicalType ret, Kind kind) {
        super(name, args, ret);
        this.kind = kind;
        this.keptValues = "the values of " + name;
    }

    static LogicalType resultType(Kind kind, LogicalType arg) {
        return switch (kind) {
            case MEDIAN, QUANTILE_CONT -> arg.id() == TypeId.DECIMAL || arg.id().isTemporal() || arg.id() == TypeId.INTERVAL
                    || !arg.isNumeric() ? arg : LogicalType.DOUBLE;
            case QUANTILE_DISC, MODE -> arg;
            case COUNT_DISTINCT -> LogicalType.BIGINT;
            case ENTROPY -> LogicalType.DOUBLE;
        };
    }

    static final class State implements AggregateState {
        @SuppressWarnings("unchecked")
        List<Object>[] values = new List[0];
        Map<Object, Long>[] counts;
        double quantile = 0.5;

        @Override
        public void ensureCapacity(int n) {
            if (values.length < n) {
                values = Arrays.copyOf(values, grow(values.length, n));
            }
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
        if (args.length > 1 && count > 0 && !args[1].isNull(0)) {
            Object q = args[1].getObject(0);
            double qd = q instanceof Number n ? n.doubleValue() : 0.5;
            if (qd < 0 || qd > 1) {
                throw new BinderException("QUANTILE can only take parameters in the range [0, 1]");
            }
            s.quantile = qd;
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

    /** A kept value: the boxed object, its slot in the group's list and the list's spare room. */
    private static final long BYTES_PER_VALUE = 48;

    @Override
    public void combine(AggregateState target, AggregateState source, int[] targetGroups, int sourceGroupCount) {
        State t = (State) target;
        State s = (State) source;
        t.quantile = s.quantile;
        for (int g = 0; g < sourceGroupCount; g++) {
            if (s.values[g] == null) continue;
            // groups may hold millions of values each (a window frame per row): a cancel stops here
            io.tealdb.memory.StatementGuard.check();
            int tg = targetGroups[g];
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
                case ENTROPY -> {
                    // Shannon entropy in bits of the non-NULL values' distribution (DuckDB: 0 when empty)
                    Map<Object, Long> freq = new HashMap<>();
                    for (Object o : vals) freq.merge(o, 1L, Long::sum);
                    double n = vals.size();
                    double h = 0;
                    for (long c : freq.values()) h += (c / n) * (Math.log(n / c) / Math.log(2));
                    out.doubles[i] = h;
                }
                case MODE -> {
                    Map<Object, Long> freq = new HashMap<>();
                    Object best = null;
                    long bestCount = 0;
                    for (Object o : vals) {
                        long c = freq.merge(o, 1L, Long::sum);
                        if (c > bestCount) {
                            best = o;
                            bestCount = c;
                        }
                    }
                    out.setObject(i, unkey(best, in));
                }
                case QUANTILE_DISC -> {
                    vals.sort(HolisticAggregate::cmp);
                    int idx = (int) Math.floor((vals.size() - 1) * s.quantile);
                    out.setObject(i, unkey(vals.get(idx), in));
                }
                case MEDIAN, QUANTILE_CONT -> {
                    vals.sort(HolisticAggregate::cmp);
                    double q = kind == Kind.MEDIAN ? 0.5 : s.quantile;
                    double rn = (vals.size() - 1) * q;
                    int lo = (int) Math.floor(rn);
                    int hi = (int) Math.ceil(rn);
                    Object a = vals.get(lo);
                    Object b = vals.get(hi);
                    LogicalType rt = returnType();
                    if (rt.id() == TypeId.DOUBLE) {
                        double x = ((Number) a).doubleValue();
                        double y = ((Number) b).doubleValue();
                        out.doubles[i] = lo == hi ? x : x + (rn - lo) * (y - x);
                    } else if (rt.id() == TypeId.DECIMAL) {
                        BigDecimal x = (BigDecimal) a;
                        BigDecimal y = (BigDecimal) b;
                        BigDecimal r = lo == hi ? x : x.add(y.subtract(x).multiply(BigDecimal.valueOf(rn - lo)));
                        // DuckDB interpolates decimals with integer arithmetic: the fraction is truncated
                        out.setObject(i, r.setScale(rt.scale(), RoundingMode.DOWN));
                    } else if ((rt.id() == TypeId.DATE || rt.id() == TypeId.TIMESTAMP || rt.id() == TypeId.TIME) && lo != hi) {
                        long x = ((Number) a).longValue();
                        long y = ((Number) b).longValue();
                        out.setObject(i, rt.id() == TypeId.DATE ? (Object) (int) (x + Math.round((rn - lo) * (y - x)))
                                : (Object) (x + Math.round((rn - lo) * (y - x))));
                    } else {
                        out.setObject(i, unkey(a, in));
                    }
                }
            }
        }
    }

    private static Object unkey(Object o, LogicalType in) {
        if (in.id() == TypeId.BLOB && o instanceof String s) {
            return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        return o;
    }
}
