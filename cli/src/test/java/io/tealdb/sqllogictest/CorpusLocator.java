package io.tealdb.sqllogictest;

import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;

/** Finds shared/sqllogictest/duckdb by walking up from the working directory. */
final class CorpusLocator {

    private CorpusLocator() {}

    static Path corpus() {
        Path c = SqlLogicTestMain.findSharedCorpus(Path.of(""));
        Assertions.assertNotNull(c, "no folder shared/sqllogictest/duckdb above " + Path.of("").toAbsolutePath());
        return c;
    }

    static Path data() {
        return corpus().resolveSibling("duckdb-data");
    }
}
