package io.tealdb.execution;

/**
 * State of a {@link Sink} shared by all threads of the pipelines that feed it (e.g. the merged hash
 * table or the sorted runs). Written by {@link Sink#combine} (thread-safe) and {@link Sink#finalize};
 * read by the operator's source side in later pipelines via {@link ExecutionContext#sinkState}.
 */
public interface GlobalSinkState {
}
