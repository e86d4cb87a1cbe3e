package io.tealdb.io.parquet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static io.tealdb.io.parquet.ParquetTestingFilesTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Nested columns in files DuckDB writes (LIST, STRUCT, MAP and their combinations to depth three,
 * NULLs and empty lists at every level, 12,000 rows in row groups of 5,000 so that records cross
 * chunks, pages and row groups; pages v1 and v2, two codecs) read by TealDB give DuckDB's rows,
 * whole and by projection and filter; and the same columns written by TealDB read identically in
 * DuckDB and in TealDB.
 */
class ParquetNestedReadOracleTest {
    @TempDir
    static Path dir;
    static Connection duck;
    static Connection teal;

    static final String NESTED_QUERY = """
            SELECT i,
                   CASE WHEN i % 9 = 0 THEN NULL WHEN i % 9 = 1 THEN [] ELSE [i, NULL, i * 2, i % 5] END AS li,
                   CASE WHEN i % 11 = 0 THEN NULL ELSE ['s' || i, NULL, repeat('x', i % 40)] END AS ls,
                   CASE WHEN i % 13 = 0 THEN NULL ELSE [[i, i + 1], NULL, [], [NULL, i % 3]] END AS lli,
                   CASE WHEN i % 7 = 0 THEN NULL
                        ELSE {'a': CASE WHEN i % 3 = 0 THEN NULL ELSE i END, 'b': 'v' || i, 'c': [i % 4, i % 6]} END AS st,
                   CASE WHEN i % 5 = 0 THEN NULL
                        ELSE [{'x': i, 'y': CASE WHEN i % 2 = 0 THEN NULL ELSE [i::DOUBLE / 4] END}, NULL] END AS lst,
                   CASE WHEN i % 6 = 0 THEN NULL ELSE MAP {'k' || (i % 10): i, 'z': CASE WHEN i % 4 = 0 THEN NULL ELSE i * 3 END} END AS m,
                   CASE WHEN i % 17 = 0 THEN NULL ELSE MAP {i: [i, NULL], -i: []} END AS ml,
                   {'deep': {'deeper': [CASE WHEN i % 3 = 0 THEN NULL ELSE {'v': i % 100} END]}} AS sss,
                   range(i % 30) AS long_list,
                   i % 2 = 0 AS flag
            FROM range(0, 12000) r(i)""";

    @BeforeAll
    static void write() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        teal = DriverManager.getConnection("jdbc:teal:");
        try (Statement s = duck.createStatement()) {
            s.execute("COPY (" + NESTED_QUERY + ") TO '" + file("v1") + "' (FORMAT parquet, ROW_GROUP_SIZE 5000)");
            s.execute("COPY (" + NESTED_QUERY + ") TO '" + file("v2") + "' (FORMAT parquet, ROW_GROUP_SIZE 5000, PARQUET_VERSION v2, COMPRESSION zstd)");
        }
    }

    static String file(String name) {
        return dir.resolve(name + ".parquet").toString();
    }

    @AfterAll
    static void close() throws SQLException {
        duck.close();
        teal.close();
    }

    @org.junit.jupiter.api.Test
    void nestedColumnsTealDbWritesReadTheSameInDuckDb() throws SQLException {
        for (String options : new String[]{"ROW_GROUP_SIZE 5000", "COMPRESSION zstd"}) {
            String f = file("teal_" + options.replace(' ', '_'));
            try (Statement s = teal.createStatement()) {
                s.execute("COPY (" + NESTED_QUERY + ") TO '" + f + "' (FORMAT parquet, " + options + ")");
            }
            String expected = "SELECT * FROM (" + NESTED_QUERY + ") ORDER BY i";
            String read = "SELECT * FROM read_parquet('" + f + "') ORDER BY i";
            assertEquals(rows(duck, expected), rows(duck, read), options);
            assertEquals(rows(duck, read), rows(teal, read), options);
            String types = "SELECT typeof(li), typeof(lli), typeof(st), typeof(lst), typeof(m), typeof(ml), typeof(sss) FROM read_parquet('" + f + "') LIMIT 1";
            assertEquals(rows(duck, types), rows(teal, types), options);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v1|SELECT * FROM read_parquet(FILE) ORDER BY i",
            "v2|SELECT * FROM read_parquet(FILE) ORDER BY i",
            "v1|SELECT i, lst, m FROM read_parquet(FILE) WHERE i % 100 < 3 ORDER BY i",
            "v2|SELECT typeof(li), typeof(lli), typeof(st), typeof(lst), typeof(m), typeof(ml), typeof(sss) FROM read_parquet(FILE) LIMIT 1",
            "v1|SELECT count(*), sum(len(long_list)), sum(list_sum(li)), count(st), count(m['z']), sum(m['z']) FROM read_parquet(FILE)",
            "v2|SELECT i, unnest(li) FROM read_parquet(FILE) WHERE i BETWEEN 4000 AND 6100 ORDER BY ALL",
            "v1|SELECT st.a, st.c, sss.deep.deeper FROM read_parquet(FILE) WHERE flag ORDER BY i LIMIT 3000",
    })
    void sameRowsAsDuckDb(String file, String sql) throws SQLException {
        String q = sql.replace("FILE", "'" + file(file) + "'");
        assertEquals(rows(duck, q), rows(teal, q), q);
    }
}
