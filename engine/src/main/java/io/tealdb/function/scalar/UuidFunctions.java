package io.tealdb.function.scalar;

import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarKernel;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.tealdb.types.LogicalType.UINTEGER;
import static io.tealdb.types.LogicalType.UUID;

/**
 * UUID generators and accessors with DuckDB's names: gen_random_uuid() / uuid() / uuidv4() (random,
 * version 4), uuidv7() (Unix milliseconds then random bits, version 7), uuid_extract_version(u).
 * Values are written in the stored layout of {@link io.tealdb.types.UuidText} (top bit flipped).
 */
final class UuidFunctions {
    private UuidFunctions() {
    }

    static void register(FunctionRegistry r) {
        ScalarKernel v4 = (args, count, result) -> {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            for (int i = 0; i < count; i++) {
                long hi = (rnd.nextLong() & ~0xF000L) | 0x4000L;           // version 4
                long lo = (rnd.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | Long.MIN_VALUE; // variant 10
                result.highs[i] = hi ^ Long.MIN_VALUE;
                result.longs[i] = lo;
            }
        };
        for (String name : List.of("gen_random_uuid", "uuid", "uuidv4")) {
            Kernels.regNonDeterministic(r, name, List.of(), UUID, v4);
        }
        Kernels.regNonDeterministic(r, "uuidv7", List.of(), UUID, (args, count, result) -> {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            long millis = System.currentTimeMillis();
            for (int i = 0; i < count; i++) {
                long hi = (millis << 16) | 0x7000L | (rnd.nextLong() & 0x0FFFL);
                long lo = (rnd.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | Long.MIN_VALUE;
                result.highs[i] = hi ^ Long.MIN_VALUE;
                result.longs[i] = lo;
            }
        });
        Kernels.reg(r, "uuid_extract_version", List.of(UUID), UINTEGER, (args, count, result) -> {
            long[] hi = args[0].highs;
            for (int i = 0; i < count; i++) {
                result.longs[i] = ((hi[i] ^ Long.MIN_VALUE) >>> 12) & 0xF;
            }
            Kernels.propagateNulls(args, count, result);
        });
    }
}
