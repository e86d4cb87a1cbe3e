package io.tealdb.execution;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import java.sql.Statement;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A table scan whose filters read only some of its columns reads those first and the others only
 * for the rows the filters keep (late materialization). The results equal DuckDB's with deleted
 * rows (visibility selections), committed and uncommitted updates in the columns read late, NULLs,
 * strings, all rows or no rows of a vector kept, and filters that read every column. With a join's
 * key set on the probe side as well, the key column is read and tested first and the filters'
 * other columns only for the rows the set keeps (compacted when it keeps at most half of a vector,
 * updated and deleted rows among them), which changes no result.
 */
class LateMaterializationScanTest {
    static final String[] SETUP = {
            "CREATE TABLE t (k INTEGER, d INTEGER, s VARCHAR, x DOUBLE, n BIGINT)",
            "INSERT INTO t SELECT range, range // 1000, CASE WHEN range % 7 = 0 THEN NULL ELSE 's' || (range % 1013) END,"
                    + " range * 0.5, CASE WHEN range % 5 = 0 THEN NULL ELSE range % 97 END FROM range(300000)",
            "DELETE FROM t WHERE k % 11 = 3",
            "UPDATE t SET s = 'upd' || k, x = -x WHERE k % 13 = 1 AND d BETWEEN 10 AND 40",
            "CREATE TABLE keys (kk INTEGER, tag INTEGER)",
            "INSERT INTO keys SELECT range * 3, range % 50 FROM range(100000)",
            "CREATE TABLE dense (dk INTEGER, dtag INTEGER)",
            "INSERT INTO dense SELECT range, range % 10 FROM range(20000)",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT k, s, x, n FROM t WHERE d = 17 ORDER BY k",
            "SELECT count(*), count(s), sum(x), sum(n), min(s), max(s) FROM t WHERE d BETWEEN 5 AND 35 AND k % 3 = 0",
            "SELECT count(*), sum(x), max(s) FROM t WHERE k >= 0",
            "SELECT count(*), sum(x) FROM t WHERE k < 0",
            "SELECT k, s FROM t WHERE n = 3 AND d < 30 ORDER BY k",
            "SELECT k, x FROM t WHERE s = 'upd1000' OR s = 's17' ORDER BY k",
            "SELECT count(*), sum(n) FROM t WHERE s IS NULL AND d > 250",
            "SELECT k, d, s, x, n FROM t WHERE k + d + n > 300000 ORDER BY k",
            // join key sets and filters on other columns, some columns read late: sparse sets (2% of
            // the keys: two stages, compacted), a dense one (80%), filters on updated (s, x) and plain (d, n) columns
            "SELECT count(*), sum(x), sum(n) FROM t, keys WHERE k = kk AND tag = 3 AND d BETWEEN 10 AND 200",
            "SELECT k, s, x FROM t, keys WHERE k = kk AND tag = 7 AND s LIKE 'upd%' ORDER BY k",
            "SELECT count(*), sum(x), sum(n) FROM t, keys WHERE k = kk AND tag < 40 AND n > 50 AND d <> 20",
            "SELECT count(*), sum(k), max(s) FROM t, keys WHERE k = kk AND tag = 11 AND x < 0",
            "SELECT count(*), sum(d) FROM t, keys WHERE k = kk AND tag IN (1, 2) AND s IS NULL",
            "SELECT count(*), sum(x), sum(n) FROM t, dense WHERE k = dk AND dtag <> 3 AND n > 50",
            "SELECT count(*), sum(d), max(s) FROM t, dense WHERE k = dk AND dtag <> 3 AND x < 0",
    })
    void equalsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT k, s, x FROM t WHERE d = 20 ORDER BY k",
            "SELECT count(*), count(s), sum(x), min(s) FROM t WHERE d BETWEEN 18 AND 22",
    })
    void seesItsOwnUncommittedUpdates(String sql) throws Exception {
        for (var c : new java.sql.Connection[] {db.teal(), db.duck()}) {
            try (Statement s = c.createStatement()) {
                s.execute("BEGIN");
                s.execute("UPDATE t SET s = 'txn' || k, x = x + 1 WHERE k % 4 = 0 AND d = 20");
                s.execute("DELETE FROM t WHERE k % 9 = 0 AND d = 21");
            }
        }
        try {
            assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
        } finally {
            for (var c : new java.sql.Connection[] {db.teal(), db.duck()}) {
                try (Statement s = c.createStatement()) {
                    s.execute("ROLLBACK");
                }
            }
        }
    }
}
