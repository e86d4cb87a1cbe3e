package io.tealdb.tpch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison must reject wrong answers (checked with DuckDB producing the actual values). */
class TpchAnswersTest {

    @TempDir
    Path dir;

    private String compare(String csv, String sql) throws Exception {
        Path f = dir.resolve("a.csv");
        Files.writeString(f, csv);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return TpchAnswers.read(f).compare(rs);
        }
    }

    @Test
    void acceptsNumericallyEqualValues() throws Exception {
        assertNull(compare("a|b|c|d\n37734107|0.30000000000000004|x|1995-03-15\n",
                "SELECT 37734107.00::DECIMAL(15,2), 0.1::DOUBLE + 0.2::DOUBLE, 'x', DATE '1995-03-15'"));
    }

    @Test
    void nullIsEmptyField() throws Exception {
        assertNull(compare("avg_yearly\n\n", "SELECT NULL::DOUBLE"));
        assertNotNull(compare("avg_yearly\n1.0\n", "SELECT NULL::DOUBLE"));
    }

    @Test
    void rejectsDifferences() throws Exception {
        String m = compare("a|b\n1.00|x\n2.00|y\n", "SELECT * FROM (VALUES (1.00::DECIMAL(15,2), 'x'), (2.01, 'y'))");
        assertNotNull(m);
        assertTrue(m.contains("row 2") && m.contains("2.00") && m.contains("2.01"), m);
        assertNotNull(compare("a\n1.0\n", "SELECT 1.00000001::DOUBLE"));
        assertNotNull(compare("a\nx\n", "SELECT 'X'"));
        assertNotNull(compare("a\n1\n", "SELECT 1, 2"));
        assertNotNull(compare("a\n1\n2\n", "SELECT 1"));
        assertNotNull(compare("a\n1\n", "SELECT 1 UNION ALL SELECT 2"));
    }

    @Test
    void generatedDatesMatchDbgenText() {
        io.trino.tpch.Order o = io.trino.tpch.TpchTable.ORDERS.createGenerator(0.01, 1, 1).iterator().next();
        String[] fields = o.toLine().split("\\|");
        assertEquals(fields[4], TpchData.date(o.orderDate()).toString());
    }
}
