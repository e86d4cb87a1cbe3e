package io.tealdb.bench;

import io.tealdb.Appender;
import io.tealdb.Connection;
import io.tealdb.Teal;
import io.tealdb.arrow.TealArrow;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;

/**
 * The embedded baselines of the ClickHouse HTTP bench ({@code bench/clickhouse/bench.py}): the same
 * N rows × 5 columns (BIGINT, DOUBLE, VARCHAR, TIMESTAMP, INTEGER) appended through the Java
 * appender, then {@code SELECT *} of them exported with {@code TealArrow.toArrow}. Best of
 * {@code --runs}.
 *
 * <pre>  bench/run ClickHouseBaseline [--rows 10000000] [--runs 3]</pre>
 */
public final class ClickHouseBaseline {
    private ClickHouseBaseline() {
    }

    public static void main(String[] args) {
        long rows = 10_000_000L;
        int runs = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("usage: ClickHouseBaseline [--rows N] [--runs N]");
            }
        }
        String[] names = new String[1000];
        for (int k = 0; k < names.length; k++) names[k] = "name-" + k;
        LocalDateTime base = LocalDateTime.of(2024, 1, 1, 0, 0);
        double bestInsert = 0, bestArrow = 0;
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int run = 0; run < runs; run++) {
                try (Connection teal = Teal.connect(Map.of())) {
                    teal.execute("CREATE TABLE t (id BIGINT, x DOUBLE, s VARCHAR, ts TIMESTAMP, k INTEGER)").close();
                    long t0 = System.nanoTime();
                    try (Appender app = teal.appender("t")) {
                        for (long i = 0; i < rows; i++) {
                            app.append(i).append(i * 0.25).append(names[(int) (i % 1000)])
                                    .append(base.plusSeconds(i % 86_400)).append((int) (i % 100_000)).endRow();
                        }
                    }
                    double insert = rows / ((System.nanoTime() - t0) / 1e9);
                    long t1 = System.nanoTime();
                    try (VectorSchemaRoot root = TealArrow.toArrow(teal.sql("SELECT * FROM t"), allocator)) {
                        if (root.getRowCount() != rows) throw new IllegalStateException("got " + root.getRowCount() + " rows");
                    }
                    double arrow = rows / ((System.nanoTime() - t1) / 1e9);
                    System.out.printf(Locale.ROOT, "run %d: appender %.0f rows/s, toArrow %.0f rows/s%n", run + 1, insert, arrow);
                    bestInsert = Math.max(bestInsert, insert);
                    bestArrow = Math.max(bestArrow, arrow);
                }
            }
        }
        System.out.printf(Locale.ROOT, "embedded best of %d, %d rows: appender %.0f rows/s, toArrow %.0f rows/s%n", runs, rows, bestInsert, bestArrow);
    }
}
