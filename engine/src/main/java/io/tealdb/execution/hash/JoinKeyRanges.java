package io.tealdb.execution.hash;

import io.tealdb.execution.PhysicalOperator;
import io.tealdb.execution.expression.PhysicalExpr;
import io.tealdb.execution.operator.FilterOperator;
import io.tealdb.execution.operator.ProjectionOperator;
import io.tealdb.execution.operator.TableFunctionOperator;
import io.tealdb.execution.operator.TableScanOperator;
import io.tealdb.execution.operator.UnionAllOperator;

/**
 * Connects a hash join's probe keys to the table scan (or table function that can use them, such as
 * read_parquet) that produces them in the probe pipeline, so the scan filters by the key ranges of
 * the finished build ({@link io.tealdb.execution.KeyRangeSource}).
 * The key column is followed down through operators that pass columns through unchanged in the
 * same pipeline: filters, projections (a column reference), the probe side of other hash joins, and
 * both inputs of a UNION ALL (its two pipelines share the operators above it, so both scans start
 * after the build; TPC-DS Q05 joins a UNION ALL of sales and returns with 15 dates and 12 stores).
 */
final class JoinKeyRanges {

    private JoinKeyRanges() {}

    static PhysicalHashJoin attach(PhysicalHashJoin join, String label) {
        if (!join.dropsProbeRowsWithoutPartner()) return join;
        for (int k = 0; k < join.probeKeys().size(); k++) {
            if (join.rangeKey(k) && join.probeKeys().get(k) instanceof PhysicalExpr.ColumnRef ref) {
                trace(join.children().get(0), ref.index(), join, k, label);
            }
        }
        return join;
    }

    private static void trace(PhysicalOperator op, int column, PhysicalHashJoin join, int key, String label) {
        switch (op) {
            case TableScanOperator scan -> scan.addRuntimeKeyRange(column, join, key, label);
            case TableFunctionOperator function -> function.addRuntimeKeyRange(column, join, key, label);
            case FilterOperator f -> trace(f.children().get(0), column, join, key, label);
            case ProjectionOperator p when p.expressions().get(column) instanceof PhysicalExpr.ColumnRef r ->
                    trace(p.children().get(0), r.index(), join, key, label);
            case PhysicalHashJoin h when !h.returnsBuildRows() && column < h.probeColumnCount() ->
                    trace(h.children().get(0), column, join, key, label);
            case UnionAllOperator u -> {
                trace(u.children().get(0), column, join, key, label);
                trace(u.children().get(1), column, join, key, label);
            }
            default -> { }
        }
    }
}
