package io.tealdb.execution.hash;

import io.tealdb.execution.expression.ColumnRefs;
import io.tealdb.execution.expression.PhysicalExpr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A hash join's non-key predicate, evaluated on key-equal candidate pairs. It reads a "pair chunk"
 * holding only the columns it uses: {@code probeColumns} (columns of the probe input) first, then
 * {@code payloadColumns} (payload columns of the build rows, see {@link JoinHashTable#payload}), so
 * the join never gathers columns the predicate does not read.
 *
 * @param predicate      BOOLEAN expression over the pair chunk's columns
 * @param probeColumns   probe input column of each of the first pair-chunk columns
 * @param payloadColumns build payload column of each of the remaining pair-chunk columns
 */
public record JoinResidual(PhysicalExpr predicate, int[] probeColumns, int[] payloadColumns) {
    public JoinResidual {
        probeColumns = probeColumns.clone();
        payloadColumns = payloadColumns.clone();
    }

    /**
     * The residual for {@code predicate}, an expression over all probe columns followed by all build
     * columns: its pair chunk keeps only the columns the predicate reads (which must be stored,
     * {@code payloadColumns} being the build column of each payload column).
     */
    static JoinResidual compact(PhysicalExpr predicate, int probeCount, int buildCount, int[] payloadColumns) {
        BitSet used = ColumnRefs.of(predicate);
        int[] probe = used.get(0, probeCount).stream().toArray();
        int[] build = used.get(probeCount, probeCount + buildCount).stream().toArray();
        int[] payloadOf = new int[buildCount];
        Arrays.fill(payloadOf, -1);
        for (int p = 0; p < payloadColumns.length; p++) payloadOf[payloadColumns[p]] = p;
        int[] position = new int[probeCount + buildCount];
        Arrays.fill(position, -1);
        for (int i = 0; i < probe.length; i++) position[probe[i]] = i;
        int[] payload = new int[build.length];
        for (int j = 0; j < build.length; j++) {
            position[probeCount + build[j]] = probe.length + j;
            payload[j] = payloadOf[build[j]];
            if (payload[j] < 0) throw new IllegalArgumentException("residual reads build column " + build[j] + ", not stored");
        }
        return new JoinResidual(renumber(predicate, position), probe, payload);
    }

    /** {@code e} with every column reference {@code i} replaced by {@code position[i]}. */
    private static PhysicalExpr renumber(PhysicalExpr e, int[] position) {
        return switch (e) {
            case PhysicalExpr.ColumnRef c -> new PhysicalExpr.ColumnRef(position[c.index()], c.type(), c.name());
            case PhysicalExpr.Constant c -> c;
            case PhysicalExpr.Parameter p -> p;
            case PhysicalExpr.Function f -> new PhysicalExpr.Function(f.function(), renumberAll(f.args(), position));
            case PhysicalExpr.Cast c -> new PhysicalExpr.Cast(renumber(c.child(), position), c.type(), c.tryCast());
            case PhysicalExpr.Comparison c ->
                    new PhysicalExpr.Comparison(c.op(), renumber(c.left(), position), renumber(c.right(), position));
            case PhysicalExpr.Conjunction c -> new PhysicalExpr.Conjunction(c.and(), renumberAll(c.children(), position));
            case PhysicalExpr.Not n -> new PhysicalExpr.Not(renumber(n.child(), position));
            case PhysicalExpr.IsNull n -> new PhysicalExpr.IsNull(renumber(n.child(), position), n.negated());
            case PhysicalExpr.Case c -> new PhysicalExpr.Case(renumberAll(c.conditions(), position),
                    renumberAll(c.results(), position),
                    c.elseResult() == null ? null : renumber(c.elseResult(), position), c.type());
            case PhysicalExpr.Coalesce c -> new PhysicalExpr.Coalesce(renumberAll(c.args(), position), c.type());
            case PhysicalExpr.InList in ->
                    new PhysicalExpr.InList(renumber(in.value(), position), renumberAll(in.list(), position), in.negated());
        };
    }

    private static List<PhysicalExpr> renumberAll(List<PhysicalExpr> list, int[] position) {
        List<PhysicalExpr> out = new ArrayList<>(list.size());
        for (PhysicalExpr e : list) out.add(renumber(e, position));
        return out;
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    @Override
    public String toString() {
        return predicate.toString();
    }
}
