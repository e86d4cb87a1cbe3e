package io.tealdb.execution;

import java.util.List;

/**
 * Renders a physical plan as an indented tree (EXPLAIN): operator name, key details and estimated
 * cardinality; with a profiled context (EXPLAIN ANALYZE) also the measured rows and time of each
 * operator.
 */
public final class ExplainRenderer {
    private ExplainRenderer() {
    }

    public static String render(PhysicalOperator root, ExecutionContext profiled) {
        StringBuilder sb = new StringBuilder();
        render(root, profiled, "", "", sb);
        return sb.toString();
    }

    private static void render(PhysicalOperator op, ExecutionContext ctx, String first, String rest, StringBuilder sb) {
        sb.append(first).append(op.name());
        if (op.estimatedCardinality() >= 0) sb.append("  (~").append(op.estimatedCardinality()).append(" rows)");
        if (ctx != null) {
            OperatorProfile p = ctx.profileOrNull(op);
            if (p != null) {
                sb.append(String.format("  [rows: %d, time: %.3fs]", p.rows.get(), p.nanos.get() / 1e9));
            }
        }
        sb.append('\n');
        List<PhysicalOperator> children = op.children();
        String detailPrefix = rest + (children.isEmpty() ? "    " : "│   ");
        for (String d : op.details()) {
            if (!d.isEmpty()) sb.append(detailPrefix).append(d).append('\n');
        }
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            render(children.get(i), ctx, rest + (last ? "└── " : "├── "), rest + (last ? "    " : "│   "), sb);
        }
    }

    /** Runs {@code root} to completion with profiling and returns the annotated plan (EXPLAIN ANALYZE). */
    public static String explainAnalyze(PhysicalOperator root, ExecutionContext ctx) {
        ctx.enableProfiling();
        long t0 = System.nanoTime();
        try (ResultStream s = QueryExecutor.execute(root, ctx)) {
            while (s.next() != null) {
                // discard results; only the profile matters
            }
        }
        String total = String.format("Total Time: %.4fs%n", (System.nanoTime() - t0) / 1e9);
        return total + render(root, ctx);
    }
}
