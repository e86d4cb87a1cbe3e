package io.tealdb.execution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A source, a chain of streaming operators and a sink, run by several threads at once (each thread
 * pulls a chunk from the source and pushes it through the operators into the sink). A pipeline may
 * run only after the pipelines it {@link #dependencies() depends on} have finished and their sinks
 * have been finalized. Built by {@link PipelineBuilder}; immutable once {@link PipelineBuilder#finish} ran.
 */
public final class Pipeline {
    private final int id;
    private PhysicalOperator source;
    /** Top-down while building; reversed to execution order (source side first) by finish(). */
    private final List<PhysicalOperator> operators = new ArrayList<>();
    private final PhysicalOperator sink;
    private final List<Pipeline> dependencies = new ArrayList<>();
    final List<Pipeline> parents = new ArrayList<>();
    private final long batchBase;

    Pipeline(int id, PhysicalOperator sink, long batchBase) {
        this.id = id;
        this.sink = sink;
        this.batchBase = batchBase;
    }

    public int id() {
        return id;
    }

    public PhysicalOperator source() {
        return source;
    }

    void setSource(PhysicalOperator source) {
        this.source = source;
    }

    /** Streaming operators in execution order (closest to the source first). */
    public List<PhysicalOperator> operators() {
        return Collections.unmodifiableList(operators);
    }

    List<PhysicalOperator> mutableOperators() {
        return operators;
    }

    public PhysicalOperator sink() {
        return sink;
    }

    public List<Pipeline> dependencies() {
        return Collections.unmodifiableList(dependencies);
    }

    void addDependency(Pipeline p) {
        if (p != this && !dependencies.contains(p)) {
            dependencies.add(p);
            p.parents.add(this);
        }
    }

    /**
     * Added to the source's batch indexes, so that pipelines feeding one order-preserving sink (the
     * two sides of UNION ALL) produce disjoint, ordered batch indexes.
     */
    public long batchBase() {
        return batchBase;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Pipeline#").append(id).append(": ").append(source);
        for (PhysicalOperator op : operators) sb.append(" -> ").append(op.name());
        sb.append(" => ").append(sink == null ? "?" : sink.name());
        return sb.toString();
    }
}
