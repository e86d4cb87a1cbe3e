package io.tealdb.execution.expression;

import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders the conjuncts of a filter so that the cheap ones run first: each conjunct only sees the
 * rows the ones before it kept, so a date range on four-byte integers ahead of a string IN list
 * spares the string comparisons for the rows the range drops (TPC-H Q12 wrote
 * {@code l_shipmode IN ('MAIL', 'SHIP')} first and compared strings on all 6,000,000 lineitems,
 * where the receipt-date range keeps one in seven).
 *
 * <p>Only conjuncts that cannot raise an error move (column references, constants, parameters,
 * comparisons, IS NULL, NOT, AND/OR and IN lists of those), sorted by an estimated cost per row,
 * equal costs in their written order. The others (casts, function calls, CASE) keep their written
 * order after them: moving a conjunct that cannot fail ahead of one that can only lets the latter
 * see fewer rows, so no error appears that the written order would not raise.
 */
public final class FilterOrder {

    private FilterOrder() {}

    /** Cost of a conjunct that may raise an error (or that we do not estimate): never moved. */
    private static final int OPAQUE = Integer.MAX_VALUE;

    /** The conjuncts, cheap ones that cannot fail first (a new list; the input is not changed). */
    public static List<PhysicalExpr> cheapFirst(List<PhysicalExpr> conjuncts) {
        if (conjuncts.size() < 2) return conjuncts;
        List<PhysicalExpr> safe = new ArrayList<>();
        List<PhysicalExpr> rest = new ArrayList<>();
        for (PhysicalExpr c : conjuncts) {
            (cost(c) == OPAQUE ? rest : safe).add(c);
        }
        safe.sort(Comparator.comparingInt(FilterOrder::cost)); // stable: equal costs keep their order
        safe.addAll(rest);
        return safe;
    }

    /** Estimated cost per row, or {@link #OPAQUE}. */
    static int cost(PhysicalExpr e) {
        return switch (e) {
            case PhysicalExpr.ColumnRef c -> typeCost(c.type());
            case PhysicalExpr.Constant c -> 0;
            case PhysicalExpr.Parameter p -> 0;
            case PhysicalExpr.Comparison c -> add(5 + typeCost(c.left().type()) * 2, cost(c.left()), cost(c.right()));
            case PhysicalExpr.IsNull n -> add(1, cost(n.child()), 0);
            case PhysicalExpr.Not n -> add(1, cost(n.child()), 0);
            case PhysicalExpr.Conjunction c -> {
                int sum = 1;
                for (PhysicalExpr x : c.children()) sum = add(sum, cost(x), 0);
                yield sum;
            }
            case PhysicalExpr.InList in -> {
                int sum = add(0, cost(in.value()), 0);
                for (PhysicalExpr x : in.list()) sum = add(sum, 5 + typeCost(in.value().type()) * 2, cost(x));
                yield sum;
            }
            default -> OPAQUE;
        };
    }

    private static int add(int a, int b, int c) {
        if (a == OPAQUE || b == OPAQUE || c == OPAQUE) return OPAQUE;
        return a + b + c;
    }

    /** Relative cost of reading and comparing one value of the type. */
    private static int typeCost(LogicalType t) {
        PhysicalType p = t.physical();
        return switch (p) {
            case BOOL, INT8, INT16, INT32, INT64, FLOAT, DOUBLE -> 1;
            case INT128, INTERVAL -> 2;
            case VARLEN -> 10;
            default -> 20;
        };
    }
}
