package io.tealdb.function;

import io.tealdb.vector.Vector;

/**
 * A compiled lambda body ({@code x -> x + 1}): evaluates it over up to one chunk of rows whose
 * columns are the lambda's parameters followed by the outer columns it captures.
 */
@FunctionalInterface
public interface LambdaBody {
    /** Returns a vector with the body's value for rows {@code [0, count)}; valid until the next call. */
    Vector evaluate(Vector[] columns, int count);
}
