package io.tealdb.execution;

/**
 * State of a {@link Source} shared by all threads running one pipeline, e.g. the next morsel to
 * claim (an AtomicInteger). Must be thread-safe.
 */
public interface GlobalSourceState {
}
