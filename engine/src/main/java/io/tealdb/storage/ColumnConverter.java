package io.tealdb.storage;

import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

/**
 * Computes the new values of a column being rewritten (ALTER TABLE ... ALTER COLUMN ... TYPE ...
 * [USING expr]). Storage calls it for every stored row, chunk by chunk; {@code input} holds the
 * input columns the caller asked for, {@code output} (of the new type, reset) receives
 * {@code input.size()} values. Throw a TealException (e.g. ConversionException) to abort the ALTER.
 */
@FunctionalInterface
public interface ColumnConverter {
    void convert(DataChunk input, Vector output);
}
