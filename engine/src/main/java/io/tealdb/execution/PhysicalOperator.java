package io.tealdb.execution;

import io.tealdb.types.LogicalType;

import java.util.List;

/**
 * A node of the physical plan. Besides this base class an operator implements one or more roles:
 * <ul>
 * <li>{@link Source}: leaf operators, and pipeline breakers reading what they collected;</li>
 * <li>{@link StreamingOperator}: chunk-to-chunk operators inside a pipeline;</li>
 * <li>{@link Sink}: pipeline breakers (sort, aggregate, join build) and the result collector.</li>
 * </ul>
 * The physical plan is built fresh for each execution; operator objects are immutable
 * descriptions (all run-time state lives in the state objects the roles create), so one plan can be
 * run by many threads. Output columns are {@link #types()} in chunk positions 0..n-1; the
 * {@link PhysicalPlanner} has already resolved every column binding to a position.
 *
 * <p>How an operator plugs into pipelines is {@link #buildPipelines}; the default covers the usual
 * shapes (see there). Operators with two inputs (joins, UNION ALL) override it.
 */
public abstract class PhysicalOperator {
    private final List<LogicalType> types;
    private final List<PhysicalOperator> children;
    private final long estimatedCardinality;

    protected PhysicalOperator(List<LogicalType> types, List<PhysicalOperator> children, long estimatedCardinality) {
        this.types = List.copyOf(types);
        this.children = List.copyOf(children);
        this.estimatedCardinality = estimatedCardinality;
    }

    public final List<LogicalType> types() {
        return types;
    }

    public final List<PhysicalOperator> children() {
        return children;
    }

    /** Estimated output rows (for EXPLAIN), -1 if unknown. */
    public final long estimatedCardinality() {
        return estimatedCardinality;
    }

    /**
     * An upper bound on the rows this operator can output that the plan's shape proves (a VALUES
     * list, an aggregate without groups, a constant LIMIT, and what only passes rows through),
     * else -1. Unlike {@link #estimatedCardinality()} it is never a guess: {@link QueryExecutor}
     * runs a query whose result is bounded small on the caller's thread, without a coordinator.
     */
    public long maxRows() {
        return -1;
    }

    /** {@link #maxRows()} of operators that output at most as many rows as their first child. */
    protected final long childMaxRows() {
        return children.isEmpty() ? -1 : children.get(0).maxRows();
    }

    /** Operator name as EXPLAIN prints it, e.g. {@code FILTER}, {@code HASH_JOIN}. */
    public abstract String name();

    /** Key details for EXPLAIN, one entry per line (filters, join conditions, group keys, ...). */
    public List<String> details() {
        return List.of();
    }

    /**
     * Adds this operator (and, recursively, its children) to pipelines, top-down like DuckDB:
     * {@code current} is the pipeline this operator's output flows into (its sink is already set).
     * <ul>
     * <li>a {@link Sink} (pipeline breaker) becomes the source of {@code current}, and the sink of a
     *     new child pipeline that {@code current} depends on, built from child 0;</li>
     * <li>a leaf becomes the source of {@code current};</li>
     * <li>otherwise (a {@link StreamingOperator}) it is added to {@code current}'s operators, and
     *     child 0 continues building {@code current}.</li>
     * </ul>
     * A join overrides this: add itself as operator (probe), build child 1 into
     * {@code builder.createChildPipeline(current, this)} (build side, this as sink), then build child
     * 0 into {@code current}.
     */
    public void buildPipelines(Pipeline current, PipelineBuilder builder) {
        if (this instanceof Sink) {
            builder.setSource(current, this);
            Pipeline child = builder.createChildPipeline(current, this);
            children.get(0).buildPipelines(child, builder);
        } else if (children.isEmpty()) {
            builder.setSource(current, this);
        } else {
            builder.addOperator(current, this);
            children.get(0).buildPipelines(current, builder);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
