package io.tealdb.execution.expression;

import io.tealdb.error.InternalException;
import io.tealdb.execution.ExecutionContext;
import io.tealdb.vector.RowCompare;
import io.tealdb.function.ScalarKernel;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-thread evaluator of one {@link PhysicalExpr} node. Contract of both methods: only rows
 * {@code sel[0..count)} (or {@code [0,count)} when {@code sel == null}) are computed; results are
 * row-aligned (the value of row r is at index r). {@code sel} may alias {@code t}/{@code f} of
 * {@link #select}. Returned vectors are read-only and valid until the next call.
 */
abstract class Evaluator {
    final LogicalType type;

    Evaluator(LogicalType type) {
        this.type = type;
    }

    abstract Vector eval(DataChunk in, int[] sel, int count);

    /**
     * Rows where this boolean expression is TRUE go to {@code t}, others (FALSE/NULL) to {@code f} if
     * non-null; both in input order (ascending when {@code sel} is). Callers rely on that: OR and AND
     * feed {@code f} to their next child as its selection, the filter and the scan hand the result
     * on as the rows of their output chunk (row order is visible, and the scan compacts in place,
     * which needs {@code sel[i] >= i}).
     */
    int select(DataChunk in, int[] sel, int count, int[] t, int[] f) {
        Vector v = eval(in, sel, count);
        return selectTrue(v, sel, count, t, f, 0);
    }

    static int selectTrue(Vector v, int[] sel, int count, int[] t, int[] f, int fStart) {
        byte[] b = v.bytes;
        int tc = 0;
        int fc = fStart;
        boolean nulls = v.validity != null;
        for (int i = 0; i < count; i++) {
            int r = sel == null ? i : sel[i];
            boolean m = b[r] != 0 && (!nulls || v.isValid(r));
            t[tc] = r;
            tc += m ? 1 : 0;
            if (f != null) {
                f[fc] = r;
                fc += m ? 0 : 1;
            }
        }
        return tc;
    }

    // ------------------------------------------------------------------ helpers

    static int maxRow(int[] sel, int count) {
        if (sel == null) return count;
        int m = 0;
        for (int i = 0; i < count; i++) m = Math.max(m, sel[i]);
        return m + 1;
    }

    static Vector ensure(Vector cur, LogicalType type, int need) {
        if (cur == null || cur.capacity < need) {
            cur = new Vector(type, Math.max(need, DataChunk.CAPACITY));
        }
        cur.reset();
        return cur;
    }

    static int[] ensure(int[] cur, int need) {
        return cur != null && cur.length >= need ? cur : new int[Math.max(need, DataChunk.CAPACITY)];
    }

    /** Merges the ascending, disjoint runs {@code a[0..an)} and {@code b[0..bn)} into {@code out} (not aliasing either). */
    static void mergeAscending(int[] a, int an, int[] b, int bn, int[] out) {
        int i = 0, j = 0, k = 0;
        while (i < an && j < bn) out[k++] = a[i] < b[j] ? a[i++] : b[j++];
        while (i < an) out[k++] = a[i++];
        while (j < bn) out[k++] = b[j++];
    }

    /** Copies rows {@code sel[i]} of {@code src} to the same rows of {@code dst} (row-aligned scatter). */
    static void copyRows(Vector src, Vector dst, int[] sel, int count) {
        switch (dst.physical) {
            case BOOL, INT8 -> {
                for (int i = 0; i < count; i++) dst.bytes[sel[i]] = src.bytes[sel[i]];
            }
            case INT16 -> {
                for (int i = 0; i < count; i++) dst.shorts[sel[i]] = src.shorts[sel[i]];
            }
            case INT32 -> {
                for (int i = 0; i < count; i++) dst.ints[sel[i]] = src.ints[sel[i]];
            }
            case INT64 -> {
                for (int i = 0; i < count; i++) dst.longs[sel[i]] = src.longs[sel[i]];
            }
            case FLOAT -> {
                for (int i = 0; i < count; i++) dst.floats[sel[i]] = src.floats[sel[i]];
            }
            case DOUBLE -> {
                for (int i = 0; i < count; i++) dst.doubles[sel[i]] = src.doubles[sel[i]];
            }
            default -> {
                for (int i = 0; i < count; i++) dst.copyRow(src, sel[i], sel[i]);
                return;
            }
        }
        if (src.validity != null || dst.validity != null) {
            for (int i = 0; i < count; i++) dst.setNull(sel[i], src.isNull(sel[i]));
        }
    }

    // ------------------------------------------------------------------ factory

    static Evaluator create(PhysicalExpr e, ExecutionContext ctx) {
        return switch (e) {
            case PhysicalExpr.ColumnRef c -> new ColumnEval(c);
            case PhysicalExpr.Constant k -> new ConstantEval(k.value());
            case PhysicalExpr.Parameter p -> new ConstantEval(parameterValue(p, ctx));
            case PhysicalExpr.Function f when f.function().kernel() == io.tealdb.function.TryFunction.KERNEL ->
                    new TryEval(f.type(), create(f.args().get(0), ctx));
            case PhysicalExpr.Function f -> new KernelEval(f.type(), f.function().kernel(), createAll(f.args(), ctx));
            // a NULL-typed function call (error(), assert_true()) must still run for its side effect
            case PhysicalExpr.Cast c -> c.child().type().id() == io.tealdb.types.TypeId.SQLNULL && !(c.child() instanceof PhysicalExpr.Function)
                    ? new ConstantEval(Value.nullOf(c.type()))
                    : new KernelEval(c.type(), CastLookup.kernel(c.child().type(), c.type(), c.tryCast()),
                    new Evaluator[]{create(c.child(), ctx)});
            case PhysicalExpr.Comparison c -> new ComparisonEval(c.op(), create(c.left(), ctx), create(c.right(), ctx));
            case PhysicalExpr.Conjunction c -> c.and() ? new AndEval(createAll(c.children(), ctx)) : new OrEval(createAll(c.children(), ctx));
            case PhysicalExpr.Not n -> new NotEval(create(n.child(), ctx));
            case PhysicalExpr.IsNull n -> new IsNullEval(create(n.child(), ctx), n.negated());
            case PhysicalExpr.Case c -> new CaseEval(c.type(), createAll(c.conditions(), ctx), createAll(c.results(), ctx),
                    create(c.elseResult(), ctx));
            case PhysicalExpr.Coalesce c -> new CoalesceEval(c.type(), createAll(c.args(), ctx));
            case PhysicalExpr.InList in -> createInList(in, ctx);
        };
    }

    private static Evaluator createInList(PhysicalExpr.InList in, ExecutionContext ctx) {
        boolean constants = in.list().stream().allMatch(x -> x instanceof PhysicalExpr.Constant);
        Evaluator result;
        if (constants && in.list().size() > 4 && InSetEval.supports(in.value().type())) {
            result = new InSetEval(create(in.value(), ctx), in.list());
        } else {
            // x IN (a, b) is defined as x = a OR x = b (three-valued logic included).
            List<PhysicalExpr> eqs = new ArrayList<>();
            for (PhysicalExpr item : in.list()) eqs.add(new PhysicalExpr.Comparison(ComparisonOp.EQ, in.value(), item));
            result = eqs.size() == 1 ? create(eqs.get(0), ctx) : new OrEval(createAll(eqs, ctx));
        }
        return in.negated() ? new NotEval(result) : result;
    }

    private static Value parameterValue(PhysicalExpr.Parameter p, ExecutionContext ctx) {
        Value v = ctx.parameter(p.index());
        return v.isNull() ? Value.nullOf(p.type()) : new Value(p.type(), v.object());
    }

    static Evaluator[] createAll(List<PhysicalExpr> es, ExecutionContext ctx) {
        Evaluator[] out = new Evaluator[es.size()];
        for (int i = 0; i < out.length; i++) out[i] = create(es.get(i), ctx);
        return out;
    }

    // ------------------------------------------------------------------ leaves

    static final class ColumnEval extends Evaluator {
        final int index;

        ColumnEval(PhysicalExpr.ColumnRef c) {
            super(c.type());
            this.index = c.index();
        }

        @Override
        Vector eval(DataChunk in, int[] sel, int count) {
            return in.column(index);
        }
    }

    static final class ConstantEval extends Evaluator {
        final Value value;
        Vector vector;

        ConstantEval(Value value) {
            super(value.type());
            this.value = value;
        }

        private Vector build(int n) {
            try {
                return Vector.constant(value.type(), value.object(), n);
            } catch (RuntimeException ex) {
                throw new InternalException("cannot materialise constant " + value + ": " + ex, ex);
            }
        }

        boolean isNull() {
            return value.isNull();
        }

        @Override
        Vector eval(DataChunk in, int[] sel, int count) {
            // selected rows lie within the input chunk: no pass over the selection when it fits
            if (vector != null && in != null && count <= in.size() && in.size() <= vector.capacity) return vector;
            int need = maxRow(sel, count);
            // built on first use, as large as needed: a query over a few rows (SELECT ? + 1) must not
            // fill a whole chunk's worth of copies per constant; a later full chunk grows it once
            if (vector == null) {
                vector = build(Math.max(need, 1));
            } else if (need > vector.capacity) {
                vector = build(Math.max(need, DataChunk.CAPACITY));
            }
            return vector;
        }
    }

    /** Scalar function or cast: calls the kernel on dense argument vectors. */
    static final class KernelEval extends Evaluator {
        final ScalarKernel kernel;
        final Evaluator[] args;
        final Vector[] argVectors;
        Vector[] dense;
        Vector denseResult;
        Vector result;

        KernelEval(LogicalType type, ScalarKernel kernel, Evaluator[] args) {
            super(type);
            this.kernel = kernel;
            this.args = args;
            this.argVectors = new Vector[args.length];
        }

        @Override
        Vector eval(DataChunk in, int[] sel, int count) {
            for (int i = 0; i < args.length; i++) argVectors[i] = args[i].eval(in, sel, count);
            if (sel == null) {
                result = ensure(result, type, count);
                kernel.execute(argVectors, count, result);
                return result;
            }
            // Lazy evaluation on a subset of rows: gather arguments densely, run, scatter back.
            if (dense == null) dense = new Vector[args.length];
            for (int i = 0; i < args.length; i++) {
                dense[i] = ensure(dense[i], args[i].type, count);
                dense[i].copyFrom(argVectors[i], sel, 0, count, 0);
            }
            denseResult = ensure(denseResult, type, count);
            kernel.execute(dense, count, denseResult);
            result = ensure(result, type, maxRow(sel, count));
            for (int i = 0; i < count; i++) result.copyRow(denseResult, i, sel[i]);
            return result;
        }
    }

    /**
     * TRY(x): x over all rows; when that raises an error, x again row by row, and the rows whose
     * evaluation fails are NULL (DuckDB). Interrupts and memory exhaustion are not "errors of the
     * row" and pass through.
     */
    static final class TryEval extends Evaluator {
        final Evaluator child;
        final int[] one = new int[1];
        Vector result;

        TryEval(LogicalType type, Evaluator child) {
            super(type);
            this.child = child;
        }

        @Override
        Vector eval(DataChunk in, int[] sel, int count) {
            try {
                return child.eval(in, sel, count);
            } catch (io.tealdb.error.InterruptException | io.tealdb.error.OutOfMemoryException e) {
                throw e;
            } catch (io.tealdb.error.TealException e) {
                result = ensure(result, type, maxRow(sel, count));
                for (int i = 0; i < count; i++) {
                    int r = sel == null ? i : sel[i];
                    one[0] = r;
                    try {
                        Vector v = child.eval(in, one, 1);
                        result.copyRow(v, r, r);
                    } catch (io.tealdb.error.InterruptException | io.tealdb.error.OutOfMemoryException x) {
                        throw x;
                    } catch (io.tealdb.error.TealException x) {
                        result.setNull(r);
                    }
                }
                return result;
            }
        }
    }

    // ------------------------------------------------------------------ comparison

    static final class ComparisonEval extends Evaluator {
        final ComparisonOp op;
        final Evaluator left;
        final Evaluator right;
        final boolean rConst;
        final PhysicalType physical;
        /** UNIONs: equal tags whose member holds NULL on either side compare as NULL (DuckDB), so no fast path. */
        final boolean union;
        int[] valid;
        int[] nullRows;
        int[] falseRows;
        int[] cmp;
        int[] scratchT;
        Vector result;

        ComparisonEval(ComparisonOp op, Evaluator left, Evaluator right) {
            super(LogicalType.BOOLEAN);
            if (left instanceof ConstantEval && !(right instanceof ConstantEval)) {
                Evaluator tmp = left;
                left = right;
                right = tmp;
                op = op.flip();
            }
            this.op = op;
            this.left = left;
            this.right = right;
            this.rConst = right instanceof ConstantEval;
            this.physical = left.type.physical();
            this.union = left.type.id() == io.tealdb.types.TypeId.UNION;
        }

        /** Whether the comparison of these two rows is NULL: either side is, or (UNIONs) their common member is. */
        private boolean nullPair(Vector l, int row, Vector r, int rr) {
            if (l.isNull(row) || r.isNull(rr)) return true;
            if (!union) return false;
            short tag = l.children[0].shorts[row];
            return tag == r.children[0].shorts[rr] && (l.children[tag + 1].isNull(row) || r.children[tag + 1].isNull(rr));
        }

        @Override
        int select(DataChunk in, int[] sel, int count, int[] t, int[] f) {
            Vector l = left.eval(in, sel, count);
            Vector r = right.eval(in, sel, count);
            return selectVectors(l, r, sel, count, t, f);
        }

        private int selectVectors(Vector l, Vector r, int[] sel, int count, int[] t, int[] f) {
            if (op == ComparisonOp.DISTINCT_FROM || op == ComparisonOp.NOT_DISTINCT_FROM) {
                return selectDistinct(l, r, sel, count, t, f);
            }
            if (!union && l.validity == null && r.validity == null) {
                return compare(op, l, r, sel, count, t, f, 0);
            }
            // Compare the rows without NULLs only. The NULL rows are FALSE for the selection, and
            // must join the false rows in input order, not be put in front of them.
            valid = ensure(valid, count);
            int[] nulls = f == null ? null : (nullRows = ensure(nullRows, count));
            int n = 0;
            int nc = 0;
            if (!union && r.validity == null) {
                // only the left side has NULLs (a nullable column against a constant): split the
                // rows without a branch per row
                long[] lv = l.validity;
                int[] vr = valid;
                if (nulls == null) {
                    for (int i = 0; i < count; i++) {
                        int row = sel == null ? i : sel[i];
                        vr[n] = row;
                        n += (int) ((lv[row >>> 6] >>> row) & 1L);
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        int row = sel == null ? i : sel[i];
                        int bit = (int) ((lv[row >>> 6] >>> row) & 1L);
                        vr[n] = row;
                        nulls[nc] = row;
                        n += bit;
                        nc += 1 - bit;
                    }
                }
            } else {
                for (int i = 0; i < count; i++) {
                    int row = sel == null ? i : sel[i];
                    if (nullPair(l, row, r, rConst ? 0 : row)) {
                        if (nulls != null) nulls[nc++] = row;
                    } else {
                        valid[n++] = row;
                    }
                }
            }
            if (f == null) return compare(op, l, r, valid, n, t, null, 0);
            if (nc == 0) return compare(op, l, r, valid, n, t, f, 0);
            falseRows = ensure(falseRows, count);
            int tc = compare(op, l, r, valid, n, t, falseRows, 0);
            mergeAscending(nulls, nc, falseRows, n - tc, f);
            return tc;
        }

        private int compare(ComparisonOp o, Vector l, Vector r, int[] s, int n, int[] t, int[] f, int fc) {
            switch (physical) {
                case VARLEN, INT128, INTERVAL, FLOAT, DOUBLE, LIST, STRUCT -> {
                    if (physical == PhysicalType.FLOAT || physical == PhysicalType.DOUBLE) {
                        return ComparisonKernels.select(o, l, r, rConst, s, n, t, f, fc);
                    }
                    cmp = ensure(cmp, n);
                    boolean eqOnly = physical == PhysicalType.VARLEN && (o == ComparisonOp.EQ || o == ComparisonOp.NE);
                    for (int i = 0; i < n; i++) {
                        int row = s == null ? i : s[i];
                        int rr = rConst ? 0 : row;
                        cmp[i] = eqOnly ? (RowCompare.equalsVarlen(l, row, r, rr) ? 0 : 1) : RowCompare.compare(l, row, r, rr);
                    }
                    return ComparisonKernels.selectByCmp(o, cmp, s, n, t, f, fc);
                }
                default -> {
                    return ComparisonKernels.select(o, l, r, rConst, s, n, t, f, fc);
                }
            }
        }

        private int selectDistinct(Vector l, Vector r, int[] sel, int count, int[] t, int[] f) {
            if (l.validity == null && r.validity == null) {
                return compare(op == ComparisonOp.DISTINCT_FROM ? ComparisonOp.NE : ComparisonOp.EQ, l, r, sel, count, t, f, 0);
            }
            cmp = ensure(cmp, count);
            for (int i = 0; i < count; i++) {
                int row = sel == null ? i : sel[i];
                int rr = rConst ? 0 : row;
                boolean ln = l.isNull(row);
                boolean rn = r.isNull(rr);
                cmp[i] = ln || rn ? (ln == rn ? 0 : 1) : (RowCompare.equals(l, row, r, rr) ? 0 : 1);
            }
            return ComparisonKernels.selectByCmp(op == ComparisonOp.DISTINCT_FROM ? ComparisonOp.NE : ComparisonOp.EQ,
                    cmp, sel, count, t, f, 0);
        }

        @Override
        Vector eval(DataChunk in, int[] sel, int count) {
            Vector l = left.eval(in, sel, count);
            Vector r = right.eval(in, sel, count);
            int need = maxRow(sel, count);
            result = ensure(result, LogicalType.BOOLEAN, need);
            scratchT = ensure(scratchT, count);
            int tc = selectVectors(l, r, sel, count, scratchT, null);
            byte[] b = result.bytes;
            if (sel == null) {
                Arrays.fill(b, 0, count, (byte) 0);
            } else {
                for (int i = 0; i < count; i++) b[sel[i]] = 0;
            }
            for (int i = 0; i < tc; i++) b[scratchT[i]] = 1;
            boolean distinct = op == ComparisonOp.DISTINCT_FROM || op == ComparisonOp.NOT_DISTINCT_FROM;
            if (!distinct && (union || l.validity != null || r.validity != null)) {
                for (int i = 0; i < count; i++) {
                    int row = sel == null ? i : sel[i];
                    if (nullPair(l, row, r, rConst ? 0 : row)) result.setNull(row);
                }
            }
            return result;
        }
    }

    // ------------------------------------------------------------------ boolean logic

    /** AND with three-valued logic; children run only on rows not yet known to be FALSE. */
    static final class AndEval extends Evaluator {
        final Evaluator[] children;
        int[] a;
        int[] b;
        int[] tmpF;
        Vector result;

        AndEval(Evaluator[] children) {
            super(LogicalType.BOOLEAN);
            this.children = children;
        }

        @Override
        int select(DataChunk in, int[] sel, int count, int[] t, int[] f) {
            if (f == null) {
                int[] cur = sel;
                int n = count;
                for (Evaluator c : children) {
                    n = c.select(in, cur, n, t, null);
                    cur = t;
                    if (n == 0) break;
                }
                return n;
            }
            a = ensure(a, count);
            if (sel != null) System.arraycopy(sel, 0, a, 0, count);
            int[] cur = sel == null ? null : a;
            int n = count;
            int fc = 0;
            int contributors = 0;
            tmpF = ensure(tmpF, count);
            b = ensure(b, count);
            for (Evaluator c : children) {
                int k = c.select(in, cur, n, b, tmpF);
                if (n - k > 0) {
                    System.arraycopy(tmpF, 0, f, fc, n - k);
                    fc += n - k;
                    contributors++;
                }
                int[] swap = a;
                a = b;
                b = swap;
                cur = a;
                n = k;
                if (n == 0) break;
            }
            // each child's false rows are ascending, but the runs of several children interleave
            if (contributors > 1) Arrays.sort(f, 0, fc);
            if (n > 0) System.arraycopy(cur, 0, t, 0, n);
            return n;
        }

        @Override
        Vector eval(DataChunk in, int[] sel, int count) {
            result = ensure(result, LogicalType.BOOLEAN, maxRow(sel, count));
            a = ensure(a, count);
            b = ensure(b, count);
            for (int i = 0; i < count; i++) {
                int r = sel == null ? i : sel[i];
                a[i] = r;
                result.bytes[r] = 1;
            }
            int n = count;
            for (Evaluator c : children) {
                Vector v = c.eval(in, a, n);
                int k = 0;
                for (int i = 0; i < n; i++) {
                    int r = a[i];
                    if (v.isNull(r)) {
                        result.setNull(r);
                        b[k++] = r;
                    } else if (v.bytes[r] == 0) {
                        result.bytes[r] = 0;
                        result.setValid(r);
                    } else {
                        b[k++] = r;
                    }
                }
                int[] swap = a;
                a = b;
                b = swap;
                n = k;
                if (n == 0) break;
            }
            return result;
        }
    }

    /** OR with three-valued logic; children run only on rows not yet known to be TRUE. */
    static final class OrEval extends Evaluator {
        final Evaluator[] children;
        int[] a;
        int[] b;
        int[] tmpT;
        Vector result;

        OrEval(Evaluator[] children) {
            super(LogicalType.BOOLEAN);
            this.children = children;
        }

        @Override
        int select(DataChunk in, int[] sel, int count, int[] t, int[] f) {
            a = ensure(a, count);
            b = ensure(b, count);
            tmpT = ensure(tmpT, count);
            int[] cur = null;
            if (sel != null) {
                System.arraycopy(sel, 0, a, 0, count);
                cur = a;
            }
            int n = count;
            int tc = 0;
            int contributors = 0;
            for (Evaluator c : children) {
                int k = c.select(in, cur, n, tmpT, b);
                if (k > 0) {
                    System.arraycopy(tmpT, 0, t, tc, k);
                    tc += k;
                    contributors++;
                }
                int[] swap = a;
                a = b;
                b = swap;
                cur = a;
                n -= k;
                if (n == 0) break;
            }
            if (f != null && n > 0) {
                if (cur == null) {
                    for (int i = 0; i < n; i++) f[i] = i;
                } else {
                    System.arraycopy(cur, 0, f, 0, n);
                }
            }
            if (contributors > 1) Arrays.sort(t, 0, tc);
            return tc;
        }

        @Override
        Vector eval(DataChunk in, int[] sel, int count) {
            result = ensure(result, LogicalType.BOOLEAN, maxRow(sel, count));
            a = ensure(a, count);
            b = ensure(b, count);
            for (int i = 0; i < count; i++) {
                int r = sel == null ? i : sel[i];
                a[i] = r;
                result.bytes[r] = 0;
            }
            int n = count;
            for (Evaluator c : children) {
                Vector v = c.eval(in, a, n);
                int k = 0;
                for (int i = 0; i < n; i++) {
                    int r = a[i];
                    if (v.isNull(r)) {
                        result.setNull(r);
                        b[k++] = r;
                    } else if (v.bytes[r] != 0) {
                        result.bytes[r] = 1;
                        result.setValid(r);
                    } else {
                        b[k++] = r;
                    }
                }
                int[] swap = a;
                a = b;
                b = swap;
                n = k;
                if (n == 0) break;
            }
            return result;
        }
    }

    static final class NotEval extends Evaluator {
        final Evaluator child;
        Vector result;

        NotEval(Evaluator child) {
            super(LogicalType.BOOLEAN);
            this.child = child;
        }

        @Override
        Vector eval(DataChunk in, int[] sel, int count) {
            Vector v = child.eval(in, sel, count);
            result = ensure(result, LogicalType.BOOLEAN, maxRow(sel, count));
            for (int i = 0; i < count; i++) {
                int r = sel == null ? i : sel[i];
                result.bytes[r] = (byte) (v.bytes[r] == 0 ? 1 : 0);
            }
            if (v.validity != null) {
                for (int i = 0; i < count; i++) {
                    int r = sel == null ? i : sel[i];
                    if (v.isNull(r)) result.setNull(r);
                }
            }
            return result;
        }
    }

    static final class IsNullEval extends Evaluator {
        final Evaluator child;
        final boolean negated;
        Vector result;

        IsNullEval(Evaluator child, boolean negated) {
            super(LogicalType.BOOLEAN);
            this.child = child;
            this.negated = negated;
        }

        @Override
        Vector eval(DataChunk in, int[] sel, int count) {
            Vector v = child.eval(in, sel, count);
            result = ensure(result, LogicalType.BOOLEAN, maxRow(sel, count));
            for (int i = 0; i < count; i++) {
                int r = sel == null ? i : sel[i];
                result.bytes[r] = (byte) (v.isNull(r) != negated ? 1 : 0);
            }
            return result;
        }

        @Override
        int select(DataChunk in, int[] sel, int count, int[] t, int[] f) {
            Vector v = child.eval(in, sel, count);
            if (v.validity == null) {
                // no nulls: IS NULL selects nothing, IS NOT NULL everything
                if (!negated) {
                    if (f != null) for (int i = 0; i < count; i++) f[i] = sel == null ? i : sel[i];
                    return 0;
                }
                for (int i = 0; i < count; i++) t[i] = sel == null ? i : sel[i];
                return count;
            }
            int tc = 0;
            int fc = 0;
            for (int i = 0; i < count; i++) {
                int r = sel == null ? i : sel[i];
                if (v.isNull(r) != negated) {
                    t[tc++] = r;
                } else if (f != null) {
                    f[fc++] = r;
                }
            }
            return tc;
        }
    }

    // ------------------------------------------------------------------ lazy value selection

    /** Searched CASE: each branch's result is evaluated only on the rows that choose it. */
    static final class CaseEval extends Evaluator {
        final Evaluator[] conditions;
        final Evaluator[] results;
        final Evaluator elseResult;
        int[] remaining;
        int[] spare;
        int[] matched;
        Vector result;

        CaseEval(LogicalType type, Evaluator[] conditions, Evaluator[] results, Evaluator elseResult) {
            super(type);
            this.conditions = conditions;
            this.results = results;
            this.elseResult = elseResult;
        }

        @Override
        Vector eval(DataChunk in, int[] sel, int count) {
            result = ensure(result, type, maxRow(sel, count));
            remaining = ensure(remaining, count);
            spare = ensure(spare, count);
            matched = ensure(matched, count);
            for (int i = 0; i < count; i++) remaining[i] = sel == null ? i : sel[i];
            int n = count;
            for (int w = 0; w < conditions.length && n > 0; w++) {
                int k = conditions[w].select(in, remaining, n, matched, spare);
                if (k > 0) {
                    Vector v = results[w].eval(in, matched, k);
                    copyRows(v, result, matched, k);
                }
                int[] swap = remaining;
                remaining = spare;
                spare = swap;
                n -= k;
            }
            if (n > 0) {
                Vector v = elseResult.eval(in, remaining, n);
                copyRows(v, result, remaining, n);
            }
            return result;
        }
    }

    /** COALESCE: argument i is evaluated only on rows where all earlier arguments were NULL. */
    static final class CoalesceEval extends Evaluator {
        final Evaluator[] args;
        int[] remaining;
        int[] spare;
        int[] found;
        Vector result;

        CoalesceEval(LogicalType type, Evaluator[] args) {
            super(type);
            this.args = args;
        }

        @Override
        Vector eval(DataChunk in, int[] sel, int count) {
            result = ensure(result, type, maxRow(sel, count));
            remaining = ensure(remaining, count);
            spare = ensure(spare, count);
            found = ensure(found, count);
            for (int i = 0; i < count; i++) remaining[i] = sel == null ? i : sel[i];
            int n = count;
            for (int a = 0; a < args.length && n > 0; a++) {
                Vector v = args[a].eval(in, remaining, n);
                int k = 0;
                int m = 0;
                for (int i = 0; i < n; i++) {
                    int r = remaining[i];
                    if (v.isNull(r)) {
                        spare[m++] = r;
                    } else {
                        found[k++] = r;
                    }
                }
                copyRows(v, result, found, k);
                int[] swap = remaining;
                remaining = spare;
                spare = swap;
                n = m;
            }
            for (int i = 0; i < n; i++) result.setNull(remaining[i]);
            return result;
        }
    }
}
