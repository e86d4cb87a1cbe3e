package io.tealdb.execution.window;

import io.tealdb.error.InvalidInputException;
import io.tealdb.error.OutOfRangeException;
import io.tealdb.planner.expression.WindowFrame;
import io.tealdb.types.DateTimeUtil;
import io.tealdb.types.PhysicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.Vector;

/**
 * Computes each row's frame {@code [start, end)} in sorted positions, clipped to its partition
 * (an empty frame has start == end). EXCLUDE is applied later by the consumers ({@link #ranges}).
 *
 * <p>ROWS offsets count rows, GROUPS offsets count peer groups; RANGE offsets are added to (or
 * subtracted from) the single ORDER BY key and the boundary is found by binary search among the
 * partition's non-null keys. Rows whose key is NULL get their peer group (the NULLs) as the offset
 * boundary.
 */
final class FrameBounds {
    private enum RangeArith { LONG, DOUBLE, TEMPORAL }

    private final WindowSpec spec;
    private final PartitionLayout layout;
    final int[] start;
    final int[] end;

    // per-row offsets by input row (ROWS/GROUPS, RANGE LONG/DOUBLE)
    private long[] startLong, endLong;
    private double[] startDouble, endDouble;
    private boolean[] startValid, endValid;
    // RANGE TEMPORAL offsets (INTERVAL parts) by input row
    private int[] startMonths, startDays, endMonths, endDays;
    private long[] startMicros, endMicros;

    // RANGE: the ORDER BY key by sorted position
    private RangeArith arith;
    private long[] keyLong;
    private double[] keyDouble;
    private boolean[] keyValid;
    private boolean ascending;
    private boolean nullsFirst;

    FrameBounds(WindowSpec spec, PartitionLayout layout, Vector[] columns) {
        this.spec = spec;
        this.layout = layout;
        this.start = new int[layout.n];
        this.end = new int[layout.n];
        int n = layout.n;
        WindowSpec.Bound s = spec.start();
        WindowSpec.Bound e = spec.end();
        boolean rangeOffsets = spec.mode() == WindowFrame.Mode.RANGE && (hasOffset(s) || hasOffset(e));
        if (rangeOffsets) {
            prepareRange(columns, n);
        } else {
            if (hasOffset(s)) {
                startLong = Columns.toLongs(columns[s.offset()], n);
                startValid = Columns.validity(columns[s.offset()], n);
                checkNonNegative(startLong, startValid, label(spec.mode(), s));
            }
            if (hasOffset(e)) {
                endLong = Columns.toLongs(columns[e.offset()], n);
                endValid = Columns.validity(columns[e.offset()], n);
                checkNonNegative(endLong, endValid, label(spec.mode(), e));
            }
        }
    }

    private static boolean hasOffset(WindowSpec.Bound b) {
        return !b.unbounded() && b.offset() >= 0;
    }

    private static String label(WindowFrame.Mode mode, WindowSpec.Bound b) {
        return mode.name() + (b.preceding() ? " PRECEDING" : " FOLLOWING");
    }

    private static void checkNonNegative(long[] v, boolean[] valid, String label) {
        for (int i = 0; i < v.length; i++) {
            if (valid != null && !valid[i]) throw new InvalidInputException("Window " + label + " expression cannot be NULL");
            if (v[i] < 0) throw new InvalidInputException("Window " + label + " expression cannot be negative");
        }
    }

