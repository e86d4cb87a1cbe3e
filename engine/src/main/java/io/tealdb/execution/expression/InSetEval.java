package io.tealdb.execution.expression;

import io.tealdb.vector.VectorHashing;
import io.tealdb.types.LogicalType;
import io.tealdb.types.PhysicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.Arrays;
import java.util.List;

/**
 * {@code x IN (c1, ..., cn)} with constant items: an open-addressing hash set built once, probed
 * per row. NULL if x is NULL, or if there is no match and the list contains NULL.
 */
final class InSetEval extends Evaluator {
    private final Evaluator value;
    private final Vector items;
    private final int itemCount;
    private final boolean listHasNull;
    private final int[] slots; // item index + 1, 0 = empty
    private final int mask;
    private Vector result;

    static boolean supports(LogicalType t) {
        PhysicalType p = t.physical();
        return p == PhysicalType.INT8 || p == PhysicalType.INT16 || p == PhysicalType.INT32 || p == PhysicalType.INT64
                || p == PhysicalType.VARLEN;
    }

    InSetEval(Evaluator value, List<PhysicalExpr> list) {
        super(LogicalType.BOOLEAN);
        this.value = value;
        items = new Vector(value.type, list.size());
        boolean hasNull = false;
        int n = 0;
        for (PhysicalExpr e : list) {
            Object o = ((PhysicalExpr.Constant) e).value().object();
            if (o == null) {
                hasNull = true;
            } else {
                items.setObject(n++, o);
            }
        }
        itemCount = n;
        listHasNull = hasNull;
        int cap = Integer.highestOneBit(Math.max(4, n * 2) - 1) << 1;
        slots = new int[cap];
        mask = cap - 1;
        for (int i = 0; i < n; i++) {
            int s = (int) VectorHashing.hashValue(items, i) & mask;
            while (slots[s] != 0) s = (s + 1) & mask;
            slots[s] = i + 1;
        }
    }

    private boolean contains(Vector v, int r) {
        int s = (int) VectorHashing.hashValue(v, r) & mask;
        while (true) {
            int idx = slots[s];
            if (idx == 0) return false;
            if (io.tealdb.vector.RowCompare.equals(v, r, items, idx - 1)) return true;
            s = (s + 1) & mask;
        }
    }

    @Override
    Vector eval(DataChunk in, int[] sel, int count) {
        Vector v = value.eval(in, sel, count);
        result = ensure(result, LogicalType.BOOLEAN, maxRow(sel, count));
        for (int i = 0; i < count; i++) {
            int r = sel == null ? i : sel[i];
            if (v.isNull(r)) {
                result.setNull(r);
            } else if (contains(v, r)) {
                result.bytes[r] = 1;
            } else {
                result.bytes[r] = 0;
                if (listHasNull) result.setNull(r);
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "InSet" + Arrays.toString(slots) + itemCount;
    }
}
