package io.tealdb;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The folder where the {@code teal} launcher and the Python package keep class-data archives and
 * ahead-of-time caches (by default {@code ~/.cache/tealdb/cds}), and the one rule for which of its
 * files are stale. A file is named {@code <family>-<build>.<ext>}, optionally followed by more
 * suffixes for its lock, log or unfinished copy: the family stands for the JDK, the jar's path and
 * the JVM flags, the build (no {@code -} in it) for the jar's size and modification time. A process started with {@value #PROPERTY} naming its
 * archive deletes, on a daemon thread, the files of the same family with another build (so the
 * folder holds one archive per jar and JDK, not one per build) and the files named by the older
 * one-part schemes ({@code <24 hex digits>.jsa}, {@code teal-<digits>.aot/.jsa}), which nothing
 * looks up any more. Deleting is best effort: a file another process holds goes next time.
 */
public final class ClassDataArchives {
    /** System property naming this process's archive (it need not exist yet). */
    public static final String PROPERTY = "tealdb.cds.archive";

    private static final Pattern ONE_PART = Pattern.compile("[0-9a-f]{24}|teal-[0-9]+");

    private ClassDataArchives() {
    }

    /** Prunes the folder of the archive {@value #PROPERTY} names, on a daemon thread; nothing when it is unset. */
    public static void pruneInBackground() {
        String archive = System.getProperty(PROPERTY);
        if (archive == null || archive.isEmpty()) return;
        Thread t = new Thread(() -> {
            try {
                prune(Path.of(archive));
            } catch (RuntimeException ignored) {
                // a stale archive only costs disk space; the next start tries again
            }
        }, "tealdb-cds-prune");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * Deletes the stale files beside {@code archive} (see the class comment); returns how many went.
     * Files of other families (other jars, JDKs or flags) are kept.
     */
    public static int prune(Path archive) {
        Path dir = archive.toAbsolutePath().getParent();
        String stem = stem(archive.getFileName().toString());
        int cut = stem.lastIndexOf('-');
        if (dir == null || cut <= 0) return 0;
        String family = stem.substring(0, cut + 1);
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String s = stem(f.getFileName().toString());
                boolean otherBuild = s.startsWith(family) && !s.equals(stem);
                if ((otherBuild || ONE_PART.matcher(s).matches()) && delete(f)) deleted++;
            }
        } catch (IOException | SecurityException e) {
            return deleted; // no folder, or not ours to read
        }
        return deleted;
    }

    /** The name up to its first dot (the archive a lock, log or unfinished copy belongs to). */
    private static String stem(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** Deletes a file, or a directory and what is in it (the launcher's training lock); false if it stays. */
    private static boolean delete(Path f) {
        try {
            if (Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try (DirectoryStream<Path> inside = Files.newDirectoryStream(f)) {
                    for (Path p : inside) Files.deleteIfExists(p);
                }
            }
            return Files.deleteIfExists(f);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
