package io.tealdb.execution;

/** Per-thread state of a {@link Sink} (a thread-local hash table, a local run to sort, ...). */
public interface LocalSinkState {
}
