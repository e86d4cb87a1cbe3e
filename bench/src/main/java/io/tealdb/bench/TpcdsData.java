package io.tealdb.bench;

import io.trino.tpcds.Results;
import io.trino.tpcds.Scaling;
import io.trino.tpcds.ScalingInfo;
import io.trino.tpcds.Session;
import io.trino.tpcds.Table;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * TPC-DS data that matches DuckDB's answers in shared/tpcds/answers: generated with io.trino.tpcds
 * (Trino's Java port of dsdgen) with DuckDB's row counts, written as {@code '|'}-separated files (one
 * per table, NULL as an empty field, no trailing separator) and loaded with
 * {@code COPY t FROM 'f' (DELIMITER '|', HEADER false)} after the CREATE TABLEs of shared/tpcds/schema.
 *
 * <p>Why the row counts are corrected (shared/tpcds/README.md): below scale 1 DuckDB's dsdgen takes
 * the SF1 count times the table's multiplier and truncates {@code count * scale} (at least 1), except
 * for static tables with multiplier 1, while io.trino.tpcds interpolates (log-scaled tables) or rounds;
 * and DuckDB has 75 {@code reason} rows at SF1 where io.trino.tpcds has 35. The counts live in a
 * private map of {@link Scaling}, which is read and corrected by reflection (the library has no other
 * way to set them).
 */
public final class TpcdsData {

    /** Tables with more generator rows than this are generated in parallel chunks. */
    private static final long CHUNK_ROWS = 100_000;
    /** DuckDB's number of {@code reason} rows at SF1. */
    private static final long DUCKDB_REASON_SF1 = 75;

    private TpcdsData() {}

    /** The 24 table names, from shared/tpcds/schema. */
    public static List<String> tables(Path tpcds) throws IOException {
        try (Stream<Path> files = Files.list(tpcds.resolve("schema"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sql"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted()
                    .toList();
        }
    }

    /** A generator session at scale {@code sf} whose row counts are DuckDB's. */
    static Session session(double sf) {
        Session session = Session.getDefaultSession().withScale(sf);
        Map<Table, Long> counts = rowCounts(session.getScaling());
        if (sf < 1) {
            Map<Table, Long> sf1 = rowCounts(new Scaling(1));
            sf1.put(Table.REASON, DUCKDB_REASON_SF1);
            for (Table t : Table.values()) {
                ScalingInfo info = t.getScalingInfo();
                long multiplier = t.keepsHistory() ? 2 : 1;
                for (int i = 0; i < info.getMultiplier(); i++) {
                    multiplier *= 10;
                }
                boolean keep = scalingModel(info) == ScalingInfo.ScalingModel.STATIC && multiplier == 1;
                long n = keep ? sf1.get(t) : (long) (sf1.get(t) * sf);
                counts.put(t, Math.max(1, n));
            }
        } else if (sf == 1) {
            counts.put(Table.REASON, DUCKDB_REASON_SF1);
        }
        return session;
    }

    @SuppressWarnings("unchecked")
    private static Map<Table, Long> rowCounts(Scaling scaling) {
        try {
            Field f = Scaling.class.getDeclaredField("tableToRowCountMap");
            f.setAccessible(true);
            return (Map<Table, Long>) f.get(scaling);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("io.trino.tpcds changed: cannot set DuckDB's row counts", e);
        }
    }

    private static ScalingInfo.ScalingModel scalingModel(ScalingInfo info) {
        try {
            Field f = ScalingInfo.class.getDeclaredField("scalingModel");
            f.setAccessible(true);
            return (ScalingInfo.ScalingModel) f.get(info);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("io.trino.tpcds changed: cannot read the scaling model", e);
        }
    }

    /**
     * Writes {@code <table>.dat} for every table of shared/tpcds/schema into {@code dir}, unless a
     * complete set for this scale is already there (marker file {@code done-sf<N>}). Large tables are
     * generated in chunks on {@code threads} threads and concatenated.
     *
     * @return true if the files were generated, false if reused
     */
    public static boolean generate(Path tpcds, double sf, Path dir, int threads) throws IOException {
        Path marker = dir.resolve("done-sf" + sf);
        if (Files.exists(marker)) {
            return false;
        }
        Files.createDirectories(dir);
        Session session = session(sf);
        List<String> names = tables(tpcds);
        // a child table (store_returns ...) comes out of its parent's generation
        List<Table> roots = new ArrayList<>();
        for (String name : names) {
            Table t = Table.getTable(name);
            if (!t.isChild()) {
                roots.add(t);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> work = new ArrayList<>();
            List<Runnable> concat = new ArrayList<>();
            for (Table t : roots) {
                long rows = session.getScaling().getRowCount(t);
                int chunks = (int) Math.max(1, Math.min(64, rows / CHUNK_ROWS));
                for (int k = 0; k < chunks; k++) {
                    long first = 1 + rows * k / chunks;
                    long last = rows * (k + 1) / chunks;
                    int chunk = k;
                    work.add(pool.submit(() -> writeChunk(t, first, last, session, dir, chunk)));
                }
                concat.add(() -> concatenate(dir, t, chunks));
            }
            for (Future<?> f : work) {
                f.get();
            }
            concat.forEach(Runnable::run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("TPC-DS generation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Files.writeString(marker, "");
        return true;
    }

    private static Path chunkFile(Path dir, Table t, int chunk) {
        return dir.resolve(t.getName() + ".dat." + chunk);
    }

    private static Void writeChunk(Table t, long first, long last, Session session, Path dir, int chunk)
            throws IOException {
        Table child = t.hasChild() ? t.getChild() : null;
        try (Writer w = writer(chunkFile(dir, t, chunk));
             Writer cw = child == null ? null : writer(chunkFile(dir, child, chunk))) {
            for (List<List<String>> rows : Results.constructResults(t, first, last, session)) {
                writeRow(w, rows.get(0));
                if (cw != null && rows.size() > 1 && rows.get(1) != null) {
                    writeRow(cw, rows.get(1));
                }
            }
        }
        return null;
    }

    private static Writer writer(Path p) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8), 1 << 16);
    }

    private static void writeRow(Writer w, List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                w.write('|');
            }
            String v = values.get(i);
            if (v != null) {
                w.write(v);
            }
        }
        w.write('\n');
    }

    private static void concatenate(Path dir, Table t, int chunks) {
        List<Table> tables = t.hasChild() ? List.of(t, t.getChild()) : List.of(t);
        try {
            for (Table x : tables) {
                Path out = dir.resolve(x.getName() + ".dat");
                try (FileChannel o = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    for (int k = 0; k < chunks; k++) {
                        Path part = chunkFile(dir, x, k);
                        try (FileChannel in = FileChannel.open(part)) {
                            long size = in.size();
                            for (long pos = 0; pos < size; ) {
                                pos += in.transferTo(pos, size - pos, o);
                            }
                        }
                        Files.delete(part);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the CREATE TABLEs of shared/tpcds/schema on {@code c}. */
    public static void createTables(Connection c, Path tpcds) throws IOException, SQLException {
        try (Statement s = c.createStatement()) {
            for (String t : tables(tpcds)) {
                String ddl = Files.readString(tpcds.resolve("schema").resolve(t + ".sql")).strip();
                s.execute(ddl.endsWith(";") ? ddl.substring(0, ddl.length() - 1) : ddl);
            }
        }
    }

    /**
     * Creates the tables and loads every {@code <table>.dat} of {@code dir} with COPY.
     *
     * @return the number of rows loaded
     */
    public static long load(Connection c, Path tpcds, Path dir) throws IOException, SQLException {
        createTables(c, tpcds);
        long rows = 0;
        try (Statement s = c.createStatement()) {
            for (String t : tables(tpcds)) {
                String file = dir.resolve(t + ".dat").toAbsolutePath().toString().replace("'", "''");
                s.execute(String.format(Locale.ROOT, "COPY %s FROM '%s' (DELIMITER '|', HEADER false)", t, file));
                rows += Math.max(0, s.getUpdateCount());
            }
        }
        return rows;
    }

    /** The text of query {@code q} (1..99) without its final semicolon. */
    public static String query(Path tpcds, int q) throws IOException {
        String sql = Files.readString(tpcds.resolve("queries").resolve(String.format(Locale.ROOT, "%02d.sql", q)))
                .strip();
        return sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
    }

    /** The expected answer of query {@code q} at scale directory {@code sfDir} (e.g. "sf0.01"). */
    public static Path answer(Path tpcds, String sfDir, int q) {
        return tpcds.resolve("answers").resolve(sfDir).resolve(String.format(Locale.ROOT, "%02d.csv", q));
    }

    /** The folder shared/tpcds above the working directory. */
    public static Path shared() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path t = d.resolve("shared").resolve("tpcds");
            if (Files.isDirectory(t.resolve("queries"))) {
                return t;
            }
        }
        throw new IllegalStateException("no folder shared/tpcds above the working directory");
    }
}
