package io.tealdb.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * DuckDB's {@code file_search_path}: a comma-separated list of directories that relative file names
 * (and glob patterns) are also looked up in. A name that exists as given, or that no search directory
 * holds, stays as written so error messages show the user's text.
 */
public final class FileSearchPath {
    private FileSearchPath() {
    }

    /** {@code name} resolved against {@code searchPath} (null or blank: no search path). */
    public static String resolve(String name, String searchPath) {
        if (searchPath == null || searchPath.isBlank() || name.isEmpty() || name.contains("://")) return name;
        Path given;
        try {
            given = Path.of(name);
        } catch (RuntimeException e) {
            return name;
        }
        if (given.isAbsolute() || exists(name)) return name;
        for (String dir : searchPath.split(",")) {
            String d = dir.strip();
            if (d.isEmpty()) continue;
            String candidate = Path.of(d).resolve(name).toString();
            if (exists(candidate)) return candidate;
        }
        return name;
    }

    private static boolean exists(String name) {
        return FileGlobs.hasWildcard(name) ? !FileGlobs.expand(name).isEmpty() : Files.exists(Path.of(name));
    }
}
