package io.tealdb.storage.file;

import io.tealdb.error.TealIOException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The OS lock that keeps a second process from opening a database file another process writes
 * (shared for read-only opens, exclusive for read-write). When the lock is taken, the error names
 * the holder's process id, read from {@code /proc/locks} where the OS provides it.
 */
public final class FileLocks {
    private FileLocks() {
    }

    public static FileLock lock(FileChannel channel, Path path, boolean shared) {
        FileLock lock;
        try {
            lock = channel.tryLock(0, Long.MAX_VALUE, shared);
        } catch (OverlappingFileLockException e) {
            throw new TealIOException("Could not set lock on file \"" + path + "\": it is already open in this process under another name");
        } catch (IOException e) {
            throw new TealIOException("Could not set lock on file \"" + path + "\": " + e.getMessage(), e);
        }
        if (lock == null) {
            throw new TealIOException("Could not set lock on file \"" + path + "\": Conflicting lock is held by " + holder(path)
                    + (shared ? " (it has the database open for writing)" : "")
                    + ". A database file can be open for writing in one process at a time; open it read-only "
                    + "(access_mode=read_only) from several processes when no process writes it.");
        }
        return lock;
    }

    /** "process 1234 (/usr/bin/java)" when the OS tells, else "another process". */
    private static String holder(Path path) {
        try {
            Object ino = Files.getAttribute(path, "unix:ino");
            Path locks = Path.of("/proc/locks");
            if (!Files.isReadable(locks)) {
                return "another process";
            }
            List<String> lines = Files.readAllLines(locks);
            for (String line : lines) {
                String[] f = line.trim().split("\\s+");
                // "1: POSIX  ADVISORY  WRITE 1234 08:01:5678 0 EOF"
                if (f.length >= 6 && f[5].endsWith(":" + ino)) {
                    long pid = Long.parseLong(f[4]);
                    String cmd = ProcessHandle.of(pid).flatMap(p -> p.info().command()).orElse("");
                    return "process " + pid + (cmd.isEmpty() ? "" : " (" + cmd + ")");
                }
            }
        } catch (IOException | RuntimeException e) {
            return "another process";
        }
        return "another process";
    }
}
