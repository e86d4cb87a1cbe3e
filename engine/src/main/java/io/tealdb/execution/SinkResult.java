package io.tealdb.execution;

/** What a {@link Sink} tells the pipeline executor after consuming a chunk. */
public enum SinkResult {
    NEED_MORE_INPUT,
    /** The sink needs no more input (LIMIT satisfied, result consumer closed): stop this thread early. */
    FINISHED
}
