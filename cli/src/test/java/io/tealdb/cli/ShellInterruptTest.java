package io.tealdb.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Ctrl-C in the interactive shell, as a user presses it: the real shell runs on a pseudo-terminal
 * (util-linux {@code script} provides one), a long query starts, the terminal sends the interrupt
 * character, and the query stops with DuckDB's "Interrupted!" while the shell stays usable.
 */
class ShellInterruptTest {
    private final StringBuffer output = new StringBuffer();

    @Test
    void ctrlCStopsTheRunningQueryAndTheShellGoesOn(@TempDir Path home) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // The pseudo-terminal gets a size (script's has none, and JLine draws a prompt that does not fit
        // as ">...."), and JLine's native access is allowed as ./teal allows it: its warning must not
        // reach the terminal, where "ALL-UNNAMED " would pass for the "D " prompt
        // The shell gets SIGINT and SIGHUP with their default disposition: a build started in the
        // background (nohup ... &) hands its children SIGINT ignored, and a JVM keeps an inherited
        // ignore (Ctrl-C could never reach the shell, and it outlived the test, computing)
        String shellJava = quote(java) + " --enable-native-access=ALL-UNNAMED -Duser.home=" + quote(home.toString()) + " -cp " + quote(System.getProperty("java.class.path"))
                + " io.tealdb.cli.Main";
        String command = "stty cols 120 rows 40; if env --default-signal=INT,HUP true 2>/dev/null; then exec env --default-signal=INT,HUP "
                + shellJava + "; else exec " + shellJava + "; fi";
        Process shell = new ProcessBuilder("script", "-qfec", command, "/dev/null").redirectErrorStream(true).start();
        Thread reader = Thread.ofPlatform().daemon().start(() -> drain(shell.getInputStream()));
        try {
            OutputStream keys = shell.getOutputStream();
            awaitOutput("D ", 60);
            type(keys, "SELECT count(*) FROM range(1000000) a(x), range(1000000) b(y) WHERE a.x + b.y = -1;\r");
            awaitOutput("= -1;", 20);
            int echoed = output.indexOf("= -1;") + 5;
            // Ctrl-C until the query stops: on a loaded machine the shell may not have started the
            // statement yet when the first one arrives. Never press again once the shell is back at
            // its prompt: two presses at an empty prompt quit the shell, as DuckDB's does.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Thread.sleep(1000);
            while (output.indexOf("Interrupted!") < 0 && output.indexOf("D ", echoed) < 0 && System.nanoTime() < deadline) {
                type(keys, "\u0003");
                for (int i = 0; i < 100 && output.indexOf("Interrupted!") < 0 && output.indexOf("D ", echoed) < 0; i++) Thread.sleep(50);
            }
            awaitOutput("D ", 20, echoed);
            assertTrue(output.indexOf("Interrupted!") >= 0, "no 'Interrupted!' on the terminal within 40 s: " + tail());
            type(keys, "SELECT 40 + 2 AS answer;\r");
            awaitOutput("42", 20);
            type(keys, ".quit\r");
            assertTrue(shell.waitFor(20, TimeUnit.SECONDS), "the shell did not quit: " + tail());
        } finally {
            shell.descendants().forEach(ProcessHandle::destroyForcibly); // the shell's JVM too, not only script
            shell.destroyForcibly();
            reader.join(5000);
        }
    }

    private void drain(InputStream in) {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        } catch (java.io.IOException ignored) {
            // the process ended
        }
    }

    private static void type(OutputStream keys, String text) throws java.io.IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private void awaitOutput(String text, int seconds) throws InterruptedException {
        awaitOutput(text, seconds, output.length());
    }

    private void awaitOutput(String text, int seconds, int from) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (output.indexOf(text, Math.max(0, from - text.length())) >= 0) return; // only what came after the wait began
            Thread.sleep(50);
        }
        fail("no '" + text + "' on the terminal within " + seconds + " s: " + tail());
    }

    private String tail() {
        String s = output.toString();
        return s.substring(Math.max(0, s.length() - 600));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
