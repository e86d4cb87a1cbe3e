package io.tealdb.execution;

/** What a {@link StreamingOperator} tells the pipeline executor after processing an input chunk. */
public enum OperatorResult {
    /** Done with this input chunk; give me the next one (the output chunk may be empty). */
    NEED_MORE_INPUT,
    /**
     * The output chunk is full but this input chunk has more output (joins with many matches): push
     * the output downstream, then call me again with the SAME input chunk.
     */
    HAVE_MORE_OUTPUT,
    /** This operator will produce nothing more (e.g. LIMIT reached): stop the pipeline on this thread. */
    FINISHED
}
