package io.tealdb.execution.expression;

import io.tealdb.execution.ExecutionContext;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.List;

/**
 * Evaluates compiled expressions over chunks; one instance per thread (it owns and reuses output
 * vectors and scratch selection arrays). Typical use by an operator's per-thread state:
 * <pre>
 *   ExpressionExecutor ex = new ExpressionExecutor(ctx, exprs);
 *   Vector v = ex.execute(0, chunk);           // value of expression 0 per row (read-only, valid until the next call)
 *   ex.executeAll(chunk, out);                 // projection: out.column(i) = expression i
 *   int n = ex.select(0, chunk, selOut);       // rows where boolean expression 0 is TRUE (no boolean vector)
 * </pre>
 * Results are row-aligned with the input chunk. A column reference returns the input vector itself
 * (no copy); constants are built once and reused.
 */
public final class ExpressionExecutor {
    private final Evaluator[] evaluators;

    public ExpressionExecutor(ExecutionContext ctx, List<PhysicalExpr> exprs) {
        evaluators = new Evaluator[exprs.size()];
        for (int i = 0; i < evaluators.length; i++) evaluators[i] = Evaluator.create(exprs.get(i), ctx);
    }

    public ExpressionExecutor(ExecutionContext ctx, PhysicalExpr expr) {
        this(ctx, List.of(expr));
    }

    public int size() {
        return evaluators.length;
    }

    /** Value of expression {@code i} for every row of {@code input}. */
    public Vector execute(int i, DataChunk input) {
        return evaluators[i].eval(input, null, input.size());
    }

    /**
     * Value of expression {@code i} for rows {@code sel[0..count)} only (other rows of the result are
     * undefined); used for lazy evaluation.
     */
    public Vector execute(int i, DataChunk input, int[] sel, int count) {
        return evaluators[i].eval(input, sel, count);
    }

    /** Evaluates every expression into the corresponding column of {@code out} (by reference) and sets its size. */
    public void executeAll(DataChunk input, DataChunk out) {
        int n = input.size();
        for (int i = 0; i < evaluators.length; i++) {
            Vector v = evaluators[i].eval(input, null, n);
            out.setColumn(i, v);
            // a column reference passes the input's vector on, and with it its producer's hand-over
            out.setHandsOver(i, handedOver(input, v));
        }
        out.setSize(n);
    }

    private static boolean handedOver(DataChunk input, Vector v) {
        for (int c = 0; c < input.columnCount(); c++) if (input.column(c) == v) return input.handsOver(c);
        return false;
    }

    /**
     * Rows of {@code input} for which boolean expression {@code i} is TRUE (not false, not NULL),
     * written in ascending order to {@code selOut} (capacity &gt;= input size); returns their count.
     */
    public int select(int i, DataChunk input, int[] selOut) {
        int n = evaluators[i].select(input, null, input.size(), selOut, null);
        return n;
    }

    /** Like {@link #select(int, DataChunk, int[])} restricted to rows {@code sel[0..count)}. */
    public int select(int i, DataChunk input, int[] sel, int count, int[] selOut) {
        return evaluators[i].select(input, sel, count, selOut, null);
    }

    /** Rows where ALL expressions are TRUE (the conjuncts of a filter, evaluated left to right, short-circuit). */
    public int selectAll(DataChunk input, int[] selOut) {
        return selectAll(input, null, input.size(), selOut);
    }

    /**
     * Like {@link #selectAll(DataChunk, int[])} among rows {@code sel[0..count)} (ascending; all rows
     * when {@code sel} is null); {@code selOut} may be {@code sel} itself.
     */
    public int selectAll(DataChunk input, int[] sel, int count, int[] selOut) {
        int n = count;
        for (Evaluator e : evaluators) {
            n = e.select(input, sel, n, selOut, null);
            if (n == 0) return 0;
            sel = selOut;
        }
        if (sel == null) {
            for (int r = 0; r < n; r++) selOut[r] = r;
        } else if (sel != selOut) {
            System.arraycopy(sel, 0, selOut, 0, n);
        }
        return n;
    }
}
