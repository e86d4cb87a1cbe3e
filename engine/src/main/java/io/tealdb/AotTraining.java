package io.tealdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A short, generic analytical workload for the JVM's ahead-of-time cache (JDK 25+, JEP 483/515):
 * {@code java -XX:AOTCacheOutput=teal.aot -cp <classpath> io.tealdb.AotTraining} runs it, and a JVM
 * started with {@code -XX:AOTCache=teal.aot} then finds the engine's classes loaded and linked, its
 * lambdas resolved and the method profiles of this run, so a process's first query is compiled
 * sooner. The {@code teal} launcher builds such a cache by itself; an embedding application can run
 * this class with its own classpath (the cache is only used with the same classpath and JDK).
 *
 * <p>The workload: a database file with a fact table (integers, decimals, dates, short strings)
 * and a dimension table, closed and reopened (the checkpointed segments are decoded again), then
 * filters, decimal arithmetic, grouped aggregates, hash joins, semi joins, DISTINCT, windows,
 * sorts and top-n, through the embedded API and through JDBC. It prints nothing and deletes its
 * files.
 */
public final class AotTraining {
    static final String[] SETUP = {
            "CREATE TABLE fact AS SELECT i AS id, (i % 1000)::INTEGER AS k, (i % 7)::VARCHAR AS s,"
                    + " CASE WHEN i % 3 = 0 THEN 'A' WHEN i % 3 = 1 THEN 'N' ELSE 'R' END AS flag,"
                    + " (i % 50000 * 0.01)::DECIMAL(15,2) AS price, ((i % 10) * 0.01)::DECIMAL(15,2) AS disc,"
                    + " ((i % 40) + 1)::DECIMAL(15,2) AS qty, DATE '1993-01-01' + (i % 2400)::INTEGER AS d,"
                    + " i * 1.5 AS x, 'comment ' || (i % 997) AS note FROM range(400000) t(i)",
            "CREATE TABLE dim AS SELECT i AS k, 'name' || i AS name, (i % 25)::INTEGER AS g, (i % 5)::VARCHAR AS region FROM range(1000) t(i)",
            "CREATE VIEW v AS SELECT * FROM fact WHERE flag <> 'R'",
            "CHECKPOINT"};

    static final String[] QUERIES = {
            "SELECT flag, s, sum(qty), sum(price), sum(price * (1 - disc)), sum(price * (1 - disc) * (1 + disc)),"
                    + " avg(qty), avg(price), avg(disc), count(*) FROM fact WHERE d <= DATE '1998-09-02' GROUP BY flag, s ORDER BY flag, s",
            "SELECT sum(price * disc) FROM fact WHERE d >= DATE '1994-01-01' AND d < DATE '1995-01-01' AND disc BETWEEN 0.05 AND 0.07 AND qty < 24",
            "SELECT g, region, count(*), sum(x), min(name), max(d) FROM fact JOIN dim USING (k) WHERE s <> '3' GROUP BY g, region ORDER BY 4 DESC LIMIT 10",
            "SELECT name, sum(price * (1 - disc)) AS rev FROM fact JOIN dim ON fact.k = dim.k WHERE name LIKE '%1%' AND d < DATE '1996-01-01'"
                    + " GROUP BY name ORDER BY rev DESC, name LIMIT 20",
            "SELECT k, count(DISTINCT s), sum(x) FILTER (WHERE flag = 'A') FROM fact GROUP BY k HAVING count(*) > 10 ORDER BY k",
            "SELECT extract(year FROM d) AS y, count(*), sum(qty) FROM fact WHERE id IN (SELECT id FROM fact WHERE k = 5) GROUP BY y ORDER BY y",
            "SELECT * FROM (SELECT id, k, price, row_number() OVER (PARTITION BY k ORDER BY price DESC, id) AS r FROM fact WHERE k < 50) WHERE r <= 3 ORDER BY k, r",
            "SELECT s, flag, round(avg(x), 2) FROM fact WHERE EXISTS (SELECT 1 FROM dim WHERE dim.k = fact.k AND dim.g = 3) GROUP BY ALL ORDER BY ALL",
            "SELECT region, count(*) FROM dim WHERE k NOT IN (SELECT k FROM fact WHERE qty > 39) GROUP BY region ORDER BY region",
            "SELECT note, count(*) AS c FROM v WHERE note LIKE 'comment 1%' GROUP BY note ORDER BY c DESC, note LIMIT 5",
            "SELECT date_trunc('month', d) AS m, sum(CASE WHEN flag = 'A' THEN price ELSE 0 END) / sum(price) FROM fact"
                    + " WHERE d BETWEEN DATE '1995-01-01' AND DATE '1995-12-31' GROUP BY m ORDER BY m",
            "SELECT id, k, x FROM fact ORDER BY x DESC LIMIT 10",
            "SELECT count(*) FROM (SELECT DISTINCT k, s FROM fact)"};

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tealdb-aot-training");
        try {
            run(dir.resolve("training.db"), 3);
        } finally {
            deleteTree(dir);
        }
    }

    /** Builds the database file at {@code db}, then runs the queries {@code rounds} times per API. */
    static void run(Path db, int rounds) throws SQLException {
        try (Connection c = Teal.connect(db.toString())) {
            for (String sql : SETUP) c.execute(sql).close();
        }
        try (Connection c = Teal.connect(db.toString())) {
            for (int r = 0; r < rounds; r++) {
                for (String sql : QUERIES) {
                    try (Result result = c.execute(sql)) {
                        // the shell's default output
                        result.toBoxString();
                    }
                }
            }
        }
        try (java.sql.Connection c = DriverManager.getConnection("jdbc:teal:" + db); Statement s = c.createStatement()) {
            for (int r = 0; r < rounds; r++) {
                for (String sql : QUERIES) {
                    try (ResultSet rs = s.executeQuery(sql)) {
                        int cols = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= cols; i++) rs.getString(i);
                        }
                    }
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
