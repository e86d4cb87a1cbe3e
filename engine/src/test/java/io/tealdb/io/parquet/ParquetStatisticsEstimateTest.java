package io.tealdb.io.parquet;

import io.tealdb.function.table.ParquetTableFunction;
import io.tealdb.storage.ColumnStatistics;
import io.tealdb.types.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the optimizer learns of Parquet columns from the footers (files written by DuckDB, several
 * row groups): min/max, nulls and a distinct estimate, from the row groups' dictionary sizes or the
 * value range, so joins between files are estimated from their keys (a fact file joined with a
 * 25-row dimension is not estimated at 25 rows) and get the order they get over tables.
 */
class ParquetStatisticsEstimateTest {
    @TempDir
    static Path dir;
    static Connection duck;
    static Connection teal;
    static final int FACT_ROWS = 300_000;

    @BeforeAll
    static void write() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        teal = DriverManager.getConnection("jdbc:teal:");
        try (Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT i AS id, i % 25 AS nk, CASE WHEN i % 10 = 0 THEN NULL ELSE (i % 1000) * 0.25 END::DECIMAL(10,2) AS price,"
                    + " DATE '2020-01-01' + (i % 700)::INTEGER AS day, 'name' || (i % 40) AS tag, md5(i::VARCHAR) AS note"
                    + " FROM range(" + FACT_ROWS + ") r(i)) TO '" + dir.resolve("fact.parquet") + "' (FORMAT parquet, ROW_GROUP_SIZE 50000)");
            s.execute("COPY (SELECT i AS nk, 'nation' || i AS name FROM range(25) r(i)) TO '" + dir.resolve("dim.parquet") + "' (FORMAT parquet)");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        duck.close();
        teal.close();
    }

    static ParquetTableFunction bind(String file) {
        return ParquetTableFunction.bind("read_parquet", List.of(Value.ofVarchar(dir.resolve(file).toString())), List.of(), List.of());
    }

    static long duckCount(String sql) throws SQLException {
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void footerStatisticsDescribeEachColumn() throws SQLException {
        ParquetTableFunction f = bind("fact.parquet");
        String file = "'" + dir.resolve("fact.parquet") + "'";
        int id = f.names().indexOf("id"), nk = f.names().indexOf("nk"), price = f.names().indexOf("price");
        int day = f.names().indexOf("day"), tag = f.names().indexOf("tag"), note = f.names().indexOf("note");

        ColumnStatistics ids = f.statistics(id);
        assertEquals(FACT_ROWS, ids.rowCount());
        assertEquals(0L, ids.min().object());
        assertEquals((long) FACT_ROWS - 1, ids.max().object());
        assertEquals(FACT_ROWS, ids.distinctEstimate(), "a unique key: its range holds one value per row");

        ColumnStatistics keys = f.statistics(nk);
        assertEquals(duckCount("SELECT count(DISTINCT nk) FROM " + file), keys.distinctEstimate());

        ColumnStatistics prices = f.statistics(price);
        assertEquals(duckCount("SELECT count(*) - count(price) FROM " + file), prices.nullCount());
        assertEquals(new BigDecimal("0.25"), prices.min().object());
        assertEquals(new BigDecimal("249.75"), prices.max().object());
        long distinctPrices = duckCount("SELECT count(DISTINCT price) FROM " + file);
        assertTrue(prices.distinctEstimate() >= distinctPrices && prices.distinctEstimate() <= 1000,
                "price values: " + prices.distinctEstimate() + ", exactly " + distinctPrices);

        ColumnStatistics days = f.statistics(day);
        assertEquals(duckCount("SELECT count(DISTINCT day) FROM " + file), days.distinctEstimate());
        assertEquals(duckCount("SELECT min(day) - DATE '1970-01-01' FROM " + file), ((Integer) days.min().object()).longValue());

        ColumnStatistics tags = f.statistics(tag);
        assertNull(tags.min(), "strings keep no bounds");
        assertEquals(duckCount("SELECT count(DISTINCT tag) FROM " + file), tags.distinctEstimate(), "from the dictionaries' sizes");

        ColumnStatistics notes = f.statistics(note);
        assertEquals(FACT_ROWS, notes.distinctEstimate(), "distinct strings without dictionaries: one per row");

        assertNull(f.statistics(f.names().indexOf("filename")), "a virtual column has no footer statistics");
        assertNotNull(f.statistics(id));
    }

    /** The estimated rows EXPLAIN shows for the first (top-most) join. */
    static long joinEstimate(String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Statement s = teal.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) plan.append(rs.getString(rs.getMetaData().getColumnCount())).append('\n');
        }
        Matcher m = Pattern.compile("HASH_JOIN\\s+\\(~(\\d+) rows\\)").matcher(plan);
        assertTrue(m.find(), plan.toString());
        return Long.parseLong(m.group(1));
    }

    @Test
    void joinsBetweenFilesAreEstimatedFromTheirKeys() throws SQLException {
        String fact = "read_parquet('" + dir.resolve("fact.parquet") + "')";
        String dim = "read_parquet('" + dir.resolve("dim.parquet") + "')";
        // (no aggregate on top: sum(price) GROUP BY name would be split below the join by eager aggregation)
        long estimate = joinEstimate("SELECT name, price FROM " + fact + " f JOIN " + dim + " d ON f.nk = d.nk");
        assertEquals(FACT_ROWS, estimate, "every fact row finds its one dimension row");
        // a range filter on a file column keeps its share of [min, max]
        long filtered = joinEstimate("SELECT name FROM " + fact + " f JOIN " + dim + " d ON f.nk = d.nk WHERE f.id < 30000");
        assertTrue(filtered > FACT_ROWS / 20 && filtered < FACT_ROWS / 5, "id < 30000 keeps a tenth: " + filtered);
        // and the answers are DuckDB's
        String q = "SELECT name, count(*), sum(price) FROM " + fact + " f JOIN " + dim + " d ON f.nk = d.nk WHERE f.id < 30000 GROUP BY name ORDER BY name";
        assertEquals(ParquetTestingFilesTest.rows(duck, q), ParquetTestingFilesTest.rows(teal, q));
    }
}
