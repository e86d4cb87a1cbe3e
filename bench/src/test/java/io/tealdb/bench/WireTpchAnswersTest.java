package io.tealdb.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link WireTpchBench} at SF 0.01: all 22 TPC-H answers are right through pgjdbc against the server, and embedded. */
class WireTpchAnswersTest {
    @TempDir
    Path dir;

    @Test
    void everyAnswerIsRightOverTheWire() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<WireTpchBench.QueryTiming> timings = WireTpchBench.run("0.01", 1, IntStream.rangeClosed(1, 22).boxed().toList(), dir, null,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(22, timings.size());
        for (WireTpchBench.QueryTiming t : timings) {
            assertTrue(t.wireOk().equals("yes") && t.embeddedOk().equals("yes"),
                    () -> "Q" + t.query() + ": wire " + t.wireOk() + ", embedded " + t.embeddedOk() + "\n" + log.toString(StandardCharsets.UTF_8));
        }
    }
}
