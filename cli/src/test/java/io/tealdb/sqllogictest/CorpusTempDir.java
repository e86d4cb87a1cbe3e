package io.tealdb.sqllogictest;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The scratch root of corpus runs, named {@code tealdb-slt-<digits>}. JUnit's default name,
 * {@code junit<digits>}, contains "t1" whenever the digits start with 1, and corpus files match file
 * paths with patterns such as {@code filename LIKE '%t1%'} (parquet_filename.test): the data
 * directory's path must not match them by accident, or such a file fails at random.
 */
public final class CorpusTempDir implements TempDirFactory {
    @Override
    public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext) throws IOException {
        return Files.createTempDirectory("tealdb-slt-");
    }
}
