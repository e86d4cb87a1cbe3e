package io.tealdb.sqllogictest;

import java.nio.file.Path;
import java.sql.SQLException;

/** Opens a fresh database for one test file. This is the runner's only access to an engine. */
@FunctionalInterface
public interface TestDatabaseFactory {

    /**
     * @param context what the database is for; {@link Context#rootDir()} is the directory that
     *                relative file names in SQL ({@code data/csv/x.csv}) must resolve against
     *                (FORMAT.md section 13) — a factory should make the engine use it as its
     *                base directory for relative paths (DuckDB: {@code SET file_search_path}).
     */
    TestDatabase open(Context context) throws SQLException;

    /**
     * @param testName         path of the test file relative to the corpus root ({@code copy/csv/x.test})
     * @param rootDir          scratch "repository root" holding {@code data/} and {@code test/sql/}
     * @param sharedConnections true if the file uses more than one connection to the database
     */
    record Context(String testName, Path rootDir, boolean sharedConnections) {}
}
