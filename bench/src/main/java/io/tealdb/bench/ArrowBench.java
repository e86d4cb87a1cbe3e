package io.tealdb.bench;

import io.tealdb.Connection;
import io.tealdb.Teal;
import io.tealdb.arrow.TealArrow;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Arrow interchange side by side with DuckDB JDBC in one JVM: exporting N rows of (BIGINT, DOUBLE,
 * VARCHAR, TIMESTAMP) (default 10M) as Arrow record batches and consuming them, and scanning an Arrow
 * stream in place with an aggregate query. Median of {@code --runs} after one warm-up.
 *
 * <pre>  bench/run ArrowBench [--rows 10000000] [--runs 5] [--batch 1000000]</pre>
 */
public final class ArrowBench {
    private ArrowBench() {
    }

    static final String DATA = "SELECT i AS a, i * 0.25 AS b, 'value-' || (i % 1000) AS c, "
            + "TIMESTAMP '2020-01-01' + INTERVAL (i) SECOND AS d FROM range(%d) t(i)";
    static final String AGG = "SELECT count(*), sum(a), sum(b), count(DISTINCT c), max(d) FROM %s";

    interface Body {
        long run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        long rows = 10_000_000L;
        int runs = 5;
        int batch = 1_000_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("usage: ArrowBench [--rows N] [--runs N] [--batch N]");
            }
        }
        final int batchRows = batch;
        try (BufferAllocator allocator = new RootAllocator();
             Connection teal = Teal.connect(Map.of("threads", "2"));
             java.sql.Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            teal.execute("CREATE TABLE t AS " + DATA.formatted(rows)).close();
            try (Statement s = duck.createStatement()) {
                s.execute("SET threads = 2");
                s.execute("CREATE TABLE t AS " + DATA.formatted(rows));
            }
            report("export: stream batches, consume all",
                    time(runs, () -> drain(TealArrow.arrowReader(teal.sql("SELECT * FROM t"), allocator, batchRows))),
                    time(runs, () -> {
                        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM t")) {
                            return drain((ArrowReader) ((DuckDBResultSet) rs).arrowExportStream(allocator, batchRows));
                        }
                    }));
            report("export: whole result as one table",
                    time(runs, () -> {
                        try (VectorSchemaRoot root = TealArrow.toArrow(teal.sql("SELECT * FROM t"), allocator)) {
                            return root.getRowCount();
                        }
                    }), -1);
            // import: a C stream exported by the other side's format-neutral producer (Arrow Java's reader of a
            // TealDB result on a second connection), aggregated in place
            try (Connection producer = teal.duplicate()) {
                report("import: aggregate over a C stream",
                        time(runs, () -> {
                            try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
                                TealArrow.exportArrayStream(producer.sql("SELECT * FROM t"), allocator, batchRows, stream);
                                try (ArrowReader in = Data.importArrayStream(allocator, stream)) {
                                    TealArrow.register(teal, "s", in);
                                    Object[] r = teal.sql(AGG.formatted("s")).fetchOne();
                                    teal.unregister("s");
                                    return ((Number) r[0]).longValue();
                                }
                            }
                        }),
                        time(runs, () -> {
                            try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
                                TealArrow.exportArrayStream(producer.sql("SELECT * FROM t"), allocator, batchRows, stream);
                                DuckDBConnection dc = duck.unwrap(DuckDBConnection.class);
                                dc.registerArrowStream("s", stream);
                                try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(AGG.formatted("s"))) {
                                    rs.next();
                                    return rs.getLong(1);
                                }
                            }
                        }));
            }
        }
    }

    private static long drain(ArrowReader reader) throws Exception {
        try (reader) {
            long n = 0;
            while (reader.loadNextBatch()) n += reader.getVectorSchemaRoot().getRowCount();
            return n;
        }
    }

    private static double time(int runs, Body body) throws Exception {
        body.run();
        double[] ms = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            body.run();
            ms[r] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    private static void report(String what, double tealMs, double duckMs) {
        if (duckMs < 0) {
            System.out.printf(Locale.ROOT, "%-38s TealDB %9.1f ms%n", what, tealMs);
        } else {
            System.out.printf(Locale.ROOT, "%-38s TealDB %9.1f ms   DuckDB %9.1f ms   ratio %.2fx%n", what, tealMs, duckMs, tealMs / duckMs);
        }
    }
}
