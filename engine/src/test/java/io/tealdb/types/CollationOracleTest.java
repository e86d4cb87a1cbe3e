package io.tealdb.types;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.util.List;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * COLLATE (nocase, noaccent, nfc and their combinations) against DuckDB on 7,000 generated strings
 * in mixed case with accented letters (several 2,048-row chunks, NULLs included): comparisons,
 * IN lists and IN subqueries, LIKE/ILIKE/GLOB, the searching functions, collations declared on a
 * column, propagation through string functions, window partitions, joins, and the equality
 * between a string and another type (DuckDB casts the string).
 */
class CollationOracleTest {
    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2,
                "CREATE TABLE w AS SELECT i, CASE WHEN i % 101 = 0 THEN NULL ELSE "
                        + "(['Ab', 'aB', 'Äb', 'äB', 'Über', 'uber', 'ÜBER', 'Mühle', 'MUHLE', 'déjà', 'DEJA', 'x'])[1 + i % 12] "
                        + "|| (i % 7)::VARCHAR END AS s, (['ab', 'über', 'muhle', 'DEJA'])[1 + i % 4] || (i % 5)::VARCHAR AS p FROM range(7000) t(i)",
                "CREATE TABLE c(s VARCHAR COLLATE NOACCENT.NOCASE, k INTEGER)",
                "INSERT INTO c SELECT s, i FROM w WHERE i < 3000");

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT i, s COLLATE NOCASE = p, s COLLATE NOACCENT = p, s = p COLLATE NOACCENT.NOCASE, s COLLATE NOCASE < p FROM w ORDER BY i",
            "SELECT i, s COLLATE NOCASE IN ('ab1', 'UBER2', p), s COLLATE NOACCENT.NOCASE NOT IN ('deja3', 'muhle4') FROM w ORDER BY i",
            "SELECT i, s COLLATE NOCASE LIKE 'a%', s COLLATE NOACCENT ILIKE 'u%', s COLLATE NOCASE GLOB 'M*', s LIKE p || '%' COLLATE NOACCENT.NOCASE FROM w ORDER BY i",
            "SELECT i, contains(s COLLATE NOCASE, 'B'), strpos(s COLLATE NOACCENT.NOCASE, 'E'), starts_with(s COLLATE NOACCENT, 'U'), "
                    + "instr(s COLLATE NOCASE, 'HL') FROM w ORDER BY i",
            "SELECT i, s COLLATE NOCASE BETWEEN 'a' AND 'M' FROM w ORDER BY i",
            "SELECT count(*) FROM c WHERE s = 'muhle1'",
            "SELECT k, s FROM c WHERE s IN ('ab0', 'deja5', 'UBER3') ORDER BY k",
            "SELECT count(*) FROM w WHERE s COLLATE NOCASE IN (SELECT p FROM w WHERE i < 50)",
            "SELECT lower(s COLLATE NOACCENT) = 'uber1', concat(s COLLATE NOCASE, '') = 'AB0' FROM w ORDER BY i",
            "SELECT i, count(*) OVER (PARTITION BY s COLLATE NOACCENT.NOCASE) FROM w ORDER BY i",
            "SELECT count(*) FROM c JOIN w ON c.s = w.p",
            "SELECT i, i::VARCHAR = i, i % 10 IN (right(p, 1), (i % 5)::VARCHAR), true = (i % 2)::VARCHAR, (i % 2 = 0) = 1 FROM w ORDER BY i",
    })
    void sameAsDuckDb(String sql) throws SQLException {
        db.assertSameRows(sql);
    }

    @Test
    void sortsByTheCollationKey() throws SQLException {
        // ties under the collation may come in any order: compare the keys of the sorted rows
        String sql = "SELECT lower(strip_accents(s)) FROM (SELECT s FROM w ORDER BY s COLLATE NOACCENT.NOCASE NULLS LAST)";
        assertEquals(rows(db.duck(), sql).stream().map(r -> r.get(0)).toList(), rows(db.teal(), sql).stream().map(r -> r.get(0)).toList());
    }

    @Test
    void aColumnKeepsItsCollationInADatabaseFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws SQLException {
        String url = "jdbc:teal:" + dir.resolve("c.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t(s VARCHAR COLLATE NOCASE)");
            s.execute("INSERT INTO t VALUES ('Hello'), ('WORLD')");
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url)) {
            assertEquals(List.of(List.of("Hello")), rows(c, "SELECT s FROM t WHERE s = 'hello'"));
        }
    }

    @Test
    void unknownCollationAndNonStringAreErrors() {
        SQLException e = assertThrows(SQLException.class, () -> rows(db.teal(), "SELECT 'a' COLLATE nosuch"));
        assertTrue(e.getMessage().contains("Collation with name nosuch does not exist"), e.getMessage());
        assertThrows(SQLException.class, () -> rows(db.teal(), "SELECT 1 COLLATE nocase"));
        assertThrows(SQLException.class, () -> rows(db.teal(), "SELECT i > i::VARCHAR FROM w"));
    }
}
