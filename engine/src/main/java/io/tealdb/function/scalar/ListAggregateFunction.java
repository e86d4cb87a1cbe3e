package io.tealdb.function.scalar;

import io.tealdb.function.AggregateFunction;
import io.tealdb.function.AggregateState;
import io.tealdb.function.ScalarFunction;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.List;

/**
 * list_aggregate(l, 'name') and its shorthands (list_sum, list_min, ...): each list row is one
 * group of an ordinary aggregate, so a chunk of lists is aggregated with one update per slice of
 * elements (group id = row) and one finalize, reusing every aggregate function as it is.
 */
public final class ListAggregateFunction {
    private ListAggregateFunction() {
    }

    public static ScalarFunction create(String name, LogicalType listType, AggregateFunction aggregate, List<LogicalType> extra) {
        List<LogicalType> params = new java.util.ArrayList<>();
        params.add(listType);
        params.addAll(extra);
        return new ScalarFunction(name, params, aggregate.returnType(), (args, count, res) -> {
            Vector l = args[0];
            Vector child = l.child();
            AggregateState state = aggregate.createState();
            state.ensureCapacity(Math.max(count, 1));
            int[] groups = new int[DataChunk.CAPACITY];
            Vector[] slice = new Vector[1 + extra.size()];
            int n = 0;
            for (int i = 0; i < count; i++) {
                if (l.isNull(i)) continue;
                for (int k = 0; k < l.lengths[i]; k++) {
                    if (n == 0) {
                        slice[0] = new Vector(child.type, DataChunk.CAPACITY);
                        for (int x = 0; x < extra.size(); x++) slice[1 + x] = new Vector(extra.get(x), DataChunk.CAPACITY);
                    }
                    slice[0].copyRow(child, l.offsets[i] + k, n);
                    for (int x = 0; x < extra.size(); x++) slice[1 + x].copyRow(args[1 + x], i, n);
                    groups[n++] = i;
                    if (n == DataChunk.CAPACITY) {
                        aggregate.update(state, slice, n, groups);
                        n = 0;
                    }
                }
            }
            if (n > 0) aggregate.update(state, slice, n, groups);
            aggregate.finalize(state, 0, count, res);
            for (int i = 0; i < count; i++) if (l.isNull(i)) res.setNull(i);
        });
    }
}
