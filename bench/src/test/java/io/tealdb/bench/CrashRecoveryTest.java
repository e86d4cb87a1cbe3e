package io.tealdb.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIGKILLs a writing child process 20 times; every acknowledged commit must survive, nothing partial may. */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void acknowledgedCommitsSurviveKills() throws Exception {
        CrashHarness.Result r = new CrashHarness(dir.resolve("crash.db"), 42).run(20, null);
        assertTrue(r.failures().isEmpty(), String.join("\n", r.failures()));
        assertTrue(r.operations() > 20, "the workers made progress: " + r.operations());
    }
}
