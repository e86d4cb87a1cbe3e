package io.tealdb.execution.expression;

import java.util.BitSet;

/** The input columns a compiled expression reads. */
public final class ColumnRefs {
    private ColumnRefs() {
    }

    /** Positions of the input chunk columns {@code expr} references. */
    public static BitSet of(PhysicalExpr expr) {
        BitSet out = new BitSet();
        collect(expr, out);
        return out;
    }

    private static void collect(PhysicalExpr e, BitSet out) {
        switch (e) {
            case PhysicalExpr.ColumnRef c -> out.set(c.index());
            case PhysicalExpr.Constant c -> {
            }
            case PhysicalExpr.Parameter p -> {
            }
            case PhysicalExpr.Function f -> f.args().forEach(a -> collect(a, out));
            case PhysicalExpr.Cast c -> collect(c.child(), out);
            case PhysicalExpr.Comparison c -> {
                collect(c.left(), out);
                collect(c.right(), out);
            }
            case PhysicalExpr.Conjunction c -> c.children().forEach(a -> collect(a, out));
            case PhysicalExpr.Not n -> collect(n.child(), out);
            case PhysicalExpr.IsNull n -> collect(n.child(), out);
            case PhysicalExpr.Case c -> {
                c.conditions().forEach(a -> collect(a, out));
                c.results().forEach(a -> collect(a, out));
                if (c.elseResult() != null) collect(c.elseResult(), out);
            }
            case PhysicalExpr.Coalesce c -> c.args().forEach(a -> collect(a, out));
            case PhysicalExpr.InList in -> {
                collect(in.value(), out);
                in.list().forEach(a -> collect(a, out));
            }
        }
    }
}
