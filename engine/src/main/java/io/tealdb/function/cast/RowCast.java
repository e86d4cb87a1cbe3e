package io.tealdb.function.cast;

import io.tealdb.error.ConversionException;
import io.tealdb.function.ScalarKernel;
import io.tealdb.vector.Vector;

/**
 * A cast computed one row at a time (the conversion is per value anyway: bit strings, bytea text):
 * NULL stays NULL, and a value that does not convert is NULL under TRY_CAST, else its
 * ConversionException.
 */
@FunctionalInterface
public interface RowCast {
    void convert(Vector in, int row, Vector out);

    /** The kernel that runs this conversion over every row of a chunk. */
    static ScalarKernel kernel(RowCast row, boolean tryCast) {
        return (args, count, result) -> {
            Vector in = args[0];
            for (int i = 0; i < count; i++) {
                if (in.isNull(i)) {
                    result.setNull(i);
                    continue;
                }
                try {
                    row.convert(in, i, result);
                } catch (ConversionException e) {
                    if (!tryCast) throw e;
                    result.setNull(i);
                }
            }
        };
    }
}
