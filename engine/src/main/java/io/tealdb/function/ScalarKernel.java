package io.tealdb.function;

import io.tealdb.vector.Vector;

/**
 * A vectorized scalar function body: computes rows {@code [0, count)} of {@code result} from the
 * argument vectors (already cast to the function's declared argument types). The result vector
 * arrives reset (all valid, empty heap); the kernel sets nulls itself (usually: null if any
 * argument is null). Errors (overflow, bad input) are thrown as TealException subclasses.
 */
@FunctionalInterface
public interface ScalarKernel {
    void execute(Vector[] args, int count, Vector result);
}
