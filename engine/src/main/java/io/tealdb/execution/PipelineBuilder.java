package io.tealdb.execution;

import io.tealdb.error.InternalException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts a physical plan into pipelines (DuckDB's pipeline construction). Start with
 * {@link #build(PhysicalOperator, PhysicalOperator)}; operators call the methods below from
 * {@link PhysicalOperator#buildPipelines}.
 */
public final class PipelineBuilder {
    /** Each union branch gets its own range of batch indexes; morsel indexes stay below this. */
    public static final long BATCH_RANGE = 1L << 40;

    private final List<Pipeline> pipelines = new ArrayList<>();
    private long nextBatchBase;

    /** Builds the pipelines that run {@code root} into {@code resultSink}; returns them in a valid execution order. */
    public static List<Pipeline> build(PhysicalOperator root, PhysicalOperator resultSink) {
        PipelineBuilder b = new PipelineBuilder();
        Pipeline top = b.newPipeline(resultSink);
        root.buildPipelines(top, b);
        return b.finish();
    }

    private Pipeline newPipeline(PhysicalOperator sink) {
        Pipeline p = new Pipeline(pipelines.size(), sink, nextBatchBase);
        nextBatchBase += BATCH_RANGE;
        pipelines.add(p);
        return p;
    }

    public void setSource(Pipeline p, PhysicalOperator source) {
        if (!(source instanceof Source)) {
            throw new InternalException(source.name() + " is not a source");
        }
        p.setSource(source);
    }

    public void addOperator(Pipeline p, PhysicalOperator op) {
        if (!(op instanceof StreamingOperator)) {
            throw new InternalException(op.name() + " is not a streaming operator");
        }
        p.mutableOperators().add(op);
    }

    /** A new pipeline ending in {@code sink} that {@code current} (and its union copies) must wait for. */
    public Pipeline createChildPipeline(Pipeline current, PhysicalOperator sink) {
        if (!(sink instanceof Sink)) {
            throw new InternalException(sink.name() + " is not a sink");
        }
        Pipeline child = newPipeline(sink);
        current.addDependency(child);
        return child;
    }

    /**
     * A copy of {@code current} as built so far (same sink, same operators above this point, same
     * dependencies) for a second input of the same stream: the right side of UNION ALL, or the
     * "unmatched build rows" scan of a RIGHT/FULL join. Pipelines waiting for {@code current} also
     * wait for the copy. With {@code afterCurrent} the copy runs after {@code current} (needed when
     * the sink preserves order, and for outer-join scans).
     */
    public Pipeline createUnionPipeline(Pipeline current, boolean afterCurrent) {
        Pipeline copy = newPipeline(current.sink());
        copy.mutableOperators().addAll(current.mutableOperators());
        for (Pipeline d : current.dependencies()) copy.addDependency(d);
        for (Pipeline parent : new ArrayList<>(current.parents)) parent.addDependency(copy);
        if (afterCurrent) copy.addDependency(current);
        return copy;
    }

    /** Finishes operator lists (reverses them to execution order) and orders pipelines dependencies-first. */
    List<Pipeline> finish() {
        for (Pipeline p : pipelines) {
            if (p.source() == null) throw new InternalException("pipeline without source: " + p);
            Collections.reverse(p.mutableOperators());
        }
        List<Pipeline> order = new ArrayList<>();
        Set<Pipeline> done = new HashSet<>();
        for (Pipeline p : pipelines) visit(p, done, order);
        return order;
    }

    private static void visit(Pipeline p, Set<Pipeline> done, List<Pipeline> order) {
        if (!done.add(p)) return;
        for (Pipeline d : p.dependencies()) visit(d, done, order);
        order.add(p);
    }
}
