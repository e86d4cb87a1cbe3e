package io.tealdb.execution;

/**
 * Per-thread state of a {@link Source}: the morsel this thread is reading and its position. Only
 * touched by its own thread.
 */
public interface LocalSourceState {
    /**
     * Index of the morsel the last chunk returned by {@link Source#getData} came from. Morsels are
     * claimed in increasing index order; order-preserving sinks use it to restore the source order
     * when several threads read one source. Sources that do not support it return 0.
     */
    default long batchIndex() {
        return 0;
    }
}
