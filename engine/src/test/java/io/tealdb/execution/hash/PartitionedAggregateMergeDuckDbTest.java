package io.tealdb.execution.hash;

import io.tealdb.Connection;
import io.tealdb.Teal;
import io.tealdb.error.OutOfMemoryException;
import io.tealdb.testing.DuckDbTwins;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GROUP BY with hundreds of thousands of groups on two threads: the thread-local tables split into
 * hash partitions ({@link PartitionedAggregateTable}) and merge partition by partition, in parallel
 * ({@link AggregateHashTable#mergePartitions}). Every aggregate kind must come
 * through that merge as DuckDB computes it — plain folds, DISTINCT sets, ordered aggregates and
 * list / string states, holistic ones, FILTER, ROLLUP folded from the partitions — with NULL keys,
 * over 1,000,000 input rows (many chunks and morsels on both threads).
 */
class PartitionedAggregateMergeDuckDbTest {
    /**
     * t: k BIGINT ~400,000 groups (NULL every 53rd row); ks VARCHAR ~300,000 groups (NULL every
     * 61st row); g 7 values; s, v integers; d a DOUBLE with exact sums (halves), NULL every 11th row.
     */
    static final String[] SETUP = {
            "CREATE TABLE t AS SELECT CASE WHEN i % 53 = 0 THEN NULL ELSE (i * 7919) % 400000 END AS k, "
                    + "CASE WHEN i % 61 = 0 THEN NULL ELSE 'key-' || ((i * 104729) % 300000) END AS ks, "
                    + "'g' || (i % 7) AS g, i % 1000 AS s, i AS v, "
                    + "CASE WHEN i % 11 = 0 THEN NULL ELSE (i % 97) * 1.5 END::DOUBLE AS d FROM range(1000000) r(i)",
    };

    static DuckDbTwins twins;

    @BeforeAll
    static void setUp() throws Exception {
        twins = DuckDbTwins.open(2, SETUP);
    }

    @AfterAll
    static void tearDown() throws Exception {
        twins.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // integer key: counts, sums, min / max, avg and count over a nullable DOUBLE
            "SELECT k, count(*), sum(v), min(s), max(s), avg(d), count(d), sum(d) FROM t GROUP BY k ORDER BY k",
            // VARCHAR + VARCHAR keys: ordered string_agg and list states, first by order
            "SELECT ks, g, count(*), string_agg(CAST(v AS VARCHAR), ',' ORDER BY v), CAST(list(s ORDER BY v DESC) AS VARCHAR), "
                    + "first(v ORDER BY v) FROM t GROUP BY ks, g ORDER BY ks, g",
            // DISTINCT aggregates: their (group, value) sets follow the groups into the partitions
            "SELECT k, count(DISTINCT s % 10), sum(DISTINCT s % 7), count(*) FROM t GROUP BY k ORDER BY k",
            "SELECT ks, count(DISTINCT g), string_agg(DISTINCT g, '|' ORDER BY g) FROM t GROUP BY ks ORDER BY ks",
            // holistic aggregates keep every value of the group
            "SELECT k % 150000 AS k2, median(v), quantile_disc(s, 0.25), count(*) FROM t GROUP BY k2 ORDER BY k2",
            // FILTER, arg_min / arg_max, bool_and, string min / max
            "SELECT k, count(*) FILTER (WHERE s > 500), sum(v) FILTER (WHERE g = 'g3'), arg_min(s, v), arg_max(g, v), "
                    + "bool_and(s < 990), min(ks), max(g) FROM t GROUP BY k ORDER BY k",
            // ROLLUP: the coarser sets fold from the finest set's partitions
            "SELECT k, g, grouping(k, g), count(*), sum(s) FROM t GROUP BY ROLLUP (k, g) ORDER BY k, g, grouping(k, g)",
            // GROUPING SETS with a DISTINCT aggregate: each set merges on its own
            "SELECT k, g, grouping(k, g), count(DISTINCT s % 5), count(*) FROM t GROUP BY GROUPING SETS ((k), (g), ()) "
                    + "ORDER BY k, g, grouping(k, g)",
    })
    void manyGroupsMatchDuckDb(String sql) throws Exception {
        List<List<String>> rows = DuckDbTwins.rows(twins.duck(), sql);
        assertTrue(rows.size() > 100_000, "the query has many groups: " + rows.size());
        twins.assertSameRows(sql);
    }

    /**
     * Under a memory_limit the merge reserves what its partitions take: each limit of a sweep either
     * gives DuckDB's answer or fails with DuckDB's "Out of Memory Error" (never a Java
     * OutOfMemoryError or an internal error), and the sweep sees both.
     */
    @Test
    void mergeUnderMemoryLimitsAnswersOrFailsCleanly() throws Exception {
        String sql = "SELECT count(*), sum(c), sum(m) FROM (SELECT k, ks, count(*) AS c, max(v) AS m FROM t GROUP BY k, ks)";
        String expected = String.join("|", DuckDbTwins.rows(twins.duck(), sql).get(0));
        boolean answered = false;
        boolean failed = false;
        try (Connection con = Teal.connect(Map.of("threads", "2"))) {
            con.execute(SETUP[0]);
            for (String limit : List.of("8MB", "24MB", "48MB", "96MB", "160MB", "4GB")) {
                con.execute("SET memory_limit = '" + limit + "'");
                try {
                    Object[] row = con.execute(sql).fetchOne();
                    assertEquals(expected, row[0] + "|" + row[1] + "|" + row[2], limit);
                    answered = true;
                } catch (OutOfMemoryException e) {
                    assertTrue(e.describe().startsWith("Out of Memory Error: "), e.describe());
                    failed = true;
                }
            }
        }
        assertTrue(answered && failed, "the sweep crosses the limit: answered " + answered + ", failed " + failed);
    }
}
