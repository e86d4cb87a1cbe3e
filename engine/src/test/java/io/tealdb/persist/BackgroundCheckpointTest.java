package io.tealdb.persist;

import io.tealdb.Connection;
import io.tealdb.Teal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The open option {@code background_checkpoints} (what {@code teal serve} uses): the automatic checkpoint
 * a commit triggers runs on a thread of its own while further commits from several connections go on;
 * every committed row is there after a reopen, and the log is folded into the file without a close.
 */
class BackgroundCheckpointTest {
    @TempDir
    Path dir;

    private static String render(Connection c, String sql) {
        StringBuilder sb = new StringBuilder();
        for (Object[] r : c.sql(sql).fetchAll()) sb.append(java.util.Arrays.deepToString(r)).append('\n');
        return sb.toString();
    }

    @Test
    void commitsGoOnWhileTheLogIsCheckpointedInTheBackground() throws Exception {
        Path f = dir.resolve("bg.db");
        Map<String, String> config = Map.of("checkpoint_threshold", "64KB", "background_checkpoints", "true");
        try (Connection c = Teal.connect(f.toString(), config)) {
            c.execute("CREATE TABLE t (k INTEGER, s VARCHAR)");
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                Connection own = c.duplicate();
                writers.add(Thread.ofPlatform().start(() -> {
                    try (own) {
                        for (int i = 0; i < 60; i++) {
                            int from = (writer * 60 + i) * 100;
                            own.execute("INSERT INTO t SELECT r, 'row ' || r FROM range(?, ? + 100) t(r)", from, from);
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                }));
            }
            for (Thread t : writers) t.join();
            assertNull(failure.get());
            assertEquals("[18000, 161991000]\n", render(c, "SELECT count(*), sum(k) FROM t"));
            // the background checkpoints fold the log into the file without a close: it ends far below the
            // ~1.5 MB of log records written (the wait is for the last checkpoint thread to finish)
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (Files.size(Path.of(f + ".wal")) >= 200_000 && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(Files.size(Path.of(f + ".wal")) < 200_000, "log was checkpointed: " + Files.size(Path.of(f + ".wal")));
        }
        try (Connection c = Teal.connect(f.toString())) {
            assertEquals("[18000, 161991000]\n", render(c, "SELECT count(*), sum(k) FROM t"));
        }
    }
}