    private void prepareRange(Vector[] columns, int n) {
        if (spec.orders().length != 1) {
            throw new InvalidInputException("RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column");
        }
        Vector key = columns[spec.orders()[0]];
        ascending = spec.ascending()[0];
        nullsFirst = spec.nullsFirst()[0];
        Vector so = hasOffset(spec.start()) ? columns[spec.start().offset()] : null;
        Vector eo = hasOffset(spec.end()) ? columns[spec.end().offset()] : null;
        boolean intervalOffset = (so != null && so.physical == PhysicalType.INTERVAL) || (eo != null && eo.physical == PhysicalType.INTERVAL);
        TypeId kt = key.type.id();
        if (kt == TypeId.INTERVAL) {
            // intervals order by their normalised length (a month as 30 days, as DuckDB compares them): the
            // frame's ends are key ± offset in that measure
            if (so != null) requireInterval(so);
            if (eo != null) requireInterval(eo);
            arith = RangeArith.LONG;
            int[] idx = layout.idx;
            keyValid = new boolean[n];
            for (int p = 0; p < n; p++) keyValid[p] = key.isValid(idx[p]);
            keyLong = gather(intervalLengths(key, n), idx);
            if (so != null) {
                startLong = intervalLengths(so, n);
                startValid = Columns.validity(so, n);
                checkRangeOffsets(so, n, startValid, label(spec.mode(), spec.start()));
            }
            if (eo != null) {
                endLong = intervalLengths(eo, n);
                endValid = Columns.validity(eo, n);
                checkRangeOffsets(eo, n, endValid, label(spec.mode(), spec.end()));
            }
            return;
        }
        if (intervalOffset) {
            if (!kt.isTemporal()) throw new InvalidInputException("RANGE with INTERVAL offset requires a DATE, TIME or TIMESTAMP ORDER BY key");
            arith = RangeArith.TEMPORAL;
        } else if (kt.isTemporal() || kt.isNumeric() && key.physical != PhysicalType.FLOAT && key.physical != PhysicalType.DOUBLE
                && key.physical != PhysicalType.INT128 && fitsLong(key, so) && fitsLong(key, eo)) {
            arith = RangeArith.LONG;
        } else if (kt.isNumeric()) {
            arith = RangeArith.DOUBLE;
        } else {
            throw new InvalidInputException("Invalid type for window RANGE expression: " + key.type);
        }
        int[] idx = layout.idx;
        keyValid = new boolean[n];
        for (int p = 0; p < n; p++) keyValid[p] = key.isValid(idx[p]);
        switch (arith) {
            case LONG -> {
                long[] raw = Columns.toLongs(key, n);
                if (kt == TypeId.DECIMAL) { // keep the unscaled value
                    raw = new long[n];
                    System.arraycopy(key.longs, 0, raw, 0, n);
                }
                keyLong = gather(raw, idx);
                int keyScale = kt == TypeId.DECIMAL ? key.type.scale() : 0;
                if (so != null) startLong = scaledOffsets(so, n, keyScale);
                if (eo != null) endLong = scaledOffsets(eo, n, keyScale);
            }
            case DOUBLE -> {
                double[] raw = Columns.toDoubles(key, n);
                keyDouble = new double[n];
                for (int p = 0; p < n; p++) keyDouble[p] = raw[idx[p]];
                if (so != null) startDouble = Columns.toDoubles(so, n);
                if (eo != null) endDouble = Columns.toDoubles(eo, n);
            }
            case TEMPORAL -> {
                long[] raw = new long[n];
                switch (key.physical) {
                    case INT32 -> {
                        for (int i = 0; i < n; i++) raw[i] = key.ints[i] * DateTimeUtil.MICROS_PER_DAY;
                    }
                    case INT64 -> System.arraycopy(key.longs, 0, raw, 0, n);
                    default -> throw new InvalidInputException("Invalid type for window RANGE expression: " + key.type);
                }
                keyLong = gather(raw, idx);
                if (so != null) {
                    requireInterval(so);
                    startMonths = so.ints;
                    startDays = so.days;
                    startMicros = so.longs;
                }
                if (eo != null) {
                    requireInterval(eo);
                    endMonths = eo.ints;
                    endDays = eo.days;
                    endMicros = eo.longs;
                }
            }
        }
        if (so != null) {
            startValid = Columns.validity(so, n);
            checkRangeOffsets(so, n, startValid, label(spec.mode(), spec.start()));
        }
        if (eo != null) {
            endValid = Columns.validity(eo, n);
            checkRangeOffsets(eo, n, endValid, label(spec.mode(), spec.end()));
        }
    }

    private void checkRangeOffsets(Vector v, int n, boolean[] valid, String label) {
        for (int i = 0; i < n; i++) {
            if (valid != null && !valid[i]) throw new InvalidInputException("Window " + label + " expression cannot be NULL");
        }
        if (v.physical == PhysicalType.INTERVAL) return;
        double[] d = Columns.toDoubles(v, n);
        for (double x : d) {
            if (x < 0) throw new OutOfRangeException("Invalid " + label + " value");
        }
    }

    private static void requireInterval(Vector v) {
        if (v.physical != PhysicalType.INTERVAL) {
            throw new InvalidInputException("RANGE offsets must all be INTERVALs for a temporal ORDER BY key, got " + v.type);
        }
    }

