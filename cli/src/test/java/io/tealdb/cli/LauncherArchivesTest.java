package io.tealdb.cli;

import io.tealdb.ClassDataArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code teal} launcher's class-data archives: it names them {@code teal-<JDK, jar, flags>-<jar
 * size_mtime>} and tells the JVM (-Dtealdb.cds.archive) which is current, and the JVM deletes the
 * same jar's archives of other builds and of the older names ({@link ClassDataArchives}, the Python
 * package's rule too). The launcher runs here with a stand-in {@code java} that records its
 * arguments, from a copy of the launcher beside a stand-in jar.
 */
class LauncherArchivesTest {
    @TempDir
    Path tmp;

    @Test
    void launcherNamesTheArchiveAndTheJvmPrunesOtherBuilds() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("checkout"));
        Path launcher = root.resolve("teal");
        Files.copy(Path.of("..", "teal"), launcher);
        Files.createDirectories(root.resolve("cli/target"));
        Files.writeString(root.resolve("cli/target/teal.jar"), "a jar");
        Path home = Files.createDirectories(tmp.resolve("jdk/bin"));
        Files.writeString(tmp.resolve("jdk/release"), "JAVA_VERSION=\"21.0.2\"\n");
        Path args = tmp.resolve("args");
        Path java = home.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > '" + args + "'\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cache = tmp.resolve("cache");

        ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString(), "-c", "SELECT 42").redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", tmp.resolve("jdk").toString());
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        pb.environment().remove("TEAL_CDS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);

        List<String> jvmArgs = Files.readAllLines(args);
        String current = null;
        String shared = null;
        for (String a : jvmArgs) {
            if (a.startsWith("-D" + ClassDataArchives.PROPERTY + "=")) current = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("-XX:SharedArchiveFile=")) shared = a.substring(a.indexOf('=') + 1);
        }
        assertNotNull(current, "the launcher names the archive: " + jvmArgs);
        assertNotNull(shared, jvmArgs.toString());
        Path archive = Path.of(current);
        Path dir = cache.resolve("tealdb/cds");
        assertEquals(dir, archive.getParent());
        String stem = archive.getFileName().toString().replaceFirst("\\..*", "");
        assertTrue(stem.matches("teal-[0-9]+-[0-9]+_[0-9]+"), stem);
        assertEquals(stem + ".jsa", Path.of(shared).getFileName().toString(), "the CDS archive has the same name");

        String family = stem.substring(0, stem.lastIndexOf('-'));
        List<String> kept = List.of(stem + ".aot", stem + ".jsa", "teal-999-12_34.aot", "0123456789abcdef-01234567.aot");
        List<String> stale = List.of(family + "-11_22.aot", family + "-11_22.jsa", family + "-11-22.aot" /* the earlier size-mtime name */,
                "teal-1835692901.aot", "teal-1835692901.jsa", "0123456789abcdef01234567.jsa");
        for (String f : kept) Files.writeString(dir.resolve(f), "x");
        for (String f : stale) Files.writeString(dir.resolve(f), "x");
        Files.createDirectories(dir.resolve(family + "-11_22.aot.lock")); // a training of that build
        Files.writeString(dir.resolve(family + "-11_22.aot.tmp"), "x");

        assertEquals(stale.size() + 2, ClassDataArchives.prune(archive));
        List<String> left = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(f -> left.add(f.getFileName().toString()));
        }
        assertEquals(kept.stream().sorted().toList(), left.stream().sorted().toList());
    }
}
