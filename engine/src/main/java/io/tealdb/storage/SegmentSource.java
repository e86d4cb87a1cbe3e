package io.tealdb.storage;

import io.tealdb.memory.BufferPool;
import io.tealdb.vector.Vector;

/**
 * Where a checkpointed column segment can be read again (its blocks in the database file): a
 * segment with a source may drop its values when the {@link BufferPool} needs room and reads them
 * back on its next use. Implemented by the persistence layer.
 */
public interface SegmentSource {
    /** Reads and decodes the values: a vector holding every row position of the row group. */
    Vector load();

    /** The pool the loaded values are accounted in. */
    BufferPool pool();
}
