package io.tealdb.execution.expression;

import io.tealdb.function.ScalarKernel;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;
import io.tealdb.vector.Vector;

import java.util.List;

/**
 * Evaluates a deterministic function or cast whose arguments are all constants once, at compile
 * time, so that e.g. {@code l_shipdate >= CAST('1994-01-01' AS DATE)} compares against a DATE
 * constant instead of parsing the string for every row (and becomes usable for zone maps).
 * If the evaluation fails (e.g. a bad cast in a CASE branch that is never taken), the expression is
 * left as it was, so any error is raised only if and when a row actually evaluates it. So is a
 * result holding more than {@link #MAX_FOLDED_ELEMENTS} list elements ({@code range(60000000)}):
 * a constant is a Java value, and boxing millions of elements costs more than evaluating the
 * function where it stands (and cannot be cancelled).
 */
final class ConstantFolding {
    private ConstantFolding() {
    }

    static final int MAX_FOLDED_ELEMENTS = 100_000;

    static PhysicalExpr fold(PhysicalExpr e) {
        return switch (e) {
            case PhysicalExpr.Cast c when c.child() instanceof PhysicalExpr.Constant k
                    && k.type().id() != TypeId.SQLNULL -> evaluate(e, CastLookup.kernel(k.type(), c.type(), c.tryCast()), List.of(k));
            case PhysicalExpr.Function f when f.function().deterministic() && !f.args().isEmpty()
                    && f.args().stream().allMatch(a -> a instanceof PhysicalExpr.Constant) ->
                    evaluate(e, f.function().kernel(), f.args());
            default -> e;
        };
    }

    private static PhysicalExpr evaluate(PhysicalExpr e, ScalarKernel kernel, List<PhysicalExpr> args) {
        try {
            Vector[] in = new Vector[args.size()];
            for (int i = 0; i < in.length; i++) {
                Value v = ((PhysicalExpr.Constant) args.get(i)).value();
                in[i] = Vector.constant(v.type(), v.object(), 1);
            }
            LogicalType type = e.type();
            Vector out = new Vector(type, 1);
            kernel.execute(in, 1, out);
            if (elements(out, 0) > MAX_FOLDED_ELEMENTS) return e;
            return new PhysicalExpr.Constant(new Value(type, out.getObject(0)));
        } catch (io.tealdb.error.InterruptException cancelled) {
            throw cancelled; // the statement was cancelled while folding: it must stop, not evaluate again
        } catch (RuntimeException ex) {
            return e;
        }
    }

    /** The list elements in row {@code row} of {@code v}, at its top level and in its struct fields. */
    private static long elements(Vector v, int row) {
        if (v.isNull(row)) return 0;
        return switch (v.type.id()) {
            case LIST, ARRAY, MAP -> v.lengths[row];
            case STRUCT -> {
                long n = 0;
                for (Vector child : v.children) n += elements(child, row);
                yield n;
            }
            default -> 0;
        };
    }
}
