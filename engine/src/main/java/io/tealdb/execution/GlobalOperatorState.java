package io.tealdb.execution;

/** State of a {@link StreamingOperator} shared by all threads of a pipeline (e.g. rows left for LIMIT). */
public interface GlobalOperatorState {
}