    /** Whether offset {@code o} can be applied to {@code key} in exact long arithmetic. */
    private static boolean fitsLong(Vector key, Vector o) {
        if (o == null) return true;
        TypeId ot = o.type.id();
        if (o.physical == PhysicalType.FLOAT || o.physical == PhysicalType.DOUBLE || o.physical == PhysicalType.INT128) return false;
        if (!ot.isNumeric()) return false;
        int keyScale = key.type.id() == TypeId.DECIMAL ? key.type.scale() : 0;
        int offScale = ot == TypeId.DECIMAL ? o.type.scale() : 0;
        return offScale <= keyScale;
    }

    /** Offsets as unscaled longs at the key's scale. */
    private static long[] scaledOffsets(Vector o, int n, int keyScale) {
        long[] out;
        int offScale;
        if (o.type.id() == TypeId.DECIMAL) {
            out = new long[n];
            System.arraycopy(o.longs, 0, out, 0, n);
            offScale = o.type.scale();
        } else {
            out = Columns.toLongs(o, n);
            offScale = 0;
        }
        if (keyScale > offScale) {
            long mul = Columns.pow10(keyScale - offScale);
            for (int i = 0; i < n; i++) out[i] = saturatingMul(out[i], mul);
        }
        return out;
    }

    private static long[] gather(long[] raw, int[] idx) {
        long[] out = new long[idx.length];
        for (int p = 0; p < idx.length; p++) out[p] = raw[idx[p]];
        return out;
    }

    /** Fills start/end for positions {@code [from, to)} (whole partitions). */
    void compute(int from, int to) {
        int[] idx = layout.idx;
        int[] partOf = layout.partOf;
        int[] partStart = layout.partStart;
        WindowSpec.Bound sb = spec.start();
        WindowSpec.Bound eb = spec.end();
        WindowFrame.Mode mode = spec.mode();
        int nnStart = 0, nnEnd = 0, curPart = -1;
        for (int p = from; p < to; p++) {
            int part = partOf[p];
            int ps = partStart[part];
            int pe = partStart[part + 1];
            if (part != curPart && arith != null) {
                curPart = part;
                nnStart = ps;
                nnEnd = pe;
                if (nullsFirst) {
                    while (nnStart < pe && !keyValid[nnStart]) nnStart++;
                } else {
                    while (nnEnd > ps && !keyValid[nnEnd - 1]) nnEnd--;
                }
            }
            int row = idx[p];
            long s;
            long e;
            if (sb.unbounded()) {
                s = sb.preceding() ? ps : pe;
            } else {
                s = switch (mode) {
                    case ROWS -> {
                        long off = startLong == null ? 0 : startLong[row];
                        yield sb.preceding() ? p - off : p + off;
                    }
                    case GROUPS -> {
                        long off = startLong == null ? 0 : startLong[row];
                        long g = layout.peerOf[p] + (sb.preceding() ? -off : off);
                        int fg = layout.peerOf[ps];
                        int lg = layout.peerOf[pe - 1];
                        yield g < fg ? ps : g > lg ? pe : layout.peerStart[(int) g];
                    }
                    case RANGE -> sb.offset() < 0 || !keyValid[p] ? layout.peerBegin(p)
                            : rangeBound(p, row, true, sb.preceding(), nnStart, nnEnd);
                };
            }
            if (eb.unbounded()) {
                e = eb.preceding() ? ps : pe;
            } else {
                e = switch (mode) {
                    case ROWS -> {
                        long off = endLong == null ? 0 : endLong[row];
                        yield (eb.preceding() ? p - off : p + off) + 1;
                    }
                    case GROUPS -> {
                        long off = endLong == null ? 0 : endLong[row];
                        long g = layout.peerOf[p] + (eb.preceding() ? -off : off);
                        int fg = layout.peerOf[ps];
                        int lg = layout.peerOf[pe - 1];
                        yield g < fg ? ps : g > lg ? pe : layout.peerStart[(int) g + 1];
                    }
                    case RANGE -> eb.offset() < 0 || !keyValid[p] ? layout.peerEnd(p)
                            : rangeBound(p, row, false, eb.preceding(), nnStart, nnEnd);
                };
            }
            if (s < ps) s = ps;
            if (s > pe) s = pe;
            if (e > pe) e = pe;
            if (e < s) e = s;
            start[p] = (int) s;
            end[p] = (int) e;
        }
    }

