package io.tealdb.execution.window;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The cancellable sort of packed window keys (runs sorted one at a time, then merged) sorts as Arrays.sort does. */
class PartitionLayoutSortTest {
    @Test
    void sortsLikeArraysSortAcrossRunBoundaries() {
        Random rnd = new Random(7);
        for (int n : new int[]{0, 1, 70_000, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 12_345}) {
            for (long bound : new long[]{5, Long.MAX_VALUE}) {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) a[i] = bound == Long.MAX_VALUE ? rnd.nextLong() : rnd.nextLong(bound);
                long[] expected = a.clone();
                Arrays.sort(expected);
                PartitionLayout.sortCancellable(a);
                assertArrayEquals(expected, a, "n = " + n + ", values below " + bound);
            }
        }
    }
}
