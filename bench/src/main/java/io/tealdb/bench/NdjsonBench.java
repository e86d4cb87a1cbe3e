package io.tealdb.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Reading a newline-delimited JSON file into a table, TealDB and DuckDB JDBC side by side in one JVM.
 *
 * <pre>
 *   NdjsonBench [--rows 2750000] [--runs 3] [--file /tmp/tealdb-lineitem.ndjson]
 * </pre>
 * The file is written once by DuckDB ({@code COPY (SELECT * FROM lineitem LIMIT rows) TO … (FORMAT json)};
 * 2.75M rows of TPC-H lineitem are about 1 GB), from ParquetBench's lineitem.parquet when it exists,
 * else from generated TPC-H SF1 data; an existing file is reused. Each run times
 * {@code CREATE TABLE t AS SELECT * FROM read_json('file')} on both engines (which goes first
 * alternates), then both tables are compared on their row count and column sums.
 */
public final class NdjsonBench {
    private NdjsonBench() {
    }

    public static void main(String[] args) throws Exception {
        long rows = 2_750_000;
        int runs = 3;
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "tealdb-lineitem.ndjson");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--file" -> file = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: NdjsonBench [--rows 2750000] [--runs 3] [--file F]");
            }
        }
        if (!Files.exists(file)) generate(file, rows);
        else System.out.println("using " + file);
        System.out.printf(Locale.ROOT, "%s: %,d bytes%n", file, Files.size(file));

        Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Connection teal = DriverManager.getConnection(TpchBench.TEAL_URL);
        String load = "CREATE TABLE t AS SELECT * FROM read_json('" + file + "')";
        double[] dt = new double[runs], tt = new double[runs];
        for (int r = 0; r < runs; r++) {
            for (int k = 0; k < 2; k++) {
                boolean tealTurn = (r + k) % 2 == 0;
                Connection c = tealTurn ? teal : duck;
                update(c, "DROP TABLE IF EXISTS t");
                long t0 = System.nanoTime();
                update(c, load);
                double ms = (System.nanoTime() - t0) / 1e6;
                if (tealTurn) tt[r] = ms;
                else dt[r] = ms;
            }
            System.out.printf(Locale.ROOT, "run %d: TealDB %.0f ms, DuckDB %.0f ms%n", r + 1, tt[r], dt[r]);
        }
        String check = "SELECT count(*), sum(l_orderkey), sum(l_partkey), round(sum(l_extendedprice), 2), count(DISTINCT l_comment),"
                + " min(l_shipdate)::VARCHAR, max(l_shipmode) FROM t";
        String tealSums = row(teal, check), duckSums = row(duck, check);
        double tm = TpchBench.median(tt), dm = TpchBench.median(dt);
        System.out.printf(Locale.ROOT, "read_json into a table: TealDB %.0f ms, DuckDB %.0f ms, ratio %.2f; same rows and sums: %s%n",
                tm, dm, tm / dm, tealSums.equals(duckSums) ? "yes" : "NO (TealDB " + tealSums + ", DuckDB " + duckSums + ")");
        duck.close();
        teal.close();
    }

    private static void generate(Path file, long rows) throws SQLException {
        Path parquet = Path.of(System.getProperty("java.io.tmpdir"), "tealdb-tpch-parquet-sf1", "lineitem.parquet");
        long t0 = System.nanoTime();
        try (Connection gen = DriverManager.getConnection("jdbc:duckdb:"); Statement s = gen.createStatement()) {
            String source;
            if (Files.exists(parquet)) {
                source = "read_parquet('" + parquet + "')";
            } else {
                TpchLoader.load(gen, 1, DuckDbAppenderSink.factory(gen));
                source = "lineitem";
            }
            s.execute("COPY (SELECT * FROM " + source + " ORDER BY l_orderkey, l_linenumber LIMIT " + rows + ") TO '" + file
                    + "' (FORMAT json)");
        }
        System.out.printf(Locale.ROOT, "DuckDB wrote %,d lineitem rows as ndjson to %s in %.1f s%n", rows, file, (System.nanoTime() - t0) / 1e9);
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String row(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) b.append(i > 1 ? ", " : "").append(rs.getString(i));
            return b.toString();
        }
    }
}