    /** Binary search of a RANGE boundary among the partition's non-null keys [lo, hi). */
    private int rangeBound(int p, int row, boolean isStart, boolean preceding, int lo, int hi) {
        boolean add = preceding != ascending;
        boolean strict = !isStart;
        switch (arith) {
            case LONG -> {
                long off = isStart ? startLong[row] : endLong[row];
                long k = keyLong[p];
                long t = add ? saturatingAdd(k, off) : saturatingAdd(k, off == Long.MIN_VALUE ? Long.MAX_VALUE : -off);
                return searchLong(keyLong, lo, hi, t, strict);
            }
            case DOUBLE -> {
                double off = isStart ? startDouble[row] : endDouble[row];
                double k = keyDouble[p];
                double t = add ? k + off : k - off;
                return searchDouble(keyDouble, lo, hi, t, strict);
            }
            case TEMPORAL -> {
                int sign = add ? 1 : -1;
                long t = isStart
                        ? addInterval(keyLong[p], sign * startMonths[row], sign * startDays[row], sign * startMicros[row])
                        : addInterval(keyLong[p], sign * endMonths[row], sign * endDays[row], sign * endMicros[row]);
                return searchLong(keyLong, lo, hi, t, strict);
            }
        }
        throw new IllegalStateException();
    }

    /** First q in [lo,hi) past the boundary: asc: key >= t (strict: >); desc: key <= t (strict: <). */
    private int searchLong(long[] keys, int lo, int hi, long t, boolean strict) {
        boolean asc = ascending;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            long k = keys[mid];
            boolean in = asc ? (strict ? k > t : k >= t) : (strict ? k < t : k <= t);
            if (in) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    private int searchDouble(double[] keys, int lo, int hi, double t, boolean strict) {
        boolean asc = ascending;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double k = keys[mid];
            boolean in = asc ? (strict ? k > t : k >= t) : (strict ? k < t : k <= t);
            if (in) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /** Timestamp (µs) plus an interval with calendar months (day clamped to the month's length). */
    /** Each interval's length in microseconds, a month counted as 30 days (saturating). */
    private static long[] intervalLengths(Vector v, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long days = saturatingAdd(saturatingMul(v.ints[i], 30), v.days[i]);
            out[i] = saturatingAdd(saturatingMul(days, DateTimeUtil.MICROS_PER_DAY), v.longs[i]);
        }
        return out;
    }

    static long addInterval(long micros, long months, long days, long us) {
        if (months != 0) {
            long day = Math.floorDiv(micros, DateTimeUtil.MICROS_PER_DAY);
            long tod = Math.floorMod(micros, DateTimeUtil.MICROS_PER_DAY);
            long c = DateTimeUtil.civil(day);
            long y = c >> 9;
            int m = (int) ((c >> 5) & 15);
            int d = (int) (c & 31);
            long total = y * 12 + (m - 1) + months;
            long ny = Math.floorDiv(total, 12);
            int nm = (int) Math.floorMod(total, 12) + 1;
            int nd = Math.min(d, DateTimeUtil.daysInMonth(ny, nm));
            micros = saturatingAdd(saturatingMul(DateTimeUtil.daysFromCivil(ny, nm, nd), DateTimeUtil.MICROS_PER_DAY), tod);
        }
        return saturatingAdd(saturatingAdd(micros, saturatingMul(days, DateTimeUtil.MICROS_PER_DAY)), us);
    }

    static long saturatingAdd(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        return r;
    }

    static long saturatingMul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) return lo;
        return (a < 0) != (b < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /**
     * The frame of position p minus the EXCLUDE clause, as up to three disjoint ascending ranges
     * written to {@code out} as (begin, end) pairs; returns the number of ranges.
     */
    static int ranges(int p, int s, int e, WindowFrame.Exclude exclude, PartitionLayout layout, int[] out) {
        if (s >= e) return 0;
        int k = 0;
        switch (exclude) {
            case NO_OTHERS -> {
                out[0] = s;
                out[1] = e;
                return 1;
            }
            case CURRENT_ROW -> {
                k = add(out, k, s, Math.min(e, p));
                k = add(out, k, Math.max(s, p + 1), e);
            }
            case GROUP, TIES -> {
                int qs = layout.peerBegin(p);
                int qe = layout.peerEnd(p);
                k = add(out, k, s, Math.min(e, qs));
                if (exclude == WindowFrame.Exclude.TIES) k = add(out, k, Math.max(s, p), Math.min(e, p + 1));
                k = add(out, k, Math.max(s, qe), e);
            }
        }
        return k;
    }

    private static int add(int[] out, int k, int b, int e) {
        if (b < e) {
            out[2 * k] = b;
            out[2 * k + 1] = e;
            return k + 1;
        }
        return k;
    }
}
