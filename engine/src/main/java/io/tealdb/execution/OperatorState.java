package io.tealdb.execution;

/**
 * Per-thread state of a {@link StreamingOperator}: its expression executor, output vectors, the
 * position inside an input chunk when it returns {@link OperatorResult#HAVE_MORE_OUTPUT}, ...
 */
public interface OperatorState {
}
