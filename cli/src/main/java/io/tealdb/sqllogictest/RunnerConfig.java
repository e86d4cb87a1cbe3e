package io.tealdb.sqllogictest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Settings of a {@link SltRunner}.
 *
 * @param corpusDir         the folder standing for DuckDB's {@code test/sql/} (test names are relative to it)
 * @param dataDir           the folder standing for DuckDB's {@code data/}
 * @param scratchDir        a writable folder; the runner builds the "repository root" and per-file temp dirs in it
 * @param statementTimeout  per-statement limit (Statement.cancel is called when exceeded)
 * @param fileTimeout       limit for a whole file
 * @param extensions        which {@code require} extension names the engine supports (parquet, json, ...)
 * @param lenientErrors     only check that {@code statement error} fails, not its message (FORMAT.md 14)
 */
public record RunnerConfig(Path corpusDir, Path dataDir, Path scratchDir, Duration statementTimeout,
                           Duration fileTimeout, Predicate<String> extensions, boolean lenientErrors) {

    /** Platform checks of {@code require} that are always satisfied for an in-memory JVM engine. */
    public static final Set<String> HARMLESS_REQUIRES = Set.of("64bit", "notwindows", "notmingw", "notmusl",
            "skip_reload", "no_alternative_verify", "noforcestorage", "no_force_storage", "nothreadsan",
            "no_latest_storage", "no_vector_verification", "no_extension_autoloading", "allow_unsigned_extensions");

    public static RunnerConfig defaults(Path corpusDir, Path dataDir, Path scratchDir, Predicate<String> extensions) {
        return new RunnerConfig(corpusDir, dataDir, scratchDir, Duration.ofSeconds(30), Duration.ofSeconds(300),
                extensions, false);
    }

    public RunnerConfig withLenientErrors(boolean lenient) {
        return new RunnerConfig(corpusDir, dataDir, scratchDir, statementTimeout, fileTimeout, extensions, lenient);
    }

    public RunnerConfig withTimeouts(Duration statement, Duration file) {
        return new RunnerConfig(corpusDir, dataDir, scratchDir, statement, file, extensions, lenientErrors);
    }
}
