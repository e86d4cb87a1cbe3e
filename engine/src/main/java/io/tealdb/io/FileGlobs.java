package io.tealdb.io;

import io.tealdb.error.TealIOException;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands a file pattern the way DuckDB's glob does: {@code *}, {@code ?} and {@code [..]} match
 * within one path component, {@code **} any number of directories; matches come back sorted. A
 * name without wildcards is returned as is (existence is checked by the reader).
 */
public final class FileGlobs {
    private FileGlobs() {
    }

    public static boolean hasWildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0 || pattern.indexOf('[') >= 0;
    }

    /** The files matching {@code pattern}, sorted; empty when none. */
    public static List<String> expand(String pattern) {
        if (!hasWildcard(pattern)) return List.of(pattern);
        // the longest leading directory without wildcards is where the walk starts
        String normalized = pattern.replace('\\', '/');
        int firstWild = firstWildcard(normalized);
        int slash = normalized.lastIndexOf('/', firstWild);
        String rootText = slash < 0 ? "." : slash == 0 ? "/" : normalized.substring(0, slash);
        String rest = slash < 0 ? normalized : normalized.substring(slash + 1);
        Path root = Path.of(rootText);
        if (!Files.isDirectory(root)) return List.of();
        boolean recursive = rest.contains("**");
        int depth = recursive ? Integer.MAX_VALUE : rest.split("/").length;
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        } catch (java.util.regex.PatternSyntaxException e) {
            // an unbalanced '[' or '{' is no glob: the name is taken literally, like a plain path
            return List.of(pattern);
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root, depth)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                Path rel = root.relativize(p);
                boolean hit = matcher.matches(rel);
                if (!hit && rest.startsWith("**/")) hit = FileSystems.getDefault().getPathMatcher("glob:" + rest.substring(3)).matches(rel);
                if (hit) out.add(slash < 0 ? rel.toString() : rootText.equals("/") ? "/" + rel : rootText + "/" + rel);
            });
        } catch (IOException e) {
            throw new TealIOException("Could not list files for \"" + pattern + "\": " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) { // a directory the walk may not enter
            throw new TealIOException("Could not list files for \"" + pattern + "\": " + e.getCause().getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    /** The files of a file function's first argument: a name or pattern, or a list of them (see {@link #expandAll}). */
    public static List<String> expandArgument(String function, io.tealdb.types.Value arg) {
        List<String> patterns = new ArrayList<>();
        if (arg.isNull()) throw new io.tealdb.error.BinderException(function + ": the file name cannot be NULL");
        if (arg.object() instanceof List<?> list) {
            for (Object o : list) {
                io.tealdb.types.Value v = (io.tealdb.types.Value) o;
                if (v == null || v.isNull()) throw new io.tealdb.error.BinderException(function + ": a file name in the list is NULL");
                patterns.add(String.valueOf(v.object()));
            }
        } else {
            patterns.add(String.valueOf(arg.object()));
        }
        return expandAll(function, patterns);
    }

    /**
     * The files of a file function's first argument (read_csv, read_parquet, ...): each pattern
     * expanded in order; a pattern matching nothing, or a plain name that does not exist, is an error.
     */
    public static List<String> expandAll(String function, List<String> patterns) {
        if (patterns.isEmpty()) throw new TealIOException("\"" + function + "\" needs at least one file to read");
        List<String> out = new ArrayList<>();
        for (String p : patterns) {
            // a directory stands for every file below it (a PARTITION_BY copy's output read back by its name)
            if (!p.isBlank() && !hasWildcard(p) && Files.isDirectory(Path.of(p))) p = p.replaceFirst("[/\\\\]+$", "") + "/**";
            List<String> files = expand(p);
            if (files.isEmpty() || (!hasWildcard(p) && !Files.exists(Path.of(p)))) {
                throw new TealIOException("No files found that match the pattern \"" + p + "\"");
            }
            out.addAll(files);
        }
        return out;
    }

    private static int firstWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[') return i;
        }
        return s.length();
    }
}
