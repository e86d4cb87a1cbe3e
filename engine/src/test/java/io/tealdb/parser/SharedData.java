package io.tealdb.parser;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared test data directory (../shared relative to some ancestor of the working directory). */
final class SharedData {
    private SharedData() {
    }

    /** Walks up from the working directory until a "shared/<relative>" directory exists; null if none. */
    static Path find(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.isDirectory(candidate)) return candidate;
            dir = dir.getParent();
        }
        return null;
    }
}
