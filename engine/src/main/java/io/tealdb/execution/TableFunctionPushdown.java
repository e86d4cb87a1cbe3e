package io.tealdb.execution;

import io.tealdb.function.ScanFilter;
import io.tealdb.function.TableFunction;
import io.tealdb.planner.expression.BoundCast;
import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundComparison;
import io.tealdb.planner.expression.BoundConstant;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundIsNull;
import io.tealdb.planner.logical.LogicalTableFunction;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands a table function the pushed-down conjuncts it can use:
 * {@code column op constant} and null tests on its own columns. Others are left out, which is safe
 * because the filter above the function still runs.
 */
final class TableFunctionPushdown {
    private TableFunctionPushdown() {
    }

    /** The function with the usable filter hints handed over (the function itself when there are none). */
    static TableFunction withFilters(LogicalTableFunction t) {
        List<ScanFilter> filters = new ArrayList<>();
        for (BoundExpr e : t.filters()) {
            ScanFilter f = convert(e, t.tableIndex());
            if (f != null) filters.add(f);
        }
        return filters.isEmpty() ? t.function() : t.function().withFilters(filters);
    }

    private static ScanFilter convert(BoundExpr e, int tableIndex) {
        if (e instanceof BoundIsNull n && n.child() instanceof BoundColumnRef c && own(c, tableIndex)) {
            return new ScanFilter(c.binding().columnIndex(), n.negated() ? ScanFilter.Op.IS_NOT_NULL : ScanFilter.Op.IS_NULL, null);
        }
        if (!(e instanceof BoundComparison cmp)) return null;
        BoundExpr l = constant(cmp.left()), r = constant(cmp.right());
        var op = cmp.op();
        if (l instanceof BoundConstant && r instanceof BoundColumnRef) {
            BoundExpr tmp = l;
            l = r;
            r = tmp;
            op = op.flip();
        }
        if (!(l instanceof BoundColumnRef c) || !own(c, tableIndex) || !(r instanceof BoundConstant k) || k.value().isNull()) return null;
        if (!k.value().type().equals(c.type())) return null;
        ScanFilter.Op o = switch (op) {
            case EQ -> ScanFilter.Op.EQ;
            case NE -> ScanFilter.Op.NE;
            case LT -> ScanFilter.Op.LT;
            case LE -> ScanFilter.Op.LE;
            case GT -> ScanFilter.Op.GT;
            case GE -> ScanFilter.Op.GE;
            default -> null;
        };
        return o == null ? null : new ScanFilter(c.binding().columnIndex(), o, k.value());
    }

    /** A cast of a constant (the binder's coercion of a literal) folded into the constant; else the expression. */
    private static BoundExpr constant(BoundExpr e) {
        if (e instanceof BoundCast c && constant(c.child()) instanceof BoundConstant k) {
            try {
                return new BoundConstant(io.tealdb.function.cast.Casts.castValue(k.value(), c.type(), false));
            } catch (RuntimeException failed) {
                return e; // not foldable (e.g. out of range): no hint
            }
        }
        return e;
    }

    private static boolean own(BoundColumnRef c, int tableIndex) {
        return c.depth() == 0 && c.binding().tableIndex() == tableIndex;
    }
}
